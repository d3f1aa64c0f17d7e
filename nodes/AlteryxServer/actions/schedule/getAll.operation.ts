import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestListWithLimit, withoutUndefined } from '../../helpers/api';
import { idInCollection, toIsoDateTime, viewOption } from '../../helpers/parameters';
import {
	returnAllOrLimit,
	userLocator,
	viewOptions,
	workflowLocator,
} from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/schedules',
	operationId: 'Schedules_GetSchedules',
};

/** Alteryx refuses a runsAfter/runsBefore window longer than this. */
const MAX_WINDOW_DAYS = 45;

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			userLocator({
				name: 'ownerId',
				displayName: 'Owner',
				required: false,
				description: 'Only schedules owned by this user',
			}),
			{
				displayName: 'Runs After',
				name: 'runsAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only schedules with a run at or after this time. Must be used together with Runs Before, at most 45 days apart; each schedule’s runDateTime is then its next run inside the window.',
			},
			{
				displayName: 'Runs Before',
				name: 'runsBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only schedules with a run before this time. Must be used together with Runs After, at most 45 days apart.',
			},
			workflowLocator({
				required: false,
				description: 'Only schedules that run this workflow',
			}),
		],
	},
	viewOptions({
		record: 'schedule',
		defaultView: 'ID, name, workflow, owner, next run and time zone',
		fullView:
			'Every detail of each schedule: recurrence, enabled, priority, run count, last run, questions…',
	}),
];

const displayOptions = { show: { resource: ['schedule'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Checks the paired runsAfter/runsBefore filter before Alteryx would refuse it. */
function runWindow(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): { runsAfter?: string; runsBefore?: string } {
	const runsAfter = toIsoDateTime.call(this, filters.runsAfter, 'Runs After', itemIndex);
	const runsBefore = toIsoDateTime.call(this, filters.runsBefore, 'Runs Before', itemIndex);
	if (!runsAfter && !runsBefore) return {};
	if (!runsAfter || !runsBefore) {
		throw new NodeOperationError(
			this.getNode(),
			'Runs After and Runs Before must be used together',
			{
				description: `Alteryx filters by a time window: add ${runsAfter ? 'Runs Before' : 'Runs After'} under Filters too (at most ${MAX_WINDOW_DAYS} days apart), or remove ${runsAfter ? 'Runs After' : 'Runs Before'}.`,
				itemIndex,
			},
		);
	}
	const days = (Date.parse(runsBefore) - Date.parse(runsAfter)) / 86_400_000;
	if (days <= 0) {
		throw new NodeOperationError(this.getNode(), 'Runs Before must be later than Runs After', {
			description: `Runs After is ${runsAfter}, Runs Before is ${runsBefore}.`,
			itemIndex,
		});
	}
	if (days > MAX_WINDOW_DAYS) {
		throw new NodeOperationError(
			this.getNode(),
			`Runs After and Runs Before can be at most ${MAX_WINDOW_DAYS} days apart`,
			{
				description: `They are ${Math.ceil(days)} days apart (${runsAfter} to ${runsBefore}). Alteryx refuses longer windows: split the period into several requests.`,
				itemIndex,
			},
		);
	}
	return { runsAfter, runsBefore };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = withoutUndefined({
		ownerId: idInCollection(filters, 'ownerId') || undefined,
		workflowId: idInCollection(filters, 'workflowId') || undefined,
		...runWindow.call(this, filters, itemIndex),
		view: viewOption.call(this, itemIndex),
	});
	// The endpoint has no paging parameters: it always returns the whole list.
	return await requestListWithLimit.call(this, route, { qs }, itemIndex);
}
