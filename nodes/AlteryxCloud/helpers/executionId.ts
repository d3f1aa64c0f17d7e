import { randomInt } from 'n8n-workflow';

/**
 * The Cloud's idempotency header of POST plans/v1/plans/{id}/run: a second request with an
 * execution id the Cloud has seen starts nothing and is answered 304.
 */
export const EXECUTION_ID_HEADER = 'x-execution-id';

/** A random UUID (version 4) from n8n-workflow's crypto-backed randomInt. */
export function newExecutionId(): string {
	const hex = Array.from({ length: 32 }, () => randomInt(16).toString(16));
	hex[12] = '4';
	hex[16] = (8 + randomInt(4)).toString(16);
	const text = hex.join('');
	return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/**
 * The execution id of one item's run: the one the user gave (Options → Execution ID), or a new
 * one. It is chosen once per item and sent with every attempt of that request, so a run the
 * transport sends again (only when it certainly never arrived) cannot start twice, and a user who
 * repeats a run whose answer was lost can give the same id to be told it already started.
 */
export function executionIdFor(given: unknown): string {
	const text = typeof given === 'string' || typeof given === 'number' ? String(given).trim() : '';
	return text === '' ? newExecutionId() : text;
}
