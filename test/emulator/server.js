'use strict';

// The HTTP pipeline: read the body, log, apply injected faults, route, authenticate, bind query
// and body against the swagger, run the handler, send.

const http = require('node:http');
const { json, invalid, JSON_TYPE } = require('./responses');
const { handleTokenRequest, authorize } = require('./auth');
const { validateBody, bindQuery, bodyParameter } = require('./contracts');

/** Query parameters with ASP.NET's case-insensitive names; the first value wins. */
function queryParams(searchParams) {
	const values = new Map();
	for (const [key, value] of searchParams) {
		if (!values.has(key.toLowerCase())) values.set(key.toLowerCase(), value);
	}
	return {
		get: (name) => values.get(name.toLowerCase()),
		has: (name) => values.has(name.toLowerCase()),
	};
}

function redactHeaders(headers) {
	const copy = { ...headers };
	if (copy.authorization) copy.authorization = String(copy.authorization).split(/\s+/)[0];
	return copy;
}

function modelStateAsString(modelState) {
	return Object.values(modelState).flat().join(' ');
}

/**
 * Parses the JSON / form-urlencoded body of an operation with a body parameter and validates it.
 * @returns {{ body: unknown } | { response: object }}
 */
function bindBody(ctx, route) {
	const param = route.operationId && bodyParameter(route.operationId);
	if (!param || route.multipart) return { body: undefined };
	const contentType = String(ctx.headers['content-type'] || '').toLowerCase();
	let parsed;
	if (ctx.rawBody.length > 0) {
		if (contentType.startsWith('application/x-www-form-urlencoded')) {
			parsed = Object.fromEntries(new URLSearchParams(ctx.rawBody.toString('utf8')));
		} else if (contentType && !/^(application|text)\/json/.test(contentType)) {
			const mediaType = contentType.split(';')[0];
			return {
				response: json(415, {
					message: `The request entity's media type '${mediaType}' is not supported for this resource.`,
				}),
			};
		} else {
			try {
				parsed = JSON.parse(ctx.rawBody.toString('utf8').replace(/^\uFEFF/, ''));
			} catch (error) {
				return {
					response: invalid({
						[param.name]: [
							`Unexpected character encountered while parsing value: ${error.message}`,
						],
					}),
				};
			}
		}
	}
	const { value, modelState } = validateBody(route.operationId, parsed, {
		optional: route.bodyOptional,
	});
	if (modelState) {
		return {
			response: route.invalidAsString
				? json(400, modelStateAsString(modelState))
				: invalid(modelState),
		};
	}
	return { body: value };
}

function dispatch(ctx, emulator) {
	const { path } = ctx;
	const lower = path.toLowerCase();
	if (lower !== '/webapi' && !lower.startsWith('/webapi/')) {
		return json(404, {
			message: `No HTTP resource was found that matches the request URI '${ctx.url}'.`,
		});
	}
	const relative = path.slice('/webapi'.length) || '/';
	if (/^\/oauth2\/token\/?$/i.test(relative)) return handleTokenRequest(ctx, emulator);

	emulator.counters.apiRequests++;
	// The swagger document is public on a real server ({webapi}/swagger/docs/3).
	if (/^\/swagger\/docs\/(3|v3)\/?$/i.test(relative) && ctx.method === 'GET') {
		return json(200, emulator.swaggerDocument(ctx.headers.host));
	}

	const match = emulator.router.match(ctx.method, relative);
	if (!match) {
		return json(404, {
			message: `No HTTP resource was found that matches the request URI '${ctx.url}'.`,
		});
	}
	if (match.allowed) {
		return json(
			405,
			{ message: `The requested resource does not support http method '${ctx.method}'.` },
			{ Allow: match.allowed.join(', ') },
		);
	}
	const { route, params } = match;
	ctx.params = params;
	ctx.route = route;

	if (route.auth !== 'none') {
		const auth = authorize(ctx, emulator, route.auth);
		if (auth.response) return auth.response;
		ctx.user = auth.user;
	}

	ctx.queryValues = route.operationId
		? bindQuery(route.operationId, ctx.query)
		: { values: {}, modelState: null };
	if (ctx.queryValues.modelState) {
		return route.invalidAsString
			? json(400, modelStateAsString(ctx.queryValues.modelState))
			: invalid(ctx.queryValues.modelState);
	}
	const bound = bindBody(ctx, route);
	if (bound.response) return bound.response;
	ctx.body = bound.body;
	return route.handler(ctx, emulator);
}

