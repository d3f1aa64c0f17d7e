'use strict';

// Job groups (v4) and plan snapshot runs (gateway) that finish over time. A run stores when it
// was created, its timings (snapshotted at creation), the outcome it will end with and when it
// was cancelled; its status is computed from the emulator's clock at each request, so
// advanceTime() moves it along without timers.

const crypto = require('node:crypto');
const { PAST_TIMINGS, HOUR } = require('./seed');

const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** { status, startedAtMs, finishedAtMs } of a run at `nowMs`. */
function runPhase(run, nowMs) {
	const startMs = run.createdAtMs + run.timings.createdMs;
	const endMs = startMs + run.timings.inProgressMs;
	if (run.canceledAtMs !== null && run.canceledAtMs <= nowMs && run.canceledAtMs < endMs) {
		return {
			status: 'Canceled',
			startedAtMs: run.canceledAtMs >= startMs ? startMs : null,
			finishedAtMs: run.canceledAtMs,
		};
	}
	if (nowMs < startMs) return { status: 'Created', startedAtMs: null, finishedAtMs: null };
	if (nowMs < endMs) return { status: 'InProgress', startedAtMs: startMs, finishedAtMs: null };
	return { status: run.outcome, startedAtMs: startMs, finishedAtMs: endMs };
}

function isFinished(status) {
	return status === 'Complete' || status === 'Failed' || status === 'Canceled';
}

/** Creates a job group (and its two jobs) for a wrangled dataset. */
function createJobGroup(
	state,
	{
		wrangledDatasetId,
		outcome,
		ranfrom = 'api',
		flowRunId = null,
		createdAtMs,
		timings,
		creatorId = 7,
	},
) {
	const dataset = state.wrangledDatasets.get(wrangledDatasetId);
	const id = state.nextIds.jobGroups++;
	const jobIds = [state.nextIds.jobs++, state.nextIds.jobs++];
	const group = {
		id,
		wrangledDatasetId,
		flowId: dataset ? dataset.flow.id : null,
		flowRunId,
		ranfrom,
		outcome,
		createdAtMs,
		timings: { ...timings },
		canceledAtMs: null,
		creatorId,
		jobIds,
		sessionId: crypto.randomUUID(),
	};
	state.jobGroups.set(id, group);
	jobIds.forEach((jobId, i) =>
		state.jobs.set(jobId, {
			id: jobId,
			jobGroupId: id,
			jobType: i === 0 ? 'wrangle' : 'filewriter',
		}),
	);
	return group;
}

function createPlanRun(
	state,
	{ planId, outcome, createdAtMs, timings, overrides = [], creatorId = 7 },
) {
	const id = state.nextIds.planSnapshotRuns++;
	const run = {
		id,
		planId,
		outcome,
		createdAtMs,
		timings: { ...timings },
		canceledAtMs: null,
		overrides,
		creatorId,
		failedToCancelSomeJobs: false,
	};
	state.planSnapshotRuns.set(id, run);
	return run;
}

/** Past runs of the seed: job groups 301–303 and plan runs 601–603 (finished 3 h, 2 h, 1 h ago). */
function seedPastRuns(state, nowMs) {
	const pastStart = (hoursAgo) =>
		nowMs - hoursAgo * HOUR - PAST_TIMINGS.createdMs - PAST_TIMINGS.inProgressMs;
	const saved = { ...state.nextIds };
	state.nextIds.jobGroups = 301;
	state.nextIds.jobs = 351;
	const groups = [
		[201, 'Complete', 3, 'schedule'],
		[203, 'Failed', 2, 'ui'],
		[202, 'Complete', 1, 'api'],
	];
	for (const [datasetId, outcome, hoursAgo, ranfrom] of groups) {
		createJobGroup(state, {
			wrangledDatasetId: datasetId,
			outcome,
			ranfrom,
			createdAtMs: pastStart(hoursAgo),
			timings: PAST_TIMINGS,
		});
	}
	state.nextIds.planSnapshotRuns = 601;
	const planRuns = [
		[501, 'Complete', 3],
		[502, 'Failed', 2],
		[501, 'Complete', 1],
	];
	for (const [planId, outcome, hoursAgo] of planRuns) {
		createPlanRun(state, {
			planId,
			outcome,
			createdAtMs: pastStart(hoursAgo),
			timings: PAST_TIMINGS,
		});
	}
	state.nextIds.jobGroups = saved.jobGroups;
	state.nextIds.jobs = saved.jobs;
	state.nextIds.planSnapshotRuns = saved.planSnapshotRuns;
}

function jobGroupView(state, group, nowMs, embed = []) {
	const phase = runPhase(group, nowMs);
	const flow = group.flowId !== null ? state.flows.get(group.flowId) : null;
	const dataset = state.wrangledDatasets.get(group.wrangledDatasetId);
	const view = {
		id: group.id,
		name: null,
		description: null,
		status: phase.status,
		ranfrom: group.ranfrom,
		ranfor: 'recipe',
		profilingEnabled: false,
		createdAt: iso(group.createdAtMs),
		updatedAt: iso(phase.finishedAtMs ?? phase.startedAtMs ?? group.createdAtMs),
		finishedAt: iso(phase.finishedAtMs),
		wrangledDataset: { id: group.wrangledDatasetId },
		flowRun: group.flowRunId !== null ? { id: group.flowRunId } : null,
		flow: flow ? { id: flow.id, name: flow.name } : null,
		creator: { id: group.creatorId },
		updater: { id: group.creatorId },
		workspace: { id: 1 },
	};
	if (embed.includes('jobs')) view.jobs = { data: jobsOf(state, group, nowMs) };
	if (embed.includes('wrangleddataset') && dataset)
		view.wrangledDataset = { ...datasetView(dataset) };
	return view;
}

function datasetView(dataset) {
	return {
		id: dataset.id,
		name: dataset.name,
		flow: { id: dataset.flow.id },
		createdAt: dataset.createdAt,
		updatedAt: dataset.updatedAt,
	};
}

function jobsOf(state, group, nowMs) {
	const phase = runPhase(group, nowMs);
	return group.jobIds.map((jobId) => {
		const job = state.jobs.get(jobId);
		return {
			id: job.id,
			jobType: job.jobType,
			status: phase.status,
			createdAt: iso(group.createdAtMs),
			updatedAt: iso(phase.finishedAtMs ?? phase.startedAtMs ?? group.createdAtMs),
			jobGroup: { id: group.id },
		};
	});
}

function planRunView(state, run, nowMs) {
	const phase = runPhase(run, nowMs);
	const plan = state.plans.get(run.planId);
	return {
		id: run.id,
		planId: run.planId,
		plan: plan ? { id: plan.id, name: plan.name } : { id: run.planId },
		status: phase.status,
		submittedAt: iso(run.createdAtMs),
		startedAt: iso(phase.startedAtMs),
		finishedAt: iso(phase.finishedAtMs),
		createdAt: iso(run.createdAtMs),
		updatedAt: iso(phase.finishedAtMs ?? phase.startedAtMs ?? run.createdAtMs),
		failedToCancelSomeJobs: run.failedToCancelSomeJobs,
		creator: { id: run.creatorId },
	};
}

module.exports = {
	runPhase,
	isFinished,
	createJobGroup,
	createPlanRun,
	seedPastRuns,
	jobGroupView,
	jobsOf,
	datasetView,
	planRunView,
	iso,
};
