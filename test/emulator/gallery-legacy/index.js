'use strict';

/**
 * The legacy Gallery API (`/gallery/api/`, Alteryx Server 2021.4 and older) beside the Server
 * emulator's `/webapi/`, on the same port and the same store: the workflows, users and jobs are
 * the same under both. Requests to `/gallery/api/` are OAuth 1.0a signed (verified by
 * ./signature.js, strict RFC 5849 or lenient); the V1 subscription endpoints are also served
 * under `/webapi/v1/` with the OAuth2 bearer token, as 2022.1+ servers do. See README.md.
 *
 *   const { startGalleryLegacyEmulator } = require('./test/emulator/gallery-legacy');
 *   const emulator = await startGalleryLegacyEmulator({ signatureMode: 'strict' });
 *   emulator.galleryApiUrl            // http://127.0.0.1:<port>/gallery/api/
 *   emulator.galleryCredentialData()  // { galleryApiUrl, apiKey, apiSecret, ignoreSSLIssues }
 */

const { AlteryxServerEmulator } = require('..');
const { authorize } = require('../auth');
const {
	json,
	bytes,
	notFound,
	badRequest,
	forbidden,
	contentDisposition,
} = require('../responses');
const { publishedVersion, findUserByApiKey } = require('../store');
const { createJob, jobStatus, jobDisposition, jobMessages } = require('../jobs-runner');
const { renderOutput } = require('../output-files');
const { canViewWorkflow, canExecuteWorkflow, canViewJob } = require('../routes/common');
const { verifySignature } = require('./signature');

/** The body a legacy Gallery answers to a signature it rejects (reference §7, [S15]). */
const INVALID_SIGNATURE_BODY = Object.freeze({
	data: null,
	exceptionName: 'UnauthorizedException',
	innerExceptionMessage: '',
	message: 'The provided signature(oauth_signature) is invalid.',
});

const SIGNATURE_MODES = ['strict', 'lenient'];

function galleryUnauthorized(message = INVALID_SIGNATURE_BODY.message) {
	return json(401, { ...INVALID_SIGNATURE_BODY, message });
}

// ---- V1 views -------------------------------------------------------------------------------

function packageTypeOf(version) {
	return version.packageWorkflowType === 'App' || version.packageWorkflowType === 'Macro'
		? version.packageWorkflowType
		: 'Workflow';
}

/** WorkflowApiView (reference §6.1). */
function workflowApiView(state, workflow, now) {
	const version = publishedVersion(workflow);
	const owner = state.users.get(workflow.ownerId);
	let runCount = 0;
	for (const job of state.jobs.values())
		if (job.workflowId === workflow.id && jobStatus(job, now) === 'Completed') runCount++;
	return {
		id: workflow.id,
		subscriptionId: owner ? owner.subscriptionId : null,
		public: workflow.isPublic,
		runDisabled: Boolean(version.runDisabled),
		packageType: packageTypeOf(version),
		uploadDate: version.uploadDate,
		fileName: version.details.fileName,
		metaInfo: {
			name: workflow.name,
			description: version.details.description,
			author: version.details.author,
			copyright: version.details.copyright,
			url: version.details.url,
			urlText: version.details.urlText,
			outputMessage: version.details.outputMessage,
			noOutputFilesMessage: version.details.noOutputFilesMessage,
		},
		isChained: false,
		version: version.versionNumber,
		runCount,
		workerTag: workflow.workerTag,
		isE2: false,
	};
}

/** JobApiView of V1: like V3's, with `createDate`. */
function jobApiView(job, now, includeMessages) {
	const status = jobStatus(job, now);
	const view = {
		id: job.id,
		appId: job.workflowId,
		createDate: new Date(job.createdAtMs).toISOString(),
		status,
		disposition: jobDisposition(job, now),
		outputs: (status === 'Completed' ? job.outputs : []).map((o) => ({
			id: o.id,
			availableFormats: [...o.availableFormats],
			fileName: o.fileName,
		})),
		priority: job.priority,
		workerTag: job.workerTag,
		runWithE2: job.runWithE2,
	};
	if (includeMessages) view.messages = jobMessages(job, now);
	return view;
}

// ---- V1 handlers (ctx: { method, params, query: URLSearchParams, body, user, now, state }) ---

function visibleWorkflow(ctx) {
	const workflow = ctx.state.workflows.get(ctx.params.appId);
	return workflow && canViewWorkflow(ctx.state, ctx.user, workflow) ? workflow : null;
}

