'use strict';

// Simulated job execution. Nothing is scheduled: a job stores when it was queued and how long
// each phase lasts, and every read works out the current state from the wall clock. close() has
// nothing to stop and a paused test never leaves timers behind.
//
// Lifecycle: Queued (queuedMs) → Running (runningMs) → Completed, or Cancelled via DELETE.
// Outcome (JobView.disposition, which is only meaningful once Completed):
//   1. a question named `EmulatorOutcome` with value Success | Warning | Error forces it;
//   2. otherwise the workflow's `simulation.disposition` decides (seeded per workflow).

const { objectId } = require('./ids');

const OUTCOMES = ['Success', 'Warning', 'Error'];
const OUTCOME_QUESTION = 'EmulatorOutcome';

// MessageView.status is an int. The Alteryx engine message classes are Info=1, Warning=2,
// Error=3 (the exact mapping the server uses is UNCERTAIN, see the reference §5).
const MESSAGE_STATUS = { info: 1, warning: 2, error: 3 };

const DEFAULT_OUTPUT_FORMATS = ['Raw', 'Csv', 'Xlsx'];

function forcedOutcome(questions) {
	const question = (questions || []).find(
		(q) => String(q.name).toLowerCase() === OUTCOME_QUESTION.toLowerCase(),
	);
	if (!question) return null;
	return (
		OUTCOMES.find((o) => o.toLowerCase() === String(question.value).trim().toLowerCase()) || null
	);
}

/**
 * @param {object} args
 * @param {object} args.workflow   stored workflow record
 * @param {object} args.version    version that runs (the published one)
 * @param {object} args.user       submitting user
 * @param {{ questions?: {name:string,value:string}[], priority?: string, workerTag?: string,
 *   credentialId?: string }} args.contract
 * @param {{ queuedMs: number, runningMs: number }} args.timings  snapshot, later configure() calls
 *   do not change jobs that already exist
 * @param {number} args.createdAtMs
 * @param {string} [args.disposition]  seed-only override
 */
function createJob({ workflow, version, user, contract, timings, createdAtMs, disposition }) {
	const questions = (contract.questions || []).map((q) => ({
		name: String(q.name ?? ''),
		value: q.value == null ? '' : String(q.value),
	}));
	const outcome =
		disposition || forcedOutcome(questions) || workflow.simulation.disposition || 'Success';
	const outputs =
		outcome === 'Error'
			? [] // a failed run wrote nothing
			: workflow.simulation.outputs.map((output) => ({
					id: objectId(new Date(createdAtMs)),
					fileName: output.fileName,
					availableFormats: [...(output.availableFormats || DEFAULT_OUTPUT_FORMATS)],
				}));
	return {
		id: objectId(new Date(createdAtMs)),
		workflowId: workflow.id,
		workflowName: workflow.name,
		versionId: version.versionId,
		mainFileName: version.details.fileName,
		createdBy: user.id,
		createdAtMs,
		questions,
		priority: contract.priority || 'Default',
		workerTag: contract.workerTag || workflow.workerTag || '',
		credentialId: contract.credentialId || null,
		runWithE2: false,
		timings: { queuedMs: timings.queuedMs, runningMs: timings.runningMs },
		disposition: outcome,
		errorMessage:
			workflow.simulation.errorMessage || 'Tool #1: Error: The workflow failed (emulated error).',
		warningMessage: workflow.simulation.warningMessage || 'Tool #3: Warning: emulated warning.',
		outputs,
		cancelledAtMs: null,
	};
}

function completedAtMs(job) {
	return job.createdAtMs + job.timings.queuedMs + job.timings.runningMs;
}

/** When a job ended: completed, or cancelled (null while it is queued or running). */
function endedAtMs(job, now) {
	const status = jobStatus(job, now);
	if (status === 'Completed') return completedAtMs(job);
	if (status === 'Cancelled') return job.cancelledAtMs;
	return null;
}

/** 'Queued' | 'Running' | 'Completed' | 'Cancelled' */
function jobStatus(job, now) {
	if (job.cancelledAtMs !== null) return 'Cancelled';
	const elapsed = now - job.createdAtMs;
	// The enqueue answer is always Queued (clients such as the MCP wrapper treat anything else
	// right after POST .../jobs as a failure), even with queuedMs = 0.
	if (elapsed <= 0 || elapsed < job.timings.queuedMs) return 'Queued';
	if (elapsed < job.timings.queuedMs + job.timings.runningMs) return 'Running';
	return 'Completed';
}

function jobDisposition(job, now) {
	const status = jobStatus(job, now);
	if (status === 'Completed') return job.disposition;
	if (status === 'Cancelled') return 'Cancelled';
	return 'None';
}

