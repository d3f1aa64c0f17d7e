import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { decodeJsonBody } from '../../../transport/response';
import { requestRoute, routeError } from '../../helpers/api';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/collections',
	operationId: 'Collections_CreateCollection',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Finance Reports',
		description:
			'The name of the new collection. The API user becomes its owner; add workflows, schedules, users and user groups with the other Collection operations.',
	},
];

const displayOptions = { show: { resource: ['collection'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const name = (this.getNodeParameter('name', itemIndex, '') as string).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'The collection needs a name', {
			description: 'Enter or map a name in "Name".',
			itemIndex,
		});
	}
	const call = { body: { name }, neverError: true };
	const response = await requestRoute.call(this, route, call, itemIndex);
	if (response.statusCode >= 400) {
		const error = routeError.call(this, route, call, response, itemIndex);
		// The swagger: without the "Create Collections" permission the answer is 401.
		if (response.statusCode === 401) {
			error.description = [
				'Creating a collection needs the "Create Collections" permission for the user behind the API key (Alteryx Server → Users → the user → Permissions), besides the Curator role.',
				error.description,
			]
				.filter(Boolean)
				.join('\n');
		}
		throw error;
	}
	const id = decodeJsonBody(response.body);
	return [{ json: { id: id as string, name } }];
}
