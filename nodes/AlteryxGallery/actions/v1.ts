import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationRoute } from '../../AlteryxServer/actions/node.type';
import { requestRoute, requestRouteJson } from '../../AlteryxServer/helpers/api';
import { responseToBinary, saveDownload } from '../../AlteryxServer/helpers/binary';
import {
	isFinished,
	type JobOutput,
	type JobView,
	outputFileName,
} from '../../AlteryxServer/helpers/jobs';
import { nextPollDelayMs } from '../../AlteryxServer/helpers/pollSchedule';

/**
 * The V1 subscription API: the same paths under a legacy server's /gallery/api/ (OAuth1) and a
 * 2022.1+ server's /webapi/ (OAuth2), so a workflow moves between them by its credential alone.
 * Written with the trailing slash legacy clients always send (reference §6).
 */
export const v1Routes = {
	subscriptionWorkflows: {
		method: 'GET',
		path: '/v1/workflows/subscription/',
		operationId: null,
		outsideSwagger: 'V1 subscription API',
	},
	questions: {
		method: 'GET',
		path: '/v1/workflows/{appId}/questions/',
		operationId: null,
		outsideSwagger: 'V1 subscription API',
	},
	runJob: {
		method: 'POST',
		path: '/v1/workflows/{appId}/jobs/',
		operationId: null,
		outsideSwagger: 'V1 subscription API',
	},
	job: {
		method: 'GET',
		path: '/v1/jobs/{jobId}/',
		operationId: null,
		outsideSwagger: 'V1 subscription API',
	},
	output: {
		method: 'GET',
		path: '/v1/jobs/{jobId}/output/{outputId}/',
		operationId: null,
		outsideSwagger: 'V1 subscription API',
	},
} satisfies Record<string, OperationRoute>;

export async function getV1Job(
	this: IExecuteFunctions,
	jobId: string,
	includeMessages: boolean,
	itemIndex: number,
): Promise<JobView> {
	return (await requestRouteJson.call(
		this,
		v1Routes.job,
		{ path: { jobId }, qs: { includeMessages } },
		itemIndex,
	)) as JobView;
}

export interface V1Wait {
	job: JobView;
	timedOut: boolean;
	secondsWaited: number;
	polls: number;
}

/**
 * Polls GET v1/jobs/{id}/ until the job is finished or the timeout passes (the same schedule as
 * the Alteryx Server node: 1 s apart at first, growing to the Poll Interval), then reads it once
 * more with its messages. V1 has no cancel endpoint: a job that outlives the wait keeps running.
 */
export async function waitForV1Job(
	this: IExecuteFunctions,
	jobId: string,
	settings: { pollIntervalMs: number; timeoutMs: number },
	itemIndex: number,
): Promise<V1Wait> {
	const started = Date.now();
	const deadline = started + settings.timeoutMs;
	const cancelSignal = this.getExecutionCancelSignal();
	let polls = 1;
	let job = await getV1Job.call(this, jobId, false, itemIndex);
	let timedOut = false;
	while (!isFinished(job)) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			timedOut = true;
			break;
		}
		try {
			await sleep(
				Math.min(nextPollDelayMs(Date.now() - started, settings.pollIntervalMs), remaining),
				cancelSignal,
			);
		} catch {
			throw new NodeOperationError(this.getNode(), 'The execution was cancelled while waiting', {
				description: `Alteryx job ${jobId} keeps running on the server.`,
				itemIndex,
			});
		}
		job = await getV1Job.call(this, jobId, false, itemIndex);
		polls++;
	}
	job = await getV1Job.call(this, jobId, true, itemIndex);
	return {
		job,
		timedOut: timedOut && !isFinished(job),
		secondsWaited: Math.round((Date.now() - started) / 100) / 10,
		polls,
	};
}

/** One output of a job as n8n binary data, streamed into n8n's binary data store. */
export async function downloadV1Output(
	this: IExecuteFunctions,
	jobId: string,
	output: JobOutput,
	format: string,
	itemIndex: number,
): Promise<IBinaryData> {
	const fileName = outputFileName(output, format);
	const response = await requestRoute.call(
		this,
		v1Routes.output,
		{
			path: { jobId, outputId: output.id },
			qs: { format },
			saveFile: saveDownload.call(this, fileName),
		},
		itemIndex,
	);
	return await responseToBinary.call(this, response, fileName);
}

export function jsonItems(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object') as IDataObject[];
	return value && typeof value === 'object' ? [value as IDataObject] : [];
}
