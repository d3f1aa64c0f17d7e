import type { IPollFunctions } from 'n8n-workflow';

/**
 * What a polling trigger remembers between polls lives in the workflow's static data, one object
 * per trigger node under a key of its own (docs/decisions/0005-trigger-state.md). A poll works on
 * a copy (loadTriggerState) and writes it back once, just before it returns (saveTriggerState):
 * a poll that fails half way leaves the state as it was, so the next poll sees the same events.
 */
export interface VersionedState {
	v: 1;
	/** Fingerprint of the settings the state belongs to: other settings start over. */
	key: string;
}

/** A copy of the stored state for these settings, or undefined (first poll, or settings changed). */
export function loadTriggerState<State extends VersionedState>(
	context: IPollFunctions,
	storeKey: string,
	settingsKey: string,
): State | undefined {
	const stored = context.getWorkflowStaticData('node')[storeKey];
	if (!stored || typeof stored !== 'object') return undefined;
	const state = JSON.parse(JSON.stringify(stored)) as State;
	return state.v === 1 && state.key === settingsKey ? state : undefined;
}

/** Replaces the stored state (n8n saves static data with the execution the poll starts). */
export function saveTriggerState(context: IPollFunctions, storeKey: string, state: VersionedState) {
	context.getWorkflowStaticData('node')[storeKey] = state as unknown as Record<string, unknown>;
}

/**
 * How many found events wait in the state: ten polls' worth (at least 200, at most 5,000). Events
 * found beyond it are found again by a later poll instead of stored.
 */
export function backlogLimit(maxEvents: number): number {
	return Math.min(5000, Math.max(200, 10 * maxEvents));
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
