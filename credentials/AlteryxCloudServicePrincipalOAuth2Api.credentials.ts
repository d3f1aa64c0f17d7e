import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { clientCredentialsFields } from './clientCredentialsFields';

import {
	cloudAddressProperties,
	cloudAllowedDomainsProperties,
	CLOUD_V4_BASE_URL,
} from './cloudAddress';

/**
 * An Alteryx One service principal (Enterprise Edition): a client ID and secret exchanged for an
 * access token with the client-credentials grant. Nothing rotates, so n8n's own OAuth2 support
 * serves it as it serves the Alteryx Server credential: it stores the token and renews it on a
 * 401 under a lock shared by all queue-mode processes (docs/decisions/0008-cloud-credentials.md).
 */
export class AlteryxCloudServicePrincipalOAuth2Api implements ICredentialType {
	name = 'alteryxCloudServicePrincipalOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Alteryx Analytics Cloud (Service Principal) OAuth2 API';

	icon: Icon = { light: 'file:../icons/alteryx.svg', dark: 'file:../icons/alteryx.dark.svg' };

	documentationUrl =
		'https://help.alteryx.com/aac/en/developer-help/get-started-with-aac-apis.html';

	properties: INodeProperties[] = [
		...cloudAddressProperties,
		{
			displayName: 'Token Endpoint URL',
			name: 'servicePrincipalTokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://pingauth.alteryxcloud.com/as/token',
			description: 'The token endpoint your service principal was issued for',
		},
		{
			displayName: 'Service Principal Client ID',
			name: 'servicePrincipalClientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Service Principal Client Secret',
			name: 'servicePrincipalClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Client Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Send as Basic Auth Header', value: 'header' },
				{
					name: 'Send in Body',
					value: 'body',
					description: 'client_id and client_secret as form fields',
				},
			],
			default: 'header',
			description: 'How the client ID and secret are sent to the token endpoint',
		},
		...cloudAllowedDomainsProperties(
			'={{ $self.region === "custom" ? [$self.v4Url, $self.gatewayUrl].filter(u => u && u.trim()).map(u => u.trim().split("/")[2].split("@").pop().split(":")[0].toLowerCase()).join(",") : "alteryxcloud.com,*.alteryxcloud.com" }}',
		),
		...clientCredentialsFields({
			accessTokenUrl: '={{ $self.servicePrincipalTokenUrl.trim() }}',
			clientId: '={{ $self.servicePrincipalClientId.trim() }}',
			clientSecret: '={{ $self.servicePrincipalClientSecret.trim() }}',
		}),
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: CLOUD_V4_BASE_URL,
			url: 'v4/workspaces/current',
		},
	};
}
