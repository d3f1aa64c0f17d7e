'use strict';

// /v3/jobs (get, messages, cancel, the queue) and the V1 output download that V3 lacks:
// GET /webapi/v1/jobs/{jobId}/output/{outputId}?format=Raw|Csv|Xlsx|...

const {
	json,
	empty,
	bytes,
	notFound,
	invalid,
	badRequest,
	unauthorized,
	contentDisposition,
} = require('../responses');
const {
	jobView,
	jobMessages,
	jobStatus,
	pagedJobSummaryView,
	cancelJob,
	visibleOutputs,
	endedAtMs,
} = require('../jobs-runner');
const { renderOutput } = require('../output-files');
const { userDisplayName } = require('../store');
const { isCurator, canViewJob } = require('./common');

function visibleJob(ctx) {
	const job = ctx.state.jobs.get(ctx.params.jobId);
	return job && canViewJob(ctx.state, ctx.user, job) ? job : null;
}

function getJob(ctx) {
	const job = visibleJob(ctx);
	if (!job) return notFound();
	// The docs: includeMessages defaults to true; false gives the reduced object.
	const includeMessages = ctx.queryValues.values.includeMessages !== false;
	return json(200, jobView(job, ctx.now, { includeMessages }));
}

function getJobMessages(ctx, emulator) {
	const job = ctx.state.jobs.get(ctx.params.jobId);
	if (!job) return notFound();
	const messages = jobMessages(job, ctx.now);
	// The swagger declares a single JobMessageView although the operation returns "all messages";
	// listShape 'swagger' answers with the last message instead of the list.
	if (emulator.options.listShape === 'swagger')
		return json(200, messages[messages.length - 1] || {});
	return json(200, messages);
}

function cancel(ctx) {
	const job = ctx.state.jobs.get(ctx.params.jobId);
	if (!job) return notFound();
	// Curators can cancel any job; others only jobs they created or of workflows they own.
	const workflow = ctx.state.workflows.get(job.workflowId);
	const mayCancel =
		isCurator(ctx.user) ||
		job.createdBy === ctx.user.id ||
		(workflow && workflow.ownerId === ctx.user.id);
	if (!mayCancel) return unauthorized();
	const error = cancelJob(job, ctx.now);
	return error ? badRequest(error) : empty(200);
}

const QUEUE_SORT_FIELDS = {
	createdate: (job) => job.createdAtMs,
	appname: (job) => job.workflowName.toLowerCase(),
	// Jobs still queued or running have no completion time yet: they sort as the latest.
	completiondatetime: (job, now) => endedAtMs(job, now) ?? Infinity,
	priority: (job) => ['Low', 'Default', 'Medium', 'High', 'Critical'].indexOf(job.priority),
	status: (job, now) => jobStatus(job, now),
};

// Job statuses as the queue filter names them (reference §3.2).
const QUEUE_STATUSES = {
	queued: ['Queued'],
	initializing: [],
	running: ['Running'],
	complete: ['Completed'],
	completed: ['Completed'],
	// Set by the queueCancelledAsComplete option: whether the "Complete" filter also lists
	// cancelled jobs (UNCERTAIN; PagedJobSummaryView has no Cancelled status).
	cancelled: ['Cancelled'],
};

// Numeric priorities as the server's enum orders them (Default counts as Low).
const PRIORITY_NUMBERS = { 0: 'Low', 1: 'Medium', 2: 'High', 3: 'Critical' };

const splitList = (raw) =>
	String(raw || '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

const DAY_MS = 24 * 60 * 60 * 1000;

function parseDay(raw) {
	if (!raw) return undefined;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) return null;
	return Date.parse(`${raw}T00:00:00Z`);
}

