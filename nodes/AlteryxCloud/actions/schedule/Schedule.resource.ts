import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Schedule',
	value: 'schedule',
	description: 'Schedules of plans and flows: list them, enable or disable them',
};

export const operations: ResourceModule['operations'] = { disable, enable, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['schedule'] } },
		options: [
			{
				name: 'Disable',
				value: 'disable',
				action: 'Disable a schedule',
				description: 'Stop a schedule from running, keeping its settings',
			},
			{
				name: 'Enable',
				value: 'enable',
				action: 'Enable a schedule',
				description: 'Let a disabled schedule run again',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a schedule',
				description: 'Get a schedule by its ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many schedules',
				description: 'List the schedules of the workspace',
			},
		],
		default: 'getAll',
	},
	...disable.description,
	...enable.description,
	...get.description,
	...getAll.description,
];
