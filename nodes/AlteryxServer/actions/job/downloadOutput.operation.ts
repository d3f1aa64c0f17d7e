import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { downloadJobOutput, getJob, jobRoutes, pickFormat } from '../../helpers/jobs';
import { locatorValue } from '../../helpers/parameters';
import { binaryPropertyName, jobLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = jobRoutes.downloadOutput;

const properties: INodeProperties[] = [
	jobLocator({ description: 'The finished job whose output to download' }),
	{
		displayName: 'Output Name or ID',
		name: 'outputId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getJobOutputs', loadOptionsDependsOn: ['jobId.value'] },
		default: '',
		required: true,
		description:
			'The output file to download, from the job’s outputs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Format Name or ID',
		name: 'format',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getJobOutputFormats',
			loadOptionsDependsOn: ['jobId.value', 'outputId'],
		},
		default: '',
		description:
			'The format to download the output in, from the formats it offers (availableFormats). Empty uses its first format. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	binaryPropertyName(
		'Put Output File in Field',
		'The binary property to put the downloaded file in',
	),
];

const displayOptions = { show: { resource: ['job'], operation: ['downloadOutput'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = locatorValue.call(this, 'jobId', itemIndex);
	const outputId = String(this.getNodeParameter('outputId', itemIndex, '')).trim();
	const requestedFormat = String(this.getNodeParameter('format', itemIndex, '')).trim();
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;

	// The job says which outputs exist, their file names and formats.
	const job = await getJob.call(this, jobId, false, itemIndex);
	const outputs = job.outputs ?? [];
	const output = outputId
		? outputs.find((candidate) => candidate.id === outputId)
		: outputs.length === 1
			? outputs[0]
			: undefined;
	if (!output) {
		throw new NodeOperationError(
			this.getNode(),
			outputId
				? `Job ${jobId} has no output ${outputId}`
				: `Choose which output of job ${jobId} to download`,
			{
				description: outputs.length
					? `Its outputs: ${outputs.map((candidate) => `${candidate.id} (${candidate.fileName ?? ''})`).join(', ')}`
					: `The job has no outputs (status ${String(job.status)}, result ${String(job.disposition)}). Outputs exist only once a job has completed without error.`,
				itemIndex,
			},
		);
	}
	const format = requestedFormat || pickFormat(output, 'Raw');
	const binary = await downloadJobOutput.call(this, jobId, output, format, itemIndex);
	return [
		{
			json: {
				jobId,
				outputId: output.id,
				fileName: binary.fileName,
				format,
				mimeType: binary.mimeType,
				availableFormats: output.availableFormats ?? [],
			},
			binary: { [propertyName]: binary },
		},
	];
}
