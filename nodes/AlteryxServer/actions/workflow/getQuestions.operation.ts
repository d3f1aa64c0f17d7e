import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/workflows/{workflowId}/questions',
	operationId: 'Workflows_GetWorkflowQuestions',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The analytic app whose questions to list' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Version ID',
				name: 'versionId',
				type: 'string',
				default: '',
				description:
					'The version whose questions to list (a versionId from Workflow → Get). Empty uses the published version.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['workflow'], operation: ['getQuestions'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const versionId = (this.getNodeParameter('options.versionId', itemIndex, '') as string).trim();
	const questions = await requestRouteJson.call(
		this,
		route,
		{ path: { workflowId }, qs: versionId ? { versionId } : {} },
		itemIndex,
	);
	// A workflow without questions gives no items; that is an answer, not an error.
	return jsonToItems(questions ?? []);
}
