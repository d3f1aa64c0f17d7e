import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dcmConnectionLocator } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/dcm/connections/{Id}',
	operationId: 'DCME_DeleteDcmConnection',
};

const properties: INodeProperties[] = [
	dcmConnectionLocator({
		description:
			'The DCM connection to delete, with its data source and credentials; it must be owned by the API user (Curators: DCM Administration → Delete Connection deletes anyone’s)',
	}),
];

const displayOptions = { show: { resource: ['dcmConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const connectionId = locatorValue.call(this, 'connectionId', itemIndex);
	// DCMEDeleteConnectionView: what was deleted (connections, data sources, credentials).
	const deleted = await requestRouteJson.call(
		this,
		route,
		{ path: { Id: connectionId } },
		itemIndex,
	);
	return jsonToItems(deleted ?? { success: true, id: connectionId });
}
