import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { credentialLocator, userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/credentials/{credentialId}/userGroups',
	operationId: 'Credentials_ShareCredentialWithUserGroup',
};

const properties: INodeProperties[] = [
	credentialLocator({ description: 'The credential to share' }),
	userGroupLocator({
		description: 'The user group whose members may run workflows with this credential',
	}),
];

const displayOptions = { show: { resource: ['credential'], operation: ['shareWithUserGroup'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const credentialId = locatorValue.call(this, 'credentialId', itemIndex);
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const credential = await requestRouteJson.call(
		this,
		route,
		{ path: { credentialId }, body: { userGroupId } },
		itemIndex,
	);
	return jsonToItems(credential);
}
