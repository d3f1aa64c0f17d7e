import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestCloudJson, toItems } from '../../helpers/api';
import { jobGroupRoutes } from '../../helpers/jobGroups';
import { idParameter } from '../../helpers/parameters';
import { jobGroupIdField } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = jobGroupRoutes.get;

const properties: INodeProperties[] = [
	jobGroupIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Jobs and Dataset',
				name: 'embed',
				type: 'boolean',
				default: false,
				description:
					'Whether to include the job group’s jobs and its wrangled dataset (embed=jobs,wrangledDataset)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['jobGroup'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobGroupId = idParameter.call(this, 'jobGroupId', 'Job Group ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs = options.embed === true ? { embed: 'jobs,wrangledDataset' } : undefined;
	return toItems(await requestCloudJson.call(this, route, { path: { jobGroupId }, qs }, itemIndex));
}
