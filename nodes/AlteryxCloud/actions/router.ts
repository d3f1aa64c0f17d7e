import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as shared from '../../shared/resourceRouter';
import type { OperationModule } from './node.type';
import { resources } from './registry';
import { ITEM_PROCESSING } from './versionDescription';

export function findOperation(resource: string, operation: string): OperationModule | undefined {
	return shared.findOperation(resources, resource, operation);
}

/** The node's item loop (nodes/shared/resourceRouter.ts). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await shared.routeItems.call(this, resources, ITEM_PROCESSING);
}
