import type {
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { credentialFingerprint, requestAccessTokenOnce } from '../nodes/transport/token';
import {
	type AlteryxServerCredentials,
	isOnWebApiOrigin,
	normalizeWebApiUrl,
} from '../nodes/transport/webApi';

/**
 * Alteryx Server's OAuth2 client-credentials flow: the API Access Key and Secret are exchanged
 * at `{Web API Address}oauth2/token` for a bearer token that lives about an hour.
 *
 * Why `preAuthentication` and not `extends: ['oAuth2Api']`: both were built and run in n8n
 * 2.41.1 against the emulator, through the core HTTP Request node and n8n's credential Test.
 * Both fetch the token on first use, persist it across executions, refresh it on a 401 and
 * never leak the secret; `oAuth2Api` needs no token code and shared one refresh among 20
 * parallel 401s where this credential first needed 4 (now 1, see requestAccessTokenOnce).
 * This one was kept because:
 * - it refuses to attach the token to any origin but the Web API Address (`authenticate`),
 *   or to a request whose headers could steer it or its redirects elsewhere (Host), also in
 *   the HTTP Request node; core's OAuth2 signing has no such guard;
 * - a key, secret or address changed while a token is stored is noticed at once (the token
 *   records what it was issued for), where the stored OAuth2 token is used until it expires;
 * - failures are explained in Alteryx terms: "rejected the API Access Key or Secret" with
 *   where to copy them, "unreachable", "TLS certificate rejected … Ignore SSL Issues", where
 *   `oAuth2Api` reports "Failed to acquire OAuth2 access token: Client authentication failed"
 *   or a bare "self-signed certificate";
 * - Ignore SSL Issues covers the token request and the API calls in one field.
 */
export class AlteryxServerOAuth2Api implements ICredentialType {
	name = 'alteryxServerOAuth2Api';

	displayName = 'Alteryx Server OAuth2 API';

	icon: Icon = { light: 'file:../icons/alteryx.svg', dark: 'file:../icons/alteryx.dark.svg' };

	documentationUrl =
		'https://help.alteryx.com/current/en/server/api-overview/alteryx-server-api-v3/server-api-configuration-and-authorization.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Web API Address',
			name: 'webApiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://alteryx.example.com/webapi/',
			description:
				'The "Web API Address" from Alteryx Server: Admin → Settings → Configuration → System Settings. With or without the trailing slash.',
		},
		{
			displayName: 'API Access Key',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'From Alteryx Server: My Profile → Keys → API Access Key',
		},
		{
			displayName: 'API Access Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'From Alteryx Server: My Profile → Keys → API Access Secret',
		},
		{
			displayName: 'Client Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Send as Basic Auth Header',
					value: 'header',
					description: 'What Alteryx’s own macros and Swagger page do',
				},
				{
					name: 'Send in Body',
					value: 'body',
					description: 'client_id and client_secret as form fields',
				},
			],
			default: 'header',
			description: 'How the key and secret are sent to the token endpoint',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server’s TLS certificate cannot be verified (self-signed or internal CA). Prefer adding the CA to n8n.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// Which address, key, secret and client authentication the stored token was issued
			// for (a hash, not the values). n8n keeps hidden fields when the user edits the
			// credential, so without it a changed secret would keep using — and Test would
			// accept — the old token until it expired.
			displayName: 'Token Issued For',
			name: 'tokenIssuedFor',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const token = await requestAccessTokenOnce(
			async (options) => await this.helpers.httpRequest(options),
			credentials as unknown as AlteryxServerCredentials,
		);
		return {
			accessToken: token.accessToken,
			tokenIssuedFor: credentialFingerprint(credentials as unknown as AlteryxServerCredentials),
		};
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const webApiUrl = String(credentials.webApiUrl ?? '');
		// The HTTP Request node passes the legacy `uri` instead of `url`.
		const target = requestOptions.url ?? (requestOptions as { uri?: string }).uri ?? '';
		if (!isOnWebApiOrigin(webApiUrl, target, requestOptions.baseURL)) {
			throw new Error(
				`Refusing to send the Alteryx Server token to ${describeTarget(target, requestOptions.baseURL)}: it is not on the Web API Address of the credential (${safeOrigin(webApiUrl)})`,
			);
		}
		const steering = findSteeringHeader(requestOptions.headers);
		if (steering) {
			throw new Error(
				`Refusing to send the Alteryx Server token with the header "${steering.name}: ${steering.value}": it can send the request or its redirects to another server than the Web API Address of the credential (${safeOrigin(webApiUrl)}). Remove the header.`,
			);
		}
		const tokenIsCurrent =
			credentials.tokenIssuedFor ===
			credentialFingerprint(credentials as unknown as AlteryxServerCredentials);
		// A token issued for other settings is not sent: the server's 401 makes n8n exchange the
		// current key and secret (and a wrong new secret then fails the call and the Test).
		const headers = { ...requestOptions.headers };
		if (tokenIsCurrent) headers.Authorization = `Bearer ${credentials.accessToken}`;
		else delete headers.Authorization;
		const authenticated: IHttpRequestOptions = {
			...requestOptions,
			headers,
			sendCredentialsOnCrossOriginRedirect: false,
		};
		if (credentials.ignoreSSLIssues === true) {
			authenticated.skipSslCertificateValidation = true;
			(authenticated as { rejectUnauthorized?: boolean }).rejectUnauthorized = false;
		}
		return authenticated;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.webApiUrl}}',
			url: 'v3/workflows',
			qs: { name: 'n8n connection test' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The key and secret were accepted, but Alteryx Server denied the API call. An administrator must set API Access to Yes for this user, and the V3 API needs the Artisan role or higher (Curator for administration).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'A token was issued, but there is no V3 API at this Web API Address. Check the address, and that the server runs Alteryx Server 2022.1 or later.',
				},
			},
		] satisfies IAuthenticateRuleResponseCode[],
	};
}

/**
 * Headers that decide where a signed request or its redirects go. n8n follows redirects with
 * follow-redirects, which resolves a relative Location against a user-set Host header and keeps
 * the Authorization header for that host (axios also hands a user-set Host to an HTTP proxy).
 * Servers behind a proxy build their redirects from X-Forwarded-Host or Forwarded, and
 * follow-redirects keeps the token for a subdomain. None of them is needed to call Alteryx Server.
 */
const STEERING_HEADERS = new Set(['host', 'x-forwarded-host', 'forwarded']);

function findSteeringHeader(headers: unknown): { name: string; value: string } | undefined {
	if (typeof headers !== 'object' || headers === null) return undefined;
	for (const [name, value] of Object.entries(headers)) {
		if (STEERING_HEADERS.has(name.trim().toLowerCase()) && value !== undefined && value !== null)
			return { name, value: String(value) };
	}
	return undefined;
}

function safeOrigin(webApiUrl: string): string {
	try {
		return normalizeWebApiUrl(webApiUrl).origin;
	} catch {
		return 'not set';
	}
}

function describeTarget(url: string, baseURL?: string): string {
	try {
		return new URL(url, baseURL).origin;
	} catch {
		return 'an invalid URL';
	}
}
