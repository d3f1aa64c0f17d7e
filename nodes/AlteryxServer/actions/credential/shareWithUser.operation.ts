import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { credentialLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/credentials/{credentialId}/users',
	operationId: 'Credentials_ShareCredentialWithUser',
};

const properties: INodeProperties[] = [
	credentialLocator({ description: 'The credential to share' }),
	userLocator({ description: 'The user who may run workflows with this credential' }),
];

const displayOptions = { show: { resource: ['credential'], operation: ['shareWithUser'] } };

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
		{ path: { credentialId }, body: { userId } },
		itemIndex,
	);
	return jsonToItems(credential);
}
