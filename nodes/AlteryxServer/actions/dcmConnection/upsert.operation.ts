import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { checkConnectionContract, connectionUpsertContract, dcmRoutes } from '../../helpers/dcm';
import { connectionContractFields } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';
import { sameRecord } from '../../helpers/parameters';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/dcm/connections',
	operationId: 'DCME_UpsertDcmConnection',
};

const properties: INodeProperties[] = connectionContractFields();

const displayOptions = { show: { resource: ['dcmConnection'], operation: ['upsert'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const contract = await connectionUpsertContract.call(this, itemIndex, dcmRoutes.get);
	checkConnectionContract.call(this, contract, itemIndex);
	// 201 with the new connection when no ID was given, 200 with the updated one otherwise.
	const connection = await requestRouteJson.call(this, route, { body: contract }, itemIndex);
	return jsonToItems(connection);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('connectionId');
