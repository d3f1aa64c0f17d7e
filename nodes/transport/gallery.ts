import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { OAuth1Keys } from './oauth1';
import { InvalidAddressError, parseAddress } from './webApi';

/** The legacy Gallery API credential (Alteryx Server 2021.4 and older, OAuth 1.0a). */
export const GALLERY_CREDENTIAL_TYPE = 'alteryxGalleryOAuth1Api';

export interface AlteryxGalleryCredentials {
	galleryApiUrl: string;
	apiKey: string;
	apiSecret: string;
	ignoreSSLIssues?: boolean;
}

/** The key and secret, trimmed: a copied trailing space was one user's "invalid signature". */
export function galleryKeysOf(credentials: ICredentialDataDecryptedObject): OAuth1Keys {
	return {
		consumerKey: String(credentials.apiKey ?? '').trim(),
		consumerSecret: String(credentials.apiSecret ?? '').trim(),
	};
}

/** The Gallery API address, ending in "/"; the same rules as the Web API address. */
export function normalizeGalleryApiUrl(raw: unknown): URL {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') {
		throw new InvalidAddressError(
			'The credential has no Gallery API Address',
			'Enter the Gallery’s address followed by /gallery/api/, e.g. https://alteryx.example.com/gallery/api/',
		);
	}
	return parseAddress(text, 'Gallery API Address', 'https://alteryx.example.com/gallery/api/');
}
