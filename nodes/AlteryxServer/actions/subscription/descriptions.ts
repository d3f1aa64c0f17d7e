import type { INodeProperties } from 'n8n-workflow';

import type { LocatorOptions } from '../common.descriptions';

/** A "From List / By ID" picker for a studio (a subscription in the API). */
export function subscriptionLocator(options: LocatorOptions = {}): INodeProperties {
	return {
		displayName: options.displayName ?? 'Studio',
		name: options.name ?? 'subscriptionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description:
			options.description ??
			'The studio (called subscription in the API), picked by name or given by its ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a studio...',
				typeOptions: { searchListMethod: 'searchSubscriptions', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 66ebd18d3d62000200000001',
			},
		],
	};
}
