import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson, withoutUndefined } from '../../helpers/api';
import {
	checkFinishedJob,
	downloadAllOutputs,
	jobTimedOutError,
	type JobView,
	stillRunning,
	waitForJob,
	withJobId,
} from '../../helpers/jobs';
import { locatorValue, toAppValues } from '../../helpers/parameters';
import { pollIntervalOption } from '../../helpers/pollSchedule';
import { appQuestionsField, priorityOptions, workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { outputFormatOptions } from '../../helpers/outputFormats';

/** Options of Run with Wait for Completion that the Alteryx Gallery node's Run shares. */
export const downloadOutputsOption: INodeProperties = {
	displayName: 'Download Outputs',
	name: 'downloadOutputs',
	type: 'boolean',
	default: false,
	description:
		'Whether to download every output file of the finished job into binary properties (output_0, output_1, …)',
};

export const failWhenTheJobFailsOption: INodeProperties = {
	displayName: 'Fail When the Job Fails',
	name: 'failOnError',
	type: 'boolean',
	default: true,
	description:
		'Whether the item fails when the job ends with the result Error or is cancelled. Turn off to get the job with its result and messages as output instead.',
};

/** The Poll Interval of a wait for a job (waitForJob, and the Gallery node's V1 wait). */
export const jobPollIntervalOption = pollIntervalOption(
	'The longest wait between two checks of the job’s status. Checks start 1 s apart and the gap grows to a tenth of the time waited, up to this value, so short jobs are seen at once and long ones take few requests.',
);

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/workflows/{workflowId}/jobs',
	operationId: 'Workflows_Enqueue',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The workflow or analytic app to run' }),
	appQuestionsField({
		description:
			'Answers to the analytic app’s questions. Questions not answered here keep their default values.',
		valueDescription:
			'The answer, as text (Alteryx passes every answer as a string; for a list, use one of its values)',
	}),
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until the job has finished and return its result, messages and timing. Off returns the queued job at once (follow it with Job → Get).',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Credential ID',
				name: 'credentialId',
				type: 'string',
				default: '',
				description:
					'The Alteryx credential to run with, for workflows whose credential type is Required',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: priorityOptions,
				default: 'Default',
				description: 'Queue priority; only users allowed to prioritize jobs can change it',
			},
			{
				displayName: 'Worker Tag',
				name: 'workerTag',
				type: 'string',
				default: '',
				description: 'Run the job only on workers with this tag',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { waitForCompletion: [true] } },
		options: [
			{
				displayName: 'Cancel Job on Timeout',
				name: 'cancelOnTimeout',
				type: 'boolean',
				default: true,
				description:
					'Whether to cancel the job on the server when it has not finished within the timeout, so it does not keep running unattended',
			},
			downloadOutputsOption,
			failWhenTheJobFailsOption,
			{
				displayName: 'Output Binary Field Prefix',
				name: 'binaryPropertyPrefix',
				type: 'string',
				default: 'output_',
				description: 'Downloaded outputs go into binary properties named this prefix plus 0, 1, …',
			},
			{
				displayName: 'Output Format',
				name: 'outputFormat',
				type: 'options',
				options: outputFormatOptions,
				default: 'Raw',
				description:
					'The format to download outputs in; an output that does not offer it is downloaded in its first available format',
			},
			jobPollIntervalOption,
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 3600,
				typeOptions: { minValue: 1 },
				description:
					'How long to wait for the job to finish before the item fails (and the job is cancelled, if set)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['workflow'], operation: ['run'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface RunOptions {
	cancelOnTimeout?: boolean;
	downloadOutputs?: boolean;
	failOnError?: boolean;
	binaryPropertyPrefix?: string;
	outputFormat?: string;
	pollInterval?: number;
	timeout?: number;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const questions = toAppValues(this.getNodeParameter('questions.question', itemIndex, []));
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;

	const contract = withoutUndefined({
		questions,
		priority: (additional.priority as string) || undefined,
		workerTag: (additional.workerTag as string) || undefined,
		credentialId: (additional.credentialId as string) || undefined,
	});

	const queued = (await requestRouteJson.call(
		this,
		route,
		{ path: { workflowId }, body: contract },
		itemIndex,
	)) as JobView;
	if (!wait) return [{ json: { ...withJobId(queued), workflowId } }];

	const options = this.getNodeParameter('options', itemIndex, {}) as RunOptions;
	const timeoutSeconds = options.timeout ?? 3600;
	const result = await waitForJob.call(
		this,
		queued.id,
		{
			pollIntervalMs: Math.max(0.1, options.pollInterval ?? 5) * 1000,
			timeoutMs: Math.max(1, timeoutSeconds) * 1000,
			cancelOnTimeout: options.cancelOnTimeout !== false,
		},
		itemIndex,
	);
	const { job, timing } = result;

	if (result.timedOut) {
		const what = result.cancelledByNode ? 'it was cancelled' : stillRunning(job);
		throw jobTimedOutError.call(this, job, timeoutSeconds, what, itemIndex);
	}

	const failed = checkFinishedJob.call(this, job, options.failOnError, itemIndex);

	const json: IDataObject = { ...withJobId(job), workflowId, timing };
	let binary: IBinaryKeyData | undefined;
	if (options.downloadOutputs && !failed && (job.outputs ?? []).length > 0) {
		const downloaded = await downloadAllOutputs.call(
			this,
			job,
			options.outputFormat || 'Raw',
			options.binaryPropertyPrefix ?? 'output_',
			itemIndex,
		);
		binary = downloaded.binary;
		json.outputs = downloaded.outputs;
	}
	return [binary ? { json, binary } : { json }];
}

/**
 * Run and Wait takes its items one after another, as before Concurrent Requests: jobs started
 * together wait in the server's queue for the same workers, and that wait would count against
 * each item's Timeout. Run without waiting only queues the job: those items run concurrently.
 */
export function sequentialKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return this.getNodeParameter('waitForCompletion', itemIndex, true) === false
		? undefined
		: 'runAndWait';
}
