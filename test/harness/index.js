'use strict';
// Runs one of the pack's nodes the way n8n runs it: n8n-core's real ExecuteContext (real
// parameter resolution with expressions, real HTTP helpers with n8n's credential handling,
// real binary-data helpers), so a test exercises the same code paths as a workflow execution.
// n8n-core's own copy of the DI container: other dev tools pull in an older @n8n/di.
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
const path = require('path');
const { BinaryDataConfig, BinaryDataService, ExecuteContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const { AlteryxServerOAuth2Api } = require('../../credentials/AlteryxServerOAuth2Api.credentials');
const { AlteryxCloudOAuth2Api } = require('../../credentials/AlteryxCloudOAuth2Api.credentials');
const {
	AlteryxCloudServicePrincipalOAuth2Api,
} = require('../../credentials/AlteryxCloudServicePrincipalOAuth2Api.credentials');
const { TestCredentialsHelper } = require('./credentials-helper');

const CREDENTIAL_ID = 'alteryx-credential';
/** The credential type of saved workflows that have no Authentication parameter. */
const CREDENTIAL_TYPE = 'alteryxServerOAuth2Api';
/** The credential classes a harness can register, by type name. */
const CREDENTIAL_CLASSES = {
	[CREDENTIAL_TYPE]: AlteryxServerOAuth2Api,
	alteryxCloudOAuth2Api: AlteryxCloudOAuth2Api,
	alteryxCloudServicePrincipalOAuth2Api: AlteryxCloudServicePrincipalOAuth2Api,
};

let binaryDataReady;
function ensureBinaryData() {
	binaryDataReady ??= Container.get(BinaryDataService).init();
	return binaryDataReady;
}

const noopLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * @param {object} credentials the credential's data, e.g. { webApiUrl, clientId, clientSecret,
 *   authentication?, ignoreSSLIssues? } for alteryxServerOAuth2Api
 * @param {{ credentialType?: string, credentialClass?: Function }} [options] the credential type
 *   the nodes use (default alteryxServerOAuth2Api); a type other than the default is also set as
 *   the nodes' Authentication parameter unless a run sets one. `credentialClass` registers a type
 *   the pack does not ship (default: the pack's class of that name).
 */
function createHarness(credentials, options = {}) {
	const credentialType = options.credentialType ?? CREDENTIAL_TYPE;
	const CredentialClass = options.credentialClass ?? CREDENTIAL_CLASSES[credentialType];
	if (!CredentialClass) throw new Error(`The harness knows no credential type "${credentialType}"`);
	const credentialsHelper = new TestCredentialsHelper({
		[credentialType]: new CredentialClass(),
	});
	credentialsHelper.setCredentials(CREDENTIAL_ID, credentialType, credentials);
	const warnings = [];
	const nodeCredentials = { [credentialType]: { id: CREDENTIAL_ID, name: 'Alteryx test server' } };
	const parametersFor = (parameters) =>
		credentialType === CREDENTIAL_TYPE || 'authentication' in parameters
			? parameters
			: { authentication: credentialType, ...parameters };

	/**
	 * @param {Function} NodeClass the node class (e.g. AlteryxGet)
	 * @param {{ parameters?: object, items?: object[], continueOnFail?: boolean, nodeName?: string }} run
	 * @returns {Promise<object[][]>} what execute() returned
	 */
	async function execute(NodeClass, run = {}) {
		await ensureBinaryData();
		const nodeType = new NodeClass();
		const typeName = `n8n-nodes-alteryx.${nodeType.description.name}`;
		const node = {
			id: 'node-under-test',
			name: run.nodeName ?? nodeType.description.defaults.name,
			type: typeName,
			typeVersion: nodeType.description.version,
			position: [0, 0],
			parameters: parametersFor(run.parameters ?? {}),
			credentials: nodeCredentials,
			...(run.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		};
		const nodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({
			id: 'harness',
			name: 'harness',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
			settings: {},
		});
		const workflowNode = workflow.getNode(node.name);
		const items = (run.items ?? [{ json: {} }]).map((item) =>
			'json' in item ? item : { json: item },
		);
		const additionalData = {
			credentialsHelper,
			executionId: 'harness-execution',
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
			currentNodeParameters: undefined,
			logAiEvent: () => {},
			userId: 'harness-user',
		};
		const runExecutionData = {
			version: 1,
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				nodeExecutionStack: [],
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		};
		const inputData = { main: [items] };
		const executeData = {
			node: workflowNode,
			data: inputData,
			source: { main: [{ previousNode: 'Start' }] },
		};
		const context = new ExecuteContext(
			workflow,
			workflowNode,
			additionalData,
			'manual',
			runExecutionData,
			0,
			items,
			inputData,
			executeData,
			[],
			run.abortSignal,
		);
		Object.defineProperty(context, 'logger', {
			value: { ...noopLogger, warn: (message) => warnings.push(message) },
		});
		return await nodeType.execute.call(context);
	}

	return {
		execute,
		credentialType,
		/** The credential as n8n would have it stored now (what the pack's refreshes wrote). */
		storedCredential: () => ({ ...credentialsHelper.store.get(CREDENTIAL_ID).data }),
		/** Replaces the stored credential (a user who edits it). */
		setCredentials: (data) => credentialsHelper.setCredentials(CREDENTIAL_ID, credentialType, data),
		/** How a node of this harness names its credential (n8n's INodeCredentials). */
		nodeCredentials,
		parametersFor,
		/** The bytes of a binary property, wherever n8n stored them (memory or filesystem). */
		binaryBuffer: async (binaryData) =>
			await Container.get(BinaryDataService).getAsBuffer(binaryData),
		/** A stream of a binary property kept in n8n's binary data store (it has an id). */
		binaryStream: async (binaryData) =>
			await Container.get(BinaryDataService).getAsStream(binaryData.id),
		/**
		 * An input item's binary property kept in n8n's binary data store (filesystem mode, as a
		 * workflow execution keeps it), not in the item: what a node streams from.
		 */
		storeBinary: async (bytes, { fileName, mimeType = 'application/octet-stream' } = {}) => {
			await ensureBinaryData();
			return await Container.get(BinaryDataService).store(
				{ type: 'execution', workflowId: 'harness', executionId: 'harness-execution' },
				bytes,
				{ data: '', mimeType, fileName },
			);
		},
		/** Where the store keeps this harness' files (also those still being written, *.tmp.*). */
		binaryDataFolder: () =>
			path.join(
				Container.get(BinaryDataConfig).localStoragePath,
				'workflows/harness/executions/harness-execution/binary_data',
			),
		/** Removes binary properties kept in the store (tests with big files clean up after them). */
		deleteBinaries: async (binaries) => {
			const ids = binaries.map((binary) => binary?.id).filter(Boolean);
			if (ids.length > 0) await Container.get(BinaryDataService).deleteManyByBinaryDataId(ids);
		},
		credentialsHelper,
		warnings,
		/** The credential as n8n would have stored it (with the persisted token). */
		storedCredentials: () => credentialsHelper.getStored(CREDENTIAL_ID),
		setCredentials: (data) => credentialsHelper.setCredentials(CREDENTIAL_ID, credentialType, data),
	};
}

module.exports = { createHarness, CREDENTIAL_TYPE };