function jobMessages(job, now) {
	const status = jobStatus(job, now);
	if (status === 'Cancelled') {
		return [{ status: MESSAGE_STATUS.warning, text: 'The job was cancelled.', toolId: 0 }];
	}
	if (status !== 'Completed') return [];
	const messages = [
		{
			status: MESSAGE_STATUS.info,
			text: `Alteryx Server emulator: running ${job.mainFileName}`,
			toolId: 0,
		},
		...job.questions.map((q) => ({
			status: MESSAGE_STATUS.info,
			text: `Question "${q.name}" = "${q.value}"`,
			toolId: 0,
		})),
		{ status: MESSAGE_STATUS.info, text: 'Input Data (1): 128 records were read', toolId: 1 },
	];
	if (job.disposition === 'Warning')
		messages.push({ status: MESSAGE_STATUS.warning, text: job.warningMessage, toolId: 3 });
	if (job.disposition === 'Error')
		messages.push({ status: MESSAGE_STATUS.error, text: job.errorMessage, toolId: 1 });
	for (const output of job.outputs) {
		messages.push({
			status: MESSAGE_STATUS.info,
			text: `Output Data (2): 128 records were written to "${output.fileName}"`,
			toolId: 2,
		});
	}
	const seconds = (job.timings.runningMs / 1000).toFixed(1);
	const errors = job.disposition === 'Error' ? 1 : 0;
	const warnings = job.disposition === 'Warning' ? 1 : 0;
	messages.push({
		status: errors ? MESSAGE_STATUS.error : MESSAGE_STATUS.info,
		text: `Finished running ${job.mainFileName} in ${seconds} seconds with ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'}`,
		toolId: 0,
	});
	return messages;
}

function visibleOutputs(job, now) {
	return jobStatus(job, now) === 'Completed' ? job.outputs : [];
}

/** JobView (V3). includeMessages=false gives the reduced object without `messages`. */
function jobView(job, now, { includeMessages = true } = {}) {
	const view = {
		id: job.id,
		appId: job.workflowId,
		createDateTime: new Date(job.createdAtMs).toISOString(),
		status: jobStatus(job, now),
		disposition: jobDisposition(job, now),
		outputs: visibleOutputs(job, now).map((o) => ({
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

function workflowJobView(job, now) {
	return {
		id: job.id,
		createDate: new Date(job.createdAtMs).toISOString(),
		status: jobStatus(job, now),
		priority: job.priority,
		workerTag: job.workerTag,
		runWithE2: job.runWithE2,
	};
}

// .NET TimeSpan.ToString() ("c" format): [d.]hh:mm:ss[.fffffff]
function timeSpan(ms) {
	const totalSeconds = Math.floor(ms / 1000);
	const hours = String(Math.floor(totalSeconds / 3600)).padStart(2, '0');
	const minutes = String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, '0');
	const seconds = String(totalSeconds % 60).padStart(2, '0');
	const fraction = ms % 1000 ? `.${String(Math.round((ms % 1000) * 10000)).padStart(7, '0')}` : '';
	return `${hours}:${minutes}:${seconds}${fraction}`;
}

function pagedJobSummaryView(job, now, submittedBy) {
	const status = jobStatus(job, now);
	const startMs = job.createdAtMs + job.timings.queuedMs;
	const started =
		status === 'Running' ||
		status === 'Completed' ||
		(status === 'Cancelled' && job.cancelledAtMs > startMs);
	const endMs =
		status === 'Completed' ? completedAtMs(job) : status === 'Cancelled' ? job.cancelledAtMs : now;
	return {
		jobId: job.id,
		status,
		workflowName: job.workflowName,
		workflowId: job.workflowId,
		submittedBy,
		startTime: started ? new Date(startMs).toISOString() : null,
		queueTime: new Date(job.createdAtMs).toISOString(),
		executionTime: started ? timeSpan(Math.max(0, endMs - startMs)) : null,
		priority: job.priority,
	};
}

/** @returns {string|null} an error message when the job can no longer be cancelled */
function cancelJob(job, now) {
	const status = jobStatus(job, now);
	if (status === 'Completed') return 'The job has already completed and cannot be cancelled.';
	if (status === 'Cancelled') return 'The job has already been cancelled.';
	// A real server deletes a job that is still queued; the emulator keeps it as Cancelled so
	// clients can observe the result.
	job.cancelledAtMs = now;
	return null;
}

module.exports = {
	OUTCOMES,
	OUTCOME_QUESTION,
	MESSAGE_STATUS,
	DEFAULT_OUTPUT_FORMATS,
	createJob,
	jobStatus,
	jobDisposition,
	jobMessages,
	jobView,
	workflowJobView,
	pagedJobSummaryView,
	visibleOutputs,
	cancelJob,
	completedAtMs,
	endedAtMs,
	timeSpan,
};
