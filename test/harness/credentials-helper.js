'use strict';
// A CredentialsHelper that behaves like n8n's own (packages/cli/src/credentials-helper.ts) for
// what this pack uses. OAuth2 types (the Server credential): n8n-core's real requestOAuth2 runs
// against it — stored data read raw or resolved (pinned fields dropped, defaults filled, $self
// expressions resolved), only oauthTokenData written back. Other types: `preAuthentication`
// called when the expirable field is empty or after a 401, its result persisted, and
// `authenticate` applied to every request.
const { ICredentialsHelper, NodeHelpers, Workflow } = require('n8n-workflow');

const PLACEHOLDER_NODE = {
	id: 'credential-resolution',
	name: 'Credential resolution',
	type: 'placeholder',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const PLACEHOLDER_NODE_TYPES = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
};

// n8n's OAUTH_PINNED_FIELDS (packages/cli/src/credentials/dcr-managed-fields.ts).
const OAUTH_PINNED_FIELDS = [
	'useDynamicClientRegistration',
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'requestTokenUrl',
	'signatureMethod',
];

class TestCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {Record<string, object>} credentialTypes type name → credential class instance
	 */
	constructor(credentialTypes) {
		super();
		this.credentialTypes = credentialTypes;
		/** id → { type, data }: what n8n keeps encrypted in its database. */
		this.store = new Map();
	}

	setCredentials(id, type, data) {
		this.store.set(id, { type, data: { ...data } });
	}

	getStored(id) {
		return this.store.get(id)?.data;
	}

	getType(name) {
		const type = this.credentialTypes[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name) {
		return this.getType(name).extends ?? [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(credentials, typeName, requestOptions) {
		const type = this.getType(typeName);
		if (typeof type.authenticate === 'function') {
			return await type.authenticate(credentials, requestOptions);
		}
		if (type.authenticate && type.authenticate.type === 'generic') {
			// Like n8n: each header, query and body value is an expression over $credentials.
			const workflow = new Workflow({
				nodes: [PLACEHOLDER_NODE],
				connections: {},
				active: false,
				nodeTypes: PLACEHOLDER_NODE_TYPES,
			});
			const resolve = (value) =>
				typeof value === 'string' && value.startsWith('=')
					? String(
							workflow.expression.getSimpleParameterValue(
								PLACEHOLDER_NODE,
								value,
								'internal',
								{ $credentials: credentials },
								undefined,
								'',
							),
						)
					: value;
			const { headers, qs } = type.authenticate.properties;
			const options = { ...requestOptions };
			for (const [target, values] of [
				['headers', headers],
				['qs', qs],
			]) {
				if (!values) continue;
				options[target] = { ...(options[target] ?? {}) };
				for (const [name, value] of Object.entries(values)) options[target][name] = resolve(value);
			}
			return options;
		}
		return requestOptions;
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (nodeCredentials) {
			const stored = this.store.get(nodeCredentials.id);
			stored.data = { ...stored.data, ...output };
		}
		return Object.assign(credentials, output);
	}

	// Like n8n: OAuth2 types run it before every signed request; what it returns is merged into the
	// credentials in memory only.
	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) ?? undefined;
	}

	async getCredentials(nodeCredentials) {
		const stored = this.store.get(nodeCredentials.id);
		return {
			id: nodeCredentials.id,
			name: nodeCredentials.name,
			type: stored.type,
			getData: () => ({ ...stored.data }),
		};
	}

	async getDecrypted(
		additionalData,
		nodeCredentials,
		type,
		mode,
		executeData,
		raw,
		expressionResolveValues,
	) {
		const stored = this.store.get(nodeCredentials.id);
		if (!stored || stored.type !== type) {
			throw new Error(`Credential ${nodeCredentials.id} of type ${type} does not exist`);
		}
		// Like n8n: the stored data as is for a raw read (OAuth2's re-read before a renewal).
		if (raw === true) return { ...stored.data };
		const properties = this.getType(type).properties;
		// Like n8n: stored values of OAuth2's pinned fields never reach the request (a stored token
		// URL cannot send the secret elsewhere); every property gets its default when the stored
		// data lacks it; the token n8n stored is kept; expressions are resolved with $self.
		const storedData = { ...stored.data };
		for (const field of OAUTH_PINNED_FIELDS) {
			if (properties.some((property) => property.name === field && property.type === 'hidden'))
				delete storedData[field];
		}
		const data = NodeHelpers.getNodeParameters(properties, storedData, true, false, null, null);
		if (stored.data.oauthTokenData !== undefined) data.oauthTokenData = stored.data.oauthTokenData;
		if (!expressionResolveValues) {
			// Like n8n for a context without an item (pickers, the Test button): a workflow of one
			// placeholder node resolves the expressions with $self.
			const workflow = new Workflow({
				nodes: [PLACEHOLDER_NODE],
				connections: {},
				active: false,
				nodeTypes: PLACEHOLDER_NODE_TYPES,
			});
			return workflow.expression.getComplexParameterValue(
				PLACEHOLDER_NODE,
				data,
				mode ?? 'internal',
				{},
				undefined,
				undefined,
				data,
			);
		}
		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
			expressionResolveValues;
		return workflow.expression.getParameterValue(
			data,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			{},
			executeData,
			false,
			data,
		);
	}

	async updateCredentials(nodeCredentials, type, data) {
		this.setCredentials(nodeCredentials.id, type, data);
	}

	// Like n8n: only the token is written; the rest of the stored data stays as the user saved it.
	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const stored = this.store.get(nodeCredentials.id);
		this.setCredentials(nodeCredentials.id, type, {
			...stored.data,
			oauthTokenData: data.oauthTokenData,
		});
		this.oauthTokenWrites = (this.oauthTokenWrites ?? 0) + 1;
	}

	getCredentialsProperties(type) {
		return this.getType(type).properties;
	}
}

module.exports = { TestCredentialsHelper };
