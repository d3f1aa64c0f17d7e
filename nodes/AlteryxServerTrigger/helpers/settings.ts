import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, IPollFunctions } from 'n8n-workflow';

import {
	urlWithoutIdMessage,
	WORKFLOW_URL_ERROR,
	workflowIdFromUrl,
} from '../../AlteryxServer/helpers/galleryUrls';
import {
	DEFAULT_MAX_EVENTS,
	idList,
	includeEventsFrom,
	maxEventsPerPoll,
} from '../../pollingTrigger/settings';
import { fingerprint } from './state';

export { DEFAULT_MAX_EVENTS };

export type TriggerEventName =
	| 'jobFinished'
	| 'workflowPublished'
	| 'newWorkflowVersion'
	| 'scheduleFailedOrDisabled';

export type JobResult = 'Success' | 'Warning' | 'Error' | 'Cancelled';

export interface TriggerSettings {
	event: TriggerEventName;
	/** Job Finished: the results to emit. */
	results: JobResult[];
	/** Workflow ids to watch; empty means all workflows. */
	workflowIds: string[];
	jobSource: 'auto' | 'queue' | 'workflows';
	maxEvents: number;
	jobMessages: 'errorsAndWarnings' | 'all' | 'none';
	downloadOutputs: boolean;
	outputFormat: string;
	binaryPropertyPrefix: string;
	/** Include Events From (ms), when set. */
	includeFrom?: number;
	/** Fingerprint of what decides which events exist (not of how they are shown). */
	key: string;
}

export function readSettings(this: IPollFunctions): TriggerSettings {
	const node = this.getNode();
	const event = this.getNodeParameter('event') as TriggerEventName;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const watch =
		event === 'workflowPublished' ? 'all' : (this.getNodeParameter('watch', 'all') as string);
	const workflowIds =
		watch === 'selected'
			? [
					...new Set(
						idList(this.getNodeParameter('workflowIds', [])).map((entry) =>
							watchedWorkflowId(node, entry),
						),
					),
				].sort()
			: [];
	if (watch === 'selected' && workflowIds.length === 0) {
		throw new NodeOperationError(node, 'Pick at least one workflow to watch', {
			description:
				'Workflows is set to "Selected Workflows" but none is selected. Pick workflows from the list, or choose "All Workflows".',
		});
	}
	const results =
		event === 'jobFinished'
			? (this.getNodeParameter('results', []) as JobResult[])
			: ([] as JobResult[]);
	if (event === 'jobFinished' && results.length === 0) {
		throw new NodeOperationError(node, 'Pick at least one job result', {
			description: 'Results is empty, so no finished job would start the workflow.',
		});
	}
	const maxEvents = maxEventsPerPoll(this, options);
	const includeFrom = includeEventsFrom(this, options);
	const jobSource = (options.jobSource as TriggerSettings['jobSource']) || 'auto';
	return {
		event,
		results,
		workflowIds,
		jobSource,
		maxEvents,
		jobMessages: (options.jobMessages as TriggerSettings['jobMessages']) || 'errorsAndWarnings',
		downloadOutputs: options.downloadOutputs === true,
		outputFormat: String(options.outputFormat || 'Raw'),
		binaryPropertyPrefix: String(options.binaryPropertyPrefix ?? 'output_'),
		includeFrom,
		key: fingerprint(
			JSON.stringify([
				event,
				workflowIds,
				event === 'jobFinished' ? jobSource : '',
				options.includeEventsSince ?? '',
				options.includeEventsLastDays ?? '',
			]),
		),
	};
}

/**
 * A watched workflow given by the address of its Gallery page (an expression may give those) is
 * watched by the id in it, as the Alteryx Server node's By URL mode reads it.
 */
function watchedWorkflowId(node: INode, entry: string): string {
	if (!/^https?:\/\//i.test(entry)) return entry;
	const id = workflowIdFromUrl(entry);
	if (id !== undefined) return id;
	const { message, description } = urlWithoutIdMessage('workflow', entry, WORKFLOW_URL_ERROR);
	throw new NodeOperationError(node, message, { description });
}
