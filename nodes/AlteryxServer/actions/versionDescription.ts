import type { INodeProperties } from 'n8n-workflow';

import {
	itemProcessingProperty,
	operationSubtitle,
	resourceSelector,
} from '../../shared/resourceNodeDescription';
import { authenticationProperty } from '../../transport/authentication';
import { resources } from './registry';

export { ITEM_PROCESSING } from '../../shared/resourceNodeDescription';

/** Listed first, in this order, so "Run a workflow and wait for its job" comes first. */
export const FEATURED_RESOURCES = ['workflow', 'job'];

/**
 * The node's parameters: the Authentication selector (transport/authentication.ts), the Resource
 * selector, then each resource's Operation selector and operation fields. The rest of the
 * description stays in AlteryxServer.node.ts, where n8n's lint expects the node class to declare
 * it literally (icon, usableAsTool, …).
 */
export const versionProperties: INodeProperties[] = [
	authenticationProperty,
	resourceSelector(resources, FEATURED_RESOURCES),
	...resources.flatMap((module) => module.description),
	itemProcessingProperty(
		'How many input items are sent to Alteryx Server at the same time; the next item starts as soon as one is done. Output keeps the order of the input. Run with Wait for Completion, and updates of the same record, always go one after the other. 1 sends one item after the other.',
	),
];

/** "Job: Download Output", and "Workflow: Run and Wait" while Wait for Completion is on (its default). */
export const serverSubtitle = operationSubtitle(
	resources,
	' + ($parameter.resource === "workflow" && $parameter.operation === "run" && $parameter.waitForCompletion !== false ? " and Wait" : "")',
);
