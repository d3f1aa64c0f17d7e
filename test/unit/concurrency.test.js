'use strict';
// The item window (nodes/transport/concurrency.ts) on its own: tasks are promises the test
// settles by hand, so every check is about order and overlap, never about time.
const {
	DEFAULT_CONCURRENT_REQUESTS,
	concurrencyFrom,
	mapItems,
} = require('../../nodes/transport/concurrency');

const NODE = { name: 'Alteryx Server GET', type: 'n8n-nodes-alteryx.alteryxGet' };

/** Lets every pending promise callback run (the window starts items from promise callbacks). */
async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs mapItems with tasks the test controls: `started` lists item indexes in the order they
 * started, `running` those not yet finished; `finish(index, value?)` / `fail(index, error)` end one.
 */
function controlled(count, window) {
	const pending = new Map();
	const state = { started: [], running: new Set(), peak: 0 };
	const result = mapItems(count, window, (index) => {
		state.started.push(index);
		state.running.add(index);
		state.peak = Math.max(state.peak, state.running.size);
		return new Promise((resolve, reject) => pending.set(index, { resolve, reject }));
	});
	result.catch(() => {});
	const end = async (index, how, value) => {
		state.running.delete(index);
		pending.get(index)[how](value);
		pending.delete(index);
		await settle();
	};
	return {
		state,
		result,
		finish: (index, value = `item ${index}`) => end(index, 'resolve', value),
		fail: (index, error) => end(index, 'reject', error),
	};
}

