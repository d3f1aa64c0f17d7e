'use strict';
// Calls the node's listSearch and loadOptions methods the way the n8n editor does: through
// n8n-core's LoadOptionsContext, with the credential and the node's current parameters.
const { LoadOptionsContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

/**
 * @param {object} harness from createHarness (its credentialsHelper holds the credential)
 * @param {Function} NodeClass
 */
function createMethodsRunner(harness, NodeClass) {
	const nodeType = new NodeClass();

	function contextFor(parameters) {
		const node = {
			id: 'node-under-test',
			name: nodeType.description.defaults.name,
			type: `n8n-nodes-alteryx.${nodeType.description.name}`,
			typeVersion: nodeType.description.version,
			position: [0, 0],
			parameters: harness.parametersFor(parameters),
			credentials: harness.nodeCredentials,
		};
		const workflow = new Workflow({
			id: 'methods',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => nodeType,
				getByNameAndVersion: () => nodeType,
				getKnownTypes: () => ({}),
			},
		});
		const additionalData = {
			credentialsHelper: harness.credentialsHelper,
			// As a load-options request sends them: without defaults (no Authentication, say).
			currentNodeParameters: harness.parametersFor(parameters),
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			variables: {},
			userId: 'harness-user',
		};
		return new LoadOptionsContext(
			workflow,
			workflow.getNode(node.name),
			additionalData,
			'parameters',
		);
	}

	return {
		/** Runs methods.listSearch[name](filter) with the given current parameters. */
		async listSearch(name, filter, parameters = {}) {
			return await nodeType.methods.listSearch[name].call(contextFor(parameters), filter);
		},
		/** Runs methods.loadOptions[name]() with the given current parameters. */
		async loadOptions(name, parameters = {}) {
			return await nodeType.methods.loadOptions[name].call(contextFor(parameters));
		},
	};
}

module.exports = { createMethodsRunner };
