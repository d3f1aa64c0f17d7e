import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue, sameRecord } from '../../helpers/parameters';
import { requireSomeFields, updateByMerge } from '../../helpers/update';
import { userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { roleOptions } from '../user/shared';
import { route as getRoute } from './get.operation';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/usergroups/{userGroupId}',
	operationId: 'UserGroups_UpdateUserGroup',
};

const properties: INodeProperties[] = [
	userGroupLocator({ description: 'The custom user group to rename or give another role' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields added here change; the other keeps its current value (the node reads the group first, as Alteryx requires both)',
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name (1 to 255 characters); no other group may have it',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'options',
				options: roleOptions,
				default: 'Viewer',
				description: 'The role the members of the group get on the server',
			},
		],
	},
];

const displayOptions = { show: { resource: ['userGroup'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	requireSomeFields.call(this, fields, 'Update Fields', itemIndex);
	const changes: IDataObject = { ...fields };
	if (typeof changes.name === 'string') changes.name = changes.name.trim();
	await updateByMerge.call(
		this,
		{
			getRoute,
			putRoute: route,
			path: { userGroupId },
			toContract: (current) => ({ name: current.name, role: current.role }),
			changes,
		},
		itemIndex,
	);
	// The PUT answers an empty 200: read the group again so the item shows what it is now.
	const group = await requestRouteJson.call(this, getRoute, { path: { userGroupId } }, itemIndex);
	return jsonToItems(group);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('userGroupId');
