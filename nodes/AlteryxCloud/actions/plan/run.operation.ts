import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ALREADY_STARTED_MESSAGE, planRunRoutes, startPlanRun } from '../../helpers/planRuns';
import { planLocator } from '../common.descriptions';
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
		options: [executionIdOption],
	},
];

const displayOptions = { show: { resource: ['plan'], operation: ['run'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const input = planRunInput.call(this, itemIndex);
	const started = await startPlanRun.call(
		this,
		input.planId,
		input.planNodeOverrides,
		input.executionId,
		itemIndex,
	);
	if (started.alreadyStarted) {
		return [{ json: { ...started, planSnapshotRunId: null, message: ALREADY_STARTED_MESSAGE } }];
	}
	return [{ json: started }];
}
