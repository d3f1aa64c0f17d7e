import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jobGroupIdsOf, overallStatus, waitForJobGroups } from '../../helpers/jobGroups';
import { type WaitOptions, waitSettings } from '../../helpers/wait';
import { flowLocator, waitOptions } from '../common.descriptions';
import type { CloudRoute } from '../node.type';
import { flowRunRoute, runParametersField, startFlowRun } from './run.shared';

export const route: CloudRoute = flowRunRoute;

const properties: INodeProperties[] = [
	flowLocator('The flow to run'),
	runParametersField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: waitOptions('flow’s job groups'),
	},
];

const displayOptions = { show: { resource: ['flow'], operation: ['runAndWait'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as WaitOptions;
	const { flowId, answer } = await startFlowRun.call(this, itemIndex);
	const jobGroupIds = jobGroupIdsOf(answer);
	if (jobGroupIds.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Running flow ${flowId} started no job group, so there is nothing to wait for`,
			{
				description:
					'A flow run starts one job group per output of its recipes. Check that the flow has outputs, or use Flow → Run to see the answer.',
				itemIndex,
			},
		);
	}
	const settings = waitSettings(options);
	const waited = await waitForJobGroups.call(
		this,
		jobGroupIds,
		{ ...settings, cancelOnTimeout: options.cancelOnTimeout !== false },
		itemIndex,
	);
	const finalStatuses = jobGroupIds.map(
		(id, index) => waited.jobGroups[index]?.status ?? waited.value[id],
	);
	const status = overallStatus(finalStatuses);
	const summary = jobGroupIds
		.map((id, index) => `job group ${id}: ${String(finalStatuses[index] ?? 'unknown')}`)
		.join(', ');
	if (waited.timedOut) {
		const cancelled =
			waited.cancelledByNode.length > 0 ? `; cancelled: ${waited.cancelledByNode.join(', ')}` : '';
		throw new NodeOperationError(
			this.getNode(),
			`Flow ${flowId} did not finish within ${settings.timeoutMs / 1000} seconds (${summary}${cancelled})`,
			{
				description:
					'Raise "Timeout (Seconds)" under Options for long flows, or use Flow → Run and check the job groups later with Job Group → Get Status.',
				itemIndex,
			},
		);
	}
	if (status !== 'Complete' && options.failOnError !== false) {
		throw new NodeOperationError(
			this.getNode(),
			`Flow ${flowId} ended with status ${status} (${summary})`,
			{
				description:
					'Job Group → Get Jobs shows which job of a job group failed. Turn off "Fail When the Run Fails" under Options to get the job groups as output instead.',
				itemIndex,
			},
		);
	}
	return [
		{
			json: {
				flowId,
				flowRunId: answer.flowRunId,
				status,
				jobGroupIds,
				jobGroups: waited.jobGroups,
				timing: waited.timing,
			},
		},
	];
}
