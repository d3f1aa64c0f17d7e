import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem, withItemIndex } from '../../transport/items';
import type { GalleryOperation } from './common';
import * as downloadOutput from './job/downloadOutput.operation';
import * as getJob from './job/get.operation';
import * as getMany from './workflow/getMany.operation';
import * as getQuestions from './workflow/getQuestions.operation';
import * as run from './workflow/run.operation';

export const operations: Record<string, Record<string, GalleryOperation>> = {
	job: { downloadOutput, get: getJob },
	workflow: { getMany, getQuestions, run },
};

/**
 * Items one after another: Run and Wait's jobs would otherwise wait in the server's queue for the
 * same workers, and that wait would count against each item's Timeout.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operationName = this.getNodeParameter('operation', itemIndex) as string;
		const operation = operations[resource]?.[operationName];
		try {
			if (!operation) throw new Error(`The operation "${operationName}" is not known`);
			const produced = await operation.execute.call(this, itemIndex);
			for (const item of produced) results.push({ ...item, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				results.push(errorItem(error, itemIndex));
				continue;
			}
			throw withItemIndex(error, this.getNode(), itemIndex);
		}
	}
	return [results];
}