function pageOf(list, query) {
	const offset = Number(query.get('offset') || 0) || 0;
	const limit = query.get('limit');
	return limit === null || limit === ''
		? list.slice(offset)
		: list.slice(offset, offset + Number(limit));
}

function subscriptionWorkflows(ctx) {
	const search = String(ctx.query.get('search') || '').toLowerCase();
	const list = [...ctx.state.workflows.values()]
		.filter((w) => canViewWorkflow(ctx.state, ctx.user, w))
		.filter((w) => !search || w.name.toLowerCase().includes(search))
		.sort((a, b) => (a.dateCreated < b.dateCreated ? 1 : -1));
	return json(
		200,
		pageOf(list, ctx.query).map((w) => workflowApiView(ctx.state, w, ctx.now)),
	);
}

function questions(ctx) {
	const workflow = visibleWorkflow(ctx);
	if (!workflow) return notFound();
	return json(
		200,
		publishedVersion(workflow).questions.map((q) => ({
			name: q.name,
			type: q.questionType,
			description: q.description,
			value: q.value,
			items: q.items.map((i) => ({ ...i })),
			multiple: q.multiple,
		})),
	);
}

function runJob(ctx, emulator) {
	const workflow = visibleWorkflow(ctx);
	if (!workflow) return notFound();
	if (!canExecuteWorkflow(ctx.user, workflow)) return forbidden();
	const body = ctx.body || {};
	if (body.questions !== undefined && !Array.isArray(body.questions))
		return badRequest('questions must be a list of {name, value}.');
	const job = createJob({
		workflow,
		version: publishedVersion(workflow),
		user: ctx.user,
		contract: { questions: body.questions || [], priority: body.priority },
		timings: emulator.options.jobTimings,
		createdAtMs: ctx.now,
	});
	ctx.state.jobs.set(job.id, job);
	emulator.counters.jobEnqueues++;
	return json(200, jobApiView(job, ctx.now, false));
}

function workflowJobs(ctx) {
	const workflow = visibleWorkflow(ctx);
	if (!workflow) return notFound();
	const jobs = [...ctx.state.jobs.values()]
		.filter((job) => job.workflowId === workflow.id)
		.sort((a, b) => b.createdAtMs - a.createdAtMs);
	return json(
		200,
		pageOf(jobs, ctx.query).map((job) => ({
			id: job.id,
			createDate: new Date(job.createdAtMs).toISOString(),
			status: jobStatus(job, ctx.now),
			disposition: jobDisposition(job, ctx.now),
			priority: job.priority,
			workerTag: job.workerTag,
			runWithE2: job.runWithE2,
		})),
	);
}

function visibleJob(ctx) {
	const job = ctx.state.jobs.get(ctx.params.jobId);
	return job && canViewJob(ctx.state, ctx.user, job) ? job : null;
}

function getJob(ctx) {
	const job = visibleJob(ctx);
	if (!job) return notFound();
	const include = String(ctx.query.get('includeMessages') || 'false').toLowerCase() === 'true';
	return json(200, jobApiView(job, ctx.now, include));
}

function output(ctx) {
	const job = visibleJob(ctx);
	if (!job) return notFound();
	const found =
		jobStatus(job, ctx.now) === 'Completed' &&
		job.outputs.find((o) => o.id === ctx.params.outputId);
	if (!found) return notFound();
	const requested = ctx.query.get('format');
	if (!requested) return badRequest('The format parameter is required.');
	const format = found.availableFormats.find((f) => f.toLowerCase() === requested.toLowerCase());
	if (!format) return badRequest(`The format '${requested}' is not available for this output.`);
	const file = renderOutput(job, found, format);
	return bytes(200, file.body, file.contentType, {
		'Content-Disposition': contentDisposition(file.fileName),
	});
}

/** [method, path pattern (relative to /gallery/api or /webapi), handler]; trailing "/" optional. */
const V1_ROUTES = [
	['GET', /^\/v1\/workflows\/subscription\/?$/i, subscriptionWorkflows],
	['GET', /^\/v1\/workflows\/(?<appId>[^/]+)\/questions\/?$/i, questions],
	['POST', /^\/v1\/workflows\/(?<appId>[^/]+)\/jobs\/?$/i, runJob],
	['GET', /^\/v1\/workflows\/(?<appId>[^/]+)\/jobs\/?$/i, workflowJobs],
	['GET', /^\/v1\/jobs\/(?<jobId>[^/]+)\/?$/i, getJob],
	['GET', /^\/v1\/jobs\/(?<jobId>[^/]+)\/output\/(?<outputId>[^/]+)\/?$/i, output],
];

