'use strict';
// A node class that sends one request signed with the Alteryx credential, for the harness:
// the way the core HTTP Request node does (`requestWithAuthentication`, legacy options with
// `uri`) or the way a node should (`httpRequestWithAuthentication`, `url`). It shows what the
// credential itself allows, without the pack's own transport in front of it.

/**
 * @param {'requestWithAuthentication'|'httpRequestWithAuthentication'} helper
 * @param {object} options the request options handed to the helper
 */
function signingNode(helper, options) {
	return class SigningNode {
		description = {
			displayName: 'Signing node',
			name: 'signingNode',
			version: 1,
			defaults: { name: 'Signing node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'alteryxServerOAuth2Api', required: true }],
			properties: [],
		};

		async execute() {
			const response = await this.helpers[helper].call(this, 'alteryxServerOAuth2Api', {
				...options,
				headers: { ...options.headers },
			});
			return [[{ json: { response } }]];
		}
	};
}

/** The legacy request options the core HTTP Request node (v4) builds for a GET. */
function httpRequestNodeOptions(uri, headers) {
	return {
		method: 'GET',
		uri,
		headers,
		gzip: true,
		rejectUnauthorized: true,
		followRedirect: true,
		resolveWithFullResponse: true,
		encoding: null,
		json: false,
	};
}

module.exports = { httpRequestNodeOptions, signingNode };
