import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, withoutUndefined } from '../../helpers/api';
import { locatorValue, sameRecord, toStringList } from '../../helpers/parameters';
import { requireSomeFields, updateByMerge } from '../../helpers/update';
import {
	executionModeOptions,
	workflowCredentialTypeOptions,
	workflowLocator,
} from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { route as getRoute } from './get.operation';

export const route: OperationRoute = {
	method: 'PUT',
	path: '/v3/workflows/{workflowId}',
	operationId: 'Workflows_UpdateWorkflow',
};

const properties: INodeProperties[] = [
	workflowLocator({ description: 'The workflow to update' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields added here change; every other setting keeps its current value (the node reads the workflow first and sends the complete contract Alteryx requires)',
		options: [
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
					'The Alteryx credential the workflow runs with when Workflow Credential Type is Specific',
			},
			{
				displayName: 'District Tags',
				name: 'districtTags',
				type: 'string',
				default: '',
				description:
					'District IDs, comma-separated or as a JSON array; replaces the current tags (empty removes them all)',
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
				description: 'Whether the workflow is exempt from the private data rules',
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
				displayName: 'Make Published',
				name: 'makePublished',
				type: 'boolean',
				default: true,
				description:
					'Whether the version given in Version ID becomes the published version. Without Version ID it stays false unless set.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name (1 to 255 characters)',
			},
			{
				displayName: 'Others Can Execute',
				name: 'othersCanExecute',
				type: 'boolean',
				default: true,
				description: 'Whether other users may run the workflow',
			},
			{
				displayName: 'Others Can View History',
				name: 'othersCanViewHistory',
				type: 'boolean',
				default: true,
				description: 'Whether other users may see the run history',
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
				description:
					'The new owner’s user ID; they must be in the same studio as the current owner (use Transfer otherwise)',
			},
			{
				displayName: 'Version ID',
				name: 'versionId',
				type: 'string',
				default: '',
				description:
					'The version whose settings to change (a versionId from Workflow → Get). Empty means the published version.',
			},
			{
				displayName: 'Worker Tag',
				name: 'workerTag',
				type: 'string',
				default: '',
				description: 'Runs the workflow only on workers with this tag; empty for any worker',
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

const displayOptions = { show: { resource: ['workflow'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** UpdateWorkflowContract filled from the current WorkflowView and the chosen version. */
export function workflowToUpdateContract(workflow: IDataObject, versionId?: string): IDataObject {
	const versions = (workflow.versions as IDataObject[] | undefined) ?? [];
	const targetVersionId = versionId || (workflow.publishedVersionId as string);
	const version =
		versions.find((candidate) => candidate.versionId === targetVersionId) ??
		versions.find((candidate) => candidate.versionId === workflow.publishedVersionId) ??
		{};
	return withoutUndefined({
		name: workflow.name,
		versionId: targetVersionId,
		// Re-publishing the published version changes nothing; another version is only published
		// when the user asks for it.
		makePublished: targetVersionId === workflow.publishedVersionId,
		ownerId: workflow.ownerId,
		workerTag: workflow.workerTag ?? '',
		districtTags: (workflow.districtTags as string[] | undefined) ?? [],
		comments: workflow.comments ?? '',
		isPublic: workflow.isPublic,
		isReadyForMigration: workflow.isReadyForMigration,
		othersMayDownload: workflow.othersMayDownload,
		othersCanExecute: workflow.othersCanExecute,
		othersCanViewHistory: workflow.othersCanViewHistory,
		executionMode: workflow.executionMode ?? version.executionMode,
		workflowCredentialType: version.workflowCredentialType ?? 'Default',
		credentialId: version.credentialId ?? '',
		hasPrivateDataExemption: workflow.hasPrivateDataExemption,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const workflowId = locatorValue.call(this, 'workflowId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	requireSomeFields.call(this, fields, 'Update Fields', itemIndex);
	const changes: IDataObject = { ...fields };
	if (fields.districtTags !== undefined) {
		changes.districtTags = toStringList.call(this, fields.districtTags, 'District Tags', itemIndex);
	}
	if (fields.versionId === '') delete changes.versionId;

	const { updated } = await updateByMerge.call(
		this,
		{
			getRoute,
			putRoute: route,
			path: { workflowId },
			toContract: (current) => workflowToUpdateContract(current, changes.versionId as string),
			changes,
		},
		itemIndex,
	);
	return jsonToItems(updated);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('workflowId');
