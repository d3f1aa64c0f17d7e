import { NodeOperationError } from 'n8n-workflow';
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { jobItem, lookupJob, resultOf, workflowNames } from '../helpers/jobItems';
import type { TriggerSettings } from '../helpers/settings';
import {
	type BacklogEntry,
	type JobSource,
	loadState,
	backlogLimit,
	pruneSeen,
	saveState,
	type TriggerState,
	type WorkflowJobsState,
} from '../helpers/state';
import { OVERLAP_MS } from '../helpers/time';
import {
	chooseJobSource,
	isFinished,
	type ListedJob,
	listQueueJobs,
	listWorkflowJobs,
} from './jobSources';

/** Job lookups (GET v3/jobs/{id}) per poll at most, matching or not; the rest waits. */
const MAX_LOOKUPS_PER_POLL = 500;

/**
 * Job Finished. Finds jobs that finished since the last poll, oldest first, reads each one
 * (GET v3/jobs/{id}: result, messages, outputs) and emits those whose result and workflow match.
 * At most Max Events per Poll are emitted; the others stay in the backlog for the next poll.
 */
export async function poll(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	const stored = loadState.call(this, settings.key);
	const source = await chooseJobSource.call(this, settings, stored?.source);
	const state: TriggerState = stored ?? { v: 1, key: settings.key, source, s: {}, b: [] };
	state.source = source;
	state.s ??= {};
	state.b ??= [];
	const firstPoll = stored === undefined;
	const names = new Map<string, string>(Object.entries(state.n ?? {}));

	// The backlog was cut and still fills this poll: what a listing would add waits behind it.
	const backlogFillsPoll = state.m === 1 && state.b.length >= settings.maxEvents;
	if (!backlogFillsPoll) delete state.m;

	if (backlogFillsPoll) {
		// Nothing to list this time.
	} else if (source === 'queue') {
		if (firstPoll && settings.includeFrom === undefined) {
			// Everything that finished so far is old: remember the newest and emit nothing.
			const listed = await listQueueJobs.call(this, undefined);
			state.l = Math.max(0, ...listed.map((job) => job.t));
			for (const job of listed) state.s[job.id] = job.t;
			saveState.call(this, state);
			return [];
		}
		if (firstPoll) state.l = state.f = settings.includeFrom;
		const floor = Math.max((state.l ?? 0) - OVERLAP_MS, state.f ?? -Infinity);
		const listed = await listQueueJobs.call(this, floor);
		for (const job of listed) if (job.workflowName) names.set(job.workflowId, job.workflowName);
		const newest = Math.max(state.l ?? 0, ...listed.map((job) => job.t));
		state.l = addToBacklog(state, listed, settings, newest, () => undefined);
	} else {
		state.w ??= {};
		for (const workflowId of settings.workflowIds) {
			await findWorkflowJobs.call(this, state, workflowId, settings);
		}
		for (const workflowId of Object.keys(state.w)) {
			if (!settings.workflowIds.includes(workflowId)) delete state.w[workflowId];
		}
	}

	const items = await handleBacklog.call(this, state, settings, names);
	const waitingWorkflows = new Set(state.b.map(([, , workflowId]) => workflowId));
	state.n = Object.fromEntries([...names].filter(([id]) => waitingWorkflows.has(id)));
	if (Object.keys(state.n).length === 0) delete state.n;

	if (source === 'queue') {
		pruneSeen(state.s, (state.l ?? 0) - OVERLAP_MS);
		if (state.f !== undefined && (state.l ?? 0) - OVERLAP_MS >= state.f) delete state.f;
	} else {
		for (const jobs of Object.values(state.w ?? {})) {
			pruneSeen(jobs.s, jobs.c - OVERLAP_MS);
			if (jobs.f !== undefined && jobs.c - OVERLAP_MS >= jobs.f) delete jobs.f;
		}
		delete state.s;
	}
	saveState.call(this, state);
	return items;
}

/**
 * Puts newly listed finished jobs into the backlog (jobs of other workflows straight into the
 * seen list). A backlog beyond backlogLimit() is cut: the cursor goes back to just before the first
 * job left out, so a later poll lists it again. Returns the cursor.
 */
function addToBacklog(
	state: TriggerState,
	listed: ListedJob[],
	settings: TriggerSettings,
	cursor: number,
	onDropped: (entry: BacklogEntry) => void,
): number {
	const backlog = state.b ?? [];
	const waiting = new Set(backlog.map(([id]) => id));
	const seenOf = (job: ListedJob) =>
		state.source === 'queue' ? state.s! : (state.w![job.workflowId]?.s ?? {});
	for (const job of listed) {
		if (!job.finished || waiting.has(job.id) || job.id in seenOf(job)) continue;
		if (settings.workflowIds.length > 0 && !settings.workflowIds.includes(job.workflowId)) {
			seenOf(job)[job.id] = job.t;
			continue;
		}
		backlog.push([job.id, job.t, job.workflowId, job.submittedBy ?? '', job.startMs ?? 0]);
		waiting.add(job.id);
	}
	backlog.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	let next = cursor;
	const limit = backlogLimit(settings.maxEvents);
	if (backlog.length > limit) {
		const dropped = backlog.splice(limit);
		next = Math.min(next, dropped[0][1] - 1);
		dropped.forEach(onDropped);
		state.m = 1;
	}
	state.b = backlog;
	return next;
}

/**
 * One watched workflow's jobs (GET v3/workflows/{id}/jobs): the list shows when a job was
 * created but not when it finished, so jobs seen queued or running are remembered ("open") and
 * reported once the list (or, for old ones, GET v3/jobs/{id}) shows them finished.
 */
