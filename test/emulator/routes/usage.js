'use strict';

// /v3/usage (newer servers): download usage records as a file, and delete records up to a ULID
// uploaded as a file. The swagger has no role note; the emulator treats usage data as admin data
// (Curator-only). Records are written as JSON lines; the real file format is not documented.

const { bytes, empty, notFound, invalid, badRequest, contentDisposition } = require('../responses');
const { parseMultipart } = require('../multipart');
const { bindForm } = require('../contracts');
const { isUlid } = require('../ids');

function downloadUsage(ctx) {
	const events = ctx.state.usageEvents;
	if (!events.length) return notFound();
	const body = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
	return bytes(200, Buffer.from(body, 'utf8'), 'application/octet-stream', {
		'Content-Disposition': contentDisposition('usage-records.jsonl'),
	});
}

function cleanupUsage(ctx) {
	const form = parseMultipart(ctx.rawBody, ctx.headers['content-type']);
	if (!form) return badRequest('Missing or empty AAC response file.');
	const { values, modelState } = bindForm('Usage_UploadUsageEventsCleanupFile', form);
	if (modelState) return invalid(modelState);
	const eventId = values.file.data.toString('utf8').trim();
	if (!isUlid(eventId)) return badRequest('The AAC response file must contain a single ULID.');
	// ULIDs sort lexicographically by time (Crockford base32, upper case).
	const upTo = eventId.toUpperCase();
	ctx.state.usageEvents = ctx.state.usageEvents.filter((e) => e.eventId > upTo);
	return empty(200);
}

const routes = [
	{
		method: 'GET',
		path: '/v3/usage',
		operationId: 'Usage_GetUsage',
		auth: 'curator',
		handler: downloadUsage,
	},
	{
		method: 'POST',
		path: '/v3/usage',
		operationId: 'Usage_UploadUsageEventsCleanupFile',
		auth: 'curator',
		multipart: true,
		handler: cleanupUsage,
	},
];

module.exports = { routes };
