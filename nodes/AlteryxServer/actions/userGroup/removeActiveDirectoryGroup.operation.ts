import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { adGroupSidField, requireSid } from './activeDirectory';

export const route: OperationRoute = {
	method: 'DELETE',
	path: '/v3/usergroups/{userGroupId}/activedirectorygroups/{adGroupSid}',
	operationId: 'UserGroups_RemoveActiveDirectoryGroupFromCustomGroup',
};

const properties: INodeProperties[] = [
	userGroupLocator({
		description: 'The custom user group to remove the Active Directory group from',
	}),
	adGroupSidField(
		'The Active Directory group to remove, by its security identifier (SID). Alteryx answers 400 when it is not in the group.',
	),
];

const displayOptions = {
	show: { resource: ['userGroup'], operation: ['removeActiveDirectoryGroup'] },
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const adGroupSid = requireSid.call(this, itemIndex);
	await requestRoute.call(this, route, { path: { userGroupId, adGroupSid } }, itemIndex);
	return [{ json: { success: true, id: userGroupId, sid: adGroupSid } }];
}
