import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson } from '../../../AlteryxServer/helpers/api';
import {
	checkFinishedJob,
	jobTimedOutError,
	type JobView,
	pickFormat,
	stillRunning,
	withJobId,
} from '../../../AlteryxServer/helpers/jobs';
import { locatorValue, toAppValues } from '../../../AlteryxServer/helpers/parameters';
import {
	downloadOutputsOption,
	failWhenTheJobFailsOption,
	jobPollIntervalOption,
} from '../../../AlteryxServer/actions/workflow/run.operation';
import { workflowIdField } from '../common';
import { downloadV1Output, v1Routes, waitForV1Job } from '../v1';

const properties: INodeProperties[] = [
	workflowIdField('The workflow or analytic app to run'),
	{
		displayName: 'Questions',
		name: 'questions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Question Answer',
		default: {},
		description:
			'Answers to the analytic app’s questions (Workflow → Get Questions lists them). Questions not answered here keep their default values.',
		options: [
			{
				displayName: 'Question',
				name: 'question',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'The question’s name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The answer, as text',
					},
				],
			},
		],
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until the job has finished and return its result and messages. Off returns the queued job at once (follow it with Job → Get).',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { waitForCompletion: [true] } },
		options: [
			downloadOutputsOption,
			failWhenTheJobFailsOption,
			{
				displayName: 'Output Format',
				name: 'outputFormat',
				type: 'string',
				default: 'Raw',
				description:
					'The format to download outputs in (Raw, Csv, Xlsx, …); an output that does not offer it is downloaded in its first available format',
			},
			jobPollIntervalOption,
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 3600,
				typeOptions: { minValue: 1 },
				description:
					'How long to wait for the job before the item fails. The V1 API cannot cancel a job: it keeps running on the server.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workflow'], operation: ['run'] } },
	properties,
);

interface RunOptions {
	downloadOutputs?: boolean;
	failOnError?: boolean;
	outputFormat?: string;
	pollInterval?: number;
	timeout?: number;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const appId = locatorValue.call(this, 'workflowId', itemIndex);
	const questions = toAppValues(this.getNodeParameter('questions.question', itemIndex, []));
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
	// A POST is never sent twice (the transport does not retry it): a job is started once.
	const queued = (await requestRouteJson.call(
		this,
		v1Routes.runJob,
		{ path: { appId }, body: { questions } },
		itemIndex,
	)) as JobView;
	if (!wait) return [{ json: { ...withJobId(queued), workflowId: appId } }];

	const options = this.getNodeParameter('options', itemIndex, {}) as RunOptions;
	const timeoutSeconds = Math.max(1, options.timeout ?? 3600);
	const result = await waitForV1Job.call(
		this,
		queued.id,
		{
			pollIntervalMs: Math.max(0.1, options.pollInterval ?? 5) * 1000,
			timeoutMs: timeoutSeconds * 1000,
		},
		itemIndex,
	);
	const { job } = result;
	if (result.timedOut) {
		// V1 has no cancel: the job goes on.
		throw jobTimedOutError.call(this, job, timeoutSeconds, stillRunning(job), itemIndex);
	}
	const failed = checkFinishedJob.call(this, job, options.failOnError, itemIndex);
	const json: IDataObject = {
		...withJobId(job),
		workflowId: appId,
		timing: { secondsWaited: result.secondsWaited, polls: result.polls },
	};
	if (!options.downloadOutputs || failed || (job.outputs ?? []).length === 0) return [{ json }];
	const binary: IBinaryKeyData = {};
	const outputs: IDataObject[] = [];
	for (const [index, output] of (job.outputs ?? []).entries()) {
		const format = pickFormat(output, options.outputFormat || 'Raw');
		binary[`output_${index}`] = await downloadV1Output.call(
			this,
			job.id,
			output,
			format,
			itemIndex,
		);
		outputs.push({ ...output, binaryProperty: `output_${index}`, downloadedFormat: format });
	}
	json.outputs = outputs;
	return [{ json, binary }];
}