function matchV1(method, path) {
	for (const [routeMethod, pattern, handler] of V1_ROUTES) {
		const match = pattern.exec(path);
		if (!match) continue;
		if (routeMethod !== method) continue;
		const params = {};
		for (const [name, value] of Object.entries(match.groups || {}))
			params[name] = decodeURIComponent(value);
		return { handler, params };
	}
	return null;
}

// ---- the legacy mode ------------------------------------------------------------------------

class GalleryLegacyMode {
	constructor(emulator, options = {}) {
		this.emulator = emulator;
		this.options = { signatureMode: 'strict', clockSkewSeconds: 0, timestampWindowSeconds: 300 };
		this.configure(options);
		this.counters = { signed: 0, rejectedSignatures: 0, replayedNonces: 0, bearer: 0 };
		/** One entry per request this mode answered: { method, path, query, via, status, reason? } */
		this.requests = [];
		this.seenNonces = new Set();
	}

	configure(partial = {}) {
		const merged = { ...this.options, ...partial };
		if (!SIGNATURE_MODES.includes(merged.signatureMode))
			throw new Error(`signatureMode must be one of ${SIGNATURE_MODES.join(', ')}`);
		this.options = merged;
		return this.options;
	}

	reset() {
		this.seenNonces.clear();
		this.requests.length = 0;
		for (const key of Object.keys(this.counters)) this.counters[key] = 0;
	}

	/** The answer to a request this mode serves, or null to leave it to the Server emulator. */
	handle(req, rawBody) {
		const emulator = this.emulator;
		const questionMark = req.url.indexOf('?');
		const rawPath = questionMark === -1 ? req.url : req.url.slice(0, questionMark);
		const query = new URL(req.url, 'http://emulator.local').searchParams;
		const method = req.method.toUpperCase();
		const lower = rawPath.toLowerCase();
		let via;
		let relative;
		if (lower.startsWith('/gallery/api/')) {
			via = 'oauth1';
			relative = rawPath.slice('/gallery/api'.length);
		} else if (
			lower.startsWith('/webapi/v1/') &&
			matchV1(method, rawPath.slice('/webapi'.length))
		) {
			// The Server emulator has only the output download of V1; these are the others.
			via = 'bearer';
			relative = rawPath.slice('/webapi'.length);
		} else {
			return null;
		}
		const entry = {
			method,
			path: rawPath,
			query: Object.fromEntries([...query].filter(([k]) => k !== 'oauth_signature')),
			via,
			status: null,
		};
		this.requests.push(entry);
		// Injected faults (emulator.injectFault): only 'status' ones here, before the signature
		// is looked at, as a proxy in front of the server would answer.
		const fault = emulator.faults.take(method, rawPath);
		if (fault) {
			emulator.counters.faultsInjected++;
			entry.fault = fault.kind;
			const answer =
				fault.kind === 'status'
					? json(fault.status, fault.body ?? { message: 'An error has occurred.' }, fault.headers)
					: json(500, { message: `Fault kind ${fault.kind} is not emulated on /gallery/api/` });
			entry.status = answer.status;
			return answer;
		}
		const response = this.answer({ req, rawBody, method, rawPath, relative, query, via, entry });
		entry.status = response.status;
		return response;
	}

