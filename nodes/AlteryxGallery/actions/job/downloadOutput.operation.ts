import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { idParameter, jobIdField } from '../common';
import { downloadV1Output, getV1Job } from '../v1';

const properties: INodeProperties[] = [
	jobIdField('The finished job whose output to download'),
	{
		displayName: 'Output ID',
		name: 'outputId',
		type: 'string',
		default: '',
		description:
			'The output to download (the ID of one of the job’s outputs). Empty: the job’s only output.',
	},
	{
		displayName: 'Format',
		name: 'format',
		type: 'string',
		default: '',
		placeholder: 'Csv',
		description:
			'One of the output’s availableFormats (Raw, Csv, Xlsx, …). Empty: its first format.',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary property to put the downloaded file in',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['downloadOutput'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = idParameter.call(this, 'jobId', 'Job ID', itemIndex);
	const outputId = String(this.getNodeParameter('outputId', itemIndex, '')).trim();
	const format = String(this.getNodeParameter('format', itemIndex, '')).trim();
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	// The job says which outputs exist, with their file names and formats.
	const job = await getV1Job.call(this, jobId, false, itemIndex);
	const outputs = job.outputs ?? [];
	const output = outputId
		? outputs.find((candidate) => candidate.id === outputId)
		: outputs.length === 1
			? outputs[0]
			: undefined;
	if (!output) {
		const known = outputs.map((candidate) => `${candidate.id} (${candidate.fileName ?? ''})`);
		throw new NodeOperationError(
			this.getNode(),
			outputId
				? `Job ${jobId} has no output "${outputId}"`
				: `Job ${jobId} has ${outputs.length} outputs: choose one with Output ID`,
			{
				description: known.length
					? `Its outputs: ${known.join(', ')}`
					: `The job has no outputs (status ${String(job.status)}): outputs exist once it has completed without errors.`,
				itemIndex,
			},
		);
	}
	const chosen = format || (output.availableFormats ?? ['Raw'])[0];
	const binary = await downloadV1Output.call(this, jobId, output, chosen, itemIndex);
	return [
		{
			json: { jobId, outputId: output.id, fileName: binary.fileName ?? null, format: chosen },
			binary: { [property]: binary },
		},
	];
}