function sendResponse(res, response) {
	const headers = { ...response.headers, 'Content-Length': response.body.length };
	res.writeHead(response.status, headers);
	res.end(response.body);
}

// An injected body keeps its type: objects are sent as JSON, strings as text, Buffers as bytes.
// A function is called with the request (method, path, headers, rawBody) to build the body: a
// server that echoes what it received.
function faultBody(fault, ctx) {
	const body = typeof fault.body === 'function' ? fault.body(ctx) : fault.body;
	if (body === undefined) {
		const status = fault.status || 500;
		return status >= 500
			? {
					body: Buffer.from(JSON.stringify({ message: 'An error has occurred.' })),
					contentType: JSON_TYPE,
				}
			: { body: Buffer.alloc(0), contentType: null };
	}
	if (Buffer.isBuffer(body)) return { body, contentType: 'application/octet-stream' };
	if (typeof body === 'string')
		return { body: Buffer.from(body, 'utf8'), contentType: 'text/plain; charset=utf-8' };
	return { body: Buffer.from(JSON.stringify(body), 'utf8'), contentType: JSON_TYPE };
}

function applyFault(fault, ctx, req, res, entry, emulator) {
	emulator.counters.faultsInjected++;
	entry.fault = fault.kind;
	if (fault.kind === 'reset') {
		req.socket.destroy();
		return;
	}
	if (fault.kind === 'slow') {
		// The real response, with its side effects (a queued job), sent only after `delayMs`: a
		// server that did the work but answered after the client gave up.
		const response = safeDispatch(ctx, emulator, entry);
		entry.status = response.status;
		entry.responseBytes = response.body.length;
		emulator.hangingResponses.add(res);
		const timer = setTimeout(() => {
			emulator.hangingResponses.delete(res);
			if (!res.destroyed) sendResponse(res, response);
		}, fault.delayMs ?? 1000);
		res.on('close', () => {
			clearTimeout(timer);
			emulator.hangingResponses.delete(res);
		});
		return;
	}
	if (fault.kind === 'hang') {
		// Never answered; close() destroys the socket.
		emulator.hangingResponses.add(res);
		res.on('close', () => emulator.hangingResponses.delete(res));
		return;
	}
	if (fault.kind === 'trickle' || fault.kind === 'trickleHeaders') {
		trickle(fault, ctx, req, res, entry, emulator);
		return;
	}
	if (fault.kind === 'stall') {
		stall(fault, ctx, res, entry, emulator);
		return;
	}
	if (fault.kind === 'truncated') {
		// Without an explicit body the real response is produced (with its side effects) and cut.
		const response = faultResponse(fault, ctx, emulator, entry);
		const full = response.body;
		const cut = full.subarray(0, Math.floor(full.length / 2));
		entry.status = response.status;
		entry.responseBytes = cut.length;
		res.writeHead(response.status, {
			...response.headers,
			...fault.headers,
			'Content-Length': full.length,
		});
		res.write(cut, () => req.socket.destroy());
		return;
	}
	const { body, contentType } = faultBody(fault, ctx);
	const faultHeaders = typeof fault.headers === 'function' ? fault.headers(ctx) : fault.headers;
	const headers = { ...faultHeaders, 'Content-Length': body.length };
	if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
		headers['Content-Type'] = contentType;
	entry.status = fault.status;
	entry.responseBytes = body.length;
	res.writeHead(fault.status, headers);
	res.end(body);
}

/**
 * The real response (with its side effects, like `slow`), sent one byte every `intervalMs`
 * (default 1000): `trickle` after status and headers arrived at once, `trickleHeaders` from the
 * status line on. The server gives up by itself after `durationMs` (default 60000) and stops
 * when the client disconnects or the emulator closes.
 */
