import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dcmConnectionLocator } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/DCMEConnections/{connectionId}',
	operationId: 'DCMEConnect_GetDCMEConnectionForConnect',
};

const properties: INodeProperties[] = [
	dcmConnectionLocator({
		description:
			'The DCM connection to describe for Alteryx Connect (Curator only), picked by name or given by its ID (a GUID)',
	}),
];

const displayOptions = { show: { resource: ['dcmConnection'], operation: ['getForConnect'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const connectionId = locatorValue.call(this, 'connectionId', itemIndex);
	// DCMEGetConnectionForConnectView: objectId, name and the data source, without credentials.
	const connection = await requestRouteJson.call(
		this,
		route,
		{ path: { connectionId } },
		itemIndex,
	);
	return jsonToItems(connection);
}
