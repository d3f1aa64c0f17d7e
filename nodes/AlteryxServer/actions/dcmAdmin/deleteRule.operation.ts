import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { dcmHandlingRuleLocator } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/dcm/admin/connectionhandlingrules/{id}',
	operationId: 'DCMEAdmin_DeleteDCMEConnectionHandlingRule',
};

const properties: INodeProperties[] = [
	dcmHandlingRuleLocator({ description: 'The connection handling rule to delete' }),
];

const displayOptions = { show: { resource: ['dcmAdmin'], operation: ['deleteRule'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const ruleId = locatorValue.call(this, 'ruleId', itemIndex);
	// DCMEDeletedConnectionHandlingRuleView: { id, deletedOn }.
	const deleted = await requestRouteJson.call(this, route, { path: { id: ruleId } }, itemIndex);
	return jsonToItems(deleted ?? { success: true, id: ruleId });
}
