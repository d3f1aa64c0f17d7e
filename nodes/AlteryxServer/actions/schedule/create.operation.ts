import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson, withoutUndefined } from '../../helpers/api';
import { idInCollection, locatorValue, toAppValues } from '../../helpers/parameters';
import {
	appQuestionsField,
	credentialLocator,
	priorityOptions,
	workflowLocator,
} from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { iterationProperties, readIteration } from './iteration';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/schedules',
	operationId: 'Schedules_CreateSchedule',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The workflow or analytic app the schedule runs' }),
	...iterationProperties(),
	appQuestionsField({
		description:
			'Answers to the analytic app’s questions for every scheduled run. Questions not answered here keep their default values.',
		valueDescription: 'The answer, as text (for a list question, one of its values)',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'A note about the schedule (up to 1024 characters)',
			},
			credentialLocator({
				required: false,
				description:
					'The Alteryx credential the scheduled runs use, for workflows that need one. Picked by user name or given by its ID.',
			}),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Nightly Sales Load',
				description:
					'The schedule’s name (up to 256 characters). Empty lets Alteryx name it after the workflow.',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: priorityOptions,
				default: 'Default',
				description:
					'Queue priority of the scheduled jobs; Alteryx ignores it unless the API user may set priorities or is a Curator',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Eastern Standard Time',
				description:
					'A time zone from Alteryx’s list of valid time zones. With it, Start Time and End Time are read as wall-clock times in that zone (so daylight saving time is followed); without it they are UTC.',
			},
			{
				displayName: 'Worker Tag',
				name: 'workerTag',
				type: 'string',
				default: '',
				description:
					'Runs the scheduled jobs only on workers with this tag; Alteryx ignores it unless the API user may assign workers',
			},
		],
	},
];

const displayOptions = { show: { resource: ['schedule'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const timeZone = String(additional.timeZone ?? '').trim();
	const iteration = readIteration.call(this, itemIndex, timeZone !== '');
	const questions = toAppValues(this.getNodeParameter('questions.question', itemIndex, []));

	const contract = withoutUndefined({
		workflowId,
		iteration,
		name: (additional.name as string)?.trim() || undefined,
		comment: (additional.comment as string) || undefined,
		priority: (additional.priority as string) || undefined,
		workerTag: (additional.workerTag as string) || undefined,
		credentialId: idInCollection(additional, 'credentialId') || undefined,
		timeZone: timeZone || undefined,
		questions: questions.length ? questions : undefined,
	});
	// 201 with the new schedule's ID as a JSON string.
	const id = await requestRouteJson.call(this, route, { body: contract }, itemIndex);
	return jsonToItems(id);
}
