import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { concurrencyFrom, mapItems } from '../../transport/concurrency';
import { errorItem, withItemIndex } from '../../transport/items';
import type { OperationModule } from './node.type';
import { resources } from './registry';
import { ITEM_PROCESSING } from './versionDescription';

export function findOperation(resource: string, operation: string): OperationModule | undefined {
	const module = resources.find((candidate) => candidate.resource.value === resource);
	return module && Object.prototype.hasOwnProperty.call(module.operations, operation)
		? module.operations[operation]
		: undefined;
}

/**
 * Runs the chosen operation once per input item, up to Concurrent Requests items at a time. The
 * output keeps the input order and every output item is paired with the input item it came
 * from; a failing item becomes an error item under Continue On Fail and otherwise stops the node
 * with the first failed item's error (in item order) and its index.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = findOperation(resource, operation);
	if (!selected) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	const processing = this.getNodeParameter(ITEM_PROCESSING, 0, {}) as {
		concurrentRequests?: unknown;
	};

	const results = await mapItems(
		items.length,
		{ concurrency: concurrencyFrom(this.getNode(), processing.concurrentRequests) },
		async (itemIndex) => {
			try {
				const output = await selected.execute.call(this, itemIndex);
				return output.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
			} catch (error) {
				if (this.continueOnFail()) return [errorItem(error, itemIndex)];
				throw withItemIndex(error, this.getNode(), itemIndex);
			}
		},
	);
	return [results.flat()];
}
