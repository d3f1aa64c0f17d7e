'use strict';
// Shared tools of the reliability suites: emulator + harness set-up, request-log arithmetic,
// secret search in errors, items and logs, and a scoped DNS override for redirect tests.
const dns = require('node:dns');
const net = require('node:net');
const util = require('node:util');

const { startEmulator } = require('../emulator');
const { createHarness } = require('../harness');
const { requestsTo, run } = require('../unit/helpers');

const SALES_FORECAST = '66ebd18d3d62000400000001';
const ADA = '66ebd18d3d62000100000001';

/** Remembers every token the emulator issues (reset() forgets them, this list does not). */
function trackTokens(emulator) {
	emulator.issuedTokens = [];
	const issue = emulator.tokens.issue.bind(emulator.tokens);
	emulator.tokens.issue = (...args) => {
		const token = issue(...args);
		emulator.issuedTokens.push(token);
		return token;
	};
	return emulator;
}

async function startTrackedEmulator(options = {}) {
	return trackTokens(await startEmulator(options));
}

/** A harness with no stored token yet, for the curator (or the given user) of `emulator`. */
function freshHarness(emulator, overrides = {}, user = 'curator') {
	return createHarness(emulator.credentialData(user, overrides));
}

/** Requests of one API route that were not the 401 of a stale token. */
function attempts(emulator, method, path) {
	return requestsTo(emulator, method, path).filter((entry) => entry.status !== 401);
}

function tokenRequests(emulator) {
	return requestsTo(emulator, 'POST', '/webapi/oauth2/token');
}

function injectedFaults(emulator) {
	return emulator.requests.filter((entry) => entry.fault).length;
}

/** Milliseconds between consecutive log entries (arrival times at the server). */
function gapsMs(entries) {
	const times = entries.map((entry) => Date.parse(entry.time));
	return times.slice(1).map((time, index) => time - times[index]);
}

function closedPort() {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function stringifySafely(value) {
	const seen = new WeakSet();
	try {
		return JSON.stringify(value, (key, entry) => {
			if (entry && typeof entry === 'object') {
				if (seen.has(entry)) return '[circular]';
				seen.add(entry);
			}
			if (typeof entry === 'bigint') return String(entry);
			return entry;
		});
	} catch (error) {
		return `[not serialisable: ${error.message}]`;
	}
}

/** Every string a user (or a log, or a support ticket) could see of an error. */
function errorPlaces(error, prefix = 'error') {
	if (!error) return {};
	return {
		[`${prefix}.message`]: String(error.message ?? ''),
		[`${prefix}.description`]: String(error.description ?? ''),
		[`${prefix} JSON`]: stringifySafely(error),
		[`${prefix} inspected`]: util.inspect(error, { depth: 12, showHidden: false }),
		[`${prefix}.stack`]: String(error.stack ?? ''),
	};
}

function itemPlaces(items, prefix = 'item') {
	const places = {};
	(items ?? []).forEach((item, index) => {
		places[`${prefix}[${index}]`] = stringifySafely(item);
	});
	return places;
}

/**
 * The places where one of `secrets` ({ label: value }) occurs, also base64- or URL-encoded.
 * @returns {{ secret: string, where: string }[]}
 */
function findLeaks(secrets, places) {
	const needles = [];
	for (const [label, value] of Object.entries(secrets)) {
		if (!value) continue;
		const encoded = encodeURIComponent(value);
		needles.push([label, value]);
		if (encoded !== value) needles.push([`${label} (URL-encoded)`, encoded]);
		needles.push([`${label} (base64)`, Buffer.from(value).toString('base64')]);
	}
	const found = [];
	for (const [where, text] of Object.entries(places)) {
		for (const [secret, needle] of needles) {
			if (needle.length >= 8 && String(text).includes(needle)) found.push({ secret, where });
		}
	}
	return found;
}

/**
 * Captures what n8n would log while a node runs: n8n-workflow's LoggerProxy, n8n-core's DI
 * Logger and the console. `restore()` puts everything back.
 */
function captureLogs() {
	const lines = [];
	const record =
		(source, level) =>
		(...args) => {
			lines.push(
				`${source}.${level} ${args.map((arg) => (typeof arg === 'string' ? arg : stringifySafely(arg))).join(' ')}`,
			);
		};
	const restores = [];
	const levels = ['error', 'warn', 'info', 'debug'];

	const { LoggerProxy } = require('n8n-workflow');
	LoggerProxy.init(
		Object.fromEntries(levels.map((level) => [level, record('LoggerProxy', level)])),
	);
	restores.push(() =>
		LoggerProxy.init(Object.fromEntries(levels.map((level) => [level, () => {}]))),
	);

	try {
		const corePaths = { paths: [require.resolve('n8n-core')] };
		const { Container } = require(require.resolve('@n8n/di', corePaths));
		const { Logger } = require(require.resolve('@n8n/backend-common', corePaths));
		const logger = Container.get(Logger);
		for (const level of levels) {
			// Some levels are read-only own properties (bound in the constructor): replace those
			// by redefining them, the others through jest.
			const own = Object.getOwnPropertyDescriptor(logger, level);
			if (own && !own.writable && own.configurable) {
				Object.defineProperty(logger, level, { ...own, value: record('Logger', level) });
				restores.push(() => Object.defineProperty(logger, level, own));
			} else if (!own || own.writable) {
				const spy = jest.spyOn(logger, level).mockImplementation(record('Logger', level));
				restores.push(() => spy.mockRestore());
			}
		}
	} catch {
		// No DI logger in this n8n-core: LoggerProxy and the console still count.
	}
	for (const level of ['error', 'warn', 'info', 'log', 'debug']) {
		const spy = jest.spyOn(console, level).mockImplementation(record('console', level));
		restores.push(() => spy.mockRestore());
	}
	return {
		lines,
		restore: () => restores.reverse().forEach((restore) => restore()),
	};
}

/**
 * Runs `fn` while host names matching `pattern` resolve to 127.0.0.1 (for redirects to a
 * "subdomain" of localhost), and records every name looked up. Restores dns.lookup afterwards.
 */
async function withDns(fn, pattern = /\.localhost$/i) {
	const original = dns.lookup;
	const looked = [];
	dns.lookup = (hostname, options, callback) => {
		looked.push(hostname);
		const target = pattern.test(hostname) ? '127.0.0.1' : hostname;
		return original.call(dns, target, options, callback);
	};
	try {
		return await fn(looked);
	} finally {
		dns.lookup = original;
	}
}

/** The message says what happened and the description what to do about it. */
function expectActionable(error, what, todo) {
	expect(error).toBeDefined();
	expect(['NodeApiError', 'NodeOperationError']).toContain(error.constructor.name);
	expect(error.message).toMatch(what);
	expect(error.description ?? '').toMatch(todo);
}

module.exports = {
	ADA,
	SALES_FORECAST,
	attempts,
	captureLogs,
	closedPort,
	errorPlaces,
	expectActionable,
	findLeaks,
	freshHarness,
	gapsMs,
	injectedFaults,
	itemPlaces,
	requestsTo,
	run,
	startTrackedEmulator,
	stringifySafely,
	tokenRequests,
	trackTokens,
	withDns,
};
