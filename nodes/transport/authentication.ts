import { NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialDescription,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import {
	CLOUD_SERVICE_PRINCIPAL_TYPE,
	CLOUD_PAIR_CREDENTIAL_TYPE,
	type CloudAddress,
	type CloudTokenPairCredentials,
	cloudBaseUrls,
	currentPair,
	isGatewayPath,
} from './cloud';
import { errorChain } from './errorChain';
import { GALLERY_CREDENTIAL_TYPE, galleryKeysOf, normalizeGalleryApiUrl } from './gallery';
import { CLOUD_TERMS, GALLERY_TERMS, SERVER_TERMS, type ProductTerms } from './productTerms';
import type { SensitiveValues } from './redact';
import { describeOAuth2Failure, sensitiveValuesOf } from './token';
import {
	type AlteryxServerCredentials,
	normalizeWebApiUrl,
	SERVER_CREDENTIAL_TYPE,
} from './webApi';

/**
 * Which credential a node uses, and what the transport needs of it. Node code never names a
 * credential type: it asks for the connection, so another credential type (Alteryx Analytics
 * Cloud, the OAuth1 Gallery keys) is one more entry in CREDENTIAL_KINDS
 * (docs/decisions/0004-authentication-seam.md).
 */

export type AlteryxContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The node parameter that selects the credential type; saved workflows without it get the default. */
export const AUTHENTICATION_PARAMETER = 'authentication';
export const DEFAULT_CREDENTIAL_TYPE = SERVER_CREDENTIAL_TYPE;

/** What the transport needs of a credential, whatever its type. */
export interface AlteryxConnection {
	credentialType: string;
	/** Requests resolve beneath it and may not leave it; always ends with "/". */
	baseUrl: URL;
	/**
	 * Where an endpoint resolves when the product has more than one address (Alteryx Analytics
	 * Cloud: the v4 host or the API gateway, by the path); the baseUrl otherwise.
	 */
	baseUrlFor(endpoint: string): URL;
	/** How messages name the product and the credential's address. */
	terms: Readonly<ProductTerms>;
	/** Headers every request to that address carries (the Cloud gateway's API project id). */
	headersFor(base: URL): IDataObject;
	/**
	 * Whether a 429 means the request was refused before anything was done, so that a POST may be
	 * sent again after the wait the server asks for: Alteryx Analytics Cloud documents its 429s
	 * as quota refusals. Alteryx Server documents none, and a proxy may answer 429 for it.
	 */
	quotaRefusalIsSafeToRepeat?: boolean;
	/**
	 * Set for the Cloud token pair: the transport renews the pair itself (ahead of expiry and
	 * after a 401), so that a renewal is decided once per credential and process.
	 */
	tokenPair?: CloudTokenPairCredentials;
	ignoreSSLIssues: boolean;
	/**
	 * What an answer must never show: the secret and the stored token. The transport adds the
	 * tokens it saw go out, since n8n may renew the token while the request runs.
	 */
	sensitiveValues: SensitiveValues;
	/** Whether n8n holds a token for it (none before the first use). */
	hasToken: boolean;
	/** The failed token exchange inside a request's error, in Alteryx terms, if that is what failed. */
	tokenFailureOf(error: unknown): TokenFailure | undefined;
}

interface CredentialKind {
	/** The option in the Authentication selector. */
	displayName: string;
	/** Throws InvalidAddressError when the stored address is unusable. */
	connect(credentials: ICredentialDataDecryptedObject): Omit<AlteryxConnection, 'credentialType'>;
}

const NO_HEADERS = () => ({});

export const CREDENTIAL_KINDS: Readonly<Record<string, CredentialKind>> = {
	[SERVER_CREDENTIAL_TYPE]: {
		displayName: 'Alteryx Server (OAuth2 API Key)',
		connect(data) {
			const credentials = data as unknown as AlteryxServerCredentials;
			const baseUrl = normalizeWebApiUrl(credentials.webApiUrl);
			return {
				baseUrl,
				baseUrlFor: () => baseUrl,
				terms: SERVER_TERMS,
				headersFor: NO_HEADERS,
				ignoreSSLIssues: credentials.ignoreSSLIssues === true,
				sensitiveValues: {
					...sensitiveValuesOf(credentials),
					tokens: [storedToken(credentials)],
				},
				hasToken: storedToken(credentials) !== undefined,
				tokenFailureOf: (error) =>
					findTokenFailure(error) ?? describeOAuth2Failure(error, credentials),
			};
		},
	},
	[CLOUD_PAIR_CREDENTIAL_TYPE]: {
		displayName: 'Alteryx Analytics Cloud (Token Pair)',
		connect(data) {
			const credentials = data as unknown as CloudTokenPairCredentials;
			const pair = currentPair(credentials);
			return {
				...cloudConnection(credentials),
				sensitiveValues: {
					tokens: [
						credentials.accessToken,
						credentials.refreshToken,
						credentials.sessionAccessToken,
						credentials.sessionRefreshToken,
					].filter((token): token is string => typeof token === 'string' && token.trim() !== ''),
				},
				// The pasted pair is used as it is until it expires.
				hasToken: pair.accessToken !== '',
				tokenPair: credentials,
				tokenFailureOf: (error) => findTokenFailure(error),
			};
		},
	},
	[CLOUD_SERVICE_PRINCIPAL_TYPE]: {
		displayName: 'Alteryx Analytics Cloud (Service Principal)',
		connect(data) {
			const credentials = data as unknown as CloudAddress & {
				servicePrincipalClientId?: string;
				servicePrincipalClientSecret?: string;
				servicePrincipalTokenUrl?: string;
				oauthTokenData?: { access_token?: unknown };
			};
			return {
				...cloudConnection(credentials),
				sensitiveValues: {
					clientId: credentials.servicePrincipalClientId,
					clientSecret: credentials.servicePrincipalClientSecret,
					tokens: [storedToken(credentials)],
				},
				hasToken: storedToken(credentials) !== undefined,
				tokenFailureOf: (error) =>
					findTokenFailure(error) ??
					describeOAuth2Failure(error, {
						webApiUrl: credentials.servicePrincipalTokenUrl ?? '',
						apiAccessKey: credentials.servicePrincipalClientId ?? '',
						apiAccessSecret: credentials.servicePrincipalClientSecret ?? '',
					}),
			};
		},
	},
	// Legacy servers (2021.4 and older): the credential signs each request itself (OAuth 1.0a in
	// the query, docs/decisions/0009-legacy-gallery-oauth1.md); paths are relative to
	// /gallery/api/, where the V1 and admin endpoints have the same paths as under /webapi/.
	[GALLERY_CREDENTIAL_TYPE]: {
		displayName: 'Alteryx Gallery API (Legacy OAuth1)',
		connect(data) {
			const keys = galleryKeysOf(data);
			const baseUrl = normalizeGalleryApiUrl(data.galleryApiUrl);
			return {
				baseUrl,
				baseUrlFor: () => baseUrl,
				terms: GALLERY_TERMS,
				headersFor: NO_HEADERS,
				ignoreSSLIssues: data.ignoreSSLIssues === true,
				sensitiveValues: { clientId: keys.consumerKey, clientSecret: keys.consumerSecret },
				// No token to obtain first: every request is signed on its own.
				hasToken: true,
				tokenFailureOf: () => undefined,
			};
		},
	},
};

/**
 * The credential types of the raw request nodes (GET, POST, PUT, DELETE), which reach any path:
 * Alteryx Analytics Cloud's and the legacy Gallery's. The Alteryx Server node and its trigger speak V3, which legacy
 * servers do not have.
 */
export const REQUEST_NODE_CREDENTIAL_TYPES = [
	SERVER_CREDENTIAL_TYPE,
	CLOUD_PAIR_CREDENTIAL_TYPE,
	CLOUD_SERVICE_PRINCIPAL_TYPE,
	GALLERY_CREDENTIAL_TYPE,
];

/** The credential types of the nodes built on the V3 API (the Alteryx Server node, the trigger). */
export const V3_NODE_CREDENTIAL_TYPES = [SERVER_CREDENTIAL_TYPE];

/**
 * The credential types of the Alteryx Gallery node: the V1 subscription API has the same paths
 * under /gallery/api/ (legacy, OAuth1) and /webapi/ (2022.1+, OAuth2).
 */
export const V1_NODE_CREDENTIAL_TYPES = [SERVER_CREDENTIAL_TYPE, GALLERY_CREDENTIAL_TYPE];

/** The credential types of the Alteryx Analytics Cloud nodes: the token pair the default. */
export const CLOUD_NODE_CREDENTIAL_TYPES = [
	CLOUD_PAIR_CREDENTIAL_TYPE,
	CLOUD_SERVICE_PRINCIPAL_TYPE,
];

/** The addresses of a Cloud credential: v4 paths to the v4 host, gateway paths to the gateway. */
function cloudConnection(
	credentials: CloudAddress,
): Pick<
	AlteryxConnection,
	| 'baseUrl'
	| 'baseUrlFor'
	| 'terms'
	| 'headersFor'
	| 'ignoreSSLIssues'
	| 'quotaRefusalIsSafeToRepeat'
> {
	const { v4, gateway } = cloudBaseUrls(credentials);
	const projectId = credentials.apiProjectId?.trim() ?? '';
	return {
		baseUrl: v4,
		baseUrlFor: (endpoint) => {
			if (/^[a-z][a-z0-9+.-]*:/i.test(endpoint.trim())) {
				// An absolute URL: the address it names (the transport refuses any other origin).
				return endpoint.trim().startsWith(gateway.origin) ? gateway : v4;
			}
			return isGatewayPath(endpoint) ? gateway : v4;
		},
		terms: CLOUD_TERMS,
		quotaRefusalIsSafeToRepeat: true,
		headersFor: (base) =>
			projectId !== '' && base.origin === gateway.origin ? { 'x-api-project-id': projectId } : {},
		ignoreSSLIssues: false,
	};
}

function storedToken(credentials: {
	oauthTokenData?: { access_token?: unknown };
}): string | undefined {
	const token = credentials.oauthTokenData?.access_token;
	return typeof token === 'string' ? token : undefined;
}

/** The connection of stored credential data of a given type (pure: the table tests call it). */
export function connectionFor(
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
): AlteryxConnection {
	const kind = kindOf(credentialType);
	if (!kind) throw new Error(`No Alteryx credential type "${credentialType}"`);
	return { credentialType, ...kind.connect(credentials) };
}

/**
 * The credential type the node's Authentication parameter names. Load-options methods (the
 * editor's dropdowns) have no items: they read the node's current parameters.
 */
export function chosenCredentialType(this: AlteryxContext, itemIndex = 0): string {
	const fallback = defaultTypeOfNode(this.getNode().credentials);
	const value =
		'getInputData' in this
			? this.getNodeParameter(AUTHENTICATION_PARAMETER, itemIndex, fallback)
			: this.getNodeParameter(AUTHENTICATION_PARAMETER, fallback);
	const credentialType = value === '' || value === undefined ? fallback : value;
	if (typeof credentialType !== 'string' || !kindOf(credentialType)) {
		throw new NodeOperationError(
			this.getNode(),
			`Authentication "${String(credentialType)}" is not one this node supports`,
			{
				description: `Choose one of: ${Object.values(CREDENTIAL_KINDS)
					.map((kind) => kind.displayName)
					.join(', ')}.`,
				itemIndex,
			},
		);
	}
	return credentialType;
}

/** A credential as one node run read it: the connection and the decrypted data it came from. */
export interface CredentialRead {
	connection: AlteryxConnection;
	data: ICredentialDataDecryptedObject;
}

/**
 * The credentials each node run has read, by its context and the credential type. Reading and
 * decrypting a credential is n8n's dearest step per request (a CPU profile of 10,000 GETs: 22 %),
 * so a node run reads it once, with the first item that needs it. Every execution has new
 * contexts, so an edited credential is used from the next execution on.
 */
const credentialReads = new WeakMap<object, Map<string, CachedRead>>();

interface CachedRead {
	read: Promise<CredentialRead>;
	/** Once the read is done. */
	value?: CredentialRead;
}

/** The chosen credential, read once per node run (see credentialReads). */
export async function readCredential(this: AlteryxContext, itemIndex = 0): Promise<CredentialRead> {
	const credentialType = chosenCredentialType.call(this, itemIndex);
	let reads = credentialReads.get(this);
	if (!reads) {
		reads = new Map();
		credentialReads.set(this, reads);
	}
	const cached = reads.get(credentialType);
	if (cached) return await cached.read;
	const entry = {} as CachedRead;
	entry.read = (async () => {
		const data =
			'getInputData' in this
				? await this.getCredentials(credentialType, itemIndex)
				: await this.getCredentials(credentialType);
		entry.value = { connection: connectionFor(credentialType, data), data };
		return entry.value;
	})();
	reads.set(credentialType, entry);
	// A failed read is not kept: the next request reads again.
	const runReads = reads;
	entry.read.catch(() => {
		if (runReads.get(credentialType) === entry) runReads.delete(credentialType);
	});
	return await entry.read;
}

/**
 * Drops a node run's read of the credential, when the token it holds is no longer the stored one
 * (n8n stored a first or a renewed token), so the next request reads the stored one.
 */
export function forgetCredential(this: AlteryxContext, read: CredentialRead): void {
	const reads = credentialReads.get(this);
	const type = read.connection.credentialType;
	if (reads?.get(type)?.value === read) reads.delete(type);
}

/**
 * The type a node uses when its Authentication parameter is missing (a saved workflow from
 * before the parameter, or an editor request without it): the Server credential, unless the
 * node only has credentials of one other kind (a Cloud node with its Cloud credential).
 */
function defaultTypeOfNode(credentials: Record<string, unknown> | undefined): string {
	const types = Object.keys(credentials ?? {}).filter((type) => kindOf(type));
	return types.length === 1 ? types[0] : DEFAULT_CREDENTIAL_TYPE;
}

function kindOf(credentialType: string): CredentialKind | undefined {
	return Object.prototype.hasOwnProperty.call(CREDENTIAL_KINDS, credentialType)
		? CREDENTIAL_KINDS[credentialType]
		: undefined;
}

/** The Authentication selector over some credential types, the first the default (listed first in nodes). */
export function authenticationPropertyFor(types: string[]): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Authentication',
		name: AUTHENTICATION_PARAMETER,
		type: 'options',
		noDataExpression: true,
		options: types.map((value) => ({ name: CREDENTIAL_KINDS[value].displayName, value })),
		default: '',
	};
	// The first type is the default: saved workflows without the parameter get it.
	property.default = types[0];
	return property;
}

