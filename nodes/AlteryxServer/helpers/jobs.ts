import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../../transport/request';
import type { OperationRoute } from '../actions/node.type';
import { requestRoute, requestRouteJson } from './api';
import { responseToBinary, saveDownload } from './binary';
import { nextPollDelayMs } from './pollSchedule';

/** The job endpoints the Run and Job operations share. */
export const jobRoutes = {
	get: {
		method: 'GET',
		path: '/v3/jobs/{jobId}',
		operationId: 'Jobs_GetJobV3',
	},
	cancel: {
		method: 'DELETE',
		path: '/v3/jobs/{jobId}',
		operationId: 'Jobs_CancelJob',
	},
	downloadOutput: {
		method: 'GET',
		path: '/v1/jobs/{jobId}/output/{outputId}',
		operationId: null,
		outsideSwagger:
			'V3 has no output download; Alteryx clients use this V1 endpoint with the same token.',
	},
} satisfies Record<string, OperationRoute>;

export interface JobOutput {
	id: string;
	fileName?: string;
	availableFormats?: string[];
}

export interface JobView extends IDataObject {
	id: string;
	status?: string;
	disposition?: string;
	createDateTime?: string;
	outputs?: JobOutput[];
	messages?: IDataObject[];
}

/**
 * A job as the nodes output it: Alteryx's fields, with the job's id both as `id` and as `jobId`.
 * Alteryx calls it `id` in a job (v3/jobs/{id}, a run, a workflow's jobs) and `jobId` in the job
 * list (v3/jobs); with both, `{{ $json.jobId }}` (or `id`) works after every operation and the
 * trigger event that output jobs.
 */
export function withJobId(job: IDataObject): IDataObject {
	const { id, jobId, ...rest } = job;
	const value = id ?? jobId;
	return { id: value, jobId: value, ...rest };
}

// Alteryx's status words differ by endpoint (Completed, Complete, Error, Cancelled).
const FINISHED_STATUSES = new Set(['completed', 'complete', 'cancelled', 'canceled', 'error']);

export function isFinished(job: JobView): boolean {
	return FINISHED_STATUSES.has(String(job.status ?? '').toLowerCase());
}

export function isCancelled(job: JobView): boolean {
	return /^cancel+ed$/i.test(String(job.status ?? ''));
}

/** A run failed when Alteryx says so in `disposition` (a Completed job can still have failed). */
export function hasFailed(job: JobView): boolean {
	return String(job.disposition ?? '').toLowerCase() === 'error';
}

// MessageView.status is an int; Alteryx's engine uses 3 for errors (reference §5, UNCERTAIN),
// so the text is checked as well.
export function errorMessages(job: JobView): string[] {
	return (job.messages ?? [])
		.filter((message) => message.status === 3 || /\berror\b/i.test(String(message.text ?? '')))
		.map((message) => String(message.text ?? ''))
		.filter((text) => !/with 0 errors/i.test(text));
}

/**
 * After a wait (Run with Wait for Completion, the Server and the Gallery node): the error of a job
 * that ran past Timeout; `what` says where it stands ("it was cancelled", "it is running on the
 * server").
 */
export function jobTimedOutError(
	this: IExecuteFunctions,
	job: JobView,
	timeoutSeconds: number,
	what: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`Alteryx job ${job.id} did not finish within ${timeoutSeconds} seconds; ${what}`,
		{
			description:
				'Raise "Timeout (Seconds)" under Options for long-running workflows, or turn off Wait for Completion and check the job later with Job → Get.',
			itemIndex,
		},
	);
}

/** Where a job that did not finish in time stands, in the words of jobTimedOutError. */
export function stillRunning(job: JobView): string {
	return `it is ${String(job.status ?? 'still running').toLowerCase()} on the server`;
}

/**
 * After a wait: whether the job failed (ended in error or was cancelled); throws the node's error
 * for it unless Fail When the Job Fails is off. A failed job's outputs are not downloaded.
 */
export function checkFinishedJob(
	this: IExecuteFunctions,
	job: JobView,
	failOnError: boolean | undefined,
	itemIndex: number,
): boolean {
	const failed = hasFailed(job) || isCancelled(job);
	if (failed && failOnError !== false) {
		const reasons = isCancelled(job) ? ['The job was cancelled.'] : errorMessages(job);
		throw new NodeOperationError(
			this.getNode(),
			`Alteryx job ${job.id} ended with ${isCancelled(job) ? 'status Cancelled' : 'result Error'}`,
			{
				description: [
					...reasons,
					'Turn off "Fail When the Job Fails" under Options to get the job and its messages as output instead.',
				].join('\n'),
				itemIndex,
			},
		);
	}
	return failed;
}

export async function getJob(
	this: IExecuteFunctions,
	jobId: string,
	includeMessages: boolean,
	itemIndex: number,
	timeout?: number,
): Promise<JobView> {
	return (await requestRouteJson.call(
		this,
		jobRoutes.get,
		{ path: { jobId }, qs: { includeMessages }, timeout },
		itemIndex,
	)) as JobView;
}

// A poll that starts just before the wait ends still gets this long to answer.
const MIN_POLL_TIMEOUT_MS = 1000;

export interface WaitSettings {
	/** The longest time between two polls (the user's Poll Interval); see pollSchedule.ts. */
	pollIntervalMs: number;
	timeoutMs: number;
	cancelOnTimeout: boolean;
}

export interface JobTiming extends IDataObject {
	/** When Alteryx queued the job (its createDateTime). */
	queuedAt: string | null;
	/** When this node first saw the job running (observed, within one poll delay). */
	startedAt: string | null;
	/** When this node first saw the job finished (observed, within one poll delay). */
	finishedAt: string | null;
	secondsWaited: number;
	polls: number;
}

