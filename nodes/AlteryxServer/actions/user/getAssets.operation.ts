import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/users/{userId}/assets',
	operationId: 'Users_GetUsersAssets',
};

const properties: INodeProperties[] = [
	userLocator({ description: 'The user whose assets to list' }),
	{
		displayName: 'Asset Type',
		name: 'assetType',
		type: 'options',
		options: [
			{ name: 'All', value: 'All', description: 'Workflows, schedules and collections' },
			{ name: 'Collections', value: 'Collections' },
			{ name: 'Schedules', value: 'Schedules' },
			{ name: 'Workflows', value: 'Workflows' },
		],
		default: 'All',
		description: 'Which kind of assets the user owns to list',
	},
];

const displayOptions = { show: { resource: ['user'], operation: ['getAssets'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const assetType = this.getNodeParameter('assetType', itemIndex, 'All') as string;
	const assets = ((await requestRouteJson.call(
		this,
		route,
		{ path: { userId }, qs: { assetType } },
		itemIndex,
	)) ?? {}) as IDataObject;
	// One item with the three lists ({ name, id } each); the kinds not asked for stay empty.
	const list = (value: unknown) => (Array.isArray(value) ? value : []);
	return [
		{
			json: {
				userId,
				workflows: list(assets.workflows),
				schedules: list(assets.schedules),
				collections: list(assets.collections),
			},
		},
	];
}
