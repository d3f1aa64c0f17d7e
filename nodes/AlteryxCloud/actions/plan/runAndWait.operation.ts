import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { planRunIdOf, planRunRoutes, startPlanRun, waitForPlanRun } from '../../helpers/planRuns';
import { isComplete, type WaitOptions, waitSettings } from '../../helpers/wait';
import { planLocator, waitOptions } from '../common.descriptions';
import type { CloudRoute } from '../node.type';
import { executionIdOption, planNodeOverridesField, planRunInput } from './run.shared';

export const route: CloudRoute = planRunRoutes.run;

const properties: INodeProperties[] = [
	planLocator('The plan to run'),
	planNodeOverridesField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...waitOptions('plan run'), executionIdOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

const displayOptions = { show: { resource: ['plan'], operation: ['runAndWait'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const input = planRunInput.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as WaitOptions;
	const started = await startPlanRun.call(
		this,
		input.planId,
		input.planNodeOverrides,
		input.executionId,
		itemIndex,
	);
	if (started.alreadyStarted) {
		throw new NodeOperationError(
			this.getNode(),
			`Plan ${input.planId} was already started with Execution ID ${input.executionId} (HTTP 304); there is no new run to wait for`,
			{
				description:
					'Alteryx Analytics Cloud does not say which run that was. Find it with Plan → Get Many Runs and follow it with Plan → Get Run, or leave Execution ID empty to start a new run.',
				itemIndex,
			},
		);
	}
	const planSnapshotRunId = planRunIdOf.call(this, started, itemIndex);
	const settings = waitSettings(options);
	const waited = await waitForPlanRun.call(
		this,
		planSnapshotRunId,
		{ ...settings, cancelOnTimeout: options.cancelOnTimeout !== false },
		itemIndex,
	);
	const run = waited.value;
	const status = String(run.status ?? 'unknown');
	if (waited.timedOut) {
		const what = waited.cancelledByNode
			? 'it was cancelled'
			: `it is ${status} in Alteryx Analytics Cloud`;
		throw new NodeOperationError(
			this.getNode(),
			`Plan run ${planSnapshotRunId} did not finish within ${settings.timeoutMs / 1000} seconds; ${what}`,
			{
				description:
					'Raise "Timeout (Seconds)" under Options for long plans, or use Plan → Run and check the run later with Plan → Get Run.',
				itemIndex,
			},
		);
	}
	if (!isComplete(run.status) && options.failOnError !== false) {
		throw new NodeOperationError(
			this.getNode(),
			`Plan run ${planSnapshotRunId} of plan ${input.planId} ended with status ${status}`,
			{
				description:
					'Open the run in Alteryx Analytics Cloud (Plans → the plan → Runs) for the failed task. Turn off "Fail When the Run Fails" under Options to get the run as output instead.',
				itemIndex,
			},
		);
	}
	return [
		{
			json: {
				...run,
				planId: input.planId,
				planSnapshotRunId,
				executionId: input.executionId,
				validationStatus: started.validationStatus,
				timing: waited.timing,
			},
		},
	];
}
