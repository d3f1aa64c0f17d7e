import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../../transport/authentication';
import { resources } from './registry';

const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	// Built from the registry, alphabetically, so adding a resource needs no edit here.
	options: resources
		.map(({ resource }) => ({
			name: resource.name,
			value: resource.value,
			description: resource.description,
		}))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'workflow',
};

/**
 * The node's parameters: the Authentication selector (transport/authentication.ts), the Resource selector, then each resource's Operation selector and
 * operation fields. The rest of the description stays in AlteryxServer.node.ts, where n8n's
 * lint expects the node class to declare it literally (icon, usableAsTool, …).
 */
export const versionProperties: INodeProperties[] = [
	authenticationProperty,
	resourceSelector,
	...resources.flatMap((module) => module.description),
];
