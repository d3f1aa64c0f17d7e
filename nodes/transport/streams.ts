import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A Node.js Readable as n8n's helpers hand it out. Named through n8n's helper types: a
 * community node may not import 'stream', not even its types.
 */
export type ByteStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/**
 * A request body read from n8n's binary data store rather than held in memory. It is opened
 * again for every send (a retry, a redirect, the resend after a 401), because a stream can be
 * read only once. `open` may also give the bytes (the store holds the file in memory).
 */
export class StreamBody {
	constructor(
		readonly open: () => Promise<ByteStream | Buffer>,
		/** The number of bytes, when known: sent as Content-Length (no chunked encoding). */
		readonly length: number | undefined,
	) {}
}

export function isByteStream(value: unknown): value is ByteStream {
	return (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { pipe?: unknown }).pipe === 'function' &&
		typeof (value as { on?: unknown }).on === 'function'
	);
}

/**
 * The bytes of a stream, at most `limit` of them: a longer stream is not read further (and is
 * destroyed), `complete` then says false.
 */
export async function readStream(
	stream: ByteStream,
	limit = Number.POSITIVE_INFINITY,
): Promise<{ body: Buffer; complete: boolean }> {
	const chunks: Buffer[] = [];
	let size = 0;
	// Leaving the loop early ends the iterator, which destroys the stream.
	for await (const chunk of stream) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		if (size + bytes.length > limit) {
			chunks.push(bytes.subarray(0, limit - size));
			return { body: Buffer.concat(chunks), complete: false };
		}
		chunks.push(bytes);
		size += bytes.length;
	}
	return { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), complete: true };
}

/**
 * One stream of several pieces, bytes and streams, read in order. The Readable class comes from
 * the first stream's constructor (fs.ReadStream inherits Readable.from), since 'stream' cannot
 * be imported here; without one the pieces are read into a Buffer. Every source stream is
 * destroyed when the result closes, also when it was never read.
 */
export async function concatStreams(
	pieces: Array<Buffer | StreamBody>,
): Promise<ByteStream | Buffer> {
	const opened: Array<ByteStream | Buffer> = [];
	let allOpened = false;
	try {
		for (const piece of pieces) if (piece instanceof StreamBody) opened.push(await piece.open());
		allOpened = true;
	} finally {
		if (!allOpened) destroyAll(opened);
	}
	const streams = opened.filter(isByteStream);
	const from = streams.length > 0 ? readableFromOf(streams[0]) : undefined;
	if (!from) {
		const buffers: Buffer[] = [];
		let next = 0;
		for (const piece of pieces) {
			if (Buffer.isBuffer(piece)) buffers.push(piece);
			else {
				const source = opened[next++];
				buffers.push(isByteStream(source) ? (await readStream(source)).body : source);
			}
		}
		return Buffer.concat(buffers);
	}
	async function* chunks() {
		let next = 0;
		for (const piece of pieces) {
			if (Buffer.isBuffer(piece)) {
				yield piece;
				continue;
			}
			const source = opened[next++];
			if (Buffer.isBuffer(source)) yield source;
			else for await (const chunk of source) yield chunk as Buffer;
		}
	}
	const result = from(chunks());
	result.once('close', () => destroyAll(opened));
	return result;
}

function readableFromOf(
	stream: ByteStream,
): ((source: AsyncIterable<Buffer>) => ByteStream) | undefined {
	const constructor = stream.constructor as {
		from?: (source: AsyncIterable<Buffer>, options: { objectMode: boolean }) => ByteStream;
	};
	const from = constructor.from;
	if (typeof from !== 'function') return undefined;
	return (source) => from.call(constructor, source, { objectMode: false });
}

function destroyAll(sources: Array<ByteStream | Buffer>) {
	for (const source of sources) if (isByteStream(source)) source.destroy();
}
