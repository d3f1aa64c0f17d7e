import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/workflows/{workflowId}',
	operationId: 'Workflows_DeleteWorkflow',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The workflow to delete, with all its versions' }),
	{
		displayName: 'Delete Its Schedules Too',
		name: 'force',
		type: 'boolean',
		default: false,
		description:
			'Whether to also delete the schedules that run this workflow. Without it, Alteryx refuses to delete a scheduled workflow.',
	},
];

const displayOptions = { show: { resource: ['workflow'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const force = this.getNodeParameter('force', itemIndex, false) as boolean;
	await requestRoute.call(this, route, { path: { workflowId }, qs: { force } }, itemIndex);
	return [{ json: { success: true, id: workflowId } }];
}