	answer({ req, rawBody, method, relative, query, via, entry }) {
		const emulator = this.emulator;
		const now = emulator.now();
		let user;
		if (via === 'oauth1') {
			const verdict = verifySignature({
				method,
				rawUrl: req.url,
				scheme: emulator.options.tls ? 'https' : 'http',
				host: req.headers.host,
				contentType: req.headers['content-type'],
				rawBody,
				mode: this.options.signatureMode,
				secretFor: (key) => {
					const found = findUserByApiKey(emulator.state, key);
					return found ? found.apiSecret : undefined;
				},
			});
			if (!verdict.ok) {
				entry.reason = verdict.reason;
				this.counters.rejectedSignatures++;
				return galleryUnauthorized();
			}
			// The server's clock, moved by clockSkewSeconds to emulate a skewed n8n machine.
			const serverSeconds = Date.now() / 1000 + this.options.clockSkewSeconds;
			if (Math.abs(serverSeconds - verdict.timestamp) > this.options.timestampWindowSeconds) {
				entry.reason = 'timestamp outside the window';
				this.counters.rejectedSignatures++;
				return galleryUnauthorized();
			}
			const nonceKey = `${verdict.consumerKey}\n${verdict.timestamp}\n${verdict.nonce}`;
			if (this.seenNonces.has(nonceKey)) {
				entry.reason = 'nonce replayed';
				this.counters.replayedNonces++;
				// Not documented (reference §7: UNCERTAIN); the emulator answers like a bad signature.
				return galleryUnauthorized();
			}
			this.seenNonces.add(nonceKey);
			user = findUserByApiKey(emulator.state, verdict.consumerKey);
			if (!user.isActive || !user.isApiEnabled) {
				entry.reason = 'user without API access';
				return galleryUnauthorized('The user does not have API access.');
			}
			this.counters.signed++;
		} else {
			const auth = authorize({ headers: req.headers, now }, emulator, 'user');
			if (auth.response) return auth.response;
			user = auth.user;
			this.counters.bearer++;
		}
		const match = matchV1(method, relative);
		if (!match) {
			return json(404, {
				message: `No HTTP resource was found that matches the request URI '${req.url.split('?')[0]}'.`,
			});
		}
		let body;
		if (method === 'POST' && rawBody.length > 0) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				return badRequest('The request body is not valid JSON.');
			}
		}
		emulator.counters.apiRequests++;
		return match.handler(
			{ method, params: match.params, query, body, user, now, state: emulator.state },
			emulator,
		);
	}
}

/** Adds the legacy mode to a Server emulator's HTTP(S) server, in front of its own handler. */
function installGalleryLegacy(emulator, options = {}) {
	const mode = new GalleryLegacyMode(emulator, options);
	const server = emulator.server;
	const original = server.listeners('request');
	server.removeAllListeners('request');
	server.on('request', (req, res) => {
		const lower = req.url.toLowerCase();
		if (!lower.startsWith('/gallery/api/') && !lower.startsWith('/webapi/v1/')) {
			for (const listener of original) listener.call(server, req, res);
			return;
		}
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('error', () => res.destroy());
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			let response;
			try {
				response = mode.handle(req, rawBody);
			} catch (error) {
				response = json(500, { message: 'An error has occurred.', error: String(error) });
			}
			if (response === null) {
				// Not ours (the V1 output download under /webapi/): the Server emulator answers. Its
				// listener reads the body itself, so the bytes are handed on.
				const { Readable } = require('node:stream');
				const replay = Object.assign(Readable.from([rawBody]), {
					method: req.method,
					url: req.url,
					headers: req.headers,
					socket: req.socket,
				});
				for (const listener of original) listener.call(server, replay, res);
				return;
			}
			res.writeHead(response.status, {
				...response.headers,
				'Content-Length': response.body.length,
			});
			res.end(response.body);
		});
	});
	emulator.gallery = mode;
	return mode;
}

/**
 * A Server emulator with the legacy Gallery API beside its Web API.
 * @param {object} [options] the Server emulator's options, plus `signatureMode` ('strict' |
 *   'lenient'), `clockSkewSeconds` (the server's clock minus the real one) and
 *   `timestampWindowSeconds` (default 300)
 */
async function startGalleryLegacyEmulator(options = {}) {
	const { signatureMode, clockSkewSeconds, timestampWindowSeconds, ...serverOptions } = options;
	const emulator = new AlteryxServerEmulator(serverOptions);
	const legacy = {};
	if (signatureMode !== undefined) legacy.signatureMode = signatureMode;
	if (clockSkewSeconds !== undefined) legacy.clockSkewSeconds = clockSkewSeconds;
	if (timestampWindowSeconds !== undefined) legacy.timestampWindowSeconds = timestampWindowSeconds;
	installGalleryLegacy(emulator, legacy);
	await emulator.listen();
	emulator.galleryApiUrl = `${emulator.url}/gallery/api/`;
	/** The data of an n8n `alteryxGalleryOAuth1Api` credential for a seeded user. */
	emulator.galleryCredentialData = (user = 'curator', overrides = {}) => ({
		galleryApiUrl: emulator.galleryApiUrl,
		apiKey: emulator.credentials[user].clientId,
		apiSecret: emulator.credentials[user].clientSecret,
		ignoreSSLIssues: false,
		...overrides,
	});
	const resetServer = emulator.reset.bind(emulator);
	emulator.reset = () => {
		resetServer();
		emulator.gallery.reset();
	};
	return emulator;
}

module.exports = {
	startGalleryLegacyEmulator,
	installGalleryLegacy,
	INVALID_SIGNATURE_BODY,
	SIGNATURE_MODES,
};
