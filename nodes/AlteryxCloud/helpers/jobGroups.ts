import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CloudRoute } from '../actions/node.type';
import { requestCloud, requestCloudJson } from './api';
import { isFinalStatus, pollUntil, type PollOutcome, type WaitSettings } from './wait';

export const jobGroupRoutes = {
	get: {
		method: 'GET',
		path: 'v4/jobGroups/{jobGroupId}',
		action: 'reading job group {jobGroupId}',
	},
	status: {
		method: 'GET',
		path: 'v4/jobGroups/{jobGroupId}/status',
		action: 'reading the status of job group {jobGroupId}',
	},
	cancel: {
		method: 'POST',
		path: 'v4/jobGroups/{jobGroupId}/cancel',
		action: 'cancelling job group {jobGroupId}',
	},
} satisfies Record<string, CloudRoute>;

function records(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	const data = (value as { data?: unknown } | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

/**
 * The job groups a flow run started. The Cloud lists them under `data` (each with its `id`) and
 * older answers under `jobGroups` (an array or `{ data }`); all are read.
 */
export function jobGroupIdsOf(answer: unknown): string[] {
	const object = (answer ?? {}) as IDataObject;
	const found = [...records(answer), ...records(object.jobGroups)]
		.map((group) => group?.id)
		.filter((id) => id !== undefined && id !== null && id !== '')
		.map(String);
	return [...new Set(found)];
}

/** GET v4/jobGroups/{id}/status answers a bare JSON string ("Complete"). */
export async function getJobGroupStatus(
	this: IExecuteFunctions,
	jobGroupId: string,
	itemIndex: number,
	timeout?: number,
): Promise<string> {
	const answer = await requestCloudJson.call(
		this,
		jobGroupRoutes.status,
		{ path: { jobGroupId }, timeout },
		itemIndex,
	);
	if (answer !== null && typeof answer === 'object') {
		return String((answer as IDataObject).status ?? '');
	}
	return String(answer ?? '');
}

export async function getJobGroup(
	this: IExecuteFunctions,
	jobGroupId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const group = await requestCloudJson.call(
		this,
		jobGroupRoutes.get,
		{ path: { jobGroupId } },
		itemIndex,
	);
	return group !== null && typeof group === 'object'
		? (group as IDataObject)
		: { id: jobGroupId, value: group as string };
}

export interface JobGroupsWait extends PollOutcome<Record<string, string>> {
	/** The job groups as read after the wait, in the order the flow run listed them. */
	jobGroups: IDataObject[];
	cancelledByNode: string[];
}

/**
 * Polls the status of every job group a flow run started until all are Complete, Failed or
 * Canceled (a finished one is not asked again), or the timeout passes; then cancels the
 * unfinished ones if asked, and reads each job group once.
 */
export async function waitForJobGroups(
	this: IExecuteFunctions,
	jobGroupIds: string[],
	settings: WaitSettings & { cancelOnTimeout: boolean },
	itemIndex: number,
): Promise<JobGroupsWait> {
	const statuses: Record<string, string> = {};
	const outcome = await pollUntil(
		this,
		async (timeout) => {
			for (const id of jobGroupIds) {
				if (isFinalStatus(statuses[id])) continue;
				statuses[id] = await getJobGroupStatus.call(this, id, itemIndex, timeout);
			}
			return statuses;
		},
		(current) => jobGroupIds.every((id) => isFinalStatus(current[id])),
		settings,
		`Job groups ${jobGroupIds.join(', ')} keep running in Alteryx Analytics Cloud.`,
		itemIndex,
	);
	const cancelledByNode: string[] = [];
	if (outcome.timedOut && settings.cancelOnTimeout) {
		for (const id of jobGroupIds.filter((candidate) => !isFinalStatus(statuses[candidate]))) {
			try {
				await requestCloud.call(
					this,
					jobGroupRoutes.cancel,
					{ path: { jobGroupId: id } },
					itemIndex,
				);
				cancelledByNode.push(id);
			} catch {
				// A job group that finished in the meantime cannot be cancelled; the read below tells.
			}
		}
	}
	const jobGroups: IDataObject[] = [];
	for (const id of jobGroupIds) jobGroups.push(await getJobGroup.call(this, id, itemIndex));
	return { ...outcome, jobGroups, cancelledByNode };
}

/** The status of a flow run from its job groups: Failed before Canceled before Complete. */
export function overallStatus(statuses: unknown[]): string {
	const lower = statuses.map((status) => String(status ?? '').toLowerCase());
	if (lower.includes('failed')) return 'Failed';
	if (lower.some((status) => status === 'canceled' || status === 'cancelled')) return 'Canceled';
	if (lower.length > 0 && lower.every((status) => status === 'complete')) return 'Complete';
	return 'InProgress';
}
