import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { hasDotSegment } from './webApi';

/**
 * Fills the `{placeholders}` of a route's path; each value becomes exactly one path segment.
 * Percent-encoding keeps a typed or mapped id from adding segments or a query; "." and ".."
 * (which encoding leaves as they are) and empty ids are refused before anything is sent. Shared
 * by the Alteryx Server and Alteryx Analytics Cloud nodes; `fieldOf` names a placeholder as the
 * editor shows it ('collectionId' → 'Collection ID').
 */
export function fillPathIds(
	node: INode,
	route: { method: string; path: string },
	values: Record<string, string>,
	fieldOf: (placeholder: string) => string,
	itemIndex: number,
): string {
	return route.path.replace(/\{([^}]+)\}/g, (_placeholder, name: string) => {
		const value = String(values[name] ?? '').trim();
		const field = fieldOf(name);
		const refuse = (message: string, description: string) =>
			new NodeOperationError(node, message, { description, itemIndex });
		if (value === '') {
			throw refuse(
				`The ${field} is empty`,
				`${route.method} ${route.path} needs a ${field}. Pick one from the list or map an ID from an earlier node.`,
			);
		}
		const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
		if (hasDotSegment(value)) {
			throw refuse(
				`The ${field} ${shown} is not an ID`,
				`"." and ".." (also written %2e) are path steps: in ${route.method} ${route.path} they would address another endpoint, so nothing was sent. Pick one from the list or map an ID from an earlier node.`,
			);
		}
		try {
			return encodeURIComponent(value);
		} catch {
			// A lone UTF-16 surrogate (half of an emoji) cannot be encoded.
			throw refuse(
				`The ${field} ${shown} contains a broken character`,
				'Check the expression or the text that gives this ID.',
			);
		}
	});
}

/** An id as a message shows it: on one line, and short (a mapped value can be anything). */
export function shownId(value: unknown): string {
	const text = String(value ?? '')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
