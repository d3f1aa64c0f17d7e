'use strict';
// Progress of the demo's long phases (installing n8n, compiling sqlite3, building the pack, starting
// n8n): a line when a phase starts, one every `interval` while it runs ("installing n8n 2.41.1 …
// 1 min 20 s"), and one when it ends with its duration. Phases may overlap (the build runs while n8n
// installs). The clock and the timer are parameters so a test can drive them.

function formatDuration(ms) {
	const total = Math.max(0, Math.round(ms / 1000));
	const minutes = Math.floor(total / 60);
	const seconds = total % 60;
	if (minutes === 0) return `${seconds} s`;
	return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

// opts: { write(line), now() -> ms, interval (ms, default 10000), setInterval, clearInterval }
function createProgress(opts) {
	opts = opts || {};
	const write = opts.write || ((line) => process.stdout.write(`${line}\n`));
	const now = opts.now || Date.now;
	const interval = opts.interval || 10000;
	const every = opts.setInterval || setInterval;
	const cancel = opts.clearInterval || clearInterval;
	const started = now();
	const active = new Set();

	function phase(label) {
		const t0 = now();
		const p = {
			label,
			ended: false,
			elapsed: () => now() - t0,
			tick() {
				if (!p.ended) write(`  ${label} … ${formatDuration(now() - t0)}`);
			},
			end(note) {
				if (p.ended) return;
				p.ended = true;
				cancel(timer);
				active.delete(p);
				write(`  ${label}: ${note ? `${note}, ` : ''}${formatDuration(now() - t0)}`);
			},
			fail(error) {
				if (p.ended) return;
				p.ended = true;
				cancel(timer);
				active.delete(p);
				write(
					`  ${label}: FAILED after ${formatDuration(now() - t0)}${error ? ` (${String(error.message || error).split('\n')[0]})` : ''}`,
				);
			},
		};
		write(`  ${label} …`);
		const timer = every(() => p.tick(), interval);
		if (timer && typeof timer.unref === 'function') timer.unref();
		active.add(p);
		return p;
	}

	// Runs fn (sync or async) as a phase: ends it with fn's note (a string result) or its failure.
	async function run(label, fn) {
		const p = phase(label);
		try {
			const result = await fn(p);
			p.end(typeof result === 'string' ? result : undefined);
			return result;
		} catch (error) {
			p.fail(error);
			throw error;
		}
	}

	// Ends every running phase (Ctrl-C, a failure elsewhere): no timer keeps printing.
	function stopAll(note) {
		for (const p of [...active]) p.end(note || 'stopped');
	}

	return { phase, run, stopAll, total: () => now() - started, formatDuration };
}

module.exports = { createProgress, formatDuration };
