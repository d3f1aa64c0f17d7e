import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson, withoutUndefined } from '../../helpers/api';
import type { OperationRoute } from '../node.type';
import { userFieldOptions, userFieldValues } from './fields';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/users',
	operationId: 'Users_CreateUser',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'The new user’s email address, which they sign in with; no other user may have it',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		description: '1 to 255 characters',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		description: '1 to 255 characters',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Settings of the new user. Fields left out get the server’s defaults: role Evaluated, active, no permissions.',
		options: userFieldOptions('create'),
	},
];

const displayOptions = { show: { resource: ['user'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const email = (this.getNodeParameter('email', itemIndex) as string).trim();
	const firstName = (this.getNodeParameter('firstName', itemIndex) as string).trim();
	const lastName = (this.getNodeParameter('lastName', itemIndex) as string).trim();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const values = userFieldValues(fields);
	// An empty credential means "none": leave it out rather than send "".
	if (values.defaultCredentialId === '') delete values.defaultCredentialId;
	const body = withoutUndefined({ firstName, lastName, email, ...values });
	// Answers 201 with the new UserView (Windows-authenticated servers refuse the call).
	const user = await requestRouteJson.call(this, route, { body }, itemIndex);
	return jsonToItems(user);
}
