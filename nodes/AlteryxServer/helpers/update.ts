import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationRoute } from '../actions/node.type';
import { requestRouteJson, withoutUndefined } from './api';

export interface MergeUpdate {
	/** The GET that returns the current record (the view). */
	getRoute: OperationRoute;
	/** The PUT whose contract requires (nearly) every field. */
	putRoute: OperationRoute;
	/** Path placeholder values, shared by both routes. */
	path: Record<string, string>;
	/** Builds the full update contract from the current view (before the user's changes). */
	toContract: (current: IDataObject) => IDataObject;
	/** Only the fields the user set; undefined values are ignored. */
	changes: IDataObject;
}

/**
 * Alteryx's update contracts (workflows, users, schedules, …) require almost every field, so a
 * PUT with only the changed fields would blank or reject the rest. This reads the record,
 * copies its current values into the contract, applies the user's changes on top and sends
 * the whole contract, returning the server's answer (or the merged contract when the PUT
 * answers with an empty body).
 */
export async function updateByMerge(
	this: IExecuteFunctions,
	update: MergeUpdate,
	itemIndex: number,
): Promise<{ current: IDataObject; contract: IDataObject; updated: unknown }> {
	const current = await requestRouteJson.call(
		this,
		update.getRoute,
		{ path: update.path },
		itemIndex,
	);
	if (!current || typeof current !== 'object' || Array.isArray(current)) {
		throw new NodeOperationError(
			this.getNode(),
			`${update.getRoute.method} ${update.getRoute.path} did not return a record to update`,
			{ itemIndex },
		);
	}
	const contract = {
		...update.toContract(current as IDataObject),
		...withoutUndefined(update.changes),
	};
	const updated = await requestRouteJson.call(
		this,
		update.putRoute,
		{ path: update.path, body: contract },
		itemIndex,
	);
	return { current: current as IDataObject, contract, updated };
}

/** Refuses an update with no field set (an empty Update Fields), before any request is made. */
export function requireSomeFields(
	this: IExecuteFunctions,
	fields: IDataObject,
	collectionName: string,
	itemIndex: number,
): void {
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No field to update was given', {
			description: `Add at least one field under "${collectionName}".`,
			itemIndex,
		});
	}
}
