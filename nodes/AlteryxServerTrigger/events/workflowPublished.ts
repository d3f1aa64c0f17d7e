import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { requestRoute, requestRouteJson, routeError } from '../../AlteryxServer/helpers/api';
import { decodeJsonBody } from '../../transport/response';
import { triggerRoutes } from '../helpers/routes';
import type { TriggerSettings } from '../helpers/settings';
import { loadState, pruneSeen, saveState, type TriggerState } from '../helpers/state';
import { OVERLAP_MS, parseTime } from '../helpers/time';

const DAY_MS = 24 * 60 * 60 * 1000;

interface ListedWorkflow {
	id: string;
	t: number;
}

/**
 * The workflows the user can see (GET v3/workflows), with their creation time. `createdAfter`
 * (the published version's date, inclusive) keeps the answer small; a day earlier, since its
 * zone is not documented, and the exact filter is applied here.
 */
async function listWorkflows(this: IPollFunctions, afterMs?: number): Promise<ListedWorkflow[]> {
	const qs: IDataObject = {};
	if (afterMs !== undefined && afterMs > DAY_MS) {
		qs.createdAfter = new Date(afterMs - DAY_MS).toISOString();
	}
	const list = await requestRouteJson.call(this, triggerRoutes.workflows, { qs });
	const workflows: ListedWorkflow[] = [];
	for (const workflow of Array.isArray(list) ? (list as IDataObject[]) : []) {
		const t = parseTime(workflow.dateCreated);
		if (workflow.id !== undefined && t !== undefined)
			workflows.push({ id: String(workflow.id), t });
	}
	return workflows;
}

/** GET v3/workflows/{id}; undefined when it was deleted in the meantime. */
async function getWorkflow(
	this: IPollFunctions,
	workflowId: string,
): Promise<IDataObject | undefined> {
	const call = { path: { workflowId }, neverError: true };
	const response = await requestRoute.call(this, triggerRoutes.workflow, call);
	if (response.statusCode === 404) return undefined;
	if (response.statusCode >= 300) {
		throw routeError.call(this, triggerRoutes.workflow, call, response, 0);
	}
	return decodeJsonBody(response.body) as IDataObject;
}

function workflowItem(workflow: IDataObject): INodeExecutionData {
	return { json: { ...workflow, change: { type: 'workflowPublished' } } };
}

/** Workflow Published: a workflow the last poll did not list, created after the cursor. */
export async function poll(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	const stored = loadState.call(this, settings.key);
	if (!stored && settings.includeFrom === undefined) {
		const listed = await listWorkflows.call(this);
		const newest = Math.max(0, ...listed.map((workflow) => workflow.t));
		const seen: Record<string, number> = {};
		for (const workflow of listed)
			if (workflow.t >= newest - OVERLAP_MS) seen[workflow.id] = workflow.t;
		saveState.call(this, { v: 1, key: settings.key, l: newest, s: seen });
		return [];
	}
	const state: TriggerState = stored ?? {
		v: 1,
		key: settings.key,
		l: settings.includeFrom,
		f: settings.includeFrom,
		s: {},
	};
	const seen = (state.s ??= {});
	const floor = Math.max((state.l ?? 0) - OVERLAP_MS, state.f ?? -Infinity);
	const fresh = (await listWorkflows.call(this, floor))
		.filter((workflow) => workflow.t >= floor && !(workflow.id in seen))
		.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
	const items: INodeExecutionData[] = [];
	for (const workflow of fresh.slice(0, settings.maxEvents)) {
		const view = await getWorkflow.call(this, workflow.id);
		if (view) items.push(workflowItem(view));
		seen[workflow.id] = workflow.t;
		state.l = Math.max(state.l ?? 0, workflow.t);
	}
	pruneSeen(seen, (state.l ?? 0) - OVERLAP_MS);
	if (state.f !== undefined && (state.l ?? 0) - OVERLAP_MS >= state.f) delete state.f;
	saveState.call(this, state);
	return items;
}

/** Fetch Test Event: the most recently created workflow. */
export async function fetchTestEvent(this: IPollFunctions): Promise<INodeExecutionData[]> {
	const newest = (await listWorkflows.call(this)).sort((a, b) => b.t - a.t)[0];
	const view = newest && (await getWorkflow.call(this, newest.id));
	if (!view) {
		throw new NodeOperationError(this.getNode(), 'No workflow on Alteryx Server yet', {
			description:
				'GET v3/workflows listed no workflow this API key’s user can see. Publish one and try again.',
		});
	}
	return [workflowItem(view)];
}
