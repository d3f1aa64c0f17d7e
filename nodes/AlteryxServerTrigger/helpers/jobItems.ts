import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';

import { requestRoute, requestRouteJson, routeError } from '../../AlteryxServer/helpers/api';
import { downloadAllOutputs, isCancelled, type JobView } from '../../AlteryxServer/helpers/jobs';
import { decodeJsonBody } from '../../transport/response';
import { triggerRoutes } from './routes';
import type { JobResult, TriggerSettings } from './settings';
import { isoTime } from './time';

/** What the job list said about a job that the job itself does not (GET v3/jobs only). */
export interface JobListing {
	workflowId: string;
	/** When it finished (ms), when the list tells. */
	finishedAtMs?: number;
	startedAtMs?: number;
	submittedBy?: string;
}

/** GET v3/jobs/{id}; undefined when the job no longer exists (deleted, or a cancelled queued job). */
export async function lookupJob(
	this: IPollFunctions,
	jobId: string,
	includeMessages: boolean,
): Promise<JobView | undefined> {
	const call = { path: { jobId }, qs: { includeMessages }, neverError: true };
	const response = await requestRoute.call(this, triggerRoutes.job, call);
	if (response.statusCode === 404) return undefined;
	if (response.statusCode >= 300) throw routeError.call(this, triggerRoutes.job, call, response, 0);
	return decodeJsonBody(response.body) as JobView;
}

/**
 * The result of a finished job: Cancelled from its status or disposition, otherwise its
 * disposition (Success, Warning, Error). A completed job without a disposition counts as Success.
 */
export function resultOf(job: JobView): JobResult | string {
	const disposition = String(job.disposition ?? '');
	if (isCancelled(job) || /^cancel+ed$/i.test(disposition)) return 'Cancelled';
	const known = ['Success', 'Warning', 'Error'].find(
		(result) => result.toLowerCase() === disposition.toLowerCase(),
	);
	if (known) return known as JobResult;
	return disposition === '' || /^none$/i.test(disposition) ? 'Success' : disposition;
}

/** Whether the job's messages go into the item (Job Messages option). */
export function wantsMessages(settings: TriggerSettings, result: string): boolean {
	if (settings.jobMessages === 'all') return true;
	if (settings.jobMessages === 'none') return false;
	return result === 'Error' || result === 'Warning';
}

/**
 * Workflow id → name: from the job list when it names them (GET v3/jobs), else read once per
 * poll (GET v3/workflows) and only when an item needs a name.
 */
export function workflowNames(context: IPollFunctions, known = new Map<string, string>()) {
	let names: Promise<Map<string, string>> | undefined;
	return async (workflowId: string): Promise<string | null> => {
		if (known.has(workflowId)) return known.get(workflowId)!;
		names ??= (async () => {
			const list = await requestRouteJson.call(context, triggerRoutes.workflows);
			const map = new Map<string, string>();
			for (const workflow of Array.isArray(list) ? (list as IDataObject[]) : []) {
				map.set(String(workflow.id), String(workflow.name ?? ''));
			}
			return map;
		})();
		return (await names).get(workflowId) ?? null;
	};
}

/**
 * The item of a finished job: the job (id, workflow, status, result, times, priority, who ran
 * it), its messages (Job Messages option), its outputs, and the output files when asked.
 */
export async function jobItem(
	this: IPollFunctions,
	job: JobView,
	listing: JobListing,
	workflowName: string | null,
	settings: TriggerSettings,
): Promise<INodeExecutionData> {
	const result = resultOf(job);
	const json: IDataObject = {
		id: job.id,
		jobId: job.id,
		workflowId: String(job.appId ?? listing.workflowId),
		workflowName,
		status: job.status ?? null,
		disposition: job.disposition ?? null,
		result,
		queuedAt: job.createDateTime ?? null,
		startedAt: isoTime(listing.startedAtMs),
		finishedAt: isoTime(listing.finishedAtMs),
		priority: job.priority ?? null,
		workerTag: job.workerTag ?? null,
		runWithE2: job.runWithE2 ?? null,
		submittedBy: listing.submittedBy ?? null,
	};
	if (wantsMessages(settings, result)) json.messages = job.messages ?? [];
	json.outputs = job.outputs ?? [];
	let binary: IBinaryKeyData | undefined;
	if (settings.downloadOutputs && (job.outputs ?? []).length > 0 && result !== 'Error') {
		// The Job → Download Output code: it needs the transport and prepareBinaryData, which a
		// poll has as well as an execution.
		const downloaded = await downloadAllOutputs.call(
			this as unknown as IExecuteFunctions,
			job,
			settings.outputFormat,
			settings.binaryPropertyPrefix,
			0,
		);
		binary = downloaded.binary;
		json.outputs = downloaded.outputs;
	}
	return binary ? { json, binary } : { json };
}
