'use strict';

/**
 * Local Alteryx Server Web API emulator (OAuth2 token endpoint, the 97 V3 operations of the
 * swagger export, and the V1 job output download) for tests and demos. See README.md.
 *
 *   const { startEmulator } = require('./test/emulator');
 *   const emulator = await startEmulator({ tokenTtlSeconds: 1 });
 *   // emulator.webApiUrl, emulator.credentials.curator.clientId, ...
 *   await emulator.close();
 */

const { createHttpServer } = require('./server');
const { createHttpsServer } = require('./https');
const { Router } = require('./router');
const { TokenStore, CLIENT_AUTH_MODES, TOKEN_ERROR_STYLES } = require('./auth');
const { FaultRegistry } = require('./faults');
const { createSeededState, SEED_IDS, SEED_NAMES } = require('./seed');
const { loadSwagger } = require('./contracts');
const { OUTCOME_QUESTION, OUTCOMES } = require('./jobs-runner');
const { TimeHooks } = require('./time-hooks');

const ROUTE_MODULES = [
	require('./routes/workflows'),
	require('./routes/jobs'),
	require('./routes/users'),
	require('./routes/user-groups'),
	require('./routes/collections'),
	require('./routes/schedules'),
	require('./routes/credentials'),
	require('./routes/server-data-connections'),
	require('./routes/subscriptions'),
	require('./routes/dcm'),
	require('./routes/usage'),
];

const DEFAULT_OPTIONS = Object.freeze({
	host: '127.0.0.1',
	port: 0,
	tokenTtlSeconds: 3600,
	clientAuth: 'both',
	tokenErrorStyle: 'katana',
	jobTimings: Object.freeze({ queuedMs: 300, runningMs: 700 }),
	seed: 'default',
	// 'array': endpoints whose swagger schema is a single object but whose description promises a
	// list (job messages, DCM admin connections and connection handling rules) answer with a JSON
	// array. 'swagger': they answer with a single object as the schema says.
	listShape: 'array',
	// { key, cert } (PEM): serve HTTPS instead of HTTP (see https.js for a self-signed pair).
	tls: null,
	// GET v3/jobs?completedAfter=yyyy-MM-dd: 'exclusive' lists jobs completed from the next day on
	// (what issue 11 reports), 'inclusive' from that day on (what the swagger says).
	queueCompletedAfter: 'exclusive',
	// GET v3/jobs?statuses=Complete also lists cancelled jobs (their end counts as completion).
	queueCancelledAsComplete: true,
});

function mergeOptions(base, partial = {}) {
	const merged = {
		...base,
		...partial,
		jobTimings: { ...base.jobTimings, ...(partial.jobTimings || {}) },
	};
	if (!CLIENT_AUTH_MODES.includes(merged.clientAuth))
		throw new Error(`clientAuth must be one of ${CLIENT_AUTH_MODES.join(', ')}`);
	if (!TOKEN_ERROR_STYLES.includes(merged.tokenErrorStyle)) {
		throw new Error(`tokenErrorStyle must be one of ${TOKEN_ERROR_STYLES.join(', ')}`);
	}
	if (!SEED_NAMES.includes(merged.seed))
		throw new Error(`seed must be one of ${SEED_NAMES.join(', ')}`);
	if (!['array', 'swagger'].includes(merged.listShape))
		throw new Error("listShape must be 'array' or 'swagger'");
	if (!(merged.tokenTtlSeconds > 0)) throw new Error('tokenTtlSeconds must be a positive number');
	if (!['exclusive', 'inclusive'].includes(merged.queueCompletedAfter))
		throw new Error("queueCompletedAfter must be 'exclusive' or 'inclusive'");
	for (const key of ['queuedMs', 'runningMs']) {
		if (!(merged.jobTimings[key] >= 0)) throw new Error(`jobTimings.${key} must be a number >= 0`);
	}
	return merged;
}

function zeroCounters(counters = {}) {
	Object.assign(counters, {
		tokenRequests: 0,
		tokenRequestsByAuth: { header: 0, body: 0 },
		tokenFailures: 0,
		apiRequests: 0,
		jobEnqueues: 0,
		unauthorized: 0,
		faultsInjected: 0,
	});
	return counters;
}

class AlteryxServerEmulator {
	constructor(options) {
		this.options = mergeOptions(DEFAULT_OPTIONS, options);
		this.state = createSeededState(this.options.seed);
		this.tokens = new TokenStore();
		this.faults = new FaultRegistry();
		this.counters = zeroCounters();
		this.requests = [];
		this.hangingResponses = new Set();
		this.router = new Router();
		for (const module of ROUTE_MODULES) this.router.addAll(module.routes);
		this.server = this.options.tls
			? createHttpsServer(this, this.options.tls)
			: createHttpServer(this);
		this.url = null;
		this.webApiUrl = null;
		// Milliseconds the emulator's clock is ahead of the wall clock (advanceTime()).
		this.clockOffsetMs = 0;
	}

