import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as cancel from './cancel.operation';
import * as downloadOutput from './downloadOutput.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMessages from './getMessages.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Job',
	value: 'job',
	description: 'Runs of workflows (jobs): status, result, messages, output files, the queue',
};

export const operations: ResourceModule['operations'] = {
	cancel,
	downloadOutput,
	get,
	getAll,
	getMessages,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a job',
				description: 'Cancel a running job or remove a queued one',
			},
			{
				name: 'Download Output',
				value: 'downloadOutput',
				action: 'Download an output file of a job',
				description: 'Download one output file of a finished job, in a format it offers',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a job and its result',
				description:
					'Get a job’s status, result (disposition), outputs and messages, e.g. of a job queued by Run without waiting',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many jobs',
				description: 'List jobs in the queue and recent jobs (Curator only), newest first',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				action: 'Get the messages of a job',
				description: 'Get every message the job’s run wrote (Curator only)',
			},
		],
		default: 'get',
	},
	...cancel.description,
	...downloadOutput.description,
	...get.description,
	...getAll.description,
	...getMessages.description,
];
