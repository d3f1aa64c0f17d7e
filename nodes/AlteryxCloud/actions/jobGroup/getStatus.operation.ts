import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getJobGroupStatus, jobGroupRoutes } from '../../helpers/jobGroups';
import { idParameter } from '../../helpers/parameters';
import { isFinalStatus } from '../../helpers/wait';
import { jobGroupIdField } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = jobGroupRoutes.status;

const properties: INodeProperties[] = [jobGroupIdField];

const displayOptions = { show: { resource: ['jobGroup'], operation: ['getStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobGroupId = idParameter.call(this, 'jobGroupId', 'Job Group ID', itemIndex);
	// The Cloud answers a bare string ("InProgress"); the item names what it is.
	const status = await getJobGroupStatus.call(this, jobGroupId, itemIndex);
	return [{ json: { jobGroupId, status, finished: isFinalStatus(status) } }];
}