function trickle(fault, ctx, req, res, entry, emulator) {
	const response = safeDispatch(ctx, emulator, entry);
	entry.status = response.status;
	entry.responseBytes = 0;
	const head = {
		...response.headers,
		...fault.headers,
		'Content-Length': response.body.length,
	};
	let pending;
	if (fault.kind === 'trickle') {
		res.writeHead(response.status, head);
		res.flushHeaders();
		pending = response.body;
	} else {
		const lines = Object.entries(head).map(([name, value]) => `${name}: ${value}\r\n`);
		pending = Buffer.concat([
			Buffer.from(`HTTP/1.1 ${response.status} Slow\r\n${lines.join('')}\r\n`),
			response.body,
		]);
	}
	const socket = req.socket;
	const send = (chunk) => (fault.kind === 'trickle' ? res.write(chunk) : socket.write(chunk));
	emulator.hangingResponses.add(res);
	const stop = () => {
		clearInterval(timer);
		clearTimeout(giveUp);
		emulator.hangingResponses.delete(res);
	};
	const timer = setInterval(() => {
		if (pending.length === 0) {
			stop();
			if (fault.kind === 'trickle') res.end();
			return;
		}
		send(pending.subarray(0, 1));
		pending = pending.subarray(1);
		entry.responseBytes++;
	}, fault.intervalMs ?? 1000);
	const giveUp = setTimeout(() => {
		stop();
		socket.destroy();
	}, fault.durationMs ?? 60_000);
	const startedAt = Date.now();
	const closed = () => {
		// How long the client stayed for the trickle.
		entry.closedAfterMs ??= Date.now() - startedAt;
		stop();
	};
	res.on('close', closed);
	socket.on('close', closed);
}

/**
 * The whole answer a 'truncated' or 'stall' fault sends part of: the fault's own body, or, without
 * one, the real response (produced with its side effects).
 */
function faultResponse(fault, ctx, emulator, entry) {
	if (fault.body !== undefined) {
		const { body, contentType } = faultBody(fault, ctx);
		return {
			status: fault.status || 200,
			headers: contentType ? { 'Content-Type': contentType } : {},
			body,
		};
	}
	return safeDispatch(ctx, emulator, entry);
}

/** Part of the answer, then nothing until the test calls `fault.resume()`. */
function stall(fault, ctx, res, entry, emulator) {
	const response = faultResponse(fault, ctx, emulator, entry);
	const full = response.body;
	const first = full.subarray(0, Math.min(full.length, fault.stallAfterBytes ?? 0));
	entry.status = response.status;
	entry.responseBytes = first.length;
	res.writeHead(response.status, {
		...response.headers,
		...fault.headers,
		'Content-Length': full.length,
	});
	emulator.hangingResponses.add(res);
	res.on('close', () => emulator.hangingResponses.delete(res));
	res.write(first);
	fault.resume = () => {
		emulator.hangingResponses.delete(res);
		if (res.destroyed) return;
		entry.responseBytes = full.length;
		res.end(full.subarray(first.length));
	};
}

function safeDispatch(ctx, emulator, entry) {
	try {
		return dispatch(ctx, emulator);
	} catch (error) {
		entry.error = error.stack || String(error);
		return json(500, { message: 'An error has occurred.' });
	}
}

function handleRequest(emulator, req, res, rawBody) {
	// The emulator's clock: the wall clock moved by advanceTime() (tests of time-based behaviour).
	const now = emulator.now();
	const url = new URL(req.url, 'http://emulator.local');
	// Alteryx's own example uses a double slash (webapi//swagger/docs/3); IIS collapses it.
	const path = url.pathname.replace(/\/{2,}/g, '/');
	const entry = {
		method: req.method,
		path,
		query: Object.fromEntries(url.searchParams),
		headers: redactHeaders(req.headers),
		status: null,
		bodyBytes: rawBody.length,
		responseBytes: 0,
		time: new Date(now).toISOString(),
	};
	emulator.requests.push(entry);
	const ctx = {
		method: req.method.toUpperCase(),
		url: `${emulator.url}${req.url}`,
		path,
		query: queryParams(url.searchParams),
		headers: req.headers,
		rawBody,
		now,
		state: emulator.state,
		params: {},
		user: null,
	};

	const fault = emulator.faults.take(req.method, path);
	if (fault) {
		applyFault(fault, ctx, req, res, entry, emulator);
		return;
	}
	const response = safeDispatch(ctx, emulator, entry);
	if (response.status === 401 && !/\/oauth2\/token\/?$/i.test(path))
		emulator.counters.unauthorized++;
	entry.status = response.status;
	entry.responseBytes = response.body.length;
	sendResponse(res, response);
}

/** The (req, res) handler shared by the HTTP server and the HTTPS mode (./https.js). */
function requestListener(emulator) {
	return (req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => handleRequest(emulator, req, res, Buffer.concat(chunks)));
		req.on('error', () => res.destroy());
	};
}

function createHttpServer(emulator) {
	return http.createServer(requestListener(emulator));
}

module.exports = { createHttpServer, requestListener, queryParams };
