import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestCloudList, withoutEmpty } from '../../helpers/api';
import { returnAllOrLimit } from '../common.descriptions';
import type { CloudRoute } from '../node.type';

export const route: CloudRoute = {
	method: 'GET',
	path: 'plans/v1/planSnapshotRuns',
	action: 'listing plan runs',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'e.g. -submittedAt',
				description: 'The field to sort by; a leading minus sorts in descending order',
			},
		],
	},
];

const displayOptions = { show: { resource: ['plan'], operation: ['getAllRuns'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs = withoutEmpty({ sort: String(options.sort ?? '').trim() });
	return await requestCloudList.call(this, route, { qs }, itemIndex);
}
