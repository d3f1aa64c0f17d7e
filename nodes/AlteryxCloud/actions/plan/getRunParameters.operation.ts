import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { planLocator } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'plans/v1/plans/{planId}/runParameters',
	action: 'reading the run parameters of plan {planId}',
};

const properties: INodeProperties[] = [
	planLocator('The plan whose run parameters (what Run can override) to get'),
];

const displayOptions = { show: { resource: ['plan'], operation: ['getRunParameters'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const planId = idParameter.call(this, 'planId', 'Plan', itemIndex);
	const parameters = await requestCloudJson.call(this, route, { path: { planId } }, itemIndex);
	// One item: the parameters belong together (a run overrides some of them).
	return [
		{
			json:
				parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters)
					? { planId, ...(parameters as object) }
					: { planId, runParameters: parameters as string },
		},
	];
}
