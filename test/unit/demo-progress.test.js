'use strict';
// The demo's progress lines (scripts/lib/progress.js) with a fake clock and a fake timer: a line when
// a phase starts, one per interval with the time so far, one at the end with its duration, and
// overlapping phases (the build while n8n installs) each on their own.
const { createProgress, formatDuration } = require('../../scripts/lib/progress');

function fakeProgress() {
	let now = 1_000_000;
	const lines = [];
	const timers = new Map();
	let nextId = 1;
	const progress = createProgress({
		write: (line) => lines.push(line),
		now: () => now,
		interval: 15000,
		setInterval: (fn, ms) => {
			const id = nextId++;
			timers.set(id, { fn, ms, due: now + ms });
			return id;
		},
		clearInterval: (id) => timers.delete(id),
	});
	// Moves the clock, firing the interval timers that fall due on the way.
	const advance = (ms) => {
		const end = now + ms;
		for (;;) {
			const due = [...timers.values()].filter((t) => t.due <= end).sort((a, b) => a.due - b.due);
			if (due.length === 0) break;
			now = due[0].due;
			due[0].due += due[0].ms;
			due[0].fn();
		}
		now = end;
	};
	return { progress, lines, advance, timers };
}

test('durations read as a person says them', () => {
	expect(formatDuration(0)).toBe('0 s');
	expect(formatDuration(4400)).toBe('4 s');
	expect(formatDuration(59_600)).toBe('1 min');
	expect(formatDuration(80_000)).toBe('1 min 20 s');
	expect(formatDuration(11 * 60_000 + 45_000)).toBe('11 min 45 s');
});

test('a long phase says what it does every interval, with the time so far, and how long it took', async () => {
	const { progress, lines, advance, timers } = fakeProgress();
	const install = progress.phase('installing n8n 2.41.1');
	advance(80_000);
	install.end();
	expect(lines).toEqual([
		'  installing n8n 2.41.1 …',
		'  installing n8n 2.41.1 … 15 s',
		'  installing n8n 2.41.1 … 30 s',
		'  installing n8n 2.41.1 … 45 s',
		'  installing n8n 2.41.1 … 1 min',
		'  installing n8n 2.41.1 … 1 min 15 s',
		'  installing n8n 2.41.1: 1 min 20 s',
	]);
	expect(timers.size).toBe(0);
	advance(60_000);
	expect(lines).toHaveLength(7);
});

test('overlapping phases (the build while n8n installs) report each on its own', async () => {
	const { progress, lines, advance } = fakeProgress();
	const install = progress.phase('installing n8n');
	advance(5000);
	const build = progress.phase('building the pack');
	advance(12_000);
	build.end('dist/ ready');
	advance(10_000);
	install.end();
	expect(lines).toEqual([
		'  installing n8n …',
		'  building the pack …',
		'  installing n8n … 15 s',
		'  building the pack: dist/ ready, 12 s',
		'  installing n8n: 27 s',
	]);
});

test('run() ends the phase with the result, or says it failed and rethrows', async () => {
	const { progress, lines, advance } = fakeProgress();
	const value = await progress.run('starting n8n', async () => {
		advance(16_000);
		return { url: 'http://127.0.0.1:5678' };
	});
	expect(value).toEqual({ url: 'http://127.0.0.1:5678' });
	await expect(
		progress.run('compiling sqlite3', () => {
			advance(3000);
			throw new Error('gyp ERR! build error\nmore');
		}),
	).rejects.toThrow('gyp ERR!');
	expect(lines).toEqual([
		'  starting n8n …',
		'  starting n8n … 15 s',
		'  starting n8n: 16 s',
		'  compiling sqlite3 …',
		'  compiling sqlite3: FAILED after 3 s (gyp ERR! build error)',
	]);
});

test('stopAll (Ctrl-C) ends the running phases: no line comes after it', () => {
	const { progress, lines, advance, timers } = fakeProgress();
	progress.phase('installing n8n');
	progress.phase('building the pack');
	advance(2000);
	progress.stopAll('stopped');
	expect(timers.size).toBe(0);
	advance(60_000);
	expect(lines.slice(2)).toEqual([
		'  installing n8n: stopped, 2 s',
		'  building the pack: stopped, 2 s',
	]);
});
