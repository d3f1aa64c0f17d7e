import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson, withoutUndefined } from '../../helpers/api';
import { applyLimit, locatorValue } from '../../helpers/parameters';
import { returnAllOrLimit, userGroupLocator, userLocator } from '../common.descriptions';
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'View',
				name: 'view',
				type: 'options',
				options: [
					{ name: 'Default', value: 'Default', description: 'ID and user name' },
					{
						name: 'Full',
						value: 'Full',
						description:
							'Also the IDs of the users and user groups each credential is shared with (Curators only)',
					},
				],
				default: 'Default',
				description: 'How much of each credential to return',
			},
		],
	},
];

const displayOptions = { show: { resource: ['credential'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const filterId = (name: string) =>
		filters[name] !== undefined
			? locatorValue.call(this, `filters.${name}`, itemIndex, { optional: true }) || undefined
			: undefined;
	const qs = withoutUndefined({
		view: (options.view as string) || undefined,
		userId: filterId('userId'),
		userGroupId: filterId('userGroupId'),
	});
	// The endpoint has no paging parameters: it always returns the whole list.
	const credentials = await requestRouteJson.call(this, route, { qs }, itemIndex);
	const list = Array.isArray(credentials) ? credentials : [];
	return jsonToItems(applyLimit.call(this, list, itemIndex));
}
