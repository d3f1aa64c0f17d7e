import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { fileSizeOf, responseToBinary, saveDownload } from '../../helpers/binary';
import { locatorValue } from '../../helpers/parameters';
import { binaryPropertyName, workflowLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'GET',
	path: '/v3/workflows/{workflowId}/package',
	operationId: 'Workflows_DownloadWorkflow',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The workflow whose package (.yxzp) to download' }),
	binaryPropertyName(
		'Put Output File in Field',
		'The binary property to put the downloaded .yxzp file in',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Version ID',
				name: 'versionId',
				type: 'string',
				default: '',
				description:
					'The version to download (a versionId from Workflow → Get). Empty downloads the published version.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['workflow'], operation: ['downloadPackage'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const versionId = (this.getNodeParameter('options.versionId', itemIndex, '') as string).trim();
	const response = await requestRoute.call(
		this,
		route,
		{
			path: { workflowId },
			qs: versionId ? { versionId } : {},
			headers: { Accept: '*/*' },
			saveFile: saveDownload.call(this, `${workflowId}.yxzp`),
		},
		itemIndex,
	);
	const binary = await responseToBinary.call(this, response, `${workflowId}.yxzp`);
	return [
		{
			json: {
				workflowId,
				versionId: versionId || null,
				fileName: binary.fileName,
				mimeType: binary.mimeType,
				fileSize: fileSizeOf(response, binary),
			},
			binary: { [propertyName]: binary },
		},
	];
}
