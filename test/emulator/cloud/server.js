'use strict';

// One HTTP server per Cloud host (v4, gateway, token): read the body, log, apply an injected
// fault, dispatch to the host's handler, add the request id, count, send.

const http = require('node:http');
const crypto = require('node:crypto');
const { queryParams } = require('../server');
const { JSON_TYPE } = require('./responses');

function redactHeaders(headers) {
	const copy = { ...headers };
	if (copy.authorization) copy.authorization = String(copy.authorization).split(/\s+/)[0];
	return copy;
}

function faultBody(fault, ctx) {
	const body = typeof fault.body === 'function' ? fault.body(ctx) : fault.body;
	if (body === undefined) return { body: Buffer.alloc(0), contentType: null };
	if (Buffer.isBuffer(body)) return { body, contentType: 'application/octet-stream' };
	if (typeof body === 'string')
		return { body: Buffer.from(body, 'utf8'), contentType: 'text/plain; charset=utf-8' };
	return { body: Buffer.from(JSON.stringify(body), 'utf8'), contentType: JSON_TYPE };
}

function send(res, response) {
	res.writeHead(response.status, { ...response.headers, 'Content-Length': response.body.length });
	res.end(response.body);
}

/**
 * @param {object} emulator  the CloudEmulator
 * @param {'v4'|'gateway'|'token'} hostName
 * @param {(ctx, emulator) => {status, headers, body}} dispatch
 */
function createCloudServer(emulator, hostName, dispatch) {
	const withRequestId = (response, ctx) => {
		// Every v4 and gateway answer has one; Ping's token host is not a Trifacta service.
		if (hostName !== 'token') response.headers['x-trifacta-request-id'] = ctx.requestId;
		return response;
	};
	const safeDispatch = (ctx, entry) => {
		try {
			return withRequestId(dispatch(ctx, emulator), ctx);
		} catch (error) {
			entry.error = error.stack || String(error);
			return withRequestId(
				{
					status: 500,
					headers: { 'Content-Type': JSON_TYPE },
					body: Buffer.from(
						JSON.stringify({
							exception: {
								name: 'InternalServerError',
								message: 'Internal Server Error',
								details: '',
							},
						}),
					),
				},
				ctx,
			);
		}
	};
	const finish = (entry, response) => {
		entry.status = response.status;
		emulator.countResponse(hostName, entry, response);
	};

	const handle = (req, res, rawBody) => {
		const url = new URL(req.url, 'http://emulator.local');
		const path = url.pathname.replace(/\/{2,}/g, '/');
		const ctx = {
			host: hostName,
			method: req.method.toUpperCase(),
			path,
			url: req.url,
			query: queryParams(url.searchParams),
			searchParams: url.searchParams,
			headers: req.headers,
			rawBody,
			now: emulator.now(),
			requestId: crypto.randomUUID(),
			params: {},
		};
		const entry = {
			host: hostName,
			method: ctx.method,
			path,
			query: Object.fromEntries(url.searchParams),
			headers: redactHeaders(req.headers),
			status: null,
			time: new Date(ctx.now).toISOString(),
			requestId: ctx.requestId,
		};
		emulator.requests.push(entry);

		const fault = emulator.faults.take(hostName, ctx.method, path);
		if (fault) {
			emulator.counters.faultsInjected++;
			entry.fault = fault.kind;
			if (fault.kind === 'reset') {
				req.socket.destroy();
				return;
			}
			if (fault.kind === 'hang') {
				emulator.hangingResponses.add(res);
				res.on('close', () => emulator.hangingResponses.delete(res));
				return;
			}
			if (fault.kind === 'slow') {
				const response = safeDispatch(ctx, entry);
				finish(entry, response);
				emulator.hangingResponses.add(res);
				const timer = setTimeout(() => {
					emulator.hangingResponses.delete(res);
					if (!res.destroyed) send(res, response);
				}, fault.delayMs ?? 1000);
				res.on('close', () => {
					clearTimeout(timer);
					emulator.hangingResponses.delete(res);
				});
				return;
			}
			const { body, contentType } = faultBody(fault, ctx);
			const headers = {
				...(typeof fault.headers === 'function' ? fault.headers(ctx) : fault.headers),
			};
			if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
				headers['Content-Type'] = contentType;
			}
			const response = withRequestId({ status: fault.status, headers, body }, ctx);
			entry.status = response.status;
			send(res, response);
			return;
		}
		const response = safeDispatch(ctx, entry);
		finish(entry, response);
		send(res, response);
	};

	return http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => handle(req, res, Buffer.concat(chunks)));
		req.on('error', () => res.destroy());
	});
}

/** A JSON body (empty → undefined); throws a SyntaxError on bad JSON. */
function jsonBody(ctx) {
	if (!ctx.rawBody.length) return undefined;
	return JSON.parse(ctx.rawBody.toString('utf8').replace(/^\uFEFF/, ''));
}

/**
 * The form fields of a token request, or null when the body is not form-urlencoded (Ping reads
 * only forms; a client that posts JSON must see that here, not in production).
 */
function formBody(ctx) {
	const type = String(ctx.headers['content-type'] || '').toLowerCase();
	if (!type.startsWith('application/x-www-form-urlencoded')) return null;
	return Object.fromEntries(new URLSearchParams(ctx.rawBody.toString('utf8')));
}

module.exports = { createCloudServer, jsonBody, formBody };
