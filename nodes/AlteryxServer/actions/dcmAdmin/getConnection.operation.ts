import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { dcmRoutes } from '../../helpers/dcm';
import { locatorValue } from '../../helpers/parameters';
import { dcmConnectionLocator } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = dcmRoutes.adminGet;

const properties: INodeProperties[] = [
	dcmConnectionLocator({
		description:
			'The DCM connection to get, whoever owns it, picked by name or given by its ID (a GUID)',
	}),
];

const displayOptions = { show: { resource: ['dcmAdmin'], operation: ['getConnection'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const connectionId = locatorValue.call(this, 'connectionId', itemIndex);
	const connection = await requestRouteJson.call(
		this,
		route,
		{ path: { id: connectionId } },
		itemIndex,
	);
	return jsonToItems(connection);
}
