import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { requestRouteJson } from '../../AlteryxServer/helpers/api';
import { triggerRoutes } from '../helpers/routes';
import type { TriggerSettings } from '../helpers/settings';
import { loadState, saveState } from '../helpers/state';
import { parseTime } from '../helpers/time';

interface WorkflowVersion extends IDataObject {
	versionId: string;
	versionNumber: number;
	dateCreated?: string;
}

/**
 * The watched workflows with their versions: one GET v3/workflows/{id} each, or for all workflows
 * one GET v3/workflows?view=Full (which has `versions`; a server whose list lacks them is asked
 * per workflow).
 */
async function watchedWorkflows(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<IDataObject[]> {
	if (settings.workflowIds.length > 0) {
		const views: IDataObject[] = [];
		for (const workflowId of settings.workflowIds) {
			views.push(
				(await requestRouteJson.call(this, triggerRoutes.workflow, {
					path: { workflowId },
				})) as IDataObject,
			);
		}
		return views;
	}
	const list = await requestRouteJson.call(this, triggerRoutes.workflows, {
		qs: { view: 'Full' },
	});
	const views = Array.isArray(list) ? (list as IDataObject[]) : [];
	if (views.every((view) => Array.isArray(view.versions))) return views;
	const full: IDataObject[] = [];
	for (const view of views) {
		full.push(
			(await requestRouteJson.call(this, triggerRoutes.workflow, {
				path: { workflowId: String(view.id) },
			})) as IDataObject,
		);
	}
	return full;
}

function versionsOf(view: IDataObject): WorkflowVersion[] {
	return (Array.isArray(view.versions) ? (view.versions as WorkflowVersion[]) : []).filter(
		(version) => typeof version.versionNumber === 'number',
	);
}

function highestVersion(versions: WorkflowVersion[]): number {
	return Math.max(0, ...versions.map((version) => version.versionNumber));
}

function versionItem(
	view: IDataObject,
	newVersions: WorkflowVersion[],
	previousPublishedVersionId: string | null,
): INodeExecutionData {
	return {
		json: {
			...view,
			change: {
				type: 'newWorkflowVersion',
				newVersions,
				publishedVersionChanged:
					previousPublishedVersionId !== null &&
					previousPublishedVersionId !== view.publishedVersionId,
				previousPublishedVersionId,
				publishedVersionId: view.publishedVersionId ?? null,
			},
		},
	};
}

/**
 * New Workflow Version: a version with a higher number than the last poll saw, or another
 * published version (a roll-back too). Workflows first seen are remembered without an event.
 */
export async function poll(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	const stored = loadState.call(this, settings.key);
	const views = await watchedWorkflows.call(this, settings);
	const known: Record<string, [number, string]> = stored?.vs ?? {};
	const next: Record<string, [number, string]> = {};
	const items: INodeExecutionData[] = [];
	for (const view of views) {
		const id = String(view.id);
		const versions = versionsOf(view);
		const current: [number, string] = [
			highestVersion(versions),
			String(view.publishedVersionId ?? ''),
		];
		let previous = known[id];
		if (!stored && settings.includeFrom !== undefined) {
			// Include Events From: versions created since then are new.
			const before = versions.filter(
				(version) => (parseTime(version.dateCreated) ?? 0) < settings.includeFrom!,
			);
			previous = [highestVersion(before), current[1]];
		}
		if (!previous) {
			next[id] = current;
			continue;
		}
		const newVersions = versions.filter((version) => version.versionNumber > previous[0]);
		const republished = previous[1] !== current[1];
		if (newVersions.length === 0 && !republished) {
			next[id] = current;
		} else if (items.length >= settings.maxEvents) {
			next[id] = previous;
		} else {
			items.push(versionItem(view, newVersions, previous[1] === '' ? null : previous[1]));
			next[id] = current;
		}
	}
	saveState.call(this, { v: 1, key: settings.key, vs: next });
	return items;
}

/** Fetch Test Event: the watched workflow whose newest version is the most recent. */
export async function fetchTestEvent(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	let latest: { view: IDataObject; version: WorkflowVersion; t: number } | undefined;
	for (const view of await watchedWorkflows.call(this, settings)) {
		for (const version of versionsOf(view)) {
			const t = parseTime(version.dateCreated) ?? 0;
			if (!latest || t > latest.t) latest = { view, version, t };
		}
	}
	if (!latest) {
		throw new NodeOperationError(this.getNode(), 'No workflow version to show yet', {
			description: 'The watched workflows have no versions this API key’s user can see.',
		});
	}
	return [versionItem(latest.view, [latest.version], null)];
}
