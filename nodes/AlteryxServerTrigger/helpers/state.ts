import type { IPollFunctions } from 'n8n-workflow';

/**
 * What the trigger remembers between polls, in the workflow's static data (one object per
 * trigger node). It is compact (ids and millisecond times) and bounded: ids are kept only while
 * a poll can list them again (OVERLAP_MS behind the cursor), the backlog holds at most
 * backlogLimit() jobs, and the per-workflow and per-schedule maps hold one short entry each.
 *
 * A poll works on a copy and writes it back only once everything it emits is ready: a poll that
 * fails half way leaves the state as it was, so the next poll sees the same jobs again.
 */
export interface TriggerState {
	v: 1;
	/** Fingerprint of the settings the state belongs to: another event or selection starts over. */
	key: string;
	/** Job Finished: where jobs are found ('queue' = GET v3/jobs, 'workflows' = per workflow). */
	source?: JobSource;
	/** Cursor (ms): everything up to it was listed (completion time, or a workflow's creation). */
	l?: number;
	/** Include Events From (ms): nothing earlier is emitted; dropped once the cursor passed it. */
	f?: number;
	/** Ids handled within OVERLAP_MS of the cursor → their time (dedupe of re-listed records). */
	s?: Record<string, number>;
	/** Jobs found but not handled yet (over the per-poll cap), oldest first. */
	b?: BacklogEntry[];
	/** Names of the workflows of backlog jobs (GET v3/jobs lists them; a later poll needs them). */
	n?: Record<string, string>;
	/** 1 when the backlog was cut: more jobs wait beyond the cursor, to be listed once it drains. */
	m?: 1;
	/** Job Finished per workflow: cursor (job creation time), open (unfinished) and seen jobs. */
	w?: Record<string, WorkflowJobsState>;
	/** New Workflow Version: workflow id → [highest version number, published version id]. */
	vs?: Record<string, [number, string]>;
	/** Schedule Failed or Disabled: schedule id → fingerprint of enabled, state, last run, error. */
	sc?: Record<string, string>;
}

export type JobSource = 'queue' | 'workflows';

/** [job id, time (ms), workflow id, submitted by, start time (ms, 0 when unknown)] */
export type BacklogEntry = [string, number, string, string, number];

export interface WorkflowJobsState {
	/** Creation time (ms) of the newest job listed. */
	c: number;
	/** Include Events From (ms) for this workflow, until its cursor passed it. */
	f?: number;
	/** Jobs seen queued or running → creation time; checked until they finish. */
	o: Record<string, number>;
	/** Finished jobs handled within OVERLAP_MS of the cursor → creation time. */
	s: Record<string, number>;
}

/**
 * How many found jobs wait in the state: ten polls' worth (at least 200, at most 5,000). Jobs
 * found beyond it are found again by a later poll instead of stored.
 */
export function backlogLimit(maxEvents: number): number {
	return Math.min(5000, Math.max(200, 10 * maxEvents));
}

const STATE_KEY = 'alteryxServerTrigger';

/** A copy of the stored state for these settings, or undefined (first poll, or settings changed). */
export function loadState(this: IPollFunctions, key: string): TriggerState | undefined {
	const stored = this.getWorkflowStaticData('node')[STATE_KEY];
	if (!stored || typeof stored !== 'object') return undefined;
	const state = JSON.parse(JSON.stringify(stored)) as TriggerState;
	return state.v === 1 && state.key === key ? state : undefined;
}

/** Replaces the stored state (n8n saves static data with the execution the poll starts). */
export function saveState(this: IPollFunctions, state: TriggerState) {
	this.getWorkflowStaticData('node')[STATE_KEY] = state as unknown as Record<string, unknown>;
}

/** Drops remembered ids that no poll can list again. */
export function pruneSeen(seen: Record<string, number>, belowMs: number) {
	for (const [id, time] of Object.entries(seen)) if (time < belowMs) delete seen[id];
}

/** A short, stable fingerprint (FNV-1a, 32 bits) of a text, for settings and error texts. */
export function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}
