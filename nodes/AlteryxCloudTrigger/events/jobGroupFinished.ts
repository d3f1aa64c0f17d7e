import type { IDataObject } from 'n8n-workflow';

import { parseTime } from '../../pollingTrigger/time';
import { cloudGet } from '../helpers/api';
import {
	durationSeconds,
	isFinished,
	type ListedRun,
	parentName,
	type RunSource,
} from './runSource';

/**
 * Job Group Finished: GET v4/jobLibrary (v4 host; it replaces the deprecated GET v4/jobGroups
 * list), newest created first; its status filter takes one status.
 */
export const jobGroups: RunSource = {
	noun: 'job group',
	parentNoun: 'flow',
	listEndpoint: 'v4/jobLibrary',
	listQuery: {},
	openRunQueries: [{ status: 'Created' }, { status: 'InProgress' }],
	runEndpoint: (id) => `v4/jobGroups/${id}`,
	listed(record) {
		const id = String(record.id ?? '');
		const createdMs = parseTime(record.createdAt);
		if (!/^\d+$/.test(id) || createdMs === undefined) return undefined;
		const status = String(record.status ?? '');
		const flow = (record.flow ?? {}) as IDataObject;
		return {
			id,
			createdMs,
			// A list without finishedAt: a finished group was last updated when it ended.
			finishedMs:
				parseTime(record.finishedAt) ??
				(isFinished(status) ? parseTime(record.updatedAt) : undefined),
			status,
			parentId: flow.id === undefined || flow.id === null ? '' : String(flow.id),
			record,
		};
	},
	async item(run: ListedRun, settings, names) {
		const { record } = run;
		const flowName = ((record.flow ?? {}) as IDataObject).name;
		const item: IDataObject = {
			id: Number(run.id),
			status: run.status,
			flowId: run.parentId === '' ? null : Number(run.parentId),
			flowName:
				flowName !== undefined && flowName !== null
					? String(flowName)
					: ((await parentName.call(this, names, run.parentId, 'v4/flows')) ?? null),
			wrangledDatasetId: ((record.wrangledDataset ?? {}) as IDataObject).id ?? null,
			flowRunId: ((record.flowRun ?? {}) as IDataObject).id ?? null,
			ranFrom: record.ranfrom ?? null,
			createdAt: record.createdAt ?? null,
			finishedAt:
				record.finishedAt ?? (run.finishedMs ? new Date(run.finishedMs).toISOString() : null),
			durationSeconds: durationSeconds(record, run.finishedMs),
		};
		if (settings.includeOutputs) {
			// Where the outputs were written ({ files: [{ uri, fileType, isPrimaryOutput }], tables }).
			item.outputs = (await cloudGet.call(this, `v4/jobGroups/${run.id}/outputs`)) ?? null;
		}
		return item;
	},
};
