import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';

import { requestRoute, requestRouteJson, routeError } from '../../AlteryxServer/helpers/api';
// helpers/api before helpers/jobs: jobs.ts is part of an import cycle that api.ts enters first.
import { isFinished } from '../../AlteryxServer/helpers/jobs';
import { triggerRoutes } from '../helpers/routes';
import type { TriggerSettings } from '../helpers/settings';
import type { JobSource } from '../helpers/state';
import { completedAfterDay, OVERLAP_MS, parseTime, parseTimeSpan } from '../helpers/time';

export { isFinished };

/** A finished job as a job list shows it. */
export interface ListedJob {
	id: string;
	/** Completion time (GET v3/jobs) or creation time (a workflow's jobs), in ms. */
	t: number;
	workflowId: string;
	workflowName?: string;
	submittedBy?: string;
	startMs?: number;
	finished: boolean;
}

export const PAGE_SIZE = 100;
/** The most pages one poll reads of one list (100,000 jobs at PAGE_SIZE 100). */
const MAX_PAGES = 1000;

/**
 * Which job list to read: GET v3/jobs (all jobs, Curators only, newer servers) or each watched
 * workflow's GET v3/workflows/{id}/jobs. "Automatic" asks GET v3/jobs once and remembers.
 */
export async function chooseJobSource(
	this: IPollFunctions,
	settings: TriggerSettings,
	remembered: JobSource | undefined,
): Promise<JobSource> {
	let source: JobSource =
		settings.jobSource === 'auto' ? (remembered ?? 'queue') : settings.jobSource;
	if (settings.jobSource === 'auto' && remembered === undefined) {
		const probe = {
			qs: { statuses: 'Complete', allUsers: true, offset: 0, limit: 1 },
			neverError: true,
		};
		const response = await requestRoute.call(this, triggerRoutes.queueJobs, probe);
		// Refused (not a Curator) or unknown (a server older than GET v3/jobs).
		if ([401, 403, 404, 405].includes(response.statusCode)) source = 'workflows';
		else if (response.statusCode >= 300) {
			throw routeError.call(this, triggerRoutes.queueJobs, probe, response, 0);
		}
	}
	if (source === 'workflows' && settings.workflowIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Pick the workflows to watch', {
			description:
				settings.jobSource === 'auto'
					? 'Only Alteryx Server Curators can list the jobs of all workflows (GET v3/jobs), and this API key’s user is not a Curator (or the server is older than that endpoint). Under Workflows choose "Selected Workflows" and pick the workflows to watch, or use a Curator’s API key.'
					: 'Find Jobs With is set to each workflow’s job list, which needs the workflows to watch. Under Workflows choose "Selected Workflows" and pick them.',
		});
	}
	return source;
}

/** When a job of GET v3/jobs finished: its start plus its execution time, else its start or queue time. */
function queueListing(record: IDataObject): ListedJob | undefined {
	const id = String(record.jobId ?? record.id ?? '');
	const start = parseTime(record.startTime);
	const run = parseTimeSpan(record.executionTime);
	const t =
		start !== undefined && run !== undefined ? start + run : (start ?? parseTime(record.queueTime));
	if (id === '' || t === undefined) return undefined;
	return {
		id,
		t,
		workflowId: String(record.workflowId ?? ''),
		workflowName: record.workflowName === undefined ? undefined : String(record.workflowName),
		submittedBy: record.submittedBy === undefined ? undefined : String(record.submittedBy),
		startMs: start,
		finished: true,
	};
}

function pageOf(context: IPollFunctions, body: unknown, what: string): IDataObject[] {
	const data = Array.isArray(body) ? body : (body as { data?: unknown } | undefined)?.data;
	if (!Array.isArray(data)) {
		throw new NodeOperationError(context.getNode(), `${what} did not return a list of jobs`, {
			description: 'The server answered with something other than a page of jobs.',
		});
	}
	return data as IDataObject[];
}

/**
 * Finished jobs from GET v3/jobs, newest completion first, down to `floorMs` (each page is asked
 * from the server only while the previous one did not reach it). Without a floor (the first
 * poll) it reads back OVERLAP_MS from the newest job.
 */
