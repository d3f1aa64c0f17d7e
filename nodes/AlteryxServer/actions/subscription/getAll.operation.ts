import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestListWithLimit, withoutUndefined } from '../../helpers/api';
import { idInCollection } from '../../helpers/parameters';
import { credentialLocator, returnAllOrLimit } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/subscriptions',
	operationId: 'Subscriptions_GetSubscriptions',
};

const count = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0 },
	description,
});

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
				displayName: 'Can Share Schedules',
				name: 'canShareSchedule',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only studios whose members can (on) or cannot (off) share schedules',
			},
			credentialLocator({
				name: 'defaultWorkflowCredentialId',
				displayName: 'Default Workflow Credential',
				required: false,
				description: 'Only studios whose workflows run with this credential by default',
			}),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only studios whose name contains this text',
			},
			count('Max Users', 'userCountLessThanEquals', 'Only studios with at most this many users'),
			count(
				'Max Workflows',
				'workflowCountLessThanEquals',
				'Only studios with at most this many workflows',
			),
			count(
				'Min Users',
				'userCountGreaterThanEquals',
				'Only studios with at least this many users',
			),
			count(
				'Min Workflows',
				'workflowCountGreaterThanEquals',
				'Only studios with at least this many workflows',
			),
		],
	},
];

const displayOptions = { show: { resource: ['subscription'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const integer = (name: string) =>
		filters[name] === undefined || filters[name] === ''
			? undefined
			: Math.trunc(Number(filters[name]));
	const qs = withoutUndefined({
		name: (filters.name as string)?.trim() || undefined,
		canShareSchedule: filters.canShareSchedule as boolean | undefined,
		defaultWorkflowCredentialId:
			idInCollection(filters, 'defaultWorkflowCredentialId') || undefined,
		userCountGreaterThanEquals: integer('userCountGreaterThanEquals'),
		userCountLessThanEquals: integer('userCountLessThanEquals'),
		workflowCountGreaterThanEquals: integer('workflowCountGreaterThanEquals'),
		workflowCountLessThanEquals: integer('workflowCountLessThanEquals'),
	});
	// The endpoint has no paging parameters: it always returns the whole list.
	return await requestListWithLimit.call(this, route, { qs }, itemIndex);
}
