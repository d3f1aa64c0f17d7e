import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestListWithLimit, withoutUndefined } from '../../helpers/api';
import { idInCollection, viewOption } from '../../helpers/parameters';
import {
	returnAllOrLimit,
	userGroupLocator,
	userLocator,
	viewOptions,
} from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/credentials',
	operationId: 'Credentials_GetCredentials',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Curators only: for other users Alteryx ignores the filters and lists the credentials shared with them',
		options: [
			userLocator({
				name: 'userId',
				displayName: 'Shared With User',
				description: 'Only credentials shared with this user',
				required: false,
			}),
			userGroupLocator({
				name: 'userGroupId',
				displayName: 'Shared With User Group',
				description: 'Only credentials shared with this user group',
				required: false,
			}),
		],
	},
	viewOptions({
		record: 'credential',
		defaultView: 'ID and user name',
		fullView:
			'Also the IDs of the users and user groups each credential is shared with (Curators only)',
	}),
];

const displayOptions = { show: { resource: ['credential'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = withoutUndefined({
		view: viewOption.call(this, itemIndex),
		userId: idInCollection(filters, 'userId') || undefined,
		userGroupId: idInCollection(filters, 'userGroupId') || undefined,
	});
	// The endpoint has no paging parameters: it always returns the whole list.
	return await requestListWithLimit.call(this, route, { qs }, itemIndex);
}
