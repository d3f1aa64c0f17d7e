import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as cancelRun from './cancelRun.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAllRuns from './getAllRuns.operation';
import * as getRun from './getRun.operation';
import * as getRunParameters from './getRunParameters.operation';
import * as run from './run.operation';
import * as runAndWait from './runAndWait.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Plan',
	value: 'plan',
	description: 'Plans: run them and wait for the run, list them and their runs, cancel a run',
};

export const operations: ResourceModule['operations'] = {
	cancelRun,
	get,
	getAll,
	getAllRuns,
	getRun,
	getRunParameters,
	run,
	runAndWait,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['plan'] } },
		options: [
			{
				name: 'Cancel Run',
				value: 'cancelRun',
				action: 'Cancel a plan run',
				description: 'Cancel a plan run that has not finished',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a plan',
				description: 'Get a plan by its ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many plans',
				description: 'List the plans of the workspace, optionally filtered by name or owner',
			},
			{
				name: 'Get Many Runs',
				value: 'getAllRuns',
				action: 'Get many plan runs',
				description: 'List plan runs with their status',
			},
			{
				name: 'Get Run',
				value: 'getRun',
				action: 'Get a plan run',
				description:
					'Get a plan run and its status (Created, InProgress, Complete, Failed, Canceled)',
			},
			{
				name: 'Get Run Parameters',
				value: 'getRunParameters',
				action: 'Get the run parameters of a plan',
				description: 'Get what a run of the plan can override',
			},
			{
				name: 'Run',
				value: 'run',
				action: 'Run a plan',
				description:
					'Start a plan run and return its ID at once; an Execution ID keeps a retried run from starting twice',
			},
			{
				name: 'Run and Wait',
				value: 'runAndWait',
				action: 'Run a plan and wait for it',
				description:
					'Start a plan run and wait until it is Complete, Failed or Canceled, with a timeout that can cancel it',
			},
		],
		default: 'runAndWait',
	},
	...cancelRun.description,
	...get.description,
	...getAll.description,
	...getAllRuns.description,
	...getRun.description,
	...getRunParameters.description,
	...run.description,
	...runAndWait.description,
];
