import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CloudRoute } from '../actions/node.type';
import { requestCloud, requestCloudJson } from './api';
import { EXECUTION_ID_HEADER } from './executionId';
import { withItemIndex } from '../../transport/items';
import { decodeJsonBody } from '../../transport/response';
import { isFinalStatus, pollUntil, type PollOutcome, type WaitSettings } from './wait';

export const planRunRoutes = {
	run: {
		method: 'POST',
		path: 'plans/v1/plans/{planId}/run',
		action: 'running plan {planId}',
	},
	get: {
		method: 'GET',
		path: 'plans/v1/planSnapshotRuns/{planSnapshotRunId}',
		action: 'reading plan run {planSnapshotRunId}',
	},
	cancel: {
		method: 'POST',
		path: 'plans/v1/planSnapshotRuns/{planSnapshotRunId}/cancel',
		action: 'cancelling plan run {planSnapshotRunId}',
	},
} satisfies Record<string, CloudRoute>;

export interface StartedPlanRun extends IDataObject {
	planId: string;
	executionId: string;
	/** The Cloud answered 304: a run with this execution id had already started. */
	alreadyStarted: boolean;
}

export const ALREADY_STARTED_MESSAGE =
	'Alteryx Analytics Cloud had already started a run with this Execution ID (HTTP 304), so no new run was started';

/** The status code an error from the transport carries, if the Cloud answered. */
function httpCodeOf(error: unknown): number | undefined {
	const code = Number((error as { httpCode?: unknown } | undefined)?.httpCode);
	return Number.isFinite(code) && code > 0 ? code : undefined;
}

/**
 * POST plans/v1/plans/{id}/run with the item's execution id. The transport never sends a POST
 * again once it may have arrived; a 304 means an earlier request with the same id started the
 * run. When the outcome is unknown (a 5xx, a dropped connection, a timeout), the error says so
 * and gives the execution id, with which running again is safe.
 */
export async function startPlanRun(
	this: IExecuteFunctions,
	planId: string,
	planNodeOverrides: IDataObject[] | undefined,
	executionId: string,
	itemIndex: number,
): Promise<StartedPlanRun> {
	const body: IDataObject = planNodeOverrides ? { planNodeOverrides } : {};
	let answer: unknown;
	try {
		const response = await requestCloud.call(
			this,
			planRunRoutes.run,
			{ path: { planId }, body, headers: { [EXECUTION_ID_HEADER]: executionId } },
			itemIndex,
		);
		if (response.statusCode === 304) return { planId, executionId, alreadyStarted: true };
		answer = decodeJsonBody(response.body);
	} catch (error) {
		const status = httpCodeOf(error);
		if (status === 304) return { planId, executionId, alreadyStarted: true };
		if (status === undefined || status >= 500) addUnknownOutcomeNote(error, executionId);
		throw withItemIndex(error, this.getNode(), itemIndex);
	}
	const fields =
		answer !== null && typeof answer === 'object' && !Array.isArray(answer)
			? (answer as IDataObject)
			: {};
	return { planId, executionId, alreadyStarted: false, ...fields };
}

function addUnknownOutcomeNote(error: unknown, executionId: string) {
	if (!error || typeof error !== 'object') return;
	const failure = error as { description?: string | null };
	const note = `The run request may have reached Alteryx Analytics Cloud: it was not sent again, so the plan is not run twice. Its Execution ID was ${executionId}; running the item again with this Execution ID (Options → Execution ID) starts the plan only if it did not start (the Cloud answers 304 otherwise). Plan → Get Many Runs shows the runs.`;
	failure.description = failure.description ? `${note}\n${failure.description}` : note;
}

export async function getPlanRun(
	this: IExecuteFunctions,
	planSnapshotRunId: string,
	itemIndex: number,
	timeout?: number,
): Promise<IDataObject> {
	const run = await requestCloudJson.call(
		this,
		planRunRoutes.get,
		{ path: { planSnapshotRunId }, timeout },
		itemIndex,
	);
	return run !== null && typeof run === 'object' ? (run as IDataObject) : { status: run as string };
}

export interface PlanRunWait extends PollOutcome<IDataObject> {
	cancelledByNode: boolean;
}

/** Polls the plan run until it is Complete, Failed or Canceled, or the timeout passes. */
export async function waitForPlanRun(
	this: IExecuteFunctions,
	planSnapshotRunId: string,
	settings: WaitSettings & { cancelOnTimeout: boolean },
	itemIndex: number,
): Promise<PlanRunWait> {
	const outcome = await pollUntil(
		this,
		async (timeout) => await getPlanRun.call(this, planSnapshotRunId, itemIndex, timeout),
		(run) => isFinalStatus(run.status),
		settings,
		`Plan run ${planSnapshotRunId} keeps running in Alteryx Analytics Cloud.`,
		itemIndex,
	);
	let cancelledByNode = false;
	if (outcome.timedOut && settings.cancelOnTimeout) {
		try {
			await requestCloud.call(
				this,
				planRunRoutes.cancel,
				{ path: { planSnapshotRunId } },
				itemIndex,
			);
			cancelledByNode = true;
		} catch {
			// A run that finished in the meantime cannot be cancelled; the read below tells.
		}
		outcome.value = await getPlanRun.call(this, planSnapshotRunId, itemIndex);
	}
	return { ...outcome, cancelledByNode };
}

export function planRunIdOf(this: IExecuteFunctions, started: StartedPlanRun, itemIndex: number) {
	const id = started.planSnapshotRunId;
	if (id === undefined || id === null || id === '') {
		throw new NodeOperationError(
			this.getNode(),
			`Alteryx Analytics Cloud did not start plan ${started.planId}: validation status ${String(started.validationStatus ?? 'unknown')}`,
			{
				description:
					started.validationStatus === 'MissingFlowReferences'
						? 'A task of the plan refers to a flow that no longer exists or is not shared with you. Open the plan in Alteryx Analytics Cloud and fix its tasks.'
						: 'The answer had no planSnapshotRunId, so there is no run to wait for.',
				itemIndex,
			},
		);
	}
	return String(id);
}
