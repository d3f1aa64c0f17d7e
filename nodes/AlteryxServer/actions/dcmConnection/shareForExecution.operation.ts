import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { currentSharing, idsOf, sharingLists, union } from '../../helpers/dcm';
import { locatorValue } from '../../helpers/parameters';
import { dcmConnectionLocator, keepCurrentSharesOption, sharingFields } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/dcm/connections/{id}/sharing/execution',
	operationId: 'DCME_ShareDcmConnectionForExecution',
};

const properties: INodeProperties[] = [
	dcmConnectionLocator({
		description:
			'The DCM connection to share; it must be owned by the API user, who needs the permission to share DCM connections for execution',
	}),
	...sharingFields('run workflows that use this connection on the server'),
	keepCurrentSharesOption(),
];

const displayOptions = { show: { resource: ['dcmConnection'], operation: ['shareForExecution'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const connectionId = locatorValue.call(this, 'connectionId', itemIndex);
	let { userIds, userGroupIds } = sharingLists.call(this, itemIndex);
	const keepCurrent = this.getNodeParameter('options.keepCurrent', itemIndex, false) as boolean;
	if (keepCurrent) {
		const execution = await currentSharing.call(this, connectionId, 'execution', itemIndex);
		userIds = union(idsOf(execution.users), userIds);
		userGroupIds = union(idsOf(execution.userGroups), userGroupIds);
	}
	await requestRoute.call(
		this,
		route,
		{ path: { id: connectionId }, body: { userIds, userGroupIds } },
		itemIndex,
	);
	return [{ json: { success: true, id: connectionId, userIds, userGroupIds } }];
}
