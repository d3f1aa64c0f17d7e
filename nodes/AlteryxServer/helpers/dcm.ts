import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationRoute } from '../actions/node.type';
import { requestRouteJson } from './api';
import { locatorValue, toIsoDateTime, toStringList } from './parameters';

/**
 * DCM (Data Connection Manager) routes shared by operations, the "From List" pickers and the
 * dropdowns. DCM records are identified by GUIDs, not by the 24-hex ids of other assets.
 */
export const dcmRoutes = {
	get: {
		method: 'GET',
		path: '/v3/dcm/connections/{Id}',
		operationId: 'DCME_GetDcmConnection',
	},
	adminGet: {
		method: 'GET',
		path: '/v3/dcm/admin/connections/{id}',
		operationId: 'DCMEAdmin_GetConnectionAdmin',
	},
	adminList: {
		method: 'GET',
		path: '/v3/dcm/admin/connections',
		operationId: 'DCMEAdmin_GetAllConnectionsAdmin',
	},
	ruleList: {
		method: 'GET',
		path: '/v3/dcm/admin/connectionhandlingrules',
		operationId: 'DCMEAdmin_GetAllDCMEConnectionHandlingRules',
	},
} satisfies Record<string, OperationRoute>;

/**
 * The list endpoints of DCM are described as lists but typed as one object in the swagger;
 * either way the caller gets an array.
 */
export function asList(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	if (value && typeof value === 'object') return [value as IDataObject];
	return [];
}

interface KeyValuePair {
	name?: string;
	value?: unknown;
}

/**
 * A DCM map (connection, data source or credential parameters) from key-value pairs and/or a
 * JSON object; JSON keys win over pairs with the same name.
 */
export function dcmMap(
	this: IExecuteFunctions,
	pairs: KeyValuePair[] | undefined,
	json: unknown,
	fieldName: string,
	itemIndex: number,
): IDataObject {
	const map: IDataObject = {};
	for (const pair of pairs ?? []) {
		const key = String(pair.name ?? '').trim();
		if (key) map[key] = (pair.value ?? '') as IDataObject[keyof IDataObject];
	}
	return { ...map, ...jsonObject.call(this, json, fieldName, itemIndex) };
}

