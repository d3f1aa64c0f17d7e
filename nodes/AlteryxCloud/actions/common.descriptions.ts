import type { INodeProperties } from 'n8n-workflow';

import {
	locator,
	type LocatorKind,
	returnAllOrLimit,
} from '../../AlteryxServer/actions/common.descriptions';
import { pollIntervalOption } from '../../AlteryxServer/helpers/pollSchedule';

export { returnAllOrLimit };

/**
 * Pickers are the Server node's "From List / By ID" locators: Alteryx Analytics Cloud documents
 * no page addresses of plans, flows or schedules, so they have no "By URL" mode; saved values
 * name their mode ('list', 'id'), so one can be added later without breaking them.
 */
const cloudLocator = (kind: LocatorKind, description?: string) =>
	locator(kind, description ? { description } : {});

export const planLocator = (description?: string) =>
	cloudLocator(
		{
			name: 'planId',
			displayName: 'Plan',
			description: 'The plan, picked by name or given by its ID',
			searchListMethod: 'searchPlans',
			idPlaceholder: 'e.g. 12',
		},
		description,
	);

export const flowLocator = (description?: string) =>
	cloudLocator(
		{
			name: 'flowId',
			displayName: 'Flow',
			description: 'The flow, picked by name or given by its ID',
			searchListMethod: 'searchFlows',
			idPlaceholder: 'e.g. 5',
		},
		description,
	);

export const scheduleLocator = (description?: string) =>
	cloudLocator(
		{
			name: 'scheduleId',
			displayName: 'Schedule',
			description: 'The schedule, picked by name or given by its ID',
			searchListMethod: 'searchSchedules',
			idPlaceholder: 'e.g. 3',
		},
		description,
	);

export const jobGroupIdField: INodeProperties = {
	displayName: 'Job Group ID',
	name: 'jobGroupId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 104',
	description:
		'The job group (one run of a flow’s recipe), as Flow → Run or Job Group → Get Many give it',
};

export const planRunIdField: INodeProperties = {
	displayName: 'Plan Run ID',
	name: 'planSnapshotRunId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 7',
	description: 'The plan run (planSnapshotRunId), as Plan → Run gives it',
};

/** The options of a Run and Wait: how long, how often, and what a failed run gives. */
export function waitOptions(what: 'plan run' | 'flow’s job groups'): INodeProperties[] {
	const single = what === 'plan run';
	const run = single ? 'the plan run' : 'the job groups';
	return [
		{
			displayName: 'Cancel on Timeout',
			name: 'cancelOnTimeout',
			type: 'boolean',
			default: true,
			description: `Whether to cancel ${run} in Alteryx Analytics Cloud when the timeout passes, so nothing keeps running unattended`,
		},
		{
			displayName: 'Fail When the Run Fails',
			name: 'failOnError',
			type: 'boolean',
			default: true,
			description: `Whether the item fails when ${run} ${single ? 'ends' : 'end'} Failed or Canceled. Turn off to get the final status as output instead.`,
		},
		pollIntervalOption(
			'The longest wait between two status checks. Checks start 1 s apart and the gap grows to a tenth of the time waited, up to this value.',
		),
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 3600,
			typeOptions: { minValue: 1 },
			description: `How long to wait for ${run} to finish before the item fails (and ${run} ${single ? 'is' : 'are'} cancelled, if set)`,
		},
	];
}
