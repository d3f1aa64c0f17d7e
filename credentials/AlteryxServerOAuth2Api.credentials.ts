import type {
	IAuthenticateRuleResponseCode,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { clientCredentialsFields } from './clientCredentialsFields';

/**
 * The token endpoint, `{Web API Address}oauth2/token`, with or without the address's trailing
 * slash. No regex: a backslash in this string would reach n8n's expression parser unescaped.
 */
const TOKEN_URL =
	'={{ ($self.webApiUrl.trim().endsWith("/") ? $self.webApiUrl.trim() : $self.webApiUrl.trim() + "/") + "oauth2/token" }}';

/** The host name of the Web API Address, as n8n's allowlist compares it (IPv6 keeps brackets). */
const AUTHORITY = '$self.webApiUrl.trim().split("/")[2].split("@").pop().toLowerCase()';
const WEB_API_HOST = `={{ ${AUTHORITY}.startsWith("[") ? ${AUTHORITY}.split("]")[0] + "]" : ${AUTHORITY}.split(":")[0] }}`;

/**
 * Alteryx Server's OAuth2 client-credentials flow through n8n's own OAuth2 support: the API
 * Access Key and Secret are exchanged at `{Web API Address}oauth2/token` for a bearer token
 * (about an hour). n8n stores it, renews it once on a 401 under a lock shared by all queue-mode
 * processes, and the HTTP Request node can use the credential. Why this design and what it
 * costs (an edited secret takes effect when the server refuses the stored token):
 * docs/decisions/0003-server-credential-design.md.
 */
export class AlteryxServerOAuth2Api implements ICredentialType {
	name = 'alteryxServerOAuth2Api';

	extends = ['oAuth2Api'];

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
			name: 'apiAccessKey',
			type: 'string',
			default: '',
			required: true,
			description: 'From Alteryx Server: My Profile → Keys → API Access Key',
		},
		{
			displayName: 'API Access Secret',
			name: 'apiAccessSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'From Alteryx Server: My Profile → Keys → API Access Secret. A token obtained before an edit stays in use until Alteryx Server refuses it (at most its lifetime, about an hour).',
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
				'Whether to connect even if the server’s TLS certificate cannot be verified (self-signed or internal CA), for the token request and the API calls. Prefer adding the CA to n8n.',
		},
		{
			displayName: 'Allowed HTTP Request Domains',
			name: 'allowedHttpRequestDomains',
			type: 'options',
			options: [
				{
					name: 'Web API Host Only',
					value: 'domains',
					description: 'The token is sent to the domains below (by default the Web API host)',
				},
				{
					name: 'All',
					value: 'all',
					description:
						'The HTTP Request node may send the token to any URL, and follows redirects elsewhere with it',
				},
				{ name: 'None', value: 'none', description: 'The HTTP Request node may not use it' },
			],
			default: 'domains',
			description:
				'Where the HTTP Request node may send this credential’s token. The Alteryx nodes only ever call the Web API Address.',
		},
		{
			displayName: 'Allowed Domains',
			name: 'allowedDomains',
			type: 'string',
			default: WEB_API_HOST,
			displayOptions: { show: { allowedHttpRequestDomains: ['domains'] } },
			description:
				'Comma-separated host names (wildcards like *.example.com allowed). By default the host of the Web API Address.',
		},
		...clientCredentialsFields({
			accessTokenUrl: TOKEN_URL,
			clientId: '={{ $self.apiAccessKey }}',
			clientSecret: '={{ $self.apiAccessSecret }}',
		}),
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.webApiUrl}}',
			url: 'v3/workflows',
			qs: { name: 'n8n connection test' },
			// n8n applies Ignore SSL Issues to the token request, not to this call by itself.
			skipSslCertificateValidation: '={{$credentials.ignoreSSLIssues}}',
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
