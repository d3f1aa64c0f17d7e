import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as deleteUpTo from './deleteUpTo.operation';
import * as download from './download.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Usage',
	value: 'usage',
	description: 'Usage records of the server (newer servers only): download them, delete old events',
};

export const operations: ResourceModule['operations'] = {
	deleteUpTo,
	download,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [
			{
				name: 'Delete Usage Events Up To',
				value: 'deleteUpTo',
				action: 'Delete usage events up to an event ID',
				description:
					'Delete every usage event whose eventId (a ULID) is up to and including the given one',
			},
			{
				name: 'Download Usage Records',
				value: 'download',
				action: 'Download usage records',
				description: 'Download the server’s usage records as a file',
			},
		],
		default: 'download',
	},
	...deleteUpTo.description,
	...download.description,
];
