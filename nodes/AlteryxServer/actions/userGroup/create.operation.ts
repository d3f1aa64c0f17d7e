import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRouteJson } from '../../helpers/api';
import type { OperationRoute } from '../node.type';
import { roleOptions } from '../user/shared';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/usergroups',
	operationId: 'UserGroups_CreateUserGroup',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'The name of the new group (1 to 255 characters); no other group may have it',
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: roleOptions,
		required: true,
		default: 'Viewer',
		description: 'The role the members of the group get on the server',
	},
];

const displayOptions = { show: { resource: ['userGroup'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const name = (this.getNodeParameter('name', itemIndex) as string).trim();
	const role = this.getNodeParameter('role', itemIndex) as string;
	// Answers 201 with the new group's ID as a JSON string.
	const id = await requestRouteJson.call(this, route, { body: { name, role } }, itemIndex);
	return [{ json: { id: String(id ?? ''), name, role } }];
}
