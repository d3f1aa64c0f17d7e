import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { requestRouteJson } from '../../AlteryxServer/helpers/api';
import { triggerRoutes } from '../helpers/routes';
import type { TriggerSettings } from '../helpers/settings';
import { fingerprint, loadState, saveState } from '../helpers/state';
import { parseTime } from '../helpers/time';

/**
 * States that say a schedule cannot run as planned. The values a server reports in `state` are
 * not documented (the emulator says Scheduled or Complete), so this matches the words.
 */
const FAILURE_STATE = /fail|error|disabled|broken|invalid|suspend/i;

/** What the trigger remembers of a schedule: enabled, state, last run, a hash of lastError. */
interface ScheduleMark {
	enabled: boolean | undefined;
	state: string;
	lastRunTime: string;
	error: string;
}

function markOf(schedule: IDataObject): ScheduleMark {
	const lastError = typeof schedule.lastError === 'string' ? schedule.lastError.trim() : '';
	return {
		enabled: typeof schedule.enabled === 'boolean' ? schedule.enabled : undefined,
		state: typeof schedule.state === 'string' ? schedule.state : '',
		lastRunTime: typeof schedule.lastRunTime === 'string' ? schedule.lastRunTime : '',
		error: lastError === '' ? '' : fingerprint(lastError),
	};
}

function encode(mark: ScheduleMark): string {
	const enabled = mark.enabled === undefined ? '' : mark.enabled ? '1' : '0';
	return JSON.stringify([enabled, mark.state, mark.lastRunTime, mark.error]);
}

function decode(text: string): ScheduleMark | undefined {
	try {
		const [enabled, state, lastRunTime, error] = JSON.parse(text) as string[];
		return { enabled: enabled === '' ? undefined : enabled === '1', state, lastRunTime, error };
	} catch {
		return undefined;
	}
}

/** Why a schedule's change is an event: it was disabled, its last run failed, or it is in a failed state. */
function reasonsFor(previous: ScheduleMark, current: ScheduleMark): string[] {
	const reasons: string[] = [];
	if (previous.enabled !== false && current.enabled === false) reasons.push('disabled');
	if (
		current.error !== '' &&
		(current.error !== previous.error || current.lastRunTime !== previous.lastRunTime)
	) {
		reasons.push('failed');
	}
	if (current.state !== previous.state && FAILURE_STATE.test(current.state)) {
		reasons.push('failedState');
	}
	return reasons;
}

/** Every watched schedule with the fields a failure shows in (view=Full). */
async function watchedSchedules(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<IDataObject[]> {
	const list = await requestRouteJson.call(this, triggerRoutes.schedules, { qs: { view: 'Full' } });
	const schedules = Array.isArray(list) ? (list as IDataObject[]) : [];
	return settings.workflowIds.length === 0
		? schedules
		: schedules.filter((schedule) => settings.workflowIds.includes(String(schedule.workflowId)));
}

function scheduleItem(
	schedule: IDataObject,
	reasons: string[],
	previous: ScheduleMark | undefined,
): INodeExecutionData {
	return {
		json: {
			...schedule,
			change: {
				type: 'scheduleFailedOrDisabled',
				reasons,
				previous: previous
					? {
							enabled: previous.enabled ?? null,
							state: previous.state || null,
							lastRunTime: previous.lastRunTime || null,
						}
					: null,
			},
		},
	};
}

/**
 * Schedule Failed or Disabled: a schedule whose `enabled` turned false, whose `lastError` is set
 * after a (new) run, or whose `state` changed to a failure, where the server reports these fields.
 * Schedules first seen are remembered without an event.
 */
export async function poll(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	const stored = loadState.call(this, settings.key);
	const known = stored?.sc ?? {};
	const next: Record<string, string> = {};
	const items: INodeExecutionData[] = [];
	for (const schedule of await watchedSchedules.call(this, settings)) {
		const id = String(schedule.id);
		const current = markOf(schedule);
		let previous = known[id] === undefined ? undefined : decode(known[id]);
		if (!stored && settings.includeFrom !== undefined) {
			// Include Events From: a failure or a disablement since then counts.
			const since = (value: unknown) => (parseTime(value) ?? 0) >= settings.includeFrom!;
			previous = {
				enabled: since(schedule.lastModifiedDate) ? true : current.enabled,
				state: '',
				lastRunTime: since(schedule.lastRunTime) ? '' : current.lastRunTime,
				error: since(schedule.lastRunTime) ? '' : current.error,
			};
		}
		const reasons = previous ? reasonsFor(previous, current) : [];
		if (reasons.length > 0 && items.length >= settings.maxEvents) {
			next[id] = encode(previous!);
			continue;
		}
		if (reasons.length > 0) items.push(scheduleItem(schedule, reasons, previous));
		next[id] = encode(current);
	}
	saveState.call(this, { v: 1, key: settings.key, sc: next });
	return items;
}

/** Fetch Test Event: the failed or disabled schedule that ran (or changed) last. */
export async function fetchTestEvent(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	const candidates = (await watchedSchedules.call(this, settings))
		.map((schedule) => {
			const mark = markOf(schedule);
			const reasons = [
				...(mark.enabled === false ? ['disabled'] : []),
				...(mark.error !== '' ? ['failed'] : []),
				...(FAILURE_STATE.test(mark.state) ? ['failedState'] : []),
			];
			const t = Math.max(
				parseTime(schedule.lastRunTime) ?? 0,
				parseTime(schedule.lastModifiedDate) ?? 0,
			);
			return { schedule, reasons, t };
		})
		.filter((candidate) => candidate.reasons.length > 0)
		.sort((a, b) => b.t - a.t);
	if (candidates.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No failed or disabled schedule yet', {
			description:
				'None of the schedules this API key’s user can see has a lastError, a failed state or is disabled. Once active, the trigger reports schedules that fail or are disabled from then on.',
		});
	}
	return [scheduleItem(candidates[0].schedule, candidates[0].reasons, undefined)];
}
