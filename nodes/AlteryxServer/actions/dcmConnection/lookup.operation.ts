import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/dcm/connections/lookup',
	operationId: 'DCME_LookupDcmConnection',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Connection ID (in Workflow)',
		name: 'lookupConnectionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
		description:
			'The DCM connection ID as a workflow references it (a GUID, e.g. from the workflow’s XML). Returns the connection if the API user owns it or it is shared with them.',
	},
];

const displayOptions = { show: { resource: ['dcmConnection'], operation: ['lookup'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const connectionId = String(this.getNodeParameter('lookupConnectionId', itemIndex, '')).trim();
	if (!connectionId) {
		throw new NodeOperationError(this.getNode(), 'No connection ID was given', {
			description: 'Enter or map the DCM connection ID a workflow references.',
			itemIndex,
		});
	}
	const connection = await requestRouteJson.call(this, route, { qs: { connectionId } }, itemIndex);
	return jsonToItems(connection);
}
