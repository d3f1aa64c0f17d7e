import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { executionIdFor } from '../../helpers/executionId';
import { idParameter, jsonParameter } from '../../helpers/parameters';

/** The fields Run and Run and Wait share: what to run, with which overrides. */
export const planNodeOverridesField: INodeProperties = {
	displayName: 'Plan Node Overrides',
	name: 'planNodeOverrides',
	type: 'json',
	default: '[]',
	description:
		'Values for the run parameters of the plan’s tasks, as the JSON array planNodeOverrides of the Cloud’s run request; Plan → Get Run Parameters lists what can be overridden. [] runs the plan as it is.',
};

export const executionIdOption: INodeProperties = {
	displayName: 'Execution ID',
	name: 'executionId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2f1c7a52-6f0e-4b8e-9d35-0c1a1f6e3b21',
	description:
		'Idempotency key of the run (header x-execution-id). Empty: a new one per item, kept for every attempt of that request. Give one (for example an ID from the triggering event) so that running again with it never starts the plan twice: the Cloud answers that it already started.',
};

export interface PlanRunInput {
	planId: string;
	planNodeOverrides: IDataObject[] | undefined;
	executionId: string;
}

export function planRunInput(this: IExecuteFunctions, itemIndex: number): PlanRunInput {
	const planId = idParameter.call(this, 'planId', 'Plan', itemIndex);
	const overrides = jsonParameter.call(
		this,
		'planNodeOverrides',
		'Plan Node Overrides',
		'array',
		itemIndex,
	) as IDataObject[] | undefined;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		planId,
		planNodeOverrides: overrides && overrides.length > 0 ? overrides : undefined,
		executionId: executionIdFor(options.executionId),
	};
}
