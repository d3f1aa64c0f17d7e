import { NodeOperationError, sleep } from 'n8n-workflow';
import type { INode, INodeProperties } from 'n8n-workflow';

/**
 * How the nodes run their input items: a sliding window that keeps up to `concurrency` items
 * in flight (a new one starts as soon as one finishes), not lock-step batches.
 */
export interface ItemWindow {
	/** The most items running at once (at least 1). */
	concurrency: number;
	/**
	 * The verb nodes' Batching option: `size` items per batch, the next batch starting
	 * `intervalMs` after the last item of the previous one finished. Within a batch the window
	 * still applies.
	 */
	batch?: { size: number; intervalMs: number };
	/**
	 * Items with the same key run one after another, in item order (an update that reads and
	 * then writes the same record, Run and Wait); undefined: no constraint. Called when the item
	 * is about to start; a key that cannot be worked out (it throws) is no constraint, the item
	 * then fails on its own.
	 */
	keyOf?: (index: number) => string | undefined;
}

/** The default of the Concurrent Requests option (bench/concurrency.js measured 5, 10, 20). */
export const DEFAULT_CONCURRENT_REQUESTS = 10;

/**
 * Runs `run` for items 0 … count-1 within the window and returns the results in item order.
 * Items start in item order. When an item throws, no further item starts; the items already
 * running finish, and the error of the first failed item in item order is thrown (the one a
 * sequential run would have stopped at), so nothing is returned half-written. Callers that
 * continue on failure turn errors into results inside `run`.
 */
export async function mapItems<T>(
	count: number,
	window: ItemWindow,
	run: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	const concurrency = Math.max(1, Math.floor(window.concurrency) || 1);
	const batchSize = window.batch ? Math.max(1, Math.floor(window.batch.size) || 1) : count;
	const errors = new Map<number, unknown>();
	let firstFailed = Infinity;
	/** The last started item of each key, settled when it is done. */
	const lastOfKey = new Map<string, Promise<unknown>>();

	const keyOf = (index: number) => {
		try {
			return window.keyOf?.(index);
		} catch {
			return undefined;
		}
	};

	const runOne = async (index: number) => {
		const key = keyOf(index);
		const before = key === undefined ? undefined : lastOfKey.get(key);
		let done = () => {};
		if (key !== undefined) {
			lastOfKey.set(
				key,
				new Promise<void>((resolve) => {
					done = resolve;
				}),
			);
		}
		try {
			// The previous item of the key runs in another slot (it started earlier), so this wait
			// always ends.
			if (before) await before;
			// An earlier item failed meanwhile: a sequential run would not have got here.
			if (index > firstFailed) return;
			results[index] = await run(index);
		} catch (error) {
			errors.set(index, error);
			firstFailed = Math.min(firstFailed, index);
		} finally {
			done();
		}
	};

	for (let start = 0; start < count && firstFailed === Infinity; start += batchSize) {
		if (start > 0 && window.batch && window.batch.intervalMs > 0) {
			await sleep(window.batch.intervalMs);
		}
		const end = Math.min(count, start + batchSize);
		let next = start;
		const slot = async () => {
			while (next < end && firstFailed === Infinity) {
				await runOne(next++);
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, end - start) }, slot));
	}
	if (firstFailed !== Infinity) throw errors.get(firstFailed);
	return results;
}

/** The Concurrent Requests option of the nodes' options. */
export const concurrentRequestsOption: INodeProperties = {
	displayName: 'Concurrent Requests',
	name: 'concurrentRequests',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_CONCURRENT_REQUESTS,
	description:
		'How many input items are sent to Alteryx at the same time; the next item starts as soon as one is done. Output keeps the order of the input. 1 sends one item after the other.',
};

/** The Concurrent Requests value, checked (an expression may bring text, 0 or 2.5). */
export function concurrencyFrom(node: INode, value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_CONCURRENT_REQUESTS;
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		throw new NodeOperationError(
			node,
			`Concurrent Requests must be a whole number, at least 1 (got ${JSON.stringify(value)})`,
			{ description: '1 sends the items one after the other.' },
		);
	}
	return number;
}
