'use strict';

// Answer shapes of the three hosts. Handlers return plain { status, headers, body } objects (as
// the Server emulator's do) so the pipeline can add the request id, log and count them.

const { json, empty, JSON_TYPE } = require('../responses');

/** The v4 / Trifacta error body: {"exception":{name,message,details}}. */
function exception(status, name, message, details = '', headers = {}) {
	return json(status, { exception: { name, message, details } }, headers);
}

const badRequest = (message, details = '') =>
	exception(400, 'ValidationFailed', message || 'Input validation failed', details);
const forbidden = (details = '') => exception(403, 'ForbiddenException', 'Forbidden', details);
const notFound = (message, details = '') => exception(404, 'NotFoundException', message, details);
const gone = (message, details = '') => exception(410, 'GoneException', message, details);

/** Apigee's fault body, what the gateway itself (not the service behind it) answers. */
function apigeeFault(status, faultstring, errorcode, headers = {}) {
	return json(status, { fault: { faultstring, detail: { errorcode } } }, headers);
}

/** An OAuth error of the token host. */
function oauthError(status, error, description) {
	const body = { error };
	if (description) body.error_description = description;
	return json(status, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

module.exports = {
	json,
	empty,
	JSON_TYPE,
	exception,
	badRequest,
	forbidden,
	notFound,
	gone,
	apigeeFault,
	oauthError,
};
