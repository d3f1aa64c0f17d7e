import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

/** Polls of a trigger node running now in this process (n8n may start one before the last ended). */
const pollsInFlight = new Set<string>();

/**
 * One active poll of a trigger node: a poll that overlaps a running one of the same node returns
 * null; a failed poll's error says that the trigger's state did not move.
 */
export async function guardedPoll(
	context: IPollFunctions,
	poll: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[][] | null> {
	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	if (pollsInFlight.has(key)) return null;
	pollsInFlight.add(key);
	try {
		const items = await poll();
		return items.length > 0 ? [items] : null;
	} catch (error) {
		throw unmoved(error);
	} finally {
		pollsInFlight.delete(key);
	}
}

/** A failed poll's error says that nothing was lost: the trigger's state did not move. */
function unmoved(error: unknown): unknown {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const note =
			'The trigger did not move on: the next poll looks at the same jobs, runs and changes again, so none is missed.';
		error.description = [error.description, note].filter(Boolean).join(' ');
	}
	return error;
}
