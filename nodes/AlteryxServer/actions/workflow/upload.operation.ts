import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestRouteJson } from '../../helpers/api';
import { locatorValue, toJsonArrayString } from '../../helpers/parameters';
import { buildPackageForm, nameFromFileName } from '../../helpers/upload';
import {
	binaryPropertyName,
	executionModeOptions,
	userLocator,
	workflowCredentialTypeOptions,
} from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/workflows',
	operationId: 'Workflows_CreateWorkflow',
};

const properties: INodeProperties[] = [
	binaryPropertyName(
		'Input Binary Field',
		'The binary property of the input item that holds the workflow package (.yxzp)',
	),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		// Not marked required: an empty name falls back to the file name, and Alteryx always
		// receives one.
		placeholder: 'e.g. Sales Forecast',
		description: 'The workflow’s name on the server. Empty uses the file name without .yxzp.',
	},
	userLocator({
		name: 'ownerId',
		displayName: 'Owner',
		description: 'The user who owns the workflow',
	}),
	{
		displayName: 'Execution Mode',
		name: 'executionMode',
		type: 'options',
		options: executionModeOptions,
		default: 'Standard',
		required: true,
		description: 'What the workflow may do when it runs on the server',
	},
	{
		displayName: 'Workflow Credential Type',
		name: 'workflowCredentialType',
		type: 'options',
		options: workflowCredentialTypeOptions,
		default: 'Default',
		required: true,
		description: 'Which Windows credential the workflow runs with',
	},
	{
		displayName: 'Is Public',
		name: 'isPublic',
		type: 'boolean',
		default: false,
		description: 'Whether the workflow is shown in the public gallery',
	},
	{
		displayName: 'Is Ready for Migration',
		name: 'isReadyForMigration',
		type: 'boolean',
		default: false,
		description: 'Whether the workflow is marked ready to migrate to another server',
	},
	{
		displayName: 'Others May Download',
		name: 'othersMayDownload',
		type: 'boolean',
		default: true,
		description: 'Whether other users may download the package',
	},
	{
		displayName: 'Others Can Execute',
		name: 'othersCanExecute',
		type: 'boolean',
		default: true,
		description: 'Whether other users may run the workflow',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Bypass Version Check',
				name: 'bypassWorkflowVersionCheck',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip the check that the package was made with a Designer version this server supports (newer servers reject incompatible packages without it)',
			},
			{
				displayName: 'Collection IDs',
				name: 'collectionIds',
				type: 'string',
				default: '',
				description: 'Collections to add the workflow to: IDs comma-separated or as a JSON array',
			},
			{
				displayName: 'Comments',
				name: 'comments',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
			},
			{
				displayName: 'Credential ID',
				name: 'credentialId',
				type: 'string',
				default: '',
				description:
					'The Alteryx credential the workflow runs with; required when Workflow Credential Type is Specific',
			},
			{
				displayName: 'District Tags',
				name: 'districtTags',
				type: 'string',
				default: '',
				description: 'District IDs, comma-separated or as a JSON array',
			},
			{
				displayName: 'Has Private Data Exemption',
				name: 'hasPrivateDataExemption',
				type: 'boolean',
				default: false,
				description: 'Whether the workflow is exempt from the private data rules',
			},
			{
				displayName: 'Source App ID',
				name: 'sourceAppId',
				type: 'string',
				default: '',
				description:
					'An ID that links this workflow to its source (used by admin/v1 migration); must not be in use already',
			},
			{
				displayName: 'Worker Tag',
				name: 'workerTag',
				type: 'string',
				default: '',
				description: 'Runs the workflow only on workers with this tag',
			},
		],
	},
];

const displayOptions = { show: { resource: ['workflow'], operation: ['upload'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const workflowCredentialType = this.getNodeParameter(
		'workflowCredentialType',
		itemIndex,
	) as string;
	if (workflowCredentialType === 'Specific' && !additional.credentialId) {
		throw new NodeOperationError(this.getNode(), 'A Credential ID is needed', {
			description:
				'With Workflow Credential Type "Specific" the workflow always runs with one credential: add Credential ID under Additional Fields.',
			itemIndex,
		});
	}
	const binaryFileName = this.helpers.assertBinaryData(itemIndex, propertyName).fileName;
	const name =
		(this.getNodeParameter('name', itemIndex, '') as string).trim() ||
		nameFromFileName(binaryFileName);
	const ownerId = locatorValue.call(this, 'ownerId', itemIndex);

	const fields: IDataObject = {
		name,
		ownerId,
		isPublic: this.getNodeParameter('isPublic', itemIndex, false) as boolean,
		isReadyForMigration: this.getNodeParameter('isReadyForMigration', itemIndex, false) as boolean,
		othersMayDownload: this.getNodeParameter('othersMayDownload', itemIndex, true) as boolean,
		othersCanExecute: this.getNodeParameter('othersCanExecute', itemIndex, true) as boolean,
		executionMode: this.getNodeParameter('executionMode', itemIndex) as string,
		workflowCredentialType,
		workerTag: (additional.workerTag as string) || undefined,
		comments: (additional.comments as string) || undefined,
		sourceAppId: (additional.sourceAppId as string) || undefined,
		credentialId: (additional.credentialId as string) || undefined,
		hasPrivateDataExemption: additional.hasPrivateDataExemption as boolean | undefined,
		bypassWorkflowVersionCheck: additional.bypassWorkflowVersionCheck as boolean | undefined,
		districtTags: additional.districtTags
			? toJsonArrayString.call(this, additional.districtTags, 'District Tags', itemIndex)
			: undefined,
		collectionIds: additional.collectionIds
			? toJsonArrayString.call(this, additional.collectionIds, 'Collection IDs', itemIndex)
			: undefined,
	};
	const form = await buildPackageForm.call(this, itemIndex, propertyName, fields, name);
	const id = await requestRouteJson.call(
		this,
		route,
		{ body: form.body, headers: { 'Content-Type': form.contentType } },
		itemIndex,
	);
	return [{ json: { id: id as string, name, ownerId, fileName: form.fileName } }];
}
