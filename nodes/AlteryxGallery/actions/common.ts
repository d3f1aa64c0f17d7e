import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One `<operation>.operation.ts` file of this node. */
export interface GalleryOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

export const workflowIdField = (description: string): INodeProperties => ({
	displayName: 'Workflow ID',
	name: 'workflowId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '5f1c2a8e3d62000400000001',
	description: `${description} (its App ID: the ID from Workflow → Get Many, or the last part of its Gallery URL)`,
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
