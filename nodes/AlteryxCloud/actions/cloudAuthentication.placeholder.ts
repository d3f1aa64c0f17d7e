// PLACEHOLDER until the lead's transport lands on main (nodes/transport/authentication.ts exports
// these); deleted at the merge. Not a transport: only the selector's description.
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

export const cloudAuthenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'API Token Pair', value: 'alteryxCloudOAuth2Api' },
		{ name: 'Service Principal', value: 'alteryxCloudServicePrincipalOAuth2Api' },
	],
	default: 'alteryxCloudOAuth2Api',
};

export const cloudCredentials: INodeCredentialDescription[] = [
	{
		name: 'alteryxCloudOAuth2Api',
		required: true,
		displayOptions: { hide: { authentication: ['alteryxCloudServicePrincipalOAuth2Api'] } },
	},
	{
		name: 'alteryxCloudServicePrincipalOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['alteryxCloudServicePrincipalOAuth2Api'] } },
	},
];
