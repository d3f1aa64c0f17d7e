import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/usergroups/{userGroupId}',
	operationId: 'UserGroups_DeleteUserGroup',
};

const properties: INodeProperties[] = [
	userGroupLocator({ description: 'The custom user group to delete' }),
	{
		displayName: 'Delete Even If Not Empty',
		name: 'forceDelete',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the group even when it still has members (users or Active Directory groups). Without it, Alteryx refuses to delete a group that is not empty. The users themselves are not deleted.',
	},
];

const displayOptions = { show: { resource: ['userGroup'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const forceDelete = this.getNodeParameter('forceDelete', itemIndex, false) as boolean;
	await requestRoute.call(this, route, { path: { userGroupId }, qs: { forceDelete } }, itemIndex);
	return [{ json: { success: true, id: userGroupId } }];
}
