import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/users/{userId}/assetTransfer',
	operationId: 'Users_TransferAssets',
};

const properties: INodeProperties[] = [
	userLocator({
		displayName: 'From User',
		description: 'The user whose workflows, schedules and collections move to the new owner',
	}),
	userLocator({
		name: 'ownerId',
		displayName: 'New Owner',
		description:
			'The user who becomes the owner. If they are in another studio, the workflows move to that studio: its users gain access and the old studio’s users lose it.',
	}),
	{
		displayName: 'Transfer Workflows',
		name: 'transferWorkflows',
		type: 'boolean',
		default: true,
		description:
			'Whether the user’s workflows move. Workflows that need DCM connections, server connections or a specific Run As credential must be updated before they run again.',
	},
	{
		displayName: 'Transfer Schedules',
		name: 'transferSchedules',
		type: 'boolean',
		default: true,
		description:
			'Whether the user’s schedules move. Schedules left behind break or are disabled when the user is deleted.',
	},
	{
		displayName: 'Transfer Collections',
		name: 'transferCollections',
		type: 'boolean',
		default: true,
		description: 'Whether the user’s collections move',
	},
];

const displayOptions = { show: { resource: ['user'], operation: ['transferAssets'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const ownerId = locatorValue.call(this, 'ownerId', itemIndex);
	const transferWorkflows = this.getNodeParameter('transferWorkflows', itemIndex, true) as boolean;
	const transferSchedules = this.getNodeParameter('transferSchedules', itemIndex, true) as boolean;
	const transferCollections = this.getNodeParameter(
		'transferCollections',
		itemIndex,
		true,
	) as boolean;
	if (!transferWorkflows && !transferSchedules && !transferCollections) {
		throw new NodeOperationError(this.getNode(), 'Nothing to transfer was chosen', {
			description: 'Turn on at least one of Transfer Workflows, Schedules or Collections.',
			itemIndex,
		});
	}
	const affected = await requestRouteJson.call(
		this,
		route,
		{
			path: { userId },
			body: { ownerId, transferWorkflows, transferSchedules, transferCollections },
		},
		itemIndex,
	);
	// "Returns a list of schedule ids that will be broken or disabled after transfer if user is
	// deleted": the schedules the user still owns.
	const affectedScheduleIds = (Array.isArray(affected) ? (affected as IDataObject[]) : [])
		.map((schedule) => schedule?.affectedScheduleId)
		.filter((id): id is string => typeof id === 'string');
	return [
		{
			json: {
				success: true,
				id: userId,
				ownerId,
				transferWorkflows,
				transferSchedules,
				transferCollections,
				affectedScheduleIds,
			},
		},
	];
}
