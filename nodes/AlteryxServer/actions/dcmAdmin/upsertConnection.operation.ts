import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { checkConnectionContract, connectionUpsertContract, dcmRoutes } from '../../helpers/dcm';
import { userLocator } from '../common.descriptions';
import { connectionContractFields } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';
import { sameRecord } from '../../helpers/parameters';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/dcm/admin/connections',
	operationId: 'DCMEAdmin_UpsertDcmConnection',
};

const [connectionToUpdate, ...contractFields] = connectionContractFields();

const properties: INodeProperties[] = [
	connectionToUpdate,
	userLocator({
		name: 'ownerId',
		displayName: 'Owner',
		required: false,
		description:
			'The user the connection is created for (its owner). Required when creating; when updating, empty keeps the current owner and a user here transfers the connection to them.',
	}),
	...contractFields,
];

const displayOptions = { show: { resource: ['dcmAdmin'], operation: ['upsertConnection'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const contract = await connectionUpsertContract.call(
		this,
		itemIndex,
		dcmRoutes.adminGet,
		'ownerId',
	);
	checkConnectionContract.call(this, contract, itemIndex, { requireOwner: true });
	// 201 with the new connection when no ID was given, 200 with the updated one otherwise.
	const connection = await requestRouteJson.call(this, route, { body: contract }, itemIndex);
	return jsonToItems(connection);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('connectionId');
