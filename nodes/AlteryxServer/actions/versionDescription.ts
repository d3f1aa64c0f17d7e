import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../../transport/authentication';
import { concurrentRequestsOption } from '../../transport/concurrency';
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

/** The node-wide options of how input items are run (router.ts reads them). */
export const ITEM_PROCESSING = 'itemProcessing';

const itemProcessing: INodeProperties = {
	displayName: 'Item Processing',
	name: ITEM_PROCESSING,
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			...concurrentRequestsOption,
			description:
				'How many input items are sent to Alteryx Server at the same time; the next item starts as soon as one is done. Output keeps the order of the input. Run with Wait for Completion, and updates of the same record, always go one after the other. 1 sends one item after the other.',
		},
	],
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
	itemProcessing,
];
