import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { requestRouteJson } from '../../AlteryxServer/helpers/api';
import { triggerRoutes } from '../helpers/routes';

/** The workflows the API key's user can see, for the Workflows multi-select. */
export async function getWorkflows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const list = await requestRouteJson.call(this, triggerRoutes.workflows);
	return (Array.isArray(list) ? (list as IDataObject[]) : [])
		.filter((workflow) => workflow.id !== undefined)
		.map((workflow) => ({
			name: String(workflow.name ?? workflow.id),
			value: String(workflow.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
