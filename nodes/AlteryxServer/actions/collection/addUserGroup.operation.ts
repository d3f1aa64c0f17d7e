import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { membershipAdditionalFields, membershipContract, permissionsField } from './permissions';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/collections/{collectionId}/userGroups',
	operationId: 'Collections_AddUserGroupToCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to add the user group to' }),
	userGroupLocator({
		description: 'The user group whose members get access to the collection',
	}),
	permissionsField('user group'),
	membershipAdditionalFields('user group'),
];

const displayOptions = { show: { resource: ['collection'], operation: ['addUserGroup'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId }, body: { userGroupId, ...membershipContract.call(this, itemIndex) } },
		itemIndex,
	);
	return jsonToItems(collection);
}
