import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestListWithLimit, withoutUndefined } from '../../helpers/api';
import { toIsoDateTime } from '../../helpers/parameters';
import { returnAllOrLimit, viewOptions } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { roleOptions } from './shared';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/users',
	operationId: 'Users_GetUsers',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether to return only active users (on) or only inactive users (off)',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only users created at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only users created at or before this time',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the user with this email address (the whole address, any case)',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				description: 'Only users with this first name (the whole name, any case)',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				description: 'Only users with this last name (the whole name, any case)',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'options',
				options: roleOptions,
				default: 'Artisan',
				description: 'Only users with this role',
			},
		],
	},
	viewOptions({
		record: 'user',
		defaultView: 'ID, names, email, role, whether active and creation date',
		fullView:
			'Every detail of each user: permissions, default worker tag and credential, time zone, language, last sign-in',
	}),
];

const displayOptions = { show: { resource: ['user'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	const qs = withoutUndefined({
		view: text(options.view),
		active: typeof filters.active === 'boolean' ? filters.active : undefined,
		email: text(filters.email),
		role: text(filters.role),
		firstName: text(filters.firstName),
		lastName: text(filters.lastName),
		createdAfter: toIsoDateTime.call(this, filters.createdAfter, 'Created After', itemIndex),
		createdBefore: toIsoDateTime.call(this, filters.createdBefore, 'Created Before', itemIndex),
	});
	// The endpoint has no paging parameters: it always returns the whole list.
	return await requestListWithLimit.call(this, route, { qs }, itemIndex);
}
