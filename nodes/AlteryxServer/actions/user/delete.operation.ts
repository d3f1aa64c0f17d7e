import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/users/{userId}',
	operationId: 'Users_DeleteUser',
};

const properties: INodeProperties[] = [
	userLocator({
		description:
			'The user to delete. Alteryx refuses (409 Conflict) while the user owns workflows, schedules or collections or belongs to a user group: use Transfer Assets and User Group → Remove User first, or Deactivate instead.',
	}),
];

const displayOptions = { show: { resource: ['user'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userId = locatorValue.call(this, 'userId', itemIndex);
	await requestRoute.call(this, route, { path: { userId } }, itemIndex);
	return [{ json: { success: true, id: userId } }];
}