describe('mapItems', () => {
	test.each([
		[1, 5],
		[3, 10],
		[10, 25],
		[10, 4],
	])('concurrency %i over %i items: that many start at once, in item order', async (n, count) => {
		const run = controlled(count, { concurrency: n });
		await settle();
		expect(run.state.started).toEqual(Array.from({ length: Math.min(n, count) }, (_, i) => i));
	});

	test('a sliding window: the next item starts as soon as any one finishes, not when the batch does', async () => {
		const run = controlled(8, { concurrency: 3 });
		await settle();
		expect(run.state.started).toEqual([0, 1, 2]);
		await run.finish(1);
		expect(run.state.started).toEqual([0, 1, 2, 3]);
		await run.finish(3);
		expect(run.state.started).toEqual([0, 1, 2, 3, 4]);
		for (const index of [0, 2, 4, 5, 6, 7]) await run.finish(index);
		expect(run.state.peak).toBe(3);
		expect(await run.result).toEqual(Array.from({ length: 8 }, (_, i) => `item ${i}`));
	});

	test('results keep the item order whatever order the items finish in', async () => {
		const run = controlled(6, { concurrency: 6 });
		await settle();
		for (const index of [5, 3, 1, 0, 4, 2]) await run.finish(index, { index });
		expect(await run.result).toEqual([0, 1, 2, 3, 4, 5].map((index) => ({ index })));
	});

	test('no items: an empty result, nothing runs', async () => {
		const run = controlled(0, { concurrency: 10 });
		expect(await run.result).toEqual([]);
		expect(run.state.started).toEqual([]);
	});

	describe('a failed item', () => {
		test('stops new items; those running finish; the error of the first failed item in item order is thrown', async () => {
			const run = controlled(10, { concurrency: 4 });
			await settle();
			// Item 3 fails first in time, then item 1 fails: a sequential run would have stopped at 1.
			await run.fail(3, new Error('item 3'));
			expect(run.state.started).toEqual([0, 1, 2, 3]);
			let settled = false;
			run.result.then(
				() => (settled = true),
				() => (settled = true),
			);
			await run.fail(1, new Error('item 1'));
			await run.finish(0);
			expect(settled).toBe(false); // item 2 still runs: nothing is thrown half-way
			await run.finish(2);
			await expect(run.result).rejects.toThrow('item 1');
			expect(run.state.started).toEqual([0, 1, 2, 3]);
		});

		test('a later failure does not hide an earlier one that is still running', async () => {
			const run = controlled(3, { concurrency: 3 });
			await settle();
			await run.fail(2, new Error('item 2'));
			await run.fail(0, new Error('item 0'));
			await run.finish(1);
			await expect(run.result).rejects.toThrow('item 0');
		});
	});

	describe('Batching', () => {
		test('batches run one after another; within a batch the window applies', async () => {
			const run = controlled(7, { concurrency: 2, batch: { size: 3, intervalMs: 0 } });
			await settle();
			expect(run.state.started).toEqual([0, 1]);
			await run.finish(0);
			expect(run.state.started).toEqual([0, 1, 2]);
			await run.finish(2);
			// Item 1 of the first batch still runs: the second batch waits for it.
			expect(run.state.started).toEqual([0, 1, 2]);
			await run.finish(1);
			expect(run.state.started).toEqual([0, 1, 2, 3, 4]);
			for (const index of [3, 4, 5]) await run.finish(index);
			expect(run.state.started).toEqual([0, 1, 2, 3, 4, 5, 6]);
			await run.finish(6);
			expect(await run.result).toHaveLength(7);
			expect(run.state.peak).toBe(2);
		});

		test('a batch larger than the concurrency, a concurrency larger than the batch', async () => {
			const wide = controlled(6, { concurrency: 10, batch: { size: 4, intervalMs: 0 } });
			await settle();
			expect(wide.state.started).toEqual([0, 1, 2, 3]);
			for (const index of [0, 1, 2, 3, 4, 5]) await wide.finish(index);
			expect(wide.state.peak).toBe(4);
		});

		test('no batch starts after a failed one', async () => {
			const run = controlled(6, { concurrency: 3, batch: { size: 3, intervalMs: 0 } });
			await settle();
			await run.fail(1, new Error('item 1'));
			await run.finish(0);
			await run.finish(2);
			await expect(run.result).rejects.toThrow('item 1');
			expect(run.state.started).toEqual([0, 1, 2]);
		});
	});

	describe('keys: items of the same key one after another, in item order', () => {
		const keyed = (keys) => ({ concurrency: 10, keyOf: (index) => keys[index] });

		test('same key waits for the previous one; other keys and unkeyed items run alongside', async () => {
			const keys = ['a', 'b', 'a', undefined, 'a', 'b'];
			const run = controlled(keys.length, keyed(keys));
			await settle();
			expect(run.state.started).toEqual([0, 1, 3]);
			await run.finish(0);
			expect(run.state.started).toEqual([0, 1, 3, 2]);
			await run.finish(1);
			expect(run.state.started).toEqual([0, 1, 3, 2, 5]);
			await run.finish(2);
			expect(run.state.started).toEqual([0, 1, 3, 2, 5, 4]);
			for (const index of [3, 4, 5]) await run.finish(index);
			expect(await run.result).toHaveLength(6);
		});

		test('one key for all: one at a time, in item order', async () => {
			const run = controlled(4, keyed(['x', 'x', 'x', 'x']));
			for (const index of [0, 1, 2, 3]) {
				await settle();
				expect(run.state.running).toEqual(new Set([index]));
				await run.finish(index);
			}
			expect(run.state.started).toEqual([0, 1, 2, 3]);
		});

		test('an item waiting behind a failed one of its key does not run', async () => {
			const run = controlled(3, keyed(['x', 'x', 'y']));
			await settle();
			await run.fail(0, new Error('item 0'));
			await run.finish(2);
			await expect(run.result).rejects.toThrow('item 0');
			expect(run.state.started).toEqual([0, 2]);
		});

		test('a key that cannot be worked out is no constraint', async () => {
			const run = controlled(3, {
				concurrency: 10,
				keyOf: () => {
					throw new Error('no ID');
				},
			});
			await settle();
			expect(run.state.started).toEqual([0, 1, 2]);
		});
	});
});

describe('concurrencyFrom (the Concurrent Requests option)', () => {
	test.each([
		[undefined, DEFAULT_CONCURRENT_REQUESTS],
		['', DEFAULT_CONCURRENT_REQUESTS],
		[1, 1],
		[25, 25],
		['7', 7],
		[' 3 ', 3],
	])('%j → %i', (value, expected) => {
		expect(concurrencyFrom(NODE, value)).toBe(expected);
	});

	test.each([[0], [-1], [2.5], ['ten'], [Number.NaN], [Infinity], [{}], [true]])(
		'%j is refused',
		(value) => {
			expect(() => concurrencyFrom(NODE, value)).toThrow(
				/Concurrent Requests must be a whole number, at least 1/,
			);
		},
	);
});
