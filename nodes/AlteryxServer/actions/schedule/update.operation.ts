import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, withoutUndefined } from '../../helpers/api';
import { updateByMerge } from '../../helpers/update';
import type { OperationRoute } from '../node.type';
import { route as getRoute } from './get.operation';
import { readIteration } from './iteration';
import { readScheduleUpdate, scheduleUpdateProperties } from './updateFields';
import { sameRecord } from '../../helpers/parameters';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/schedules/{scheduleId}',
	operationId: 'Schedules_UpdateSchedule',
};

const properties: INodeProperties[] = scheduleUpdateProperties(
	'Only the fields added here change; every other setting keeps its current value (the node reads the schedule first and sends the complete contract Alteryx requires)',
);

const displayOptions = { show: { resource: ['schedule'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** UpdateScheduleContract filled from the current ScheduleView. */
export function scheduleToUpdateContract(
	schedule: IDataObject,
	iteration: IDataObject,
): IDataObject {
	return withoutUndefined({
		workflowId: schedule.workflowId,
		ownerId: schedule.ownerId,
		iteration,
		name: schedule.name ?? '',
		comment: schedule.comment ?? '',
		priority: schedule.priority ?? 'Default',
		workerTag: schedule.workerTag ?? '',
		enabled: schedule.enabled ?? true,
		credentialId: schedule.credentialId ?? '',
		timeZone: (schedule.timeZone as string) || undefined,
		questions: (schedule.questions as IDataObject[] | undefined) ?? undefined,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { scheduleId, changeIteration, changes } = readScheduleUpdate.call(this, itemIndex);

	const toContract = (current: IDataObject): IDataObject => {
		const timeZone = String(changes.timeZone ?? current.timeZone ?? '').trim();
		let iteration: IDataObject;
		if (changeIteration) {
			iteration = readIteration.call(this, itemIndex, timeZone !== '');
		} else {
			const currentIteration = current.iteration as IDataObject | undefined;
			if (!currentIteration?.iterationType) {
				throw new NodeOperationError(
					this.getNode(),
					'The schedule’s recurrence could not be read back for the update',
					{
						description:
							'This Alteryx Server returns only the start and end time of a schedule, but a full update must resend its recurrence. Turn on "Change Recurrence" and set it, or use the operation "Update (Patch)", which sends only the changed fields.',
						itemIndex,
					},
				);
			}
			// Sent back as read, without the empty members (endTime: null means "no end").
			iteration = Object.fromEntries(
				Object.entries(currentIteration).filter(
					([, value]) => value !== null && value !== undefined,
				),
			) as IDataObject;
		}
		return scheduleToUpdateContract(current, iteration);
	};

	const { updated } = await updateByMerge.call(
		this,
		{ getRoute, putRoute: route, path: { scheduleId }, toContract, changes },
		itemIndex,
	);
	return jsonToItems(updated);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('scheduleId');