export async function listQueueJobs(
	this: IPollFunctions,
	floorMs: number | undefined,
	maxPages = Infinity,
): Promise<ListedJob[]> {
	const jobs = new Map<string, ListedJob>();
	let floor = floorMs;
	for (let page = 0; page < maxPages; page++) {
		if (page >= MAX_PAGES) throw tooManyJobs(this, 'GET v3/jobs');
		const qs: IDataObject = {
			statuses: 'Complete',
			allUsers: true,
			sortField: 'CompletionDateTime',
			direction: 'desc',
			offset: page * PAGE_SIZE,
			limit: PAGE_SIZE,
		};
		if (floor !== undefined && floor > 0) qs.completedAfter = completedAfterDay(floor);
		let body: unknown;
		try {
			body = await requestRouteJson.call(this, triggerRoutes.queueJobs, { qs });
		} catch (error) {
			throw curatorsOnly(this, error);
		}
		const records = pageOf(this, body, 'GET v3/jobs');
		let reachedFloor = false;
		for (const record of records) {
			const job = queueListing(record);
			if (!job) continue;
			floor ??= job.t - OVERLAP_MS;
			if (job.t < floor) {
				reachedFloor = true;
				continue;
			}
			if (!jobs.has(job.id)) jobs.set(job.id, job);
		}
		const hasNextPage = (body as { pagination?: { hasNextPage?: boolean } })?.pagination
			?.hasNextPage;
		if (reachedFloor || records.length < PAGE_SIZE || hasNextPage === false) break;
	}
	return [...jobs.values()];
}

/** A 401 of GET v3/jobs, in Alteryx terms. */
function curatorsOnly(context: IPollFunctions, error: unknown): unknown {
	const status = (error as { httpCode?: string | null }).httpCode;
	if (!(error instanceof NodeApiError) || (status !== '401' && status !== '403')) return error;
	const message = 'Alteryx Server refused to list all jobs (GET v3/jobs)';
	return new NodeApiError(context.getNode(), { message } as JsonObject, {
		message,
		description:
			'Only Curators may list the jobs of all workflows. Set Options → Find Jobs With to "Each Workflow’s Jobs" (or "Automatic") and pick the workflows to watch, or use a Curator’s API key.',
		httpCode: status,
	});
}

function tooManyJobs(context: IPollFunctions, list: string) {
	return new NodeOperationError(
		context.getNode(),
		`More than ${MAX_PAGES * PAGE_SIZE} jobs finished since the last poll (${list})`,
		{
			description:
				'The trigger reads at most that many per poll. Set Include Events From to a later date (or deactivate and activate the workflow to start from now).',
		},
	);
}

/**
 * Jobs of one workflow from GET v3/workflows/{id}/jobs, newest first, down to jobs created
 * before `floorMs` (the list has no completion time; unfinished ones are kept as "open" by the
 * caller). Without a floor (the first poll) it reads back OVERLAP_MS from the newest job.
 */
export async function listWorkflowJobs(
	this: IPollFunctions,
	workflowId: string,
	floorMs: number | undefined,
	status?: 'Running' | 'Queued',
	maxPages = Infinity,
): Promise<ListedJob[]> {
	const jobs = new Map<string, ListedJob>();
	let floor = floorMs;
	for (let page = 0; page < maxPages; page++) {
		if (page >= MAX_PAGES) throw tooManyJobs(this, `GET v3/workflows/${workflowId}/jobs`);
		const qs: IDataObject = {
			sortField: 'createDate',
			direction: 'desc',
			offset: page * PAGE_SIZE,
			limit: PAGE_SIZE,
		};
		if (status) qs.status = status;
		const body = await requestRouteJson.call(this, triggerRoutes.workflowJobs, {
			path: { workflowId },
			qs,
		});
		const records = pageOf(this, body, `GET v3/workflows/${workflowId}/jobs`);
		let reachedFloor = false;
		for (const record of records) {
			const id = String(record.id ?? '');
			const t = parseTime(record.createDate ?? record.createDateTime);
			if (id === '' || t === undefined) continue;
			floor ??= t - OVERLAP_MS;
			if (t < floor) {
				reachedFloor = true;
				continue;
			}
			jobs.set(id, { id, t, workflowId, finished: isFinished(record as never) });
		}
		if (reachedFloor || records.length < PAGE_SIZE) break;
	}
	return [...jobs.values()];
}
