'use strict';
// Runs the trigger's poll() the way n8n runs an active workflow's poll: through n8n-core's real
// PollContext, on a Workflow whose static data lives across polls. What n8n keeps in its
// database is modelled too: n8n saves the workflow's static data when the trigger is activated
// (after its first poll) and whenever a poll emits items, not after a poll that emits nothing.
// restart() builds a new Workflow from that saved copy, as a restarted n8n would.
const { PollContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const {
	AlteryxServerTrigger,
} = require('../../../nodes/AlteryxServerTrigger/AlteryxServerTrigger.node.ts');

/**
 * @param {object} harness from createHarness (its credentialsHelper holds the credential)
 * @param {object} parameters the trigger's parameters
 * @param {{ NodeClass?: Function, stateKey?: string }} [options] the trigger node class (default
 *   the Alteryx Server Trigger) and the key of its state in the node's static data
 */
function createPollRunner(harness, parameters, options = {}) {
	const NodeClass = options.NodeClass ?? AlteryxServerTrigger;
	const stateKey = options.stateKey ?? 'alteryxServerTrigger';
	const nodeType = new NodeClass();
	const nodeName = nodeType.description.defaults.name;
	const node = {
		id: 'trigger-under-test',
		name: nodeName,
		type: `n8n-nodes-alteryx.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: harness.parametersFor(parameters),
		credentials: harness.nodeCredentials,
	};
	const additionalData = {
		credentialsHelper: harness.credentialsHelper,
		executionId: undefined,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		variables: {},
		userId: 'harness-user',
	};
	/** What n8n's database holds (JSON), as opposed to the in-memory Workflow's static data. */
	let saved = {};
	let workflow;
	let activated = false;
	let polls = 0;

	function load() {
		workflow = new Workflow({
			id: 'trigger-workflow',
			name: 'trigger workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: {
				getByName: () => nodeType,
				getByNameAndVersion: () => nodeType,
				getKnownTypes: () => ({}),
			},
			staticData: JSON.parse(JSON.stringify(saved)),
			settings: {},
		});
	}
	load();

	const save = () => {
		saved = JSON.parse(JSON.stringify(workflow.staticData));
	};

	/**
	 * One poll of the active workflow. Returns the emitted items (an empty list for null).
	 * @param {'trigger'|'manual'} [mode]
	 */
	async function poll(mode = 'trigger') {
		const context = new PollContext(
			workflow,
			workflow.getNode(node.name),
			additionalData,
			mode,
			activated ? 'trigger' : 'activate',
		);
		const result = await nodeType.poll.call(context);
		polls++;
		if (mode !== 'manual' && (result !== null || !activated)) save();
		if (mode !== 'manual') activated = true;
		return result === null ? [] : result[0];
	}

	return {
		poll,
		/** Fetch Test Event (manual mode). */
		fetchTestEvent: async () => await poll('manual'),
		/** A new n8n process: the in-memory static data is lost, the saved copy is read. */
		restart() {
			load();
			activated = false;
		},
		/** The trigger's state as the database holds it. */
		savedState: () => saved[`node:${nodeName}`]?.[stateKey],
		/** The trigger's state in memory. */
		liveState: () =>
			JSON.parse(JSON.stringify(workflow.staticData[`node:${nodeName}`] ?? {}))[stateKey],
		get polls() {
			return polls;
		},
	};
}

module.exports = { createPollRunner };
