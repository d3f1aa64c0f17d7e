import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/users/{userId}/passwordReset',
	operationId: 'Users_SendPasswordReset',
};

const properties: INodeProperties[] = [
	userLocator({
		description:
			'The user who gets an email with a link to set a new password. Not available on servers that sign users in with Windows or SAML authentication.',
	}),
];

const displayOptions = { show: { resource: ['user'], operation: ['resetPassword'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userId = locatorValue.call(this, 'userId', itemIndex);
	await requestRoute.call(this, route, { path: { userId } }, itemIndex);
	return [{ json: { success: true, id: userId } }];
}
