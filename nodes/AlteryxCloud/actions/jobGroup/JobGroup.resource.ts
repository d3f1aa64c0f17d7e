import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getInputs from './getInputs.operation';
import * as getJobs from './getJobs.operation';
import * as getOutputs from './getOutputs.operation';
import * as getStatus from './getStatus.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Job Group',
	value: 'jobGroup',
	description: 'Job groups (one run of a recipe): their status, jobs, inputs and outputs',
};

export const operations: ResourceModule['operations'] = {
	cancel,
	get,
	getAll,
	getInputs,
	getJobs,
	getOutputs,
	getStatus,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['jobGroup'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a job group',
				description: 'Cancel a job group that has not finished',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a job group',
				description: 'Get a job group by its ID',
			},
			{
				name: 'Get Inputs',
				value: 'getInputs',
				action: 'Get the inputs of a job group',
				description: 'List the datasets a job group read',
			},
			{
				name: 'Get Jobs',
				value: 'getJobs',
				action: 'Get the jobs of a job group',
				description: 'List the jobs of a job group with their status',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many job groups',
				description: 'List job groups from the job library, newest first',
			},
			{
				name: 'Get Outputs',
				value: 'getOutputs',
				action: 'Get the outputs of a job group',
				description: 'Get where a job group wrote its outputs (files and tables)',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a job group',
				description: 'Get whether a job group is Created, InProgress, Complete, Failed or Canceled',
			},
		],
		default: 'getStatus',
	},
	...cancel.description,
	...get.description,
	...getAll.description,
	...getInputs.description,
	...getJobs.description,
	...getOutputs.description,
	...getStatus.description,
];
