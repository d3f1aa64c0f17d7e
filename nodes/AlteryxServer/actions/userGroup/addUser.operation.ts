import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson } from '../../helpers/api';
import { locatorValue, toStringList } from '../../helpers/parameters';
import { userGroupLocator, userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { route as getRoute } from './get.operation';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/usergroups/{userGroupId}/users',
	operationId: 'UserGroups_AddUsersToGroup',
};

const properties: INodeProperties[] = [
	userGroupLocator({ description: 'The custom user group to add the user to' }),
	userLocator({ description: 'The user to add to the group' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Error If a User Is Not Added',
				name: 'failOnRejected',
				type: 'boolean',
				default: true,
				description:
					'Whether the item fails when a user is not in the group afterwards (for example an unknown or inactive user). Users who already were members never count as failures. Off: the reasons are only listed in failedUserReasons.',
			},
			{
				displayName: 'More User IDs',
				name: 'moreUserIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 66ebd18d3d62000100000002, 66ebd18d3d62000100000003',
				description:
					'Further users to add in the same call: IDs comma-separated, as a JSON array, or an array from an expression',
			},
		],
	},
];

const displayOptions = { show: { resource: ['userGroup'], operation: ['addUser'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const more = toStringList.call(this, options.moreUserIds, 'More User IDs', itemIndex);
	const userIds = [...new Set([userId, ...more])];
	const failOnRejected = options.failOnRejected !== false;

	// The body is a JSON array of user id strings.
	const result = ((await requestRouteJson.call(
		this,
		route,
		{ path: { userGroupId }, body: userIds as unknown as IDataObject[] },
		itemIndex,
	)) ?? {}) as IDataObject;
	const failedUserReasons = (result.failedUserReasons ?? {}) as IDataObject;
	if (failOnRejected && Object.keys(failedUserReasons).length > 0) {
		// Alteryx also lists users who already were members; only those still missing count.
		const group = (await requestRouteJson.call(
			this,
			getRoute,
			{ path: { userGroupId } },
			itemIndex,
		)) as IDataObject | undefined;
		const members = new Set(
			((group?.members as IDataObject[] | undefined) ?? []).map((member) => member.userId),
		);
		const missing = Object.entries(failedUserReasons).filter(([id]) => !members.has(id));
		if (missing.length > 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Alteryx did not add ${missing.length} of ${userIds.length} user(s) to the group`,
				{
					description: `${missing.map(([id, reason]) => `${id}: ${String(reason)}`).join('\n')}\nTurn off "Error If a User Is Not Added" to go on without them.`,
					itemIndex,
				},
			);
		}
	}
	return [
		{
			json: {
				userGroupId,
				userIds,
				successfullyAddedUserCount: result.successfullyAddedUserCount ?? 0,
				totalUsersSubmittedCount: result.totalUsersSubmittedCount ?? userIds.length,
				failedUserReasons,
			},
		},
	];
}
