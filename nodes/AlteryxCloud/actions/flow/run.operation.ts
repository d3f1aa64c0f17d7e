import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jobGroupIdsOf } from '../../helpers/jobGroups';
import { flowLocator } from '../common.descriptions';
import type { CloudRoute } from '../node.type';
import { flowRunRoute, runParametersField, startFlowRun } from './run.shared';

export const route: CloudRoute = flowRunRoute;

const properties: INodeProperties[] = [flowLocator('The flow to run'), runParametersField];

const displayOptions = { show: { resource: ['flow'], operation: ['run'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { flowId, answer } = await startFlowRun.call(this, itemIndex);
	// The job group IDs side by side, for Job Group → Get Status or a Loop over them.
	return [{ json: { flowId, ...answer, jobGroupIds: jobGroupIdsOf(answer) } }];
}
