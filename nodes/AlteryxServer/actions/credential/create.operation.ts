import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson } from '../../helpers/api';
import type { OperationRoute } from '../node.type';
import { credentialViewToItem } from './output';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/credentials',
	operationId: 'Credentials_AddCredential',
};

const properties: INodeProperties[] = [
	{
		displayName: 'User Name',
		name: 'username',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. CORP\\svc_alteryx',
		description:
			'The Windows account that workflows run as with this credential, usually DOMAIN\\user',
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'The Windows password of that account. It is sent to Alteryx Server only (which accepts it only over SSL/TLS) and never appears in the output.',
	},
];

const displayOptions = { show: { resource: ['credential'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const username = String(this.getNodeParameter('username', itemIndex, '')).trim();
	const password = String(this.getNodeParameter('password', itemIndex, ''));
	if (!username || !password) {
		throw new NodeOperationError(
			this.getNode(),
			username ? 'The credential needs a password' : 'The credential needs a user name',
			{ description: 'Enter or map both "User Name" and "Password".', itemIndex },
		);
	}
	const credential = await requestRouteJson.call(
		this,
		route,
		{ body: { username, password } },
		itemIndex,
	);
	return [credentialViewToItem(credential as IDataObject)];
}
