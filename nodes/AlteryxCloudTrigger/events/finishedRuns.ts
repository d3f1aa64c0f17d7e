import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { backlogLimit, pruneSeen } from '../../pollingTrigger/state';
import { OVERLAP_MS } from '../../pollingTrigger/time';
import { cloudGet, listRecords } from '../helpers/api';
import type { CloudTriggerSettings } from '../helpers/settings';
import { type CloudTriggerState, loadState, saveState } from '../helpers/state';
import { isFinished, type ListedRun, type NameCache, type RunSource } from './runSource';

export const PAGE_SIZE = 100;
/** The most pages one poll reads of the list (100,000 runs at PAGE_SIZE 100). */
const MAX_PAGES = 1000;
/** Pages of unfinished runs the first poll reads (runs started before activation, still running). */
const OPEN_RUN_PAGES = 10;
/** GETs of backlog runs carried over from an earlier poll, per poll at most; the rest waits. */
const MAX_LOOKUPS_PER_POLL = 500;
/** List pages Fetch Test Event reads at most to find a finished run that matches. */
const TEST_EVENT_PAGES = 5;

/**
 * A poll: lists runs newest created first back to the cursor (minus OVERLAP_MS), follows runs
 * seen unfinished until they end, and emits the finished ones whose result and plan or flow match,
 * oldest end first, at most Max Events per Poll (the rest wait in the backlog). The first poll
 * emits nothing: it records where the list stands and which runs are still running.
 */
export async function pollRuns(
	this: IPollFunctions,
	source: RunSource,
	settings: CloudTriggerSettings,
): Promise<INodeExecutionData[]> {
	const stored = loadState.call(this, settings.key);
	if (!stored && settings.includeFrom === undefined) {
		saveState.call(this, await startingState.call(this, source, settings));
		return [];
	}
	let state: CloudTriggerState;
	if (stored) state = stored;
	else {
		// Include Events From: the cursor starts there; runs created earlier and still running
		// are followed too, so they are reported when they end.
		state = { v: 1, key: settings.key, c: settings.includeFrom!, o: {}, s: {}, b: [] };
		state.f = settings.includeFrom;
		await followOpenRuns.call(this, source, state);
	}
	/** Runs as this poll read them: emitted from here without another GET. */
	const fresh = new Map<string, ListedRun>();

	// The backlog was cut and still fills this poll: what a listing would add waits behind it.
	const backlogFillsPoll = state.m === 1 && state.b.length >= settings.maxEvents;
	if (!backlogFillsPoll) {
		delete state.m;
		const floor = Math.max(state.c - OVERLAP_MS, state.f ?? -Infinity);
		const listed = await listRuns.call(this, source, floor);
		const listedIds = new Set(listed.map((run) => run.id));
		const finished: ListedRun[] = [];
		for (const run of listed) {
			if (isFinished(run.status)) {
				delete state.o[run.id];
				finished.push(run);
			} else if (!(run.id in state.s)) {
				state.o[run.id] = run.createdMs;
			}
		}
		// Runs still open when last seen, now older than the listed window: ask for each one.
		for (const [id, createdMs] of Object.entries(state.o)) {
			if (listedIds.has(id)) continue;
			const run = await getRun.call(this, source, id);
			if (!run) delete state.o[id];
			else if (isFinished(run.status)) {
				delete state.o[id];
				finished.push({ ...run, createdMs });
			}
		}
		state.c = Math.max(state.c, ...listed.map((run) => run.createdMs));
		addToBacklog(state, finished, settings);
		for (const run of finished) fresh.set(run.id, run);
	}

	const items = await emitBacklog.call(this, source, state, settings, fresh);
	pruneSeen(state.s, state.c - OVERLAP_MS);
	if (state.f !== undefined && state.c - OVERLAP_MS >= state.f) delete state.f;
	saveState.call(this, state);
	return items;
}

/**
 * The first poll's state: every run so far is old. The newest is the cursor; runs still created
 * or in progress (in the listed window, or found by a status query) are followed until they end.
 */
async function startingState(
	this: IPollFunctions,
	source: RunSource,
	settings: CloudTriggerSettings,
): Promise<CloudTriggerState> {
	const state: CloudTriggerState = { v: 1, key: settings.key, c: 0, o: {}, s: {}, b: [] };
	const listed = await listRuns.call(this, source, undefined);
	for (const run of listed) {
		if (isFinished(run.status)) state.s[run.id] = run.createdMs;
		else state.o[run.id] = run.createdMs;
	}
	state.c = Math.max(0, ...listed.map((run) => run.createdMs));
	await followOpenRuns.call(this, source, state);
	return state;
}

/** Adds the runs still created or in progress (a status query per unfinished status) to `o`. */
async function followOpenRuns(this: IPollFunctions, source: RunSource, state: CloudTriggerState) {
	for (const query of source.openRunQueries) {
		for (const run of await listRuns.call(this, source, -Infinity, query, OPEN_RUN_PAGES)) {
			// An API that ignores the status filter lists finished runs too: those stay old.
			if (!isFinished(run.status) && !(run.id in state.s)) state.o[run.id] = run.createdMs;
		}
	}
}

/** Whether a finished run is one the settings ask for (its result, its plan or flow). */
function matches(run: ListedRun, settings: CloudTriggerSettings): boolean {
	return (
		(settings.results as string[]).includes(run.status) &&
		(settings.watchedIds.length === 0 || settings.watchedIds.includes(run.parentId))
	);
}

/**
 * Puts newly finished runs that match into the backlog (the others straight into the seen list),
 * oldest end first. A backlog beyond backlogLimit() is cut: the cursor goes back to just before
 * the earliest created run left out, so a later poll lists it again.
 */
