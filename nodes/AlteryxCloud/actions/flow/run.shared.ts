import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requestCloudJson } from '../../helpers/api';
import { idParameter, keyValuePairs } from '../../helpers/parameters';
import type { CloudRoute } from '../node.type';

export const flowRunRoute: CloudRoute = {
	method: 'POST',
	path: 'v4/flows/{flowId}/run',
	action: 'running flow {flowId}',
};

export const runParametersField: INodeProperties = {
	displayName: 'Run Parameter Overrides',
	name: 'runParameters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Parameter',
	default: {},
	description: 'Values for the flow’s parameters in this run; parameters not given keep theirs',
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			values: [
				{
					displayName: 'Name',
					name: 'key',
					type: 'string',
					default: '',
					description: 'The name of the flow parameter',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Its value for this run, as text',
				},
			],
		},
	],
};

/** POST v4/flows/{id}/run: it starts one job group per output of the flow. */
export async function startFlowRun(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<{ flowId: string; answer: IDataObject }> {
	const flowId = idParameter.call(this, 'flowId', 'Flow', itemIndex);
	const overrides = keyValuePairs(this.getNodeParameter('runParameters.parameter', itemIndex, []));
	const body: IDataObject =
		overrides.length > 0 ? { runParameters: { overrides: { data: overrides } } } : {};
	const answer = await requestCloudJson.call(
		this,
		flowRunRoute,
		{ path: { flowId }, body },
		itemIndex,
	);
	return {
		flowId,
		answer:
			answer !== null && typeof answer === 'object' && !Array.isArray(answer)
				? (answer as IDataObject)
				: { data: answer as IDataObject[] },
	};
}
