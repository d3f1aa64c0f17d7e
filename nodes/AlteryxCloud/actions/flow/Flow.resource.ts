import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as run from './run.operation';
import * as runAndWait from './runAndWait.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Flow',
	value: 'flow',
	description: 'Flows (Designer Cloud / Trifacta recipes): run them and wait for their job groups',
};

export const operations: ResourceModule['operations'] = { get, getAll, run, runAndWait };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flow'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a flow',
				description: 'Get a flow by its ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many flows',
				description: 'List the flows of the workspace',
			},
			{
				name: 'Run',
				value: 'run',
				action: 'Run a flow',
				description: 'Start a flow run and return its job groups at once',
			},
			{
				name: 'Run and Wait',
				value: 'runAndWait',
				action: 'Run a flow and wait for it',
				description:
					'Start a flow run and wait until every job group it started is Complete, Failed or Canceled',
			},
		],
		default: 'runAndWait',
	},
	...get.description,
	...getAll.description,
	...run.description,
	...runAndWait.description,
];
