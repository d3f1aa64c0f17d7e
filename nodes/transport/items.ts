import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

interface ErrorWithContext {
	message?: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
}

/**
 * The item a failed input item becomes under "Continue On Fail": Alteryx's message, the
 * field messages and the status, paired with the input item so nothing is silently lost.
 * The error itself rides on `item.error`, which is how n8n recognises an error item and
 * routes it to the error output ("Continue (using error output)"); without it, an item with
 * more JSON fields than `error` would leave through the success output.
 */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const failure = (error ?? {}) as ErrorWithContext;
	const json: IDataObject = { error: failure.message ?? String(error) };
	if (failure.description) json.description = failure.description;
	if (failure.httpCode) json.httpCode = failure.httpCode;
	if (failure.context?.modelState) json.modelState = failure.context.modelState;
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) item.error = error;
	return item;
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
