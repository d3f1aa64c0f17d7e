import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { requestRouteJson } from '../helpers/api';
import { listRoutes } from './routes';

/** Every user, by name and email, for Studio (Subscription) → Move Users. */
export async function getStudioUserOptions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const users = await requestRouteJson.call(this, listRoutes.users);
	return (Array.isArray(users) ? (users as IDataObject[]) : [])
		.filter((user) => typeof user.id === 'string' && user.id !== '')
		.map((user) => {
			const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
			return {
				name: `${name || String(user.email ?? user.id)}${user.email && name ? ` (${String(user.email)})` : ''}`,
				value: user.id as string,
				description: [user.role, user.isActive === false ? 'inactive' : undefined]
					.filter(Boolean)
					.join(' · '),
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
