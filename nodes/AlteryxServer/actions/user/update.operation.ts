import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, withoutUndefined } from '../../helpers/api';
import { locatorValue, sameRecord } from '../../helpers/parameters';
import { requireSomeFields, updateByMerge } from '../../helpers/update';
import { userLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { userFieldOptions, userFieldValues } from './fields';
import { route as getRoute } from './get.operation';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/users/{userId}',
	operationId: 'Users_UpdateUser',
};

const properties: INodeProperties[] = [
	userLocator({ description: 'The user to update' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields added here change; every other setting keeps its current value (the node reads the user first and sends the complete contract Alteryx requires)',
		options: userFieldOptions('update'),
	},
];

const displayOptions = { show: { resource: ['user'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** UpdateUserContract filled from the current UserView; every required field is present. */
export function userToUpdateContract(user: IDataObject): IDataObject {
	return withoutUndefined({
		firstName: user.firstName ?? '',
		lastName: user.lastName ?? '',
		email: user.email ?? '',
		role: user.role,
		defaultWorkerTag: user.defaultWorkerTag ?? '',
		canScheduleJobs: user.canScheduleJobs ?? false,
		canPrioritizeJobs: user.canPrioritizeJobs ?? false,
		canAssignJobs: user.canAssignJobs ?? false,
		canCreateCollections: user.canCreateCollections ?? false,
		isApiEnabled: user.isApiEnabled ?? false,
		defaultCredentialId: user.defaultCredentialId ?? '',
		isAccountLocked: user.isAccountLocked ?? false,
		isActive: user.isActive ?? true,
		isValidated: user.isValidated ?? false,
		timeZone: user.timeZone ?? '',
		// Servers that do not report a language get English, the server's own default.
		language: user.language || 'en-us',
		canCreateAndUpdateDcm: user.canCreateAndUpdateDcm,
		canShareForExecutionDcm: user.canShareForExecutionDcm,
		canShareForCollaborationDcm: user.canShareForCollaborationDcm,
		canManageGenericVaultsDcm: user.canManageGenericVaultsDcm,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userId = locatorValue.call(this, 'userId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	requireSomeFields.call(this, fields, 'Update Fields', itemIndex);
	const { updated } = await updateByMerge.call(
		this,
		{
			getRoute,
			putRoute: route,
			path: { userId },
			toContract: userToUpdateContract,
			changes: userFieldValues(fields),
		},
		itemIndex,
	);
	return jsonToItems(updated);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('userId');
