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
		const nodeWithDefaults = workflow.getNode(node.name);
		const additionalData = {
			credentialsHelper: harness.credentialsHelper,
			// The editor sends the node's parameters with their defaults filled in (its Workflow
			// fills them as this one does), so a saved node without Authentication sends the default.
			currentNodeParameters: nodeWithDefaults.parameters,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			variables: {},
			userId: 'harness-user',
		};
		return new LoadOptionsContext(workflow, nodeWithDefaults, additionalData, 'parameters');
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
