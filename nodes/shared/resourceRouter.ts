import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { concurrencyFrom, mapItems } from '../transport/concurrency';
import { errorItem, withItemIndex } from '../transport/items';

/** What the router needs of an operation file (the Server and the Cloud node's OperationModule). */
export interface RoutedOperation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
	/** Items with the same key run one after another (see the Server node's OperationModule). */
	sequentialKey?: (this: IExecuteFunctions, itemIndex: number) => string | undefined;
}

export interface RoutedResource<Operation extends RoutedOperation> {
	resource: { value: string };
	operations: Record<string, Operation>;
}

export function findOperation<Operation extends RoutedOperation>(
	resources: ReadonlyArray<RoutedResource<Operation>>,
	resource: string,
	operation: string,
): Operation | undefined {
	const module = resources.find((candidate) => candidate.resource.value === resource);
	return module && Object.prototype.hasOwnProperty.call(module.operations, operation)
		? module.operations[operation]
		: undefined;
}

/**
 * Runs the chosen operation once per input item, up to Concurrent Requests items at a time
 * (items of the same `sequentialKey` one after another). The output keeps the input order and
 * every output item is paired with the input item it came from; a failing item becomes an error
 * item under Continue On Fail and otherwise stops the node with the first failed item's error
 * (in item order) and its index.
 */
export async function routeItems<Operation extends RoutedOperation>(
	this: IExecuteFunctions,
	resources: ReadonlyArray<RoutedResource<Operation>>,
	itemProcessingParameter: string,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = findOperation(resources, resource, operation);
	if (!selected) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	const processing = this.getNodeParameter(itemProcessingParameter, 0, {}) as {
		concurrentRequests?: unknown;
	};
	const sequentialKey = selected.sequentialKey;
	const results = await mapItems(
		items.length,
		{
			concurrency: concurrencyFrom(this.getNode(), processing.concurrentRequests),
			keyOf: sequentialKey && ((itemIndex) => sequentialKey.call(this, itemIndex)),
		},
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
