import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as create from './create.operation';
import * as deleteSchedule from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as patch from './patch.operation';
import * as update from './update.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Schedule',
	value: 'schedule',
	description: 'Schedules that run workflows once or on a recurrence: create, list, change, delete',
};

export const operations: ResourceModule['operations'] = {
	create,
	delete: deleteSchedule,
	get,
	getAll,
	patch,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['schedule'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a schedule',
				description:
					'Schedule a workflow to run once or on a recurrence (hourly, daily, weekly, monthly, custom days or cron)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a schedule',
				description: 'Delete a schedule; the workflow and its past jobs stay',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a schedule',
				description: 'Get the details of a schedule: recurrence, next run, owner, questions…',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many schedules',
				description:
					'List the schedules the API user can see, optionally by owner, workflow or a window of up to 45 days in which they run',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a schedule',
				description:
					'Change settings of a schedule; fields left out keep their current values (the node reads the schedule and sends it back complete)',
			},
			{
				name: 'Update (Patch)',
				value: 'patch',
				action: 'Update only the given fields of a schedule',
				description:
					'Send only the changed fields (PATCH); Alteryx keeps the rest. Use this when Update cannot read a schedule’s recurrence back.',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteSchedule.description,
	...get.description,
	...getAll.description,
	...patch.description,
	...update.description,
];
