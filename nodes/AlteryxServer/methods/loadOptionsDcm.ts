import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { requestRouteJson } from '../helpers/api';
import { dcmRoutes } from '../helpers/dcm';
import { listRoutes } from './routes';
import { userLabel } from './searchResults';

// Dropdowns of the DCM share operations: who to share with, and which credentials.

async function listOf(
	this: ILoadOptionsFunctions,
	route: (typeof listRoutes)[keyof typeof listRoutes],
): Promise<IDataObject[]> {
	const value = await requestRouteJson.call(this, route);
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** Users to share a DCM connection with, by name and email. */
export async function getDcmUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await listOf.call(this, listRoutes.users);
	return users
		.map((user) => ({
			name: userLabel(user),
			value: String(user.id ?? ''),
		}))
		.filter((option) => option.value !== '')
		.sort(byName);
}

/** User groups to share a DCM connection with. */
export async function getDcmUserGroups(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const groups = await listOf.call(this, listRoutes.userGroups);
	return groups
		.map((group) => ({ name: String(group.name ?? group.id), value: String(group.id ?? '') }))
		.filter((option) => option.value !== '')
		.sort(byName);
}

/** The credentials of the chosen DCM connection (DCM Connection → Share for Collaboration). */
export async function getDcmConnectionCredentials(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const raw = this.getCurrentNodeParameter('connectionId') as unknown;
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	const connectionId = typeof value === 'string' ? value.trim() : '';
	if (!connectionId) return [];
	const connection = (await requestRouteJson.call(this, dcmRoutes.get, {
		path: { Id: connectionId },
	})) as IDataObject | undefined;
	const credentials = (connection?.credentials ?? {}) as Record<string, IDataObject>;
	return Object.entries(credentials)
		.map(([key, credential]) => ({
			name: `${String(credential.name || key)} (${key})`,
			value: String(credential.id ?? ''),
			description: [credential.schemaName, credential.userName].filter(Boolean).join(' · '),
		}))
		.filter((option) => option.value !== '')
		.sort(byName);
}
