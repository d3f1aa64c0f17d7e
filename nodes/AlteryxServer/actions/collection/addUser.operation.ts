import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { collectionLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { membershipAdditionalFields, membershipContract, permissionsField } from './permissions';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/collections/{collectionId}/users',
	operationId: 'Collections_AddUserToCollection',
};

const properties: INodeProperties[] = [
	collectionLocator({ description: 'The collection to add the user to' }),
	userLocator({
		description:
			'The user who gets access to the collection’s workflows and schedules. On servers with Windows authentication, give the user’s Active Directory SID as the ID.',
	}),
	permissionsField('user'),
	membershipAdditionalFields('user'),
];

const displayOptions = { show: { resource: ['collection'], operation: ['addUser'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const collectionId = locatorValue.call(this, 'collectionId', itemIndex);
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const collection = await requestRouteJson.call(
		this,
		route,
		{ path: { collectionId }, body: { userId, ...membershipContract.call(this, itemIndex) } },
		itemIndex,
	);
	return jsonToItems(collection);
}
