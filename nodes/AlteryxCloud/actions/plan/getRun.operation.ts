import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import { idParameter } from '../../helpers/parameters';
import { planRunIdField } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'plans/v1/planSnapshotRuns/{planSnapshotRunId}',
	action: 'reading plan run {planSnapshotRunId}',
};

const properties: INodeProperties[] = [planRunIdField];

const displayOptions = { show: { resource: ['plan'], operation: ['getRun'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const planSnapshotRunId = idParameter.call(this, 'planSnapshotRunId', 'Plan Run ID', itemIndex);
	return toItems(
		await requestCloudJson.call(this, route, { path: { planSnapshotRunId } }, itemIndex),
	);
}
