import type { IDataObject } from 'n8n-workflow';

import { parseTime } from '../../pollingTrigger/time';
import { durationSeconds, type ListedRun, parentName, type RunSource } from './runSource';

/**
 * Plan Run Finished: GET plans/v1/planSnapshotRuns (gateway), sorted newest created first; a
 * run's status is one of Created, InProgress, Complete, Failed, Canceled.
 */
export const planRuns: RunSource = {
	noun: 'plan run',
	parentNoun: 'plan',
	listEndpoint: 'plans/v1/planSnapshotRuns',
	listQuery: { sort: '-createdAt' },
	openRunQueries: [{ status: 'Created,InProgress' }],
	runEndpoint: (id) => `plans/v1/planSnapshotRuns/${id}`,
	listed(record) {
		const id = String(record.id ?? '');
		const createdMs = parseTime(record.createdAt ?? record.submittedAt);
		if (!/^\d+$/.test(id) || createdMs === undefined) return undefined;
		const plan = (record.plan ?? {}) as IDataObject;
		return {
			id,
			createdMs,
			finishedMs: parseTime(record.finishedAt),
			status: String(record.status ?? ''),
			parentId: String(record.planId ?? plan.id ?? ''),
			record,
		};
	},
	async item(run: ListedRun, _settings, names) {
		const { record } = run;
		const planName = ((record.plan ?? {}) as IDataObject).name;
		return {
			id: Number(run.id),
			status: run.status,
			planId: run.parentId === '' ? null : Number(run.parentId),
			planName:
				planName !== undefined
					? String(planName)
					: ((await parentName.call(this, names, run.parentId, 'plans/v1/plans')) ?? null),
			submittedAt: record.submittedAt ?? null,
			startedAt: record.startedAt ?? null,
			finishedAt: record.finishedAt ?? null,
			durationSeconds: durationSeconds(record, run.finishedMs),
			failedToCancelSomeJobs: record.failedToCancelSomeJobs ?? false,
		};
	},
};
