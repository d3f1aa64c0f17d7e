import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { nextPollDelayMs } from '../../AlteryxServer/helpers/pollSchedule';
import { DEFAULT_TIMEOUT_MS } from '../../transport/request';

/** Plan runs and job groups end in one of these (`status`, the Cloud's spelling). */
const FINAL_STATUSES = new Set(['complete', 'failed', 'canceled', 'cancelled']);

export function isFinalStatus(status: unknown): boolean {
	return FINAL_STATUSES.has(String(status ?? '').toLowerCase());
}

export function isComplete(status: unknown): boolean {
	return String(status ?? '').toLowerCase() === 'complete';
}

/** The Run and Wait options every waiting operation shares (see waitOptions). */
export interface WaitOptions {
	cancelOnTimeout?: boolean;
	failOnError?: boolean;
	pollInterval?: number;
	timeout?: number;
}

export interface WaitSettings {
	/** The longest time between two polls (the user's Poll Interval). */
	pollIntervalMs: number;
	timeoutMs: number;
}

export function waitSettings(options: WaitOptions): WaitSettings {
	return {
		pollIntervalMs: Math.max(0.1, Number(options.pollInterval ?? 5)) * 1000,
		timeoutMs: Math.max(1, Number(options.timeout ?? 3600)) * 1000,
	};
}

export interface WaitTiming extends IDataObject {
	secondsWaited: number;
	polls: number;
}

export interface PollOutcome<T> {
	value: T;
	timedOut: boolean;
	timing: WaitTiming;
}

// A poll that starts just before the wait ends still gets this long to answer.
const MIN_POLL_TIMEOUT_MS = 1000;

/**
 * Reads `read` until `done` says so or the timeout passes: 1 s apart at first, then a tenth of
 * the time waited, up to the Poll Interval (the Server node's pollSchedule.ts). The waits end
 * early when the execution is cancelled (n8n's cancel signal), and each read is bounded by what
 * is left of the wait, so a slow answer cannot hold the item long past its Timeout.
 */
export async function pollUntil<T>(
	context: IExecuteFunctions,
	read: (timeoutMs: number) => Promise<T>,
	done: (value: T) => boolean,
	settings: WaitSettings,
	/** Said when the execution is cancelled: 'Plan run 7 keeps running in Alteryx Analytics Cloud.' */
	leftRunning: string,
	itemIndex: number,
): Promise<PollOutcome<T>> {
	const started = Date.now();
	const deadline = started + settings.timeoutMs;
	const cancelSignal = context.getExecutionCancelSignal();
	const cancelled = () =>
		new NodeOperationError(context.getNode(), 'The execution was cancelled while waiting', {
			description: leftRunning,
			itemIndex,
		});
	const readOnce = async () =>
		await read(Math.min(DEFAULT_TIMEOUT_MS, Math.max(MIN_POLL_TIMEOUT_MS, deadline - Date.now())));
	let polls = 1;
	let value = await readOnce();
	let timedOut = false;
	while (!done(value)) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			timedOut = true;
			break;
		}
		if (cancelSignal?.aborted) throw cancelled();
		try {
			const delay = nextPollDelayMs(Date.now() - started, settings.pollIntervalMs);
			await sleep(Math.min(delay, remaining), cancelSignal);
		} catch {
			throw cancelled();
		}
		value = await readOnce();
		polls++;
	}
	return {
		value,
		timedOut,
		timing: { secondsWaited: Math.round((Date.now() - started) / 100) / 10, polls },
	};
}
