import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dcmConnectionLocator } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/dcm/connections/{id}/sharing/execution',
	operationId: 'DCME_UnshareDcmConnectionForExecution',
};

const properties: INodeProperties[] = [
	dcmConnectionLocator({
		description:
			'The DCM connection to stop sharing for execution: afterwards no other user or group may run workflows with it. It must be owned by the API user.',
	}),
];

const displayOptions = {
	show: { resource: ['dcmConnection'], operation: ['unshareForExecution'] },
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const connectionId = locatorValue.call(this, 'connectionId', itemIndex);
	await requestRoute.call(this, route, { path: { id: connectionId } }, itemIndex);
	return [{ json: { success: true, id: connectionId } }];
}
