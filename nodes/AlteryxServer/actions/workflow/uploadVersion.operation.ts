import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson } from '../../helpers/api';
import { locatorValue, sameRecord } from '../../helpers/parameters';
import { buildPackageForm } from '../../helpers/upload';
import {
	binaryPropertyName,
	executionModeOptions,
	workflowCredentialTypeOptions,
	workflowLocator,
} from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { route as getRoute } from './get.operation';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/workflows/{workflowId}/versions',
	operationId: 'Workflows_AddVersionToWorkflow',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The workflow to add a version to' }),
	binaryPropertyName(
		'Input Binary Field',
		'The binary property of the input item that holds the new package (.yxzp)',
	),
	{
		displayName: 'Make Published',
		name: 'makePublished',
		type: 'boolean',
		default: true,
		description: 'Whether the new version becomes the one that runs and that users see',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Settings of the new version. Alteryx requires name, owner, execution mode, credential type and the download/execute permissions; those not added here are copied from the workflow as it is now.',
		options: [
			{
				displayName: 'Bypass Version Check',
				name: 'bypassWorkflowVersionCheck',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip the check that the package was made with a Designer version this server supports',
			},
			{
				displayName: 'Comments',
				name: 'comments',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'What changed in this version',
			},
			{
				displayName: 'Credential ID',
				name: 'credentialId',
				type: 'string',
				default: '',
				description:
					'The Alteryx credential the version runs with; required when Workflow Credential Type is Specific',
			},
			{
				displayName: 'Execution Mode',
				name: 'executionMode',
				type: 'options',
				options: executionModeOptions,
				default: 'Standard',
			},
			{
				displayName: 'Has Private Data Exemption',
				name: 'hasPrivateDataExemption',
				type: 'boolean',
				default: false,
				description: 'Whether the version is exempt from the private data rules',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The workflow’s name with this version',
			},
			{
				displayName: 'Others Can Execute',
				name: 'othersCanExecute',
				type: 'boolean',
				default: true,
				description: 'Whether other users may run the workflow',
			},
			{
				displayName: 'Others May Download',
				name: 'othersMayDownload',
				type: 'boolean',
				default: true,
				description: 'Whether other users may download the package',
			},
			{
				displayName: 'Owner ID',
				name: 'ownerId',
				type: 'string',
				default: '',
				description: 'The user ID of the owner of the new version',
			},
			{
				displayName: 'Workflow Credential Type',
				name: 'workflowCredentialType',
				type: 'options',
				options: workflowCredentialTypeOptions,
				default: 'Default',
			},
		],
	},
];

const displayOptions = { show: { resource: ['workflow'], operation: ['uploadVersion'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const makePublished = this.getNodeParameter('makePublished', itemIndex, true) as boolean;
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const current = (await requestRouteJson.call(
		this,
		getRoute,
		{ path: { workflowId } },
		itemIndex,
	)) as IDataObject;
	const versions = (current.versions as IDataObject[] | undefined) ?? [];
	const published =
		versions.find((version) => version.versionId === current.publishedVersionId) ?? {};
	const pick = (field: string, fallback: IDataObject[string]): IDataObject[string] =>
		additional[field] !== undefined && additional[field] !== '' ? additional[field] : fallback;

	const workflowCredentialType = pick(
		'workflowCredentialType',
		published.workflowCredentialType ?? 'Default',
	) as string;
	const credentialId = pick(
		'credentialId',
		workflowCredentialType === 'Specific' ? published.credentialId : undefined,
	) as string | undefined;
	if (workflowCredentialType === 'Specific' && !credentialId) {
		throw new NodeOperationError(this.getNode(), 'A Credential ID is needed', {
			description:
				'With Workflow Credential Type "Specific" the version always runs with one credential: add Credential ID under Additional Fields.',
			itemIndex,
		});
	}
	const fields: IDataObject = {
		name: pick('name', current.name),
		ownerId: pick('ownerId', current.ownerId),
		othersMayDownload: pick('othersMayDownload', current.othersMayDownload ?? true),
		othersCanExecute: pick('othersCanExecute', current.othersCanExecute ?? true),
		executionMode: pick('executionMode', current.executionMode ?? published.executionMode),
		makePublished,
		workflowCredentialType,
		credentialId: credentialId || undefined,
		comments: (additional.comments as string) || undefined,
		hasPrivateDataExemption: additional.hasPrivateDataExemption as boolean | undefined,
		bypassWorkflowVersionCheck: additional.bypassWorkflowVersionCheck as boolean | undefined,
	};
	const form = await buildPackageForm.call(
		this,
		itemIndex,
		propertyName,
		fields,
		String(fields.name ?? ''),
	);
	const workflow = await requestRouteJson.call(
		this,
		route,
		{ path: { workflowId }, body: form.body, headers: { 'Content-Type': form.contentType } },
		itemIndex,
	);
	return jsonToItems(workflow);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('workflowId');
