import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dcmHandlingRuleLocator } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/dcm/admin/connectionhandlingrules/{id}',
	operationId: 'DCMEAdmin_GetDCMEConnectionHandlingRule',
};

const properties: INodeProperties[] = [dcmHandlingRuleLocator()];

const displayOptions = { show: { resource: ['dcmAdmin'], operation: ['getRule'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const ruleId = locatorValue.call(this, 'ruleId', itemIndex);
	const rule = await requestRouteJson.call(this, route, { path: { id: ruleId } }, itemIndex);
	return jsonToItems(rule);
}
