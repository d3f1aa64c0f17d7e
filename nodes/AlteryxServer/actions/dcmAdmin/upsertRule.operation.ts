import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { jsonToItems, requestRouteJson, withoutUndefined } from '../../helpers/api';
import { locatorValue, sameRecord } from '../../helpers/parameters';
import { dcmConnectionReferenceLocator, dcmHandlingRuleLocator } from '../dcm.descriptions';
import type { OperationRoute } from '../node.type';
import { route as getRoute } from './getRule.operation';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/dcm/admin/connectionhandlingrules',
	operationId: 'DCMEAdmin_UpsertDCMEConnectionHandlingRule',
};

const properties: INodeProperties[] = [
	dcmHandlingRuleLocator({
		displayName: 'Rule to Update',
		required: false,
		description:
			'Leave empty to create a new rule. Pick a rule (or give its ID) to update it: the node reads it first, and fields left empty keep their current values.',
	}),
	dcmConnectionReferenceLocator({
		name: 'sourceConnectionId',
		displayName: 'Source Connection',
		description:
			'The connection workflows reference that the rule handles (e.g. a legacy connection), picked from the server’s connections or given by its connection ID (a GUID)',
	}),
	dcmConnectionReferenceLocator({
		name: 'targetConnectionId',
		displayName: 'Target Connection',
		required: false,
		description:
			'The connection the server uses instead of the source connection, picked from the server’s connections or given by its connection ID (a GUID)',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Source Connection Title',
				name: 'sourceConnectionTitle',
				type: 'string',
				default: '',
				description: 'A readable name for the source connection, e.g. Legacy SQL Server',
			},
			{
				displayName: 'Target Connection Title',
				name: 'targetConnectionTitle',
				type: 'string',
				default: '',
				description: 'A readable name for the target connection, e.g. Snowflake Analytics',
			},
		],
	},
];

const displayOptions = { show: { resource: ['dcmAdmin'], operation: ['upsertRule'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const ruleId = locatorValue.call(this, 'ruleId', itemIndex, { optional: true });
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const text = (value: unknown) => String(value ?? '').trim() || undefined;
	const change = withoutUndefined({
		sourceConnectionId: text(
			locatorValue.call(this, 'sourceConnectionId', itemIndex, { optional: !!ruleId }),
		),
		targetConnectionId: text(
			locatorValue.call(this, 'targetConnectionId', itemIndex, { optional: true }),
		),
		sourceConnectionTitle: text(additional.sourceConnectionTitle),
		targetConnectionTitle: text(additional.targetConnectionTitle),
	});

	let current: IDataObject = {};
	if (ruleId) {
		const rule = await requestRouteJson.call(this, getRoute, { path: { id: ruleId } }, itemIndex);
		current = (rule && typeof rule === 'object' ? rule : {}) as IDataObject;
	}
	// DCMEConnectionHandlingRuleContract; createdBy and the dates are the server's to set.
	const kept: IDataObject = withoutUndefined({
		sourceConnectionId: text(current.sourceConnectionId),
		sourceConnectionTitle: text(current.sourceConnectionTitle),
		targetConnectionId: text(current.targetConnectionId),
		targetConnectionTitle: text(current.targetConnectionTitle),
	});
	const contract = withoutUndefined({ id: ruleId || undefined, ...kept, ...change });
	// 201 with the new rule when no ID was given, 200 with the updated one otherwise.
	const saved = await requestRouteJson.call(this, route, { body: contract }, itemIndex);
	return jsonToItems(saved);
}

/** Read, then written back: items for the same record one after another. */
export const sequentialKey = sameRecord('ruleId');
