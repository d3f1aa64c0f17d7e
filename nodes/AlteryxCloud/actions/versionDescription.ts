import type { INodeProperties } from 'n8n-workflow';

import {
	itemProcessingProperty,
	operationSubtitle,
	resourceSelector,
} from '../../shared/resourceNodeDescription';
import { cloudAuthenticationProperty } from '../../transport/authentication';
import { resources } from './registry';

export { ITEM_PROCESSING } from '../../shared/resourceNodeDescription';

/** Listed first, in this order, so "Run a plan and wait for it" comes first. */
export const FEATURED_RESOURCES = ['plan', 'flow'];

/**
 * The node's parameters: the Authentication selector, the Resource selector, then each
 * resource's Operation selector and operation fields.
 */
export const versionProperties: INodeProperties[] = [
	cloudAuthenticationProperty,
	resourceSelector(resources, FEATURED_RESOURCES),
	...resources.flatMap((module) => module.description),
	itemProcessingProperty(
		'How many input items are sent to Alteryx Analytics Cloud at the same time; the next item starts as soon as one is done. Output keeps the order of the input. 1 sends one item after the other.',
	),
];

/** The node's subtitle on the canvas: "Plan: Run and Wait", "Job Group: Get Status". */
export const cloudSubtitle = operationSubtitle(resources);
