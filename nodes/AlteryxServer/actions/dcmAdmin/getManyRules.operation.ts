import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { asList, dcmRoutes } from '../../helpers/dcm';
import { applyLimit } from '../../helpers/parameters';
import { returnAllOrLimit } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = dcmRoutes.ruleList;

const properties: INodeProperties[] = [...returnAllOrLimit()];

const displayOptions = { show: { resource: ['dcmAdmin'], operation: ['getManyRules'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	// No paging or filters: the endpoint returns every rule (the swagger types it as one object).
	const rules = asList(await requestRouteJson.call(this, route, {}, itemIndex));
	return jsonToItems(applyLimit.call(this, rules, itemIndex));
}
