import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { concurrentRequestsOption } from '../../transport/concurrency';
import { cloudAuthenticationProperty } from '../../transport/authentication';
import { resources } from './registry';

/**
 * Plans and flows first: n8n's nodes panel lists the node's actions resource by resource in
 * this order, so "Run a plan and wait for it" comes first. The other resources follow
 * alphabetically, and the operations of each resource too (n8n's lint and verification scanner
 * require sorted options).
 */
export const FEATURED_RESOURCES = ['plan', 'flow'];

const featuredRank = (value: string) => {
	const rank = FEATURED_RESOURCES.indexOf(value);
	return rank === -1 ? FEATURED_RESOURCES.length : rank;
};

const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	// Built from the registry, so adding a resource needs no edit here.
	options: resources
		.map(({ resource }) => ({
			name: resource.name,
			value: resource.value,
			description: resource.description,
		}))
		.sort((a, b) => featuredRank(a.value) - featuredRank(b.value) || a.name.localeCompare(b.name)),
	default: 'plan',
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
				'How many input items are sent to Alteryx Analytics Cloud at the same time; the next item starts as soon as one is done. Output keeps the order of the input. 1 sends one item after the other.',
		},
	],
};

/**
 * The node's parameters: the Authentication selector, the Resource selector, then each
 * resource's Operation selector and operation fields.
 */
export const versionProperties: INodeProperties[] = [
	cloudAuthenticationProperty,
	resourceSelector,
	...resources.flatMap((module) => module.description),
	itemProcessing,
];

/** "Resource: Operation" by "resource:operation", from the Operation dropdowns' names. */
const operationLabels: Record<string, string> = Object.fromEntries(
	resources.flatMap(({ resource, description }) =>
		description
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				((property.options ?? []) as INodePropertyOptions[]).map((option) => [
					`${resource.value}:${String(option.value)}`,
					`${resource.name}: ${option.name}`,
				]),
			),
	),
);

/** The node's subtitle on the canvas: "Plan: Run and Wait", "Job Group: Get Status". */
export const cloudSubtitle =
	'={{ (' +
	JSON.stringify(operationLabels) +
	')[$parameter.resource + ":" + $parameter.operation] }}';
