'use strict';

// Handlers return plain response objects instead of writing to the socket, so the server can log
// them, count them and let injected faults (e.g. a truncated body) rewrite them before sending.

const DENIED_MESSAGE = 'Authorization has been denied for this request.';
const JSON_TYPE = 'application/json; charset=utf-8';

function json(status, value, headers = {}) {
	return {
		status,
		headers: { 'Content-Type': JSON_TYPE, ...headers },
		body: Buffer.from(JSON.stringify(value), 'utf8'),
	};
}

function empty(status = 200, headers = {}) {
	return { status, headers: { ...headers }, body: Buffer.alloc(0) };
}

function bytes(status, body, contentType, headers = {}) {
	return { status, headers: { 'Content-Type': contentType, ...headers }, body: Buffer.from(body) };
}

// ASP.NET Web API's AuthorizeAttribute answer; the OWIN bearer middleware adds the challenge.
function unauthorized() {
	return json(401, { message: DENIED_MESSAGE }, { 'WWW-Authenticate': 'Bearer' });
}

// Most V3 operations document 404 without a schema; Web API's NotFound() sends an empty body.
function notFound() {
	return empty(404);
}

// InvalidRequestResponseBody: the shape of a BadRequest(ModelState) in ASP.NET Web API.
function invalid(modelState) {
	return json(400, { message: 'The request is invalid.', modelState });
}

function invalidField(key, message) {
	return invalid({ [key]: [message] });
}

// For the 400s the swagger documents without a schema, Web API's BadRequest(string) shape.
function badRequest(message) {
	return json(400, { message });
}

function forbidden() {
	return empty(403);
}

function contentDisposition(fileName) {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const encoded = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
	return ascii === fileName
		? `attachment; filename="${fileName}"`
		: `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

module.exports = {
	DENIED_MESSAGE,
	JSON_TYPE,
	json,
	empty,
	bytes,
	unauthorized,
	notFound,
	invalid,
	invalidField,
	badRequest,
	forbidden,
	contentDisposition,
};
