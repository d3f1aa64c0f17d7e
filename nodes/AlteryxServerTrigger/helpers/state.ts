import type { IPollFunctions } from 'n8n-workflow';

import { loadTriggerState, saveTriggerState } from '../../pollingTrigger/state';

export { backlogLimit, fingerprint, pruneSeen } from '../../pollingTrigger/state';

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

const STATE_KEY = 'alteryxServerTrigger';

/** A copy of the stored state for these settings, or undefined (first poll, or settings changed). */
export function loadState(this: IPollFunctions, key: string): TriggerState | undefined {
	return loadTriggerState<TriggerState>(this, STATE_KEY, key);
}

/** Replaces the stored state (n8n saves static data with the execution the poll starts). */
export function saveState(this: IPollFunctions, state: TriggerState) {
	saveTriggerState(this, STATE_KEY, state);
}
