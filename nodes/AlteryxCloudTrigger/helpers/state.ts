import type { IPollFunctions } from 'n8n-workflow';

import {
	loadTriggerState,
	saveTriggerState,
	type VersionedState,
} from '../../pollingTrigger/state';

/**
 * What the Cloud trigger remembers between polls, in the workflow's static data: compact (ids and
 * millisecond times) and bounded. Runs are listed newest created first, so the cursor is a
 * creation time; runs seen unfinished are kept as "open" until they finish (a run may take hours,
 * and the list shows it by when it was created, not by when it ended).
 */
export interface CloudTriggerState extends VersionedState {
	/** Cursor (ms): the creation time of the newest run listed. */
	c: number;
	/** Include Events From (ms): nothing created earlier is emitted; dropped once the cursor passed it. */
	f?: number;
	/** Runs seen created or in progress → creation time (ms); checked until they finish. */
	o: Record<string, number>;
	/** Finished runs handled within OVERLAP_MS of the cursor → creation time (ms). */
	s: Record<string, number>;
	/** Finished runs that match, not emitted yet (over the per-poll cap), oldest finish first. */
	b: BacklogEntry[];
	/** 1 when the backlog was cut: more runs wait beyond the cursor, to be listed once it drains. */
	m?: 1;
}

/** [run id, creation time (ms), finish time (ms)] */
export type BacklogEntry = [string, number, number];

const STATE_KEY = 'alteryxCloudTrigger';

/** A copy of the stored state for these settings, or undefined (first poll, or settings changed). */
export function loadState(this: IPollFunctions, key: string): CloudTriggerState | undefined {
	return loadTriggerState<CloudTriggerState>(this, STATE_KEY, key);
}

/** Replaces the stored state (n8n saves static data with the execution the poll starts). */
export function saveState(this: IPollFunctions, state: CloudTriggerState) {
	saveTriggerState(this, STATE_KEY, state);
}