/** A JSON object given as text or as an object (from an expression); {} when empty. */
export function jsonObject(
	this: IExecuteFunctions,
	value: unknown,
	fieldName: string,
	itemIndex: number,
): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${fieldName} is not valid JSON`, {
				description: `${(error as Error).message}. Give a JSON object such as {"key": "value"}.`,
				itemIndex,
			});
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), `${fieldName} must be a JSON object`, {
			description: 'Give a JSON object such as {"key": "value"}, not a list or a single value.',
			itemIndex,
		});
	}
	return parsed as IDataObject;
}

interface CredentialEntry {
	key?: string;
	id?: string;
	name?: string;
	schemaName?: string;
	userName?: string;
	valueName?: string;
	secretValue?: string;
	secretExpiresOn?: string;
}

const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The entries of an object whose values are not empty (undefined, null, blank text). */
function given(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => !isEmpty(value)));
}

/**
 * A DCMESecretContract from what a user or an earlier node gives: a plain string is the
 * secret's value; `value` may be a string or `{ text }`; `parameters` defaults to {}. Without a
 * value Alteryx keeps the stored secret (as in the swagger's update example).
 */
function secretContract(secret: unknown): IDataObject {
	if (typeof secret === 'string') return { value: { text: secret }, parameters: {} };
	const source = (secret && typeof secret === 'object' ? secret : {}) as IDataObject;
	const contract = given({ ...source, parameters: source.parameters ?? {} });
	if (typeof source.value === 'string') contract.value = { text: source.value };
	return contract;
}

/** A DCMECredentialContract (partial) from a credential, wrapped in `{ object }` or not. */
function credentialFromJson(entry: unknown): IDataObject {
	const source = (entry && typeof entry === 'object' ? entry : {}) as IDataObject;
	const object = (
		source.object && typeof source.object === 'object' ? source.object : source
	) as IDataObject;
	const secrets: IDataObject = {};
	for (const [name, secret] of Object.entries((object.secrets as IDataObject) ?? {})) {
		secrets[name] = secretContract(secret);
	}
	return { ...given(object), secrets };
}

/** A DCMECredentialContract (partial) from one entry of the Credentials fields. */
function credentialFromFields(
	this: IExecuteFunctions,
	entry: CredentialEntry,
	itemIndex: number,
): IDataObject {
	const secrets: IDataObject = {};
	const secretName = String(entry.valueName ?? '').trim();
	if (secretName) {
		const secret: IDataObject = { parameters: {} };
		// An empty value sends no value: the stored secret stays as it is.
		if (entry.secretValue) secret.value = { text: entry.secretValue };
		const expiresOn = toIsoDateTime.call(
			this,
			entry.secretExpiresOn,
			'Secret Expires On',
			itemIndex,
		);
		if (expiresOn) secret.expiresOn = expiresOn;
		secrets[secretName] = secret;
	}
	return {
		...given({
			id: entry.id?.trim(),
			name: entry.name,
			schemaName: entry.schemaName,
			userName: entry.userName,
		}),
		secrets,
	};
}

/** The credentials a user gave (fields, then JSON, which wins for the same key). */
function givenCredentials(
	this: IExecuteFunctions,
	entries: CredentialEntry[],
	json: unknown,
	itemIndex: number,
): Record<string, IDataObject> {
	const credentials: Record<string, IDataObject> = {};
	for (const entry of entries) {
		const key = String(entry.key ?? '').trim();
		if (!key) {
			throw new NodeOperationError(this.getNode(), 'A credential has no key', {
				description:
					'Give each credential the key the connection schema expects for it, e.g. "userpass" for a user name and password, or "oauthTokens".',
				itemIndex,
			});
		}
		credentials[key] = credentialFromFields.call(this, entry, itemIndex);
	}
	const fromJson = jsonObject.call(this, json, 'Credentials (JSON)', itemIndex);
	for (const [key, entry] of Object.entries(fromJson)) {
		credentials[key] = credentialFromJson(entry);
	}
	return credentials;
}

/**
 * One credential of the contract: the current one (from DCMEGetConnectionView, secrets without
 * their values) with what the user gave on top.
 */
function mergeCredential(current: IDataObject | undefined, change: IDataObject): IDataObject {
	const base = current ? credentialFromJson(current) : {};
	const parameters = change.parameters as IDataObject | undefined;
	return {
		...base,
		...change,
		parameters: parameters && Object.keys(parameters).length ? parameters : (base.parameters ?? {}),
		secrets: {
			...((base.secrets as IDataObject) ?? {}),
			...((change.secrets as IDataObject) ?? {}),
		},
	};
}

/**
 * DCMEUpsertConnectionContract (for DCM Administration with `ownerId`) from the fields of the
 * Create or Update operations (actions/dcm.descriptions.ts → connectionContractFields).
 *
 * Without a connection to update it is a create and Alteryx needs every required field. With
 * one, the node reads the connection first (`getRoute`) and fields left empty keep their
 * current values: credentials not given are sent back by ID (their secrets without values, as
 * in the swagger's update example, so Alteryx keeps them), so changing a name or a password
 * does not drop the rest of the connection.
 */
export async function connectionUpsertContract(
	this: IExecuteFunctions,
	itemIndex: number,
	getRoute: OperationRoute,
	ownerField?: string,
): Promise<IDataObject> {
	const id = locatorValue.call(this, 'connectionId', itemIndex, { optional: true });
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const dataSourcePairs =
		((additional.dataSourceParameters as IDataObject | undefined)?.parameter as
			| KeyValuePair[]
			| undefined) ?? [];

	const parameters = dcmMap.call(
		this,
		this.getNodeParameter('parameters.parameter', itemIndex, []) as KeyValuePair[],
		additional.parametersJson,
		'Parameters (JSON)',
		itemIndex,
	);
	const dataSourceParameters = dcmMap.call(
		this,
		dataSourcePairs,
		additional.dataSourceParametersJson,
		'Data Source Parameters (JSON)',
		itemIndex,
	);
	const dataSource = given({
		id: additional.dataSourceId,
		name: text('dataSourceName'),
		schemaName: text('dataSourceSchemaName'),
		drvName: additional.dataSourceDriverName,
		host: additional.dataSourceHost,
	});
	const credentials = givenCredentials.call(
		this,
		this.getNodeParameter('credentials.credential', itemIndex, []) as CredentialEntry[],
		additional.credentialsJson,
		itemIndex,
	);
	const change = given({
		ownerId: ownerField ? locatorValue.call(this, ownerField, itemIndex, { optional: true }) : '',
		name: text('name'),
		schemaName: text('schemaName'),
		allowInSdks: additional.allowInSdks as boolean | undefined,
	});

	let current: IDataObject = {};
	if (id) {
		const view = await requestRouteJson.call(this, getRoute, { path: { Id: id, id } }, itemIndex);
		current = (view && typeof view === 'object' ? view : {}) as IDataObject;
	}
	const currentSource = (current.dataSource ?? {}) as IDataObject;
	const currentCredentials = (current.credentials ?? {}) as Record<string, IDataObject>;
	const mergedCredentials: IDataObject = {};
	for (const key of new Set([...Object.keys(currentCredentials), ...Object.keys(credentials)])) {
		mergedCredentials[key] = {
			object: mergeCredential(currentCredentials[key], credentials[key] ?? {}),
		};
	}

	const contract: IDataObject = {
		...given({
			ownerId: ownerField ? (current.owner as IDataObject | undefined)?.id : undefined,
			name: current.name,
			schemaName: current.schemaName,
			allowInSdks: current.allowInSdks,
		}),
		...change,
		parameters: Object.keys(parameters).length ? parameters : (current.parameters ?? {}),
		dataSource: {
			object: {
				...given({
					id: currentSource.id,
					name: currentSource.name,
					schemaName: currentSource.schemaName,
					drvName: currentSource.drvName,
					host: currentSource.host,
				}),
				...dataSource,
				parameters: Object.keys(dataSourceParameters).length
					? dataSourceParameters
					: (currentSource.parameters ?? {}),
			},
		},
		credentials: mergedCredentials,
	};
	if (id) contract.id = id;
	return contract;
}

/** The users and user groups of a sharing contract, optionally added to the current ones. */
export function sharingLists(
	this: IExecuteFunctions,
	itemIndex: number,
): { userIds: string[]; userGroupIds: string[] } {
	return {
		userIds: toStringList.call(
			this,
			this.getNodeParameter('userIds', itemIndex, []),
			'Users',
			itemIndex,
		),
		userGroupIds: toStringList.call(
			this,
			this.getNodeParameter('userGroupIds', itemIndex, []),
			'User Groups',
			itemIndex,
		),
	};
}

/**
 * How a DCM connection is shared now for one purpose (`sharing.execution` or
 * `sharing.collaboration` of its DCMEGetConnectionView), for "Keep Current Shares".
 */
export async function currentSharing(
	this: IExecuteFunctions,
	connectionId: string,
	purpose: 'execution' | 'collaboration',
	itemIndex: number,
): Promise<IDataObject> {
	const current = (await requestRouteJson.call(
		this,
		dcmRoutes.get,
		{ path: { Id: connectionId } },
		itemIndex,
	)) as IDataObject | undefined;
	return ((current?.sharing as IDataObject | undefined)?.[purpose] ?? {}) as IDataObject;
}

/** Adds the values of `extra` missing from `list`, keeping the order (first list first). */
export function union(list: string[], extra: string[]): string[] {
	return [...new Set([...list, ...extra])];
}

/** The ids of a DCMEUserView[] / DCMEUserGroupView[] of a DCMEGetConnectionView. */
export function idsOf(records: unknown): string[] {
	return (Array.isArray(records) ? (records as IDataObject[]) : [])
		.map((record) => String(record?.id ?? ''))
		.filter(Boolean);
}

/**
 * Refuses an upsert contract with an empty required text before it reaches Alteryx (an
 * expression that resolved to nothing, a credential without a name).
 */
export function checkConnectionContract(
	this: IExecuteFunctions,
	contract: IDataObject,
	itemIndex: number,
	{ requireOwner = false } = {},
): void {
	const dataSource = ((contract.dataSource as IDataObject).object ?? {}) as IDataObject;
	const required: Array<[string, unknown]> = [
		...(requireOwner ? ([['Owner', contract.ownerId]] as Array<[string, unknown]>) : []),
		['Name', contract.name],
		['Schema Name', contract.schemaName],
		['Data Source Name', dataSource.name],
		['Data Source Schema Name', dataSource.schemaName],
	];
	for (const [key, wrapper] of Object.entries((contract.credentials as IDataObject) ?? {})) {
		const credential = ((wrapper as IDataObject).object ?? {}) as IDataObject;
		if (credential.id) continue; // links to an existing credential
		required.push([`Name of credential "${key}"`, credential.name]);
		required.push([`Schema Name of credential "${key}"`, credential.schemaName]);
	}
	const missing = required
		.filter(([, value]) => value === undefined || value === null || String(value).trim() === '')
		.map(([field]) => field);
	if (missing.length) {
		throw new NodeOperationError(
			this.getNode(),
			`The DCM connection needs: ${missing.join(', ')}`,
			{
				description:
					'Alteryx requires a name and schema name for the connection, its data source and each new credential (and an owner in DCM Administration). When updating, fields left empty keep their current values.',
				itemIndex,
			},
		);
	}
}
