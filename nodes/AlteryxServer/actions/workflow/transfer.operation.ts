import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userLocator, workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/workflows/{workflowId}/transfer',
	operationId: 'Workflows_TransferWorkflow',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The workflow to give a new owner' }),
	userLocator({
		name: 'ownerId',
		displayName: 'New Owner',
		description:
			'The user who becomes the owner. If they are in another studio, who can access the workflow changes accordingly.',
	}),
	{
		displayName: 'Transfer Schedules',
		name: 'transferSchedules',
		type: 'boolean',
		default: true,
		description:
			'Whether the schedules of this workflow that the current owner owns move to the new owner too',
	},
];

const displayOptions = { show: { resource: ['workflow'], operation: ['transfer'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const ownerId = locatorValue.call(this, 'ownerId', itemIndex);
	const transferSchedules = this.getNodeParameter('transferSchedules', itemIndex, true) as boolean;
	await requestRoute.call(
		this,
		route,
		{ path: { workflowId }, body: { ownerId, transferSchedules } },
		itemIndex,
	);
	return [{ json: { success: true, id: workflowId, ownerId, transferSchedules } }];
}
