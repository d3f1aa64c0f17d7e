import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/usergroups/{userGroupId}',
	operationId: 'UserGroups_GetUserGroup',
};

const properties: INodeProperties[] = [
	userGroupLocator({
		description:
			'The custom user group to get, with its members (Active Directory groups cannot be read here)',
	}),
];

const displayOptions = { show: { resource: ['userGroup'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const group = await requestRouteJson.call(this, route, { path: { userGroupId } }, itemIndex);
	return jsonToItems(group);
}