/** GET /v3/jobs: the paged queue view. offset is an item offset (UNCERTAIN), limit defaults to 20. */
function listJobs(ctx, emulator) {
	const q = ctx.query;
	const now = ctx.now;
	const offset = q.get('offset') ? Number(q.get('offset')) : 0;
	const limit = q.get('limit') ? Number(q.get('limit')) : 20;
	if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
		return invalid({
			[Number.isInteger(offset) && offset >= 0 ? 'limit' : 'offset']: [
				'The value is not a valid number.',
			],
		});
	}
	const completedBefore = parseDay(q.get('completedBefore'));
	const completedAfter = parseDay(q.get('completedAfter'));
	if (completedBefore === null || completedAfter === null) {
		return invalid({
			[completedBefore === null ? 'completedBefore' : 'completedAfter']: [
				'Use the date format yyyy-MM-dd.',
			],
		});
	}
	let jobs = [...ctx.state.jobs.values()];
	// Without allUsers=true the queue shows the caller's own jobs; `users` applies only with it.
	if (ctx.queryValues.values.allUsers) {
		const users = splitList(q.get('users'));
		if (users.length) jobs = jobs.filter((job) => users.includes(job.createdBy));
	} else {
		jobs = jobs.filter((job) => job.createdBy === ctx.user.id);
	}
	const cancelledAsComplete = emulator.options.queueCancelledAsComplete;
	const statuses = splitList(q.get('statuses')).flatMap((s) => {
		const listed = QUEUE_STATUSES[s.toLowerCase()] || [];
		return cancelledAsComplete && listed.includes('Completed') ? [...listed, 'Cancelled'] : listed;
	});
	if (q.get('statuses')) jobs = jobs.filter((job) => statuses.includes(jobStatus(job, now)));
	const priorities = splitList(q.get('priorities')).map(
		(p) => PRIORITY_NUMBERS[p] || p.toLowerCase(),
	);
	if (priorities.length) {
		jobs = jobs.filter((job) => {
			const priority = job.priority === 'Default' ? 'Low' : job.priority;
			return priorities.some((p) => p.toLowerCase() === priority.toLowerCase());
		});
	}
	const names = splitList(q.get('workflowNames')).map((n) => n.toLowerCase());
	if (names.length) jobs = jobs.filter((job) => names.includes(job.workflowName.toLowerCase()));
	if (completedBefore !== undefined || completedAfter !== undefined) {
		// The swagger says "on or after [date]"; the issue that asked for the trigger reports that
		// the day itself is excluded. queueCompletedAfter picks one ('exclusive' by default).
		const after =
			completedAfter !== undefined && emulator.options.queueCompletedAfter === 'exclusive'
				? completedAfter + DAY_MS
				: completedAfter;
		jobs = jobs.filter((job) => {
			const done = endedAtMs(job, now);
			if (done === null || (jobStatus(job, now) === 'Cancelled' && !cancelledAsComplete)) {
				return false;
			}
			return (
				(after === undefined || done >= after) &&
				(completedBefore === undefined || done < completedBefore)
			);
		});
	}
	const sortKey =
		QUEUE_SORT_FIELDS[String(q.get('sortField') || 'CreateDate').toLowerCase()] ||
		QUEUE_SORT_FIELDS.createdate;
	const descending = String(q.get('direction') || 'desc').toLowerCase() !== 'asc';
	jobs.sort((a, b) => {
		const x = sortKey(a, now);
		const y = sortKey(b, now);
		const order = x < y ? -1 : x > y ? 1 : a.createdAtMs - b.createdAtMs;
		return descending ? -order : order;
	});
	const totalItems = jobs.length;
	const totalPages = Math.ceil(totalItems / limit);
	const currentPage = Math.floor(offset / limit) + 1;
	const data = jobs
		.slice(offset, offset + limit)
		.map((job) =>
			pagedJobSummaryView(job, now, userDisplayName(ctx.state.users.get(job.createdBy))),
		);
	return json(200, {
		data,
		pagination: {
			currentPage,
			pageSize: limit,
			totalItems,
			totalPages,
			hasNextPage: offset + limit < totalItems,
			hasPreviousPage: offset > 0,
		},
	});
}

function downloadOutput(ctx) {
	const job = visibleJob(ctx);
	if (!job) return notFound();
	const output = visibleOutputs(job, ctx.now).find((o) => o.id === ctx.params.outputId);
	if (!output) return notFound();
	const requested = ctx.query.get('format');
	if (!requested) return badRequest('The format parameter is required.');
	const format = output.availableFormats.find((f) => f.toLowerCase() === requested.toLowerCase());
	if (!format) {
		return badRequest(
			`The format '${requested}' is not available for this output. Available formats: ${output.availableFormats.join(', ')}.`,
		);
	}
	const file = renderOutput(job, output, format);
	return bytes(200, file.body, file.contentType, {
		'Content-Disposition': contentDisposition(file.fileName),
	});
}

const routes = [
	{ method: 'GET', path: '/v3/jobs/{jobId}', operationId: 'Jobs_GetJobV3', handler: getJob },
	{
		method: 'GET',
		path: '/v3/jobs/{jobId}/messages',
		operationId: 'Jobs_GetJobMessages',
		auth: 'curator',
		handler: getJobMessages,
	},
	{ method: 'DELETE', path: '/v3/jobs/{jobId}', operationId: 'Jobs_CancelJob', handler: cancel },
	{
		method: 'GET',
		path: '/v3/jobs',
		operationId: 'Jobs_GetJobsInQueue',
		auth: 'curator',
		handler: listJobs,
	},
	{ method: 'GET', path: '/v1/jobs/{jobId}/output/{outputId}', handler: downloadOutput },
];

module.exports = { routes };
