import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dcmConnectionLocator } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/dcm/admin/connections/{id}/sharing/collaboration',
	operationId: 'DCMEAdmin_UnshareConnectionForCollaborationAdmin',
};

const properties: INodeProperties[] = [
	dcmConnectionLocator({
		description:
			'The DCM connection, whoever owns it, to stop sharing for collaboration: users, groups and shared credentials are all removed',
	}),
];

const displayOptions = { show: { resource: ['dcmAdmin'], operation: ['unshareForCollaboration'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const connectionId = locatorValue.call(this, 'connectionId', itemIndex);
	await requestRoute.call(this, route, { path: { id: connectionId } }, itemIndex);
	return [{ json: { success: true, id: connectionId } }];
}
