import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { idList, includeEventsFrom, maxEventsPerPoll } from '../../pollingTrigger/settings';
import { fingerprint } from '../../pollingTrigger/state';

export type CloudEventName = 'planRunFinished' | 'jobGroupFinished';

/** How a plan run or a job group ended (the Cloud's own status names). */
export type RunResult = 'Complete' | 'Failed' | 'Canceled';

export const RUN_RESULTS: readonly RunResult[] = ['Complete', 'Failed', 'Canceled'];

export interface CloudTriggerSettings {
	event: CloudEventName;
	/** The results to emit. */
	results: RunResult[];
	/** Plan ids (plan runs) or flow ids (job groups) to watch; empty means all. */
	watchedIds: string[];
	maxEvents: number;
	/** Job groups: add GET v4/jobGroups/{id}/outputs to the item. */
	includeOutputs: boolean;
	/** Include Events From (ms), when set. */
	includeFrom?: number;
	/** Fingerprint of what decides which events exist (not of how they are shown). */
	key: string;
}

/** The parameter that holds the watched ids of each event. */
export const WATCHED_IDS_PARAMETER: Record<CloudEventName, { name: string; label: string }> = {
	planRunFinished: { name: 'planIds', label: 'Plans to Watch' },
	jobGroupFinished: { name: 'flowIds', label: 'Flows to Watch' },
};

export function readSettings(this: IPollFunctions): CloudTriggerSettings {
	const node = this.getNode();
	const event = this.getNodeParameter('event') as CloudEventName;
	if (!(event in WATCHED_IDS_PARAMETER)) {
		throw new NodeOperationError(node, `Event "${String(event)}" is not one this trigger knows`, {
			description: 'Choose Plan Run Finished or Job Group Finished.',
		});
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const watch = this.getNodeParameter('watch', 'all') as string;
	const watched = WATCHED_IDS_PARAMETER[event];
	const watchedIds =
		watch === 'selected'
			? [...new Set(idList(this.getNodeParameter(watched.name, [])))].sort()
			: [];
	for (const id of watchedIds) {
		if (!/^\d+$/.test(id)) {
			throw new NodeOperationError(node, `${watched.label}: "${id}" is not a Cloud id`, {
				description: `Alteryx Analytics Cloud ids are whole numbers. Pick from the list, or give ids such as 501 (separated by commas in an expression).`,
			});
		}
	}
	if (watch === 'selected' && watchedIds.length === 0) {
		throw new NodeOperationError(node, `Pick at least one entry in ${watched.label}`, {
			description: `Watch is set to "Selected" but ${watched.label} is empty. Pick from the list, or choose "All".`,
		});
	}
	const results = (this.getNodeParameter('results', []) as string[]).filter(Boolean);
	if (results.length === 0) {
		throw new NodeOperationError(node, 'Pick at least one result', {
			description: 'Results is empty, so no finished run would start the workflow.',
		});
	}
	for (const result of results) {
		if (!(RUN_RESULTS as readonly string[]).includes(result)) {
			throw new NodeOperationError(node, `Results: "${result}" is not a result`, {
				description: `The results are ${RUN_RESULTS.join(', ')}.`,
			});
		}
	}
	return {
		event,
		results: results as RunResult[],
		watchedIds,
		maxEvents: maxEventsPerPoll(this, options),
		includeOutputs: event === 'jobGroupFinished' && options.includeOutputs === true,
		includeFrom: includeEventsFrom(this, options),
		key: fingerprint(
			JSON.stringify([
				event,
				watchedIds,
				options.includeEventsSince ?? '',
				options.includeEventsLastDays ?? '',
			]),
		),
	};
}
