import type { IDataObject } from 'n8n-workflow';

import type { ErrorSubject } from '../../transport/errors';
import { shownId } from '../../transport/pathIds';
import type { OperationRoute } from '../actions/node.type';

/** What each id placeholder of the swagger paths names. */
const OBJECT_BY_PLACEHOLDER: Record<string, string> = {
	workflowId: 'workflow',
	userId: 'user',
	userGroupId: 'user group',
	collectionId: 'collection',
	scheduleId: 'schedule',
	credentialId: 'credential',
	jobId: 'job',
	outputId: 'output',
	subscriptionId: 'studio',
	dataConnectionId: 'Server data connection',
	adGroupSid: 'Active Directory group',
};

/** The object a placeholder names; the generic `id`/`connectionId` depend on the path. */
function objectOf(placeholder: string, path: string): string {
	const known = OBJECT_BY_PLACEHOLDER[placeholder];
	if (known) return known;
	if (/connectionhandlingrules/i.test(path)) return 'DCM connection handling rule';
	if (/serverDataConnections/i.test(path)) return 'Server data connection';
	if (/dcm/i.test(path)) return 'DCM connection';
	return placeholder.replace(/Id$/i, '').toLowerCase() || 'object';
}

/** The objects a literal path segment lists ('/v3/usergroups' → 'user groups'). */
const WORDS_BY_SEGMENT: Record<string, string> = {
	workflows: 'workflows',
	jobs: 'jobs',
	schedules: 'schedules',
	users: 'users',
	usergroups: 'user groups',
	collections: 'collections',
	credentials: 'credentials',
	serverdataconnections: 'Server data connections',
	subscriptions: 'studios',
	connections: 'DCM connections',
	connectionhandlingrules: 'DCM connection handling rules',
	usage: 'usage records',
	activedirectorygroups: 'Active Directory groups',
};

/** 'userGroups' → 'user groups'. */
function wordsFor(segment: string): string {
	return WORDS_BY_SEGMENT[segment.toLowerCase()] ?? segment.toLowerCase();
}

/** Routes whose object is a query parameter rather than a path id. */
const QUERY_ID_BY_ROUTE: Record<string, string> = {
	'DELETE /v3/subscriptions': 'subscriptionId',
	'GET /v3/dcm/connections/lookup': 'connectionId',
};

/** Actions of whole routes that the rules below would word wrongly. */
const ROUTE_ACTIONS: Record<string, string> = {
	'POST /v3/workflows': 'uploading a workflow',
	'DELETE /v3/jobs/{jobId}': 'cancelling {object}',
	'GET /v3/usage': 'downloading usage records',
	'POST /v3/usage': 'deleting usage records',
	'POST /v3/dcm/connections': 'creating or updating a DCM connection',
	'POST /v3/dcm/admin/connections': 'creating or updating a DCM connection',
	'POST /v3/dcm/admin/connectionhandlingrules':
		'creating or updating a DCM connection handling rule',
};

/** Actions on a sub-resource of an object that say more than "adding … to …". */
const SUB_RESOURCE_ACTIONS: Record<string, string> = {
	'POST jobs': 'running {object}',
	'GET jobs': 'listing the jobs of {object}',
	'GET package': 'downloading {object}',
	'GET questions': 'reading the questions of {object}',
	'POST versions': 'uploading a new version of {object}',
	'PUT transfer': 'transferring {object} to another owner',
	'PUT assetTransfer': 'transferring the assets of {object}',
	'GET assets': 'listing the assets of {object}',
	'POST deactivate': 'deactivating {object}',
	'POST passwordReset': 'resetting the password of {object}',
	'GET messages': 'reading the messages of {object}',
	'PUT execution': 'sharing {object} for execution',
	'DELETE execution': 'unsharing {object} for execution',
	'PUT collaboration': 'sharing {object} for collaboration',
	'DELETE collaboration': 'unsharing {object} for collaboration',
	'GET lookup': 'looking up {object}',
};

const VERB_BY_METHOD: Record<string, string> = {
	GET: 'reading',
	POST: 'creating',
	PUT: 'updating',
	PATCH: 'updating',
	DELETE: 'deleting',
};

const CURATOR = 'the Curator role';
const ARTISAN =
	'the Artisan role or higher (Alteryx Server 2022.3 and later; Curator on older servers)';

