import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

export const DEFAULT_MAX_EVENTS = 100;

/** Options → Max Events per Poll, checked. */
export function maxEventsPerPoll(context: IPollFunctions, options: IDataObject): number {
	const maxEvents = Number(options.maxEventsPerPoll ?? DEFAULT_MAX_EVENTS);
	if (!Number.isInteger(maxEvents) || maxEvents < 1) {
		throw new NodeOperationError(
			context.getNode(),
			'Max Events per Poll must be a whole number, at least 1',
			{ description: `It is ${JSON.stringify(options.maxEventsPerPoll)}.` },
		);
	}
	return maxEvents;
}

/** "Include Events From": a date, or the last N days, or nothing (only events from now on). */
export function includeEventsFrom(
	context: IPollFunctions,
	options: IDataObject,
): number | undefined {
	const node = context.getNode();
	const since = options.includeEventsSince;
	if (since !== undefined && since !== '' && since !== null) {
		const ms = Date.parse(String(since));
		if (!Number.isFinite(ms)) {
			throw new NodeOperationError(node, `Include Events Since is not a date: ${String(since)}`);
		}
		return ms;
	}
	const days = options.includeEventsLastDays;
	if (days !== undefined && days !== '' && days !== null) {
		const number = Number(days);
		if (!Number.isFinite(number) || number < 0) {
			throw new NodeOperationError(
				node,
				`Include Events From the Last Days must be a number of days, at least 0 (got ${JSON.stringify(days)})`,
			);
		}
		return Date.now() - number * 24 * 60 * 60 * 1000;
	}
	return undefined;
}

/** Ids from a multi-select (a list) or an expression (a list, or ids separated by commas). */
export function idList(value: unknown): string[] {
	const values = Array.isArray(value) ? value : String(value ?? '').split(',');
	return values.map((element) => String(element).trim()).filter(Boolean);
}
