import type { INodeProperties } from 'n8n-workflow';

import type { LocatorOptions } from '../common.descriptions';

/** A "From List / By ID" picker for a Server data connection (same shape as the shared locators). */
export function dataConnectionLocator(options: LocatorOptions = {}): INodeProperties {
	return {
		displayName: options.displayName ?? 'Server Data Connection',
		name: options.name ?? 'dataConnectionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description:
			options.description ??
			'The Server data connection (a connection the server manages and shares with users), picked by name or given by its ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a server data connection...',
				typeOptions: { searchListMethod: 'searchServerDataConnections', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 66ebd18d3d62000900000001',
			},
		],
	};
}
