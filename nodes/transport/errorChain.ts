/**
 * The errors nested inside one another: axios puts the network error in `cause`, and n8n's
 * NodeApiError keeps what it wrapped in `errorResponse` (sometimes also `cause`).
 */
export function* errorChain(error: unknown): Generator<object> {
	let current: unknown = error;
	for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
		yield current;
		const wrapper = current as { cause?: unknown; errorResponse?: unknown };
		current =
			wrapper.errorResponse &&
			typeof wrapper.errorResponse === 'object' &&
			wrapper.errorResponse !== current
				? wrapper.errorResponse
				: wrapper.cause;
	}
}
