import type { INodeProperties } from 'n8n-workflow';

/**
 * n8n's OAuth2 fields of a client-credentials credential (`extends: ['oAuth2Api']`), fixed or
 * derived by expressions from the credential's own fields, never shown. n8n pins the hidden ones:
 * a stored value cannot send the secret elsewhere (docs/decisions/0003).
 */
export function clientCredentialsFields(expressions: {
	accessTokenUrl: string;
	clientId: string;
	clientSecret: string;
}): INodeProperties[] {
	return [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: expressions.accessTokenUrl,
		},
		{
			// Named clientId/clientSecret only here: the editor labels any field of those names
			// "Client ID"/"Client Secret", which is not what Alteryx calls them.
			displayName: 'Client ID',
			name: 'clientId',
			type: 'hidden',
			default: expressions.clientId,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'hidden',
			typeOptions: { password: true },
			default: expressions.clientSecret,
		},
		{ displayName: 'Auth URL', name: 'authUrl', type: 'hidden', default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'JWE', name: 'jweEnabled', type: 'hidden', default: false },
	];
}
