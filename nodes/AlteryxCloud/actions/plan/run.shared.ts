import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { executionIdFor } from '../../helpers/executionId';
import { idParameter } from '../../helpers/parameters';

/** The fields Run and Run and Wait share: what to run, with which overrides. */
export const planNodeOverridesField: INodeProperties = {
	displayName: 'Plan Node Overrides',
	name: 'planNodeOverrides',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Override',
	default: {},
	description:
		'Values for the run parameters of the plan’s tasks in this run (planNodeOverrides); Plan → Get Run Parameters lists each task’s handle and its override keys. Parameters not given keep their values.',
	options: [
		{
			displayName: 'Override',
			name: 'override',
			values: [
				{
					displayName: 'Plan Node Handle',
					name: 'handle',
					type: 'string',
					default: '',
					placeholder: 'e.g. flow-task-1',
					description: 'The handle of the plan task (planNodeParameters[].handle)',
				},
				{
					displayName: 'Override Key',
					name: 'overrideKey',
					type: 'string',
					default: '',
					placeholder: 'e.g. region',
					description: 'The name of the parameter (variables[].overrideKey)',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Its value for this run, as text',
				},
			],
		},
	],
};

export const executionIdOption: INodeProperties = {
	displayName: 'Execution ID',
	name: 'executionId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2f1c7a52-6f0e-4b8e-9d35-0c1a1f6e3b21',
	description:
		'Idempotency key of the run (the header X-Execution-ID). Empty: a new one per item, kept for every attempt of that request. Give one (for example an ID from the triggering event) so that running again with it never starts the plan twice: the Cloud answers that it already started.',
};

export interface PlanRunInput {
	planId: string;
	planNodeOverrides: IDataObject[] | undefined;
	executionId: string;
}

export function planRunInput(this: IExecuteFunctions, itemIndex: number): PlanRunInput {
	const planId = idParameter.call(this, 'planId', 'Plan', itemIndex);
	const overrides = planNodeOverrides.call(
		this,
		this.getNodeParameter('planNodeOverrides.override', itemIndex, []),
		itemIndex,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		planId,
		planNodeOverrides: overrides.length > 0 ? overrides : undefined,
		executionId: executionIdFor(options.executionId),
	};
}

/** The overrides as the run request wants them; an override without a key names its row. */
function planNodeOverrides(
	this: IExecuteFunctions,
	entries: unknown,
	itemIndex: number,
): IDataObject[] {
	const rows = Array.isArray(entries) ? (entries as IDataObject[]) : [];
	return rows.map((row, index) => {
		const handle = String(row.handle ?? '').trim();
		const overrideKey = String(row.overrideKey ?? '').trim();
		if (handle === '' || overrideKey === '') {
			throw new NodeOperationError(
				this.getNode(),
				`Plan Node Override ${index + 1} has no ${handle === '' ? 'Plan Node Handle' : 'Override Key'}`,
				{
					description:
						'Each override names the plan task (its handle) and the parameter (its override key), as Plan → Get Run Parameters lists them.',
					itemIndex,
				},
			);
		}
		return { handle, overrideKey, value: String(row.value ?? '') };
	});
}
