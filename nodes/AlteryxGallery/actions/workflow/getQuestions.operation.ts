import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { requestRouteJson } from '../../../AlteryxServer/helpers/api';
import { locatorValue } from '../../../AlteryxServer/helpers/parameters';
import { workflowIdField } from '../common';
import { jsonItems, v1Routes } from '../v1';

export const description = updateDisplayOptions(
	{ show: { resource: ['workflow'], operation: ['getQuestions'] } },
	[workflowIdField('The analytic app whose questions to list')],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const appId = locatorValue.call(this, 'workflowId', itemIndex);
	const questions = await requestRouteJson.call(
		this,
		v1Routes.questions,
		{ path: { appId } },
		itemIndex,
	);
	return jsonItems(questions).map((json) => ({ json }));
}
