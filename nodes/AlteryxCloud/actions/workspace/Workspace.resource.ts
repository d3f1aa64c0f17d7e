import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as getCurrent from './getCurrent.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Workspace',
	value: 'workspace',
	description: 'The workspace the credential’s token belongs to',
};

export const operations: ResourceModule['operations'] = { getCurrent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspace'] } },
		options: [
			{
				name: 'Get Current',
				value: 'getCurrent',
				action: 'Get the current workspace',
				description: 'Get the workspace the API token belongs to',
			},
		],
		default: 'getCurrent',
	},
	...getCurrent.description,
];
