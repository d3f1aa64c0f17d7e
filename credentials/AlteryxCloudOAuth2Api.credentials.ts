import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	IDataObject,
	INodeProperties,
} from 'n8n-workflow';

import {
	type CloudTokenPairCredentials,
	cloudBaseUrls,
	currentPair,
	isRenewalDue,
	latestKnownPair,
	refreshTokenPair,
	CLAIM_KEEPS_TOKEN,
	RENEW_MARKER,
	sessionFieldsOf,
} from '../nodes/transport/cloud';
import {
	cloudAddressProperties,
	cloudAllowedDomainsProperties,
	CLOUD_V4_BASE_URL,
} from './cloudAddress';

/**
 * Alteryx One's OAuth 2.0 API token pair: an access token (minutes to an hour) and a refresh
 * token (1–365 days) that is replaced at every refresh, the old one dying at once. The pair in
 * use lives in hidden fields that n8n stores after every refresh (preAuthentication with an
 * expirable field); the pasted pair stays as the user entered it, and a newly pasted pair
 * replaces the one in use. Why not n8n's own OAuth2 support, and how a rotation is never lost:
 * docs/decisions/0008-cloud-credentials.md.
 */
export class AlteryxCloudOAuth2Api implements ICredentialType {
	name = 'alteryxCloudOAuth2Api';

	displayName = 'Alteryx Analytics Cloud (Token Pair) OAuth2 API';

	icon: Icon = { light: 'file:../icons/alteryx.svg', dark: 'file:../icons/alteryx.dark.svg' };

	documentationUrl =
		'https://help.alteryx.com/aac/en/platform/profile/preferences-page/oauth-2-0-api-tokens-page-for-users.html';

	properties: INodeProperties[] = [
		...cloudAddressProperties,
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'From Alteryx One: Profile → User Preferences → OAuth 2.0 API Tokens → Generate. It is shown once, with the refresh token.',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Shown with the access token. n8n renews the pair with it and keeps the new pair, so the credential keeps working until the refresh token’s lifetime (1–365 days) ends. Paste a new pair here to start over.',
		},
		{
			displayName: 'Token Endpoint URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://pingauth.alteryxcloud.com/as/token',
			description:
				'Leave empty to take it from the access token (its issuer). Shown on the OAuth 2.0 API Tokens page.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description:
				'Leave empty to take it from the access token. Shown on the OAuth 2.0 API Tokens page.',
		},
		...cloudAllowedDomainsProperties(
			'={{ $self.region === "custom" ? [$self.v4Url, $self.gatewayUrl, $self.tokenUrl].filter(u => u && u.trim()).map(u => u.trim().split("/")[2].split("@").pop().split(":")[0].toLowerCase()).join(",") : "alteryxcloud.com,*.alteryxcloud.com" }}',
		),
		// The pair in use, written by n8n after every refresh. Never shown.
		{
			displayName: 'Session Access Token',
			name: 'sessionAccessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Refresh Token',
			name: 'sessionRefreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Session Expires At', name: 'sessionExpiresAt', type: 'hidden', default: '' },
		{
			// Which n8n process is renewing the pair, and since when (docs/decisions/0008).
			displayName: 'Session Renewal Claim',
			name: 'sessionRenewalClaim',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Session Seed',
			name: 'sessionSeedRefreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * Called by n8n when the access token in use is empty (first use, or the pack's nodes ask for
	 * a renewal), after a 401 in other nodes, and for the credential test. Returns the pair to
	 * use, which n8n stores; returns nothing when the pair in use still works.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const data = credentials as CloudTokenPairCredentials & { [RENEW_MARKER]?: unknown };
		const now = Date.now();
		const pair = currentPair(data);
		if (data[RENEW_MARKER] === 'claim') {
			// The pack's nodes announce to the other n8n processes that this one renews the pair
			// (docs/decisions/0008): stored as it is, nothing renewed.
			// The access token in use was emptied so that n8n calls this; it stays as it was.
			const kept = (data as { [CLAIM_KEEPS_TOKEN]?: unknown })[CLAIM_KEEPS_TOKEN];
			return {
				sessionAccessToken: typeof kept === 'string' ? kept : pair.accessToken,
				sessionRenewalClaim: data.sessionRenewalClaim ?? '',
			};
		}
		const inUse = typeof data.sessionAccessToken === 'string' ? data.sessionAccessToken.trim() : '';
		const isNewPaste = inUse === '' || pair.accessToken !== inUse;
		let renew: boolean;
		if (data[RENEW_MARKER] === true) {
			renew = true;
		} else if (isRenewalDue(pair, now, 5_000)) {
			renew = true;
		} else if (isNewPaste) {
			renew = false;
		} else {
			// n8n calls after a 401 of another node or for a test: renew only when Alteryx One
			// refuses the token, so a test never spends the refresh token for nothing.
			renew = !(await tokenWorks(this, data, pair.accessToken));
			if (!renew) return {};
		}
		const next = renew
			? await refreshTokenPair(this.helpers.httpRequest.bind(this.helpers), data, pair)
			: latestKnownPair(pair);
		// A renewal ends the claim that announced it.
		return {
			...sessionFieldsOf(next),
			...(renew ? { sessionRenewalClaim: '' } : {}),
		} as unknown as IDataObject;
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.sessionAccessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: CLOUD_V4_BASE_URL,
			url: 'v4/people/current',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Alteryx One did not accept the access token. Check the region (a token works only in its own workspace), or generate a new pair under Profile → User Preferences → OAuth 2.0 API Tokens.',
				},
			},
		],
	};
}

/** Whether Alteryx One accepts the access token (a 401 says no; anything else: keep it). */
async function tokenWorks(
	helper: IHttpRequestHelper,
	credentials: CloudTokenPairCredentials,
	accessToken: string,
): Promise<boolean> {
	const { v4 } = cloudBaseUrls(credentials);
	try {
		await helper.helpers.httpRequest({
			method: 'GET',
			url: new URL('v4/people/current', v4).href,
			headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
			timeout: 30_000,
		});
		return true;
	} catch (error) {
		const status = (error as { response?: { status?: unknown } }).response?.status;
		const httpCode = (error as { httpCode?: unknown }).httpCode;
		return !(status === 401 || httpCode === '401');
	}
}