/**
 * The role a route needs, where the Alteryx docs say (reference §1.3 and the swagger's "Only
 * Curators can use this API endpoint"); undefined where they do not.
 */
export function requiredRole(route: OperationRoute): string | undefined {
	const { method, path } = route;
	if (/^\/v1\//.test(path)) {
		return "the Artisan role or higher and membership of the workflow's studio";
	}
	if (
		/^\/v3\/(users|usergroups|collections|serverDataConnections|subscriptions|dcm\/admin|DCMEConnections)\b/i.test(
			path,
		)
	) {
		return CURATOR;
	}
	if (/^\/v3\/workflows\//.test(path) && path.split('/').length === 4) {
		return method === 'GET' ? ARTISAN : CURATOR;
	}
	if (/^\/v3\/workflows\b/.test(path)) return ARTISAN;
	if (path === '/v3/jobs' || /\/messages$/.test(path)) return CURATOR;
	if (/^\/v3\/jobs\//.test(path)) {
		return method === 'DELETE' ? `${CURATOR} (or being the one who started the job)` : ARTISAN;
	}
	if (
		/^\/v3\/credentials\/\{credentialId\}(\/|$)/.test(path) &&
		method !== 'GET' &&
		method !== 'PUT'
	) {
		return CURATOR;
	}
	return undefined;
}

/** The permission on the object a route needs besides the role (the swagger's 403 descriptions). */
const PERMISSIONS: Record<string, string> = {
	'GET /v3/workflows/{workflowId}/package':
		'ownership of the workflow or its setting "Others may download"',
	'POST /v3/workflows/{workflowId}/jobs':
		'ownership of the workflow or its setting "Others can execute"',
};

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What a call of the route is about, for the 404 and 403 errors: the objects it names (path ids,
 * or the id in the query of DELETE v3/subscriptions and the DCM lookup), the action and the role.
 */
export function routeErrorSubject(
	route: OperationRoute,
	values: Record<string, string> = {},
	qs: IDataObject = {},
): ErrorSubject {
	const named: string[] = [];
	for (const [, placeholder] of route.path.matchAll(/\{([^}]+)\}/g)) {
		named.push(`${objectOf(placeholder, route.path)} ${shownId(values[placeholder])}`);
	}
	const queryId = QUERY_ID_BY_ROUTE[`${route.method} ${route.path}`];
	if (queryId && typeof qs[queryId] === 'string') {
		named.push(`${objectOf(queryId, route.path)} ${shownId(qs[queryId])}`);
	}
	return {
		notFound: named.length > 0 ? capitalize(named.join(' or ')) : undefined,
		action: describeAction(route, named),
		requirement: requiredRole(route),
		permission: PERMISSIONS[`${route.method} ${route.path}`],
	};
}

/** 'deleting user 64b0…', 'removing workflow 2 from collection 1', 'listing user groups'. */
function describeAction(route: OperationRoute, named: string[]): string {
	const segments = route.path.split('/').filter(Boolean);
	const last = segments[segments.length - 1] ?? '';
	const verb = VERB_BY_METHOD[route.method] ?? route.method.toLowerCase();
	const target = named[named.length - 1];
	const special =
		ROUTE_ACTIONS[`${route.method} ${route.path}`] ??
		(target ? SUB_RESOURCE_ACTIONS[`${route.method} ${last}`] : undefined);
	if (special) return special.replace('{object}', target ?? '');
	if (!target) {
		if (route.method === 'GET') return `listing ${wordsFor(last)}`;
		const one = wordsFor(last).replace(/s$/, '');
		return `${route.method === 'POST' ? 'creating' : verb} ${/^[aeio]/i.test(one) ? 'an' : 'a'} ${one}`;
	}
	const owner = named[0];
	const targetIsLast = last.startsWith('{') || `${route.method} ${route.path}` in QUERY_ID_BY_ROUTE;
	if (targetIsLast) {
		if (named.length === 1) return `${verb} ${target}`;
		if (route.method === 'DELETE') return `removing ${target} from ${owner}`;
		if (route.method === 'GET') return `downloading ${target} of ${owner}`;
		return `${verb} ${target} of ${owner}`;
	}
	const words = wordsFor(last);
	if (route.method === 'POST') return `adding ${words} to ${target}`;
	if (route.method === 'GET') return `reading the ${words} of ${target}`;
	if (named.length > 1) return `changing the ${words} of ${target} in ${owner}`;
	return `changing the ${words} of ${target}`;
}