export interface WaitResult {
	job: JobView;
	timing: JobTiming;
	timedOut: boolean;
	cancelledByNode: boolean;
}

/**
 * Polls GET v3/jobs/{id} (without messages, to keep polls small) until the job is Completed or
 * Cancelled or the timeout passes: 1 s apart at first, then a tenth of the time waited, up to
 * the Poll Interval (pollSchedule.ts), then reads the job once more with its messages. On timeout
 * the job is cancelled (DELETE v3/jobs/{id}) if asked, so no runaway job is left behind.
 */
export async function waitForJob(
	this: IExecuteFunctions,
	jobId: string,
	settings: WaitSettings,
	itemIndex: number,
): Promise<WaitResult> {
	const waitStarted = Date.now();
	const deadline = waitStarted + settings.timeoutMs;
	let startedAt: string | null = null;
	let finishedAt: string | null = null;
	let polls = 0;
	let timedOut = false;
	let cancelledByNode = false;

	// Each poll is bounded by what is left of the wait, so a server that answers slowly (or
	// trickles) cannot hold the item past its Timeout by more than MIN_POLL_TIMEOUT_MS per try.
	const poll = async () =>
		await getJob.call(
			this,
			jobId,
			false,
			itemIndex,
			Math.min(DEFAULT_TIMEOUT_MS, Math.max(MIN_POLL_TIMEOUT_MS, deadline - Date.now())),
		);
	const cancelSignal = this.getExecutionCancelSignal();
	const cancelled = () =>
		new NodeOperationError(this.getNode(), 'The execution was cancelled while waiting', {
			description: `Alteryx job ${jobId} keeps running on the server.`,
			itemIndex,
		});
	let job = await poll();
	polls++;
	for (;;) {
		const now = new Date().toISOString();
		if (!startedAt && /^running$/i.test(String(job.status ?? ''))) startedAt = now;
		if (isFinished(job)) {
			finishedAt = now;
			break;
		}
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			timedOut = true;
			break;
		}
		if (cancelSignal?.aborted) throw cancelled();
		try {
			// Ends early (rejects) when the execution is cancelled during the wait.
			const delay = nextPollDelayMs(Date.now() - waitStarted, settings.pollIntervalMs);
			await sleep(Math.min(delay, remaining), cancelSignal);
		} catch {
			throw cancelled();
		}
		job = await poll();
		polls++;
	}

	if (timedOut && settings.cancelOnTimeout) {
		// A job that finished in the meantime answers 400; the final read below tells.
		const response = await requestRoute.call(
			this,
			jobRoutes.cancel,
			{ path: { jobId }, neverError: true },
			itemIndex,
		);
		cancelledByNode = response.statusCode < 300;
	}

	job = await getJob.call(this, jobId, true, itemIndex);
	if (!finishedAt && isFinished(job)) finishedAt = new Date().toISOString();
	return {
		job,
		timedOut,
		cancelledByNode,
		timing: {
			queuedAt: job.createDateTime ?? null,
			startedAt,
			finishedAt,
			secondsWaited: Math.round((Date.now() - waitStarted) / 100) / 10,
			polls,
		},
	};
}

/** The format to download: the preferred one if the output offers it, else its first. */
export function pickFormat(output: JobOutput, preferred: string): string {
	const formats = output.availableFormats ?? [];
	const match = formats.find((format) => format.toLowerCase() === preferred.toLowerCase());
	return match ?? formats[0] ?? preferred;
}

const EXTENSIONS_BY_FORMAT: Record<string, string> = {
	csv: 'csv',
	dbf: 'dbf',
	docx: 'docx',
	html: 'html',
	kml: 'kml',
	pdf: 'pdf',
	shp: 'zip',
	tde: 'tde',
	xlsx: 'xlsx',
	yxdb: 'yxdb',
	zip: 'zip',
};

/** The output's name with the extension of the format it was converted to. */
export function outputFileName(output: JobOutput, format: string): string {
	const base = (output.fileName ?? output.id).split(/[\\/]/).pop() || output.id;
	const extension = EXTENSIONS_BY_FORMAT[format.toLowerCase()];
	if (!extension) return base;
	return /\.[^.]+$/.test(base) ? base.replace(/\.[^.]+$/, `.${extension}`) : `${base}.${extension}`;
}

/** Downloads one output of a job (V1 endpoint) as n8n binary data. */
export async function downloadJobOutput(
	this: IExecuteFunctions,
	jobId: string,
	output: JobOutput,
	format: string,
	itemIndex: number,
) {
	const fileName = outputFileName(output, format);
	const response = await requestRoute.call(
		this,
		jobRoutes.downloadOutput,
		{
			path: { jobId, outputId: output.id },
			qs: { format },
			saveFile: saveDownload.call(this, fileName),
		},
		itemIndex,
	);
	return await responseToBinary.call(this, response, fileName);
}

/**
 * Downloads every output of a finished job into binary properties `<prefix>0`, `<prefix>1`, …
 * and records in each output which property holds it and in which format.
 */
export async function downloadAllOutputs(
	this: IExecuteFunctions,
	job: JobView,
	preferredFormat: string,
	propertyPrefix: string,
	itemIndex: number,
): Promise<{ binary: IBinaryKeyData; outputs: IDataObject[] }> {
	const binary: IBinaryKeyData = {};
	const outputs: IDataObject[] = [];
	for (const [index, output] of (job.outputs ?? []).entries()) {
		const format = pickFormat(output, preferredFormat);
		const property = `${propertyPrefix}${index}`;
		binary[property] = await downloadJobOutput.call(this, job.id, output, format, itemIndex);
		outputs.push({ ...output, binaryProperty: property, downloadedFormat: format });
	}
	return { binary, outputs };
}
