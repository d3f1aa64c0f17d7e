import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { credentialLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/credentials/{credentialId}',
	operationId: 'Credentials_DeleteCredential',
};

const properties: INodeProperties[] = [
	credentialLocator({ description: 'The credential to delete' }),
	{
		displayName: 'Remove Its Shares Too',
		name: 'force',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the credential even while it is shared with users or user groups (or in use), removing those shares. Without it, Alteryx refuses to delete a credential that is still shared.',
	},
];

const displayOptions = { show: { resource: ['credential'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const credentialId = locatorValue.call(this, 'credentialId', itemIndex);
	const force = this.getNodeParameter('force', itemIndex, false) as boolean;
	// Alteryx answers with every remaining credential; the item says what this one did.
	await requestRoute.call(this, route, { path: { credentialId }, qs: { force } }, itemIndex);
	return [{ json: { success: true, id: credentialId } }];
}
