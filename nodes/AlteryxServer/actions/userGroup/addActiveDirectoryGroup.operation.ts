import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestRoute } from '../../helpers/api';
import { locatorValue } from '../../helpers/parameters';
import { userGroupLocator } from '../common.descriptions';
import type { OperationRoute } from '../node.type';
import { adGroupSidField, requireSid } from './activeDirectory';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/usergroups/{userGroupId}/activedirectorygroups',
	operationId: 'UserGroups_AddActiveDirectoryGroupToCustomGroup',
};

const properties: INodeProperties[] = [
	userGroupLocator({ description: 'The custom user group to add the Active Directory group to' }),
	adGroupSidField('The Active Directory group to add, by its security identifier (SID)'),
];

const displayOptions = {
	show: { resource: ['userGroup'], operation: ['addActiveDirectoryGroup'] },
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userGroupId = locatorValue.call(this, 'userGroupId', itemIndex);
	const sid = requireSid.call(this, itemIndex);
	// The body is the SID as a JSON string literal, quotes included ("S-1-5-21-…").
	await requestRoute.call(
		this,
		route,
		{
			path: { userGroupId },
			body: JSON.stringify(sid),
			headers: { 'Content-Type': 'application/json' },
		},
		itemIndex,
	);
	return [{ json: { success: true, id: userGroupId, sid } }];
}
