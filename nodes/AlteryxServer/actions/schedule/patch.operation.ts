import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import type { OperationRoute } from '../node.type';
import { route as getRoute } from './get.operation';
import { readIteration } from './iteration';
import { readScheduleUpdate, scheduleUpdateProperties } from './updateFields';
import { sameRecord } from '../../helpers/parameters';

export const route: OperationRoute = {
	method: 'PATCH',
	path: '/v3/schedules/{scheduleId}',
	operationId: 'Schedules_UpdateSchedulePatch',
};

const properties: INodeProperties[] = scheduleUpdateProperties(
	'Only the fields added here are sent; Alteryx keeps every other setting. A new recurrence without a Time Zone keeps the schedule’s current zone.',
);

const displayOptions = { show: { resource: ['schedule'], operation: ['patch'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	// PATCH sends only the changes: they are the whole body.
	const { scheduleId, changeIteration, changes } = readScheduleUpdate.call(this, itemIndex);

	if (changeIteration) {
		// Alteryx reads the times in the schedule's time zone, the new one or else the current
		// one; only in the second case does the node need to look it up.
		let timeZone = changes.timeZone as string | undefined;
		if (timeZone === undefined) {
			readIteration.call(this, itemIndex, false); // configuration mistakes fail before any call
			const current = (await requestRouteJson.call(
				this,
				getRoute,
				{ path: { scheduleId } },
				itemIndex,
			)) as IDataObject | undefined;
			timeZone = String(current?.timeZone ?? '').trim();
		}
		changes.iteration = readIteration.call(this, itemIndex, timeZone !== '');
	}

	const updated = await requestRouteJson.call(
		this,
		route,
		{ path: { scheduleId }, body: changes },
		itemIndex,
	);
	return jsonToItems(updated);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('scheduleId');
