import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { currentSharing, idsOf, sharingLists, union } from '../../helpers/dcm';
import { locatorValue, toStringList } from '../../helpers/parameters';
import { dcmConnectionLocator, keepCurrentSharesOption, sharingFields } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/dcm/connections/{id}/sharing/collaboration',
	operationId: 'DCME_ShareDcmConnectionForCollaboration',
};

const properties: INodeProperties[] = [
	dcmConnectionLocator({
		description:
			'The DCM connection to share; it must be owned by the API user, who needs the permission to share DCM connections for collaboration',
	}),
	...sharingFields('use this connection in Designer and in their own workflows'),
	{
		displayName: 'Shared Credential Names or IDs',
		name: 'sharedCredentials',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getDcmConnectionCredentials',
			loadOptionsDependsOn: ['connectionId.value'],
		},
		default: [],
		description:
			'The connection’s credentials (GUIDs) the users and groups may use too; without them they must bring their own. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	keepCurrentSharesOption(),
];

const displayOptions = {
	show: { resource: ['dcmConnection'], operation: ['shareForCollaboration'] },
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const connectionId = locatorValue.call(this, 'connectionId', itemIndex);
	let { userIds, userGroupIds } = sharingLists.call(this, itemIndex);
	let sharedCredentials = toStringList.call(
		this,
		this.getNodeParameter('sharedCredentials', itemIndex, []),
		'Shared Credentials',
		itemIndex,
	);
	const keepCurrent = this.getNodeParameter('options.keepCurrent', itemIndex, false) as boolean;
	if (keepCurrent) {
		const collaboration = await currentSharing.call(this, connectionId, 'collaboration', itemIndex);
		userIds = union(idsOf(collaboration.users), userIds);
		userGroupIds = union(idsOf(collaboration.userGroups), userGroupIds);
		sharedCredentials = union(
			toStringList.call(this, collaboration.sharedCredentials, 'Shared Credentials', itemIndex),
			sharedCredentials,
		);
	}
	// DCMESharingForCollaborationView: the users, groups and credentials it is now shared with.
	const sharing = await requestRouteJson.call(
		this,
		route,
		{ path: { id: connectionId }, body: { sharedCredentials, userIds, userGroupIds } },
		itemIndex,
	);
	return jsonToItems(sharing ?? { success: true, id: connectionId });
}
