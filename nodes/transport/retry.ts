import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { headerValue } from './response';

export interface RetryPolicy {
	/** Retries after the first attempt; 0 turns retrying off. */
	maxRetries: number;
	/** The longest single wait, also the cap for a server's Retry-After. */
	maxDelayMs: number;
	/** The first backoff step; it doubles with every retry. */
	baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	maxDelayMs: 30_000,
	baseDelayMs: 500,
};

/** The most retries an option may ask for: the UI caps at 10, an expression can bring anything. */
const MAX_RETRIES = 10;

/** The policy the "Retries on Transient Errors" and "Max Retry Wait" options describe. */
export function retryPolicyFromOptions(options: {
	maxRetries?: unknown;
	maxRetryWait?: unknown;
}): RetryPolicy {
	const retries = Math.floor(Number(options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries));
	const waitSeconds = Number(options.maxRetryWait);
	return {
		...DEFAULT_RETRY_POLICY,
		maxRetries: Number.isFinite(retries) ? Math.min(MAX_RETRIES, Math.max(0, retries)) : 0,
		maxDelayMs:
			options.maxRetryWait === undefined || !Number.isFinite(waitSeconds)
				? DEFAULT_RETRY_POLICY.maxDelayMs
				: Math.max(0, waitSeconds) * 1000,
	};
}

/** Statuses that say "not now" rather than "no": proxies and overloaded servers. */
const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);

/** Network failures where no request reached the server: safe to repeat for any method. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** Network failures that may have happened after the server got the request. */
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

const IDEMPOTENT: ReadonlySet<IHttpRequestMethods> = new Set<IHttpRequestMethods>([
	'GET',
	'HEAD',
	'PUT',
	'DELETE',
]);

export type AttemptOutcome =
	| { kind: 'status'; statusCode: number; headers: IDataObject }
	| { kind: 'network'; code: string | undefined }
	/** The token could not be obtained, so the API request itself was never sent. */
	| { kind: 'token'; statusCode: number | undefined; code: string | undefined }
	/** A 2xx whose body is not what the Web API sends (truncated JSON, an HTML login page). */
	| { kind: 'garbled' };

/**
 * Whether an attempt may be repeated. A POST (run a workflow, create a user) is repeated only
 * when it certainly never reached the server, so a job is never enqueued twice.
 */
export function isRetryable(method: IHttpRequestMethods, outcome: AttemptOutcome): boolean {
	switch (outcome.kind) {
		case 'token':
			return (
				(outcome.statusCode !== undefined &&
					(TRANSIENT_STATUSES.has(outcome.statusCode) || outcome.statusCode >= 500)) ||
				(outcome.code !== undefined &&
					(NOT_SENT_CODES.has(outcome.code) || MAYBE_SENT_CODES.has(outcome.code)))
			);
		case 'network':
			if (outcome.code !== undefined && NOT_SENT_CODES.has(outcome.code)) return true;
			return (
				IDEMPOTENT.has(method) && outcome.code !== undefined && MAYBE_SENT_CODES.has(outcome.code)
			);
		case 'status':
			return IDEMPOTENT.has(method) && TRANSIENT_STATUSES.has(outcome.statusCode);
		case 'garbled':
			return IDEMPOTENT.has(method);
	}
}

/**
 * How long to wait before retry number `retry` (1-based): the server's Retry-After when it
 * gives one (seconds or an HTTP date), else exponential backoff with jitter; never more than
 * the policy's maximum.
 */
export function retryDelayMs(
	retry: number,
	policy: RetryPolicy,
	headers?: IDataObject,
	now = Date.now(),
	random = Math.random,
): number {
	// Alteryx Analytics Cloud names it x-retry-after (seconds).
	const retryAfter = headers
		? (headerValue(headers, 'retry-after') ?? headerValue(headers, 'x-retry-after'))
		: undefined;
	if (retryAfter !== undefined && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		const fromHeader = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(fromHeader)) return Math.min(policy.maxDelayMs, Math.max(0, fromHeader));
	}
	const exponential = policy.baseDelayMs * 2 ** (retry - 1);
	// Jitter spreads out many items that failed at the same moment.
	return Math.min(policy.maxDelayMs, exponential / 2 + random() * (exponential / 2));
}
