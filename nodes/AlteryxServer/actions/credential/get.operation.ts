import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { credentialLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/credentials/{credentialId}',
	operationId: 'Credentials_GetCredential',
};

const properties: INodeProperties[] = [credentialLocator()];

const displayOptions = { show: { resource: ['credential'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const credentialId = locatorValue.call(this, 'credentialId', itemIndex);
	const credential = await requestRouteJson.call(
		this,
		route,
		{ path: { credentialId } },
		itemIndex,
	);
	return jsonToItems(credential);
}
