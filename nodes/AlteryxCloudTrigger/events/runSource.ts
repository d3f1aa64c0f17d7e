import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { cloudGet } from '../helpers/api';
import type { CloudTriggerSettings } from '../helpers/settings';

/** A plan run or job group as a list (or a GET by id) shows it. */
export interface ListedRun {
	id: string;
	/** Creation time (ms): the lists are ordered by it, newest first. */
	createdMs: number;
	/** When it ended (ms), once finished. */
	finishedMs?: number;
	status: string;
	/** The plan id (plan runs) or flow id (job groups); '' when the record names none. */
	parentId: string;
	record: IDataObject;
}

/** Plan or flow id → name, read once per poll where a record does not carry the name. */
export type NameCache = Map<string, Promise<string | undefined>>;

/** What the trigger needs to know of one kind of run (plan runs, job groups). */
export interface RunSource {
	/** How messages name one run ("plan run", "job group"). */
	noun: string;
	/** How messages name the parent ("plan", "flow"). */
	parentNoun: string;
	/** The list, newest created first, paged with limit and offset. */
	listEndpoint: string;
	/** Query of every list request (sorting). */
	listQuery: IDataObject;
	/** Queries that list only unfinished runs (the first poll watches those still running). */
	openRunQueries: IDataObject[];
	/** GET of one run. */
	runEndpoint(id: string): string;
	/** The run of a list record, or undefined for a record without id or creation time. */
	listed(record: IDataObject): ListedRun | undefined;
	/** The emitted item's JSON. */
	item(
		this: IPollFunctions,
		run: ListedRun,
		settings: CloudTriggerSettings,
		names: NameCache,
	): Promise<IDataObject>;
}

/** Statuses of a run that has not ended; any other status is an end (the results filter decides). */
const UNFINISHED = new Set(['created', 'pending', 'queued', 'inprogress', 'running']);

export function isFinished(status: string): boolean {
	return !UNFINISHED.has(status.toLowerCase());
}

/** Seconds from start (or submission) to end, when both are known. */
export function durationSeconds(record: IDataObject, finishedMs: number | undefined) {
	const start = Date.parse(
		String(record.startedAt ?? record.submittedAt ?? record.createdAt ?? ''),
	);
	if (finishedMs === undefined || !Number.isFinite(start)) return null;
	return Math.max(0, Math.round((finishedMs - start) / 100) / 10);
}

/**
 * The name of a plan or flow (GET {collection}/{id}), read once per poll, for records that do not
 * carry it; undefined when it is gone.
 */
export async function parentName(
	this: IPollFunctions,
	names: NameCache,
	id: string,
	collection: 'plans/v1/plans' | 'v4/flows',
): Promise<string | undefined> {
	if (!/^\d+$/.test(id)) return undefined;
	const key = `${collection}/${id}`;
	let name = names.get(key);
	if (!name) {
		name = cloudGet.call(this, key, undefined, true).then((parent) => {
			const value = (parent as IDataObject | undefined)?.name;
			return value === undefined || value === null ? undefined : String(value);
		});
		names.set(key, name);
	}
	return await name;
}
