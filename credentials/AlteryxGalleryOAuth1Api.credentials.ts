import type {
	IAuthenticate,
	IAuthenticateRuleResponseCode,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { galleryKeysOf } from '../nodes/transport/gallery';
import { signRequest } from '../nodes/transport/oauth1';

/** What a rejected signature means, in the words a user can act on (reference §7). */
export const REJECTED_SIGNATURE_HINT =
	'The Gallery rejected the signature. Check: (1) the API Key and API Secret (My Profile → Keys on the Gallery; admin endpoints need the admin key); (2) the clock of the n8n machine, which must be within minutes of the server’s; (3) the Gallery API Address exactly as the server sees it: the scheme (https vs http behind an SSL-offloading proxy) and the host are signed, and a port the server does not see (such as :443 or :80 typed out) makes the signature differ. A 2022.1 or later server no longer accepts these keys: use the Alteryx Server OAuth2 API credential with its /webapi/ address.';

/**
 * The legacy Gallery API of Alteryx Server 2021.4 and older (`https://host/gallery/api/`):
 * two-legged OAuth 1.0a, every request signed with HMAC-SHA1 and the oauth_* parameters in its
 * query. n8n calls `authenticate` for each request it sends (nodes/transport/oauth1.ts), so every
 * attempt, retries included, gets its own nonce and timestamp.
 * docs/decisions/0009-legacy-gallery-oauth1.md.
 */
export class AlteryxGalleryOAuth1Api implements ICredentialType {
	name = 'alteryxGalleryOAuth1Api';

	displayName = 'Alteryx Gallery (Legacy OAuth1) API';

	icon: Icon = { light: 'file:../icons/alteryx.svg', dark: 'file:../icons/alteryx.dark.svg' };

	documentationUrl = 'https://help.alteryx.com/20214/server/api-overview';

	properties: INodeProperties[] = [
		{
			displayName: 'Gallery API Address',
			name: 'galleryApiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://alteryx.example.com/gallery/api/',
			description:
				'The Gallery’s address followed by /gallery/api/, written as the server sees it: no :443 or :80, and the scheme the server itself uses (the scheme and host are part of the signature)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'From the Gallery: My Profile → Keys (the subscription key; admin endpoints need the admin key). Spaces before or after it are removed.',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'From the Gallery: My Profile → Keys. Spaces before or after it are removed (a copied trailing space is a common cause of rejected signatures).',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server’s TLS certificate cannot be verified (self-signed or internal CA). Prefer adding the CA to n8n.',
		},
	];

	authenticate: IAuthenticate = async (credentials, requestOptions) =>
		signRequest(requestOptions, galleryKeysOf(credentials));

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.galleryApiUrl.trim()}}',
			url: 'v1/workflows/subscription/',
			qs: { limit: 1 },
			skipSslCertificateValidation: '={{$credentials.ignoreSSLIssues}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: REJECTED_SIGNATURE_HINT },
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'There is no Gallery API at this address. It usually ends in /gallery/api/ (for example https://alteryx.example.com/gallery/api/).',
				},
			},
		] satisfies IAuthenticateRuleResponseCode[],
	};
}