/** The Alteryx Server node and its trigger (V3). */
export const authenticationProperty = authenticationPropertyFor(V3_NODE_CREDENTIAL_TYPES);
/** The GET, POST, PUT and DELETE nodes: every type, the Server credential the default. */
export const requestNodeAuthenticationProperty = authenticationPropertyFor(
	REQUEST_NODE_CREDENTIAL_TYPES,
);
/** The Alteryx Gallery (V1 API) node. */
export const v1NodeAuthenticationProperty = authenticationPropertyFor(V1_NODE_CREDENTIAL_TYPES);
/** The Alteryx Analytics Cloud nodes. */
export const cloudAuthenticationProperty = authenticationPropertyFor(CLOUD_NODE_CREDENTIAL_TYPES);

/**
 * The node's credentials, each shown when the Authentication selector names it (as Airtable v2).
 * The default one is shown unless another is chosen, so it also shows when the parameter is
 * missing: n8n checks a credential's displayOptions against the parameters a caller sends
 * (`currentNodeParameters` of a load-options request), which need not include defaults.
 */
export function credentialDescriptions(types: string[]): INodeCredentialDescription[] {
	return types.map((name) => {
		if (name !== types[0]) {
			return {
				name,
				required: true,
				displayOptions: { show: { [AUTHENTICATION_PARAMETER]: [name] } },
			};
		}
		const others = types.filter((other) => other !== name);
		return others.length === 0
			? { name, required: true }
			: { name, required: true, displayOptions: { hide: { [AUTHENTICATION_PARAMETER]: others } } };
	});
}

