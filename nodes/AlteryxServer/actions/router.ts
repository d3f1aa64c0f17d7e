import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem, withItemIndex } from '../../transport/items';
import type { OperationModule } from './node.type';
import { resources } from './registry';

export function findOperation(resource: string, operation: string): OperationModule | undefined {
	const module = resources.find((candidate) => candidate.resource.value === resource);
	return module && Object.prototype.hasOwnProperty.call(module.operations, operation)
		? module.operations[operation]
		: undefined;
}

/**
 * Runs the chosen operation once per input item, in order. Every output item is paired with
 * the input item it came from; a failing item becomes an error item under Continue On Fail and
 * stops the node otherwise, with the item index in the error.
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

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await selected.execute.call(this, itemIndex);
			for (const result of results) {
				returnData.push({ ...result, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push(errorItem(error, itemIndex));
				continue;
			}
			throw withItemIndex(error, this.getNode(), itemIndex);
		}
	}
	return [returnData];
}
