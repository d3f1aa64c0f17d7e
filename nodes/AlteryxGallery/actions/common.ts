import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { workflowLocator } from '../../AlteryxServer/actions/common.descriptions';

/** One `<operation>.operation.ts` file of this node. */
export interface GalleryOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** The Workflow picker: From List (the studio's workflows), By URL (its Gallery page), By ID. */
export const workflowIdField = (description: string): INodeProperties =>
	workflowLocator({
		description: `${description}: pick it by name, paste its Gallery page, or give its App ID`,
	});

export const jobIdField = (description: string): INodeProperties => ({
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	description,
});

/** A required ID parameter, trimmed; an empty one names the field instead of reaching the server. */
export function idParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
) {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), `The ${label} is empty`, {
			description: `Enter the ${label}, or map it from an earlier node.`,
			itemIndex,
		});
	}
	return value;
}
