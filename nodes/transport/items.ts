import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

interface ErrorWithContext {
	message?: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
}

/**
 * The item a failed input item becomes under "Continue On Fail": Alteryx's message, and under
 * `details` the field messages, the status and the hint, paired with the input item so nothing
 * is silently lost. The shape is n8n's own: an item whose JSON holds only `error`, `message` and
 * `details` goes to the error output under "Continue (using error output)". (Setting
 * `item.error` instead would make n8n replace the JSON with the bare message.)
 */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const failure = (error ?? {}) as ErrorWithContext;
	const details: IDataObject = {};
	if (failure.description) details.description = failure.description;
	if (failure.httpCode) details.httpCode = failure.httpCode;
	if (failure.context?.modelState) details.modelState = failure.context.modelState;
	const json: IDataObject = { error: failure.message ?? String(error) };
	if (Object.keys(details).length > 0) json.details = details;
	return { json, pairedItem: { item: itemIndex } };
}

/** n8n shows which item failed from `context.itemIndex`; errors from helpers lack it. */
export function withItemIndex(error: unknown, node: INode, itemIndex: number): Error {
	if (error && typeof error === 'object' && 'context' in error) {
		const context = (error as { context: IDataObject }).context;
		if (context && context.itemIndex === undefined) context.itemIndex = itemIndex;
		return error as unknown as Error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