export const alteryxCredentials = credentialDescriptions(V3_NODE_CREDENTIAL_TYPES);
export const requestNodeCredentials = credentialDescriptions(REQUEST_NODE_CREDENTIAL_TYPES);
export const v1NodeCredentials = credentialDescriptions(V1_NODE_CREDENTIAL_TYPES);
export const cloudCredentials = credentialDescriptions(CLOUD_NODE_CREDENTIAL_TYPES);

/**
 * A token exchange that failed, from whichever credential: the transport recognises it by this
 * shape rather than by one credential's error class, and reports and retries it the same way.
 */
export interface TokenFailure {
	readonly tokenFailure: true;
	readonly message: string;
	readonly description: string;
	/** The token endpoint's HTTP status, when it answered. */
	readonly endpointStatus?: number;
	/** The network error code when the token endpoint was not reached. */
	readonly networkCode?: string;
}

export function isTokenFailure(value: unknown): value is TokenFailure {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as { tokenFailure?: unknown }).tokenFailure === true &&
		typeof (value as { message?: unknown }).message === 'string'
	);
}

/** n8n core wraps what the credential's token exchange threw; find it in the chain. */
export function findTokenFailure(error: unknown): TokenFailure | undefined {
	for (const link of errorChain(error)) {
		if (isTokenFailure(link)) return link;
	}
	return undefined;
}
