/**
 * Addresses of Alteryx Server objects in its web UI, the Gallery: the "By URL" mode of the
 * pickers reads the id out of them, and the pickers' list results link to them.
 *
 * What the API reference says: the Web API lives at `{scheme}://{host}/webapi/` and the legacy
 * Gallery API at `{scheme}://{host}/gallery/api/`, so the Gallery is at `{host}/gallery/` beside
 * the Web API (Alteryx's System Settings suggest `http://[Host_Name]/gallery/` as its Base
 * Address). It gives no page addresses: the page shapes accepted here are assumptions, listed in
 * the README ("Pickers"), and the pattern is generous so that any of them works.
 */

/** A V3 asset id: a MongoDB ObjectId, 24 hexadecimal characters. */
export const OBJECT_ID_PATTERN = '[0-9a-fA-F]{24}';

/** The path words that name a workflow page (or API address) just before its id. */
const WORKFLOW_WORDS = ['app', 'apps', 'workflow', 'workflows'];

/**
 * A URL whose path (or `#!` fragment, in older Galleries) has a workflow word, then optionally
 * one name segment, then the id: `…/app/<Name>/<id>`, `…/#!app/<Name>/<id>`,
 * `…/workflows/<id>`. Anything may follow the id after `/`, `?` or `#`; hex may not, so a longer
 * id is never cut to 24 characters. The one capturing group is the id (n8n's `extractValue`).
 */
export const WORKFLOW_URL_PATTERN =
	'https?://[^\\s/?#]+(?:/[^\\s?#]*)?/(?:#!?/?)?(?:' +
	WORKFLOW_WORDS.join('|') +
	')/(?:[^\\s/?#]+/)?(' +
	OBJECT_ID_PATTERN +
	')(?![0-9a-fA-F])(?:[/?#]\\S*)?';

export const WORKFLOW_URL_ERROR =
	'Not the URL of an Alteryx Server workflow: copy the address of the workflow’s page in the Gallery, e.g. https://alteryx.example.com/gallery/app/Daily-Sales/66ebd18d3d62000400000001 (the 24-character workflow ID after app/<name>/ or workflows/)';

/** What the workflow picker's "By URL" mode needs (actions/common.descriptions.ts builds it). */
export const workflowUrl = {
	pattern: WORKFLOW_URL_PATTERN,
	errorMessage: WORKFLOW_URL_ERROR,
	placeholder: 'e.g. https://alteryx.example.com/gallery/app/Daily-Sales/66ebd18d3d62000400000001',
};

/**
 * The id in a workflow URL, as the mode's `extractValue` finds it; undefined when the URL has
 * none. For locators inside collections, which n8n hands over unextracted.
 */
export function workflowIdFromUrl(url: string): string | undefined {
	return new RegExp(WORKFLOW_URL_PATTERN).exec(url)?.[1];
}

/**
 * The Gallery beside a Web API address: `https://host/webapi/` → `https://host/gallery/` (also
 * under a path prefix, `https://host/alteryx/webapi/`), and above a legacy Gallery API address:
 * `https://host/gallery/api/` → `https://host/gallery/`. Undefined for any other address: then
 * nothing says where the Gallery is.
 */
export function galleryAddress(webApiBase: URL | string): string | undefined {
	const url = new URL(webApiBase.toString());
	const prefix = /^(.*\/)(?:webapi|gallery\/api)\/?$/i.exec(url.pathname)?.[1];
	return prefix === undefined ? undefined : `${url.origin}${prefix}gallery/`;
}

/**
 * The Gallery page of a workflow: `<gallery>app/<Name>/<id>`, the name with dashes for spaces and
 * percent-encoded, so it stays one segment. Undefined for an id that is no ObjectId, which no
 * page (and no By URL value) could carry.
 */
export function workflowPageUrl(gallery: string, id: string, name?: string): string | undefined {
	if (!new RegExp(`^${OBJECT_ID_PATTERN}$`).test(id)) return undefined;
	const slug = (name ?? '').trim().replace(/\s+/g, '-');
	const segment = slug === '' || /^\.+$/.test(slug) ? 'workflow' : encodeURIComponent(slug);
	return `${gallery}app/${segment}/${id}`;
}

/** What the node says of a "By URL" value with no id in it, wherever it is read. */
export function urlWithoutIdMessage(
	label: string,
	url: string,
	explanation: string,
): { message: string; description: string } {
	const shown = url.length > 200 ? `${url.slice(0, 200)}…` : url;
	return {
		message: `The ${label} URL "${shown}" has no ID in it`,
		description: `${explanation}. Or pick it from the list, or give its ID.`,
	};
}

/** urlWithoutIdMessage as an error; the router adds the node and the item index. */
export class UrlWithoutIdError extends Error {
	readonly description: string;

	constructor(label: string, url: string, explanation: string) {
		const { message, description } = urlWithoutIdMessage(label, url, explanation);
		super(message);
		this.name = 'UrlWithoutIdError';
		this.description = description;
	}
}
