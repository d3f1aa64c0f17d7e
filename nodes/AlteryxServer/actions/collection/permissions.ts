import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { withoutUndefined } from '../../helpers/api';
import { toIsoDateTime, toStringList } from '../../helpers/parameters';

/** The members of CollectionsPermissionsViewContract, as the Permissions field offers them. */
const permissionOptions: INodePropertyOptions[] = [
	{
		name: 'Add Assets',
		value: 'canAddAssets',
		description: 'May add workflows and schedules to the collection',
	},
	{
		name: 'Add Users',
		value: 'canAddUsers',
		description: 'May add users and user groups to the collection',
	},
	{
		name: 'Admin',
		value: 'isAdmin',
		description: 'Collection admin: may manage the collection’s assets and members',
	},
	{
		name: 'Remove Assets',
		value: 'canRemoveAssets',
		description: 'May remove workflows and schedules from the collection',
	},
	{
		name: 'Remove Users',
		value: 'canRemoveUsers',
		description: 'May remove users and user groups from the collection',
	},
	{
		name: 'Update Assets',
		value: 'canUpdateAssets',
		description: 'May change the workflows and schedules of the collection',
	},
];

/** The Permissions field: the complete set of permissions the member has afterwards. */
export function permissionsField(member: 'user' | 'user group'): INodeProperties {
	return {
		displayName: 'Permissions',
		name: 'permissions',
		type: 'multiOptions',
		options: permissionOptions,
		default: [],
		description: `What the ${member} may do in the collection besides seeing and running its workflows. Permissions not selected are off. From an expression: a list of names or values, e.g. ["canAddAssets","isAdmin"].`,
	};
}

/** Additional Fields of the membership operations: when the access ends. */
export function membershipAdditionalFields(member: 'user' | 'user group'): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Access Expires',
				name: 'expirationDate',
				type: 'dateTime',
				default: '',
				description: `When the ${member}’s access to the collection ends. Not set: the access does not expire.`,
			},
		],
	};
}

/**
 * `{ expirationDate?, collectionsPermissions }` (AddUserContract, AddUserGroupContract and
 * UpdatePermissionsContract share these members) from the Permissions field and Additional
 * Fields. Every permission is sent, false unless selected.
 */
export function membershipContract(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const selected = toStringList.call(
		this,
		this.getNodeParameter('permissions', itemIndex, []),
		'Permissions',
		itemIndex,
	);
	const granted = new Set<string>();
	for (const entry of selected) {
		const wanted = entry.toLowerCase();
		const option = permissionOptions.find(
			(candidate) =>
				String(candidate.value).toLowerCase() === wanted || candidate.name.toLowerCase() === wanted,
		);
		if (!option) {
			throw new NodeOperationError(this.getNode(), `Unknown collection permission "${entry}"`, {
				description: `Use any of: ${permissionOptions.map((candidate) => `${String(candidate.value)} (${candidate.name})`).join(', ')}.`,
				itemIndex,
			});
		}
		granted.add(String(option.value));
	}
	const collectionsPermissions: IDataObject = {};
	for (const option of permissionOptions) {
		collectionsPermissions[String(option.value)] = granted.has(String(option.value));
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return withoutUndefined({
		expirationDate: toIsoDateTime.call(
			this,
			additional.expirationDate,
			'Access Expires',
			itemIndex,
		),
		collectionsPermissions,
	});
}
