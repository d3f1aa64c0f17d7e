import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { planRunIdField } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'POST',
	path: 'plans/v1/planSnapshotRuns/{planSnapshotRunId}/cancel',
	action: 'cancelling plan run {planSnapshotRunId}',
};

const properties: INodeProperties[] = [planRunIdField];

const displayOptions = { show: { resource: ['plan'], operation: ['cancelRun'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const planSnapshotRunId = idParameter.call(this, 'planSnapshotRunId', 'Plan Run ID', itemIndex);
	const answer = await requestCloudJson.call(
		this,
		route,
		{ path: { planSnapshotRunId } },
		itemIndex,
	);
	return [
		{
			json: {
				planSnapshotRunId,
				cancelRequested: true,
				...(answer !== null && typeof answer === 'object' && !Array.isArray(answer)
					? (answer as object)
					: {}),
			},
		},
	];
}