function addToBacklog(state: CloudTriggerState, runs: ListedRun[], settings: CloudTriggerSettings) {
	const waiting = new Set(state.b.map(([id]) => id));
	for (const run of runs) {
		if (waiting.has(run.id) || run.id in state.s) continue;
		if (!matches(run, settings)) {
			state.s[run.id] = run.createdMs;
			continue;
		}
		state.b.push([run.id, run.createdMs, run.finishedMs ?? run.createdMs]);
		waiting.add(run.id);
	}
	state.b.sort((a, b) => a[2] - b[2] || Number(a[0]) - Number(b[0]));
	const limit = backlogLimit(settings.maxEvents);
	if (state.b.length > limit) {
		const dropped = state.b.splice(limit);
		state.c = Math.min(state.c, ...dropped.map(([, createdMs]) => createdMs - 1));
		state.m = 1;
	}
}

/** Emits backlog runs, oldest end first, within the per-poll limits. */
async function emitBacklog(
	this: IPollFunctions,
	source: RunSource,
	state: CloudTriggerState,
	settings: CloudTriggerSettings,
	fresh: Map<string, ListedRun>,
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	const names: NameCache = new Map();
	let lookups = 0;
	while (state.b.length > 0 && items.length < settings.maxEvents) {
		const [id, createdMs] = state.b[0];
		let run = fresh.get(id);
		if (!run) {
			// Found by an earlier poll: read it again (it may have been deleted since).
			if (lookups >= Math.max(MAX_LOOKUPS_PER_POLL, settings.maxEvents)) break;
			run = await getRun.call(this, source, id);
			lookups++;
		}
		if (run && matches(run, settings)) {
			items.push({ json: await source.item.call(this, run, settings, names) });
		}
		state.b.shift();
		state.s[id] = createdMs;
	}
	return items;
}

/**
 * Runs newest created first, down to `floorMs` (each page is asked for only while the previous
 * one did not reach it). Without a floor (the first poll) it reads back OVERLAP_MS from the newest.
 */
async function listRuns(
	this: IPollFunctions,
	source: RunSource,
	floorMs: number | undefined,
	query: IDataObject = {},
	maxPages = MAX_PAGES,
): Promise<ListedRun[]> {
	const runs = new Map<string, ListedRun>();
	let floor = floorMs;
	for (let page = 0; page < maxPages; page++) {
		const qs = { ...source.listQuery, ...query, limit: PAGE_SIZE, offset: page * PAGE_SIZE };
		const body = await cloudGet.call(this, source.listEndpoint, qs);
		const records = listRecords(body);
		if (!records) {
			throw new NodeOperationError(
				this.getNode(),
				`GET ${source.listEndpoint} did not return a list of ${source.noun}s`,
				{
					description:
						'Alteryx Analytics Cloud answered with something other than { data: [...] }.',
				},
			);
		}
		let reachedFloor = false;
		for (const record of records) {
			const run = source.listed(record);
			if (!run) continue;
			floor ??= run.createdMs - OVERLAP_MS;
			if (run.createdMs < floor) {
				reachedFloor = true;
				continue;
			}
			if (!runs.has(run.id)) runs.set(run.id, run);
		}
		if (reachedFloor || records.length < PAGE_SIZE) break;
		if (page + 1 >= MAX_PAGES) throw tooManyRuns(this, source);
	}
	return [...runs.values()];
}

function tooManyRuns(context: IPollFunctions, source: RunSource) {
	return new NodeOperationError(
		context.getNode(),
		`More than ${MAX_PAGES * PAGE_SIZE} ${source.noun}s were created since the last poll (GET ${source.listEndpoint})`,
		{
			description:
				'The trigger reads at most that many per poll. Set Include Events From to a later date (or deactivate and activate the workflow to start from now).',
		},
	);
}

/** One run by id; undefined when it no longer exists (404, 410). */
async function getRun(
	this: IPollFunctions,
	source: RunSource,
	id: string,
): Promise<ListedRun | undefined> {
	const record = await cloudGet.call(this, source.runEndpoint(id), undefined, true);
	if (!record || typeof record !== 'object') return undefined;
	return source.listed(record as IDataObject);
}

/**
 * Fetch Test Event: the finished run that matches and ended last, among the most recently created
 * ones, as a poll would emit it; the trigger's state is neither read nor changed.
 */
export async function fetchTestRun(
	this: IPollFunctions,
	source: RunSource,
	settings: CloudTriggerSettings,
): Promise<INodeExecutionData[]> {
	let looked = 0;
	for (let page = 0; page < TEST_EVENT_PAGES; page++) {
		const qs = { ...source.listQuery, limit: PAGE_SIZE, offset: page * PAGE_SIZE };
		const records = listRecords(await cloudGet.call(this, source.listEndpoint, qs)) ?? [];
		const runs = records
			.map((record) => source.listed(record))
			.filter((run): run is ListedRun => run !== undefined && isFinished(run.status));
		looked += runs.length;
		const matching = runs
			.filter((run) => matches(run, settings))
			.sort((a, b) => (b.finishedMs ?? b.createdMs) - (a.finishedMs ?? a.createdMs));
		if (matching.length > 0) {
			return [{ json: await source.item.call(this, matching[0], settings, new Map()) }];
		}
		if (records.length < PAGE_SIZE) break;
	}
	const scope = settings.watchedIds.length ? ` of the selected ${source.parentNoun}s` : '';
	throw new NodeOperationError(this.getNode(), `No finished ${source.noun} matches yet`, {
		description: `Fetch Test Event looked at the ${looked} most recent finished ${source.noun}s and none${scope} ended ${settings.results.join(' or ')}. Run one in Alteryx Analytics Cloud (or widen Results) and try again. The trigger's position is unchanged: once active, it reports ${source.noun}s that finish from then on.`,
	});
}