	/** The emulator's clock (ms): what every request sees as "now". */
	now() {
		return Date.now() + this.clockOffsetMs;
	}

	/** Moves the emulator's clock forward: queued and running jobs finish, tokens expire. */
	advanceTime(ms) {
		if (!(ms >= 0)) throw new Error('advanceTime needs a number of milliseconds >= 0');
		this.clockOffsetMs += ms;
		return this.now();
	}

	async listen() {
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const { port } = this.server.address();
		const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
		this.url = `${this.options.tls ? 'https' : 'http'}://${host}:${port}`;
		this.webApiUrl = `${this.url}/webapi/`;
		return this;
	}

	/**
	 * The data of an n8n `alteryxServerOAuth2Api` credential for a seeded user of this emulator
	 * (header client authentication, certificates checked), with `overrides` applied.
	 */
	credentialData(user = 'curator', overrides = {}) {
		const key = this.credentials[user];
		return {
			webApiUrl: this.webApiUrl,
			apiAccessKey: key.clientId,
			apiAccessSecret: key.clientSecret,
			authentication: 'header',
			ignoreSSLIssues: false,
			...overrides,
		};
	}

	/** Seeded API clients: { curator, artisan, noApi, inactive } → { clientId, clientSecret, userId, email } */
	get credentials() {
		const pick = (userId) => {
			const user = this.state.users.get(userId);
			return (
				user && {
					clientId: user.apiKey,
					clientSecret: user.apiSecret,
					userId: user.id,
					email: user.email,
				}
			);
		};
		return {
			curator: pick(SEED_IDS.users.ada),
			artisan: pick(SEED_IDS.users.bo),
			noApi: pick(SEED_IDS.users.nia),
			inactive: pick(SEED_IDS.users.vi),
		};
	}

	/** Route table: [{ method, path, auth, operationId }] (paths relative to /webapi). */
	get routes() {
		return this.router.list();
	}

	/** Merges options; jobTimings apply to jobs enqueued afterwards, ttl to tokens issued later. */
	configure(partialOptions = {}) {
		const { host, port, tls, ...rest } = partialOptions;
		this.options = mergeOptions(this.options, rest);
		return this.options;
	}

	/** Re-seeds the state, forgets tokens, faults and the request log, and zeroes the counters. */
	reset() {
		this.clockOffsetMs = 0;
		this.state = createSeededState(this.options.seed);
		this.tokens.expireAll();
		this.faults.clear();
		zeroCounters(this.counters);
		this.requests.length = 0;
	}

	expireAllTokens() {
		this.tokens.expireAll();
	}

	injectFault(spec) {
		return this.faults.add(spec);
	}

	clearFaults() {
		this.faults.clear();
	}

	swaggerDocument(host) {
		const swagger = JSON.parse(JSON.stringify(loadSwagger()));
		if (host) swagger.host = host;
		swagger.schemes = ['http'];
		if (swagger.securityDefinitions && swagger.securityDefinitions.oauth2) {
			swagger.securityDefinitions.oauth2.tokenUrl = `http://${host}/webapi/oauth2/token`;
		}
		return swagger;
	}

	async close() {
		for (const res of this.hangingResponses) res.destroy();
		this.hangingResponses.clear();
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

// Test hooks for time-based behaviour (the trigger): jobs that finish, new workflows and
// versions, schedules that fail. See time-hooks.js.
for (const name of Object.getOwnPropertyNames(TimeHooks.prototype)) {
	if (name !== 'constructor') AlteryxServerEmulator.prototype[name] = TimeHooks.prototype[name];
}

/**
 * @param {object} [options]
 * @param {string} [options.host='127.0.0.1']
 * @param {number} [options.port=0]  0 picks a free port
 * @param {number} [options.tokenTtlSeconds=3600]
 * @param {'both'|'header'|'body'} [options.clientAuth='both']
 * @param {'katana'|'katana-description'|'rfc6749'} [options.tokenErrorStyle='katana']
 * @param {{ queuedMs?: number, runningMs?: number }} [options.jobTimings={queuedMs:300,runningMs:700}]
 * @param {'default'|'demo'|'minimal'} [options.seed='default']
 * @param {'array'|'swagger'} [options.listShape='array']
 * @param {{ key: string|Buffer, cert: string|Buffer }|null} [options.tls=null] serve HTTPS with this PEM pair
 * @returns {Promise<AlteryxServerEmulator>}
 */
async function startEmulator(options = {}) {
	const emulator = new AlteryxServerEmulator(options);
	return emulator.listen();
}

// The Alteryx Analytics Cloud emulator (./cloud/README.md).
const { startCloudEmulator, CLOUD_SEED } = require('./cloud');

module.exports = {
	startEmulator,
	startCloudEmulator,
	CLOUD_SEED,
	AlteryxServerEmulator,
	DEFAULT_OPTIONS,
	SEED_IDS,
	OUTCOME_QUESTION,
	OUTCOMES,
};
