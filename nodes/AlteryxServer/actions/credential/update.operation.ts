import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { credentialLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { credentialViewToItem } from './output';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/credentials/{credentialId}',
	operationId: 'Credentials_UpdateCredential',
};

const properties: INodeProperties[] = [
	credentialLocator({ description: 'The credential whose password to change' }),
	{
		displayName: 'New Password',
		name: 'newPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'The new Windows password of the credential’s account (the user name cannot change). It is sent to Alteryx Server only (which accepts it only over SSL/TLS) and never appears in the output.',
	},
];

const displayOptions = { show: { resource: ['credential'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const credentialId = locatorValue.call(this, 'credentialId', itemIndex);
	const newPassword = String(this.getNodeParameter('newPassword', itemIndex, ''));
	if (!newPassword) {
		throw new NodeOperationError(this.getNode(), 'No new password was given', {
			description: 'Enter or map the password in "New Password".',
			itemIndex,
		});
	}
	const credential = await requestRouteJson.call(
		this,
		route,
		{ path: { credentialId }, body: { newPassword } },
		itemIndex,
	);
	return [credentialViewToItem(credential as IDataObject)];
}
