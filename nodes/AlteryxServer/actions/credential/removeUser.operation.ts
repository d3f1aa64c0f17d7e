import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { credentialLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/credentials/{credentialId}/users/{userId}',
	operationId: 'Credentials_RemoveUserFromCredential',
};

const properties: INodeProperties[] = [
	credentialLocator({ description: 'The credential to stop sharing' }),
	userLocator({ description: 'The user who may no longer run workflows with this credential' }),
];

const displayOptions = { show: { resource: ['credential'], operation: ['removeUser'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const credentialId = locatorValue.call(this, 'credentialId', itemIndex);
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const credential = await requestRouteJson.call(
		this,
		route,
		{ path: { credentialId, userId } },
		itemIndex,
	);
	return jsonToItems(credential);
}