async function findWorkflowJobs(
	this: IPollFunctions,
	state: TriggerState,
	workflowId: string,
	settings: TriggerSettings,
) {
	const workflows = state.w!;
	let jobs: WorkflowJobsState | undefined = workflows[workflowId];
	if (!jobs && settings.includeFrom === undefined) {
		// First poll: every job so far is old; those still running are watched until they finish.
		const listed = await listWorkflowJobs.call(this, workflowId, undefined);
		const open: Record<string, number> = {};
		const seen: Record<string, number> = {};
		for (const job of listed) (job.finished ? seen : open)[job.id] = job.t;
		for (const status of ['Running', 'Queued'] as const) {
			for (const job of await listWorkflowJobs.call(this, workflowId, -Infinity, status)) {
				if (!job.finished && !(job.id in seen)) open[job.id] = job.t;
			}
		}
		workflows[workflowId] = { c: Math.max(0, ...listed.map((job) => job.t)), o: open, s: seen };
		return;
	}
	jobs ??= workflows[workflowId] = {
		c: settings.includeFrom!,
		f: settings.includeFrom,
		o: {},
		s: {},
	};
	const floor = Math.max(jobs.c - OVERLAP_MS, jobs.f ?? -Infinity);
	const listed = await listWorkflowJobs.call(this, workflowId, floor);
	const listedIds = new Set(listed.map((job) => job.id));
	for (const job of listed) {
		if (job.finished) delete jobs.o[job.id];
		else if (!(job.id in jobs.s)) jobs.o[job.id] = job.t;
	}
	// Open jobs older than the listed window: ask for each one.
	for (const [jobId, created] of Object.entries(jobs.o)) {
		if (listedIds.has(jobId)) continue;
		const job = await lookupJob.call(this, jobId, false);
		if (!job) delete jobs.o[jobId];
		else if (isFinished(job)) {
			delete jobs.o[jobId];
			listed.push({ id: jobId, t: created, workflowId, finished: true });
		}
	}
	const newest = Math.max(jobs.c, ...listed.map((job) => job.t));
	jobs.c = newest;
	addToBacklog(state, listed, settings, newest, ([, created, droppedWorkflow]) => {
		const dropped = workflows[droppedWorkflow];
		if (dropped) dropped.c = Math.min(dropped.c, created - 1);
	});
}

/** Reads and emits backlog jobs, oldest first, within the per-poll limits. */
async function handleBacklog(
	this: IPollFunctions,
	state: TriggerState,
	settings: TriggerSettings,
	names: Map<string, string>,
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	const nameOf = workflowNames(this, names);
	const backlog = state.b ?? [];
	let lookups = 0;
	while (backlog.length > 0 && items.length < settings.maxEvents) {
		if (lookups >= Math.max(MAX_LOOKUPS_PER_POLL, settings.maxEvents)) break;
		const [jobId, time, workflowId, submittedBy, startMs] = backlog[0];
		const job = await lookupJob.call(this, jobId, settings.jobMessages !== 'none');
		lookups++;
		if (job && (settings.results as string[]).includes(String(resultOf(job)))) {
			const queue = state.source === 'queue';
			items.push(
				await jobItem.call(
					this,
					job,
					{
						workflowId,
						finishedAtMs: queue ? time : undefined,
						startedAtMs: queue && startMs ? startMs : undefined,
						submittedBy: queue && submittedBy ? submittedBy : undefined,
					},
					await nameOf(String(job.appId ?? workflowId)),
					settings,
				),
			);
		}
		backlog.shift();
		if (state.source === 'queue') state.s![jobId] = time;
		else if (state.w?.[workflowId]) state.w[workflowId].s[jobId] = time;
	}
	return items;
}

/**
 * Fetch Test Event: the most recent finished job that matches, read as a poll would emit it; the
 * trigger's state is neither read nor changed.
 */
export async function fetchTestEvent(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	const source: JobSource = await chooseJobSource.call(this, settings, undefined);
	let recent: ListedJob[] = [];
	if (source === 'queue') {
		recent = (await listQueueJobs.call(this, -Infinity, 1)).filter(
			(job) => settings.workflowIds.length === 0 || settings.workflowIds.includes(job.workflowId),
		);
	} else {
		for (const workflowId of settings.workflowIds) {
			const listed = await listWorkflowJobs.call(this, workflowId, -Infinity, undefined, 1);
			recent.push(...listed.filter((job) => job.finished));
		}
	}
	recent.sort((a, b) => b.t - a.t);
	const nameOf = workflowNames(this);
	for (const candidate of recent.slice(0, TEST_EVENT_LOOKUPS)) {
		const job = await lookupJob.call(this, candidate.id, settings.jobMessages !== 'none');
		if (!job || !(settings.results as string[]).includes(String(resultOf(job)))) continue;
		const queue = source === 'queue';
		return [
			await jobItem.call(
				this,
				job,
				{
					workflowId: candidate.workflowId,
					finishedAtMs: queue ? candidate.t : undefined,
					startedAtMs: queue ? candidate.startMs : undefined,
					submittedBy: candidate.submittedBy,
				},
				candidate.workflowName ?? (await nameOf(String(job.appId ?? candidate.workflowId))),
				settings,
			),
		];
	}
	throw new NodeOperationError(this.getNode(), 'No finished Alteryx job matches yet', {
		description: `Fetch Test Event looked at the ${Math.min(recent.length, TEST_EVENT_LOOKUPS)} most recent finished jobs${settings.workflowIds.length ? ' of the selected workflows' : ''} and none ended with ${settings.results.join(' or ')}. Run a workflow on the server (or widen Results) and try again. The trigger's position is unchanged: once active, it reports jobs that finish from then on.`,
	});
}

/** Finished jobs Fetch Test Event reads at most to find one that matches. */
const TEST_EVENT_LOOKUPS = 20;
