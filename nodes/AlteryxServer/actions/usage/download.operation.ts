import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute, routeError } from '../../helpers/api';
import { fileSizeOf, responseToBinary, saveDownload } from '../../helpers/binary';
import { binaryPropertyName } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/usage',
	operationId: 'Usage_GetUsage',
};

const properties: INodeProperties[] = [
	binaryPropertyName(
		'Put Output File in Field',
		'The binary property to put the downloaded usage records file in',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fail When There Are No Records',
				name: 'failWhenEmpty',
				type: 'boolean',
				default: false,
				description:
					'Whether the item fails when Alteryx has no usage records to download (HTTP 404). Off returns an item with hasRecords false and no file instead.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['usage'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const failWhenEmpty = this.getNodeParameter('options.failWhenEmpty', itemIndex, false) as boolean;
	// Alteryx answers 404 "No records are available for download."
	const call = {
		headers: { Accept: '*/*' },
		neverError: true,
		saveFile: saveDownload.call(this, 'usage-records'),
	};
	const response = await requestRoute.call(this, route, call, itemIndex);
	if (response.statusCode === 404 && !failWhenEmpty) {
		return [
			{
				json: {
					hasRecords: false,
					message:
						'No usage records are available for download (or this Alteryx Server is older than the usage endpoint)',
				},
			},
		];
	}
	if (response.statusCode >= 300) {
		throw routeError.call(this, route, call, response, itemIndex);
	}
	const binary = await responseToBinary.call(this, response, 'usage-records');
	return [
		{
			json: {
				hasRecords: true,
				fileName: binary.fileName,
				mimeType: binary.mimeType,
				fileSize: fileSizeOf(response, binary),
			},
			binary: { [propertyName]: binary },
		},
	];
}
