'use strict';

// Minimal ZIP writer/reader. Seeded workflow packages (.yxzp) and Xlsx job outputs are real zip
// files, built here with node:zlib so no dependency is needed.

const zlib = require('node:zlib');

// A fixed timestamp keeps seeded packages byte-for-byte reproducible (2024-09-19 10:02:54).
const DOS_TIME = (10 << 11) | (2 << 5) | (54 >> 1);
const DOS_DATE = ((2024 - 1980) << 9) | (9 << 5) | 19;

/**
 * @param {{ name: string, data: Buffer|string, store?: boolean }[]} entries
 * @returns {Buffer}
 */
function createZip(entries) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const data = Buffer.from(entry.data);
		const deflated = entry.store ? data : zlib.deflateRawSync(data);
		const method = entry.store ? 0 : 8;
		const crc = zlib.crc32(data);

		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(method, 8);
		local.writeUInt16LE(DOS_TIME, 10);
		local.writeUInt16LE(DOS_DATE, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(deflated.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		locals.push(local, name, deflated);

		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4); // version made by
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(method, 10);
		central.writeUInt16LE(DOS_TIME, 12);
		central.writeUInt16LE(DOS_DATE, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(deflated.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);

		offset += local.length + name.length + deflated.length;
	}
	const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, ...centrals, end]);
}

/**
 * Reads the central directory. Returns null when the buffer is not a zip.
 * @returns {{ name: string, read: () => Buffer }[] | null}
 */
function readZip(buffer) {
	if (!Buffer.isBuffer(buffer) || buffer.length < 22) return null;
	let eocd = -1;
	for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
		if (buffer.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd === -1) return null;
	const count = buffer.readUInt16LE(eocd + 10);
	let position = buffer.readUInt32LE(eocd + 16);
	const entries = [];
	try {
		for (let i = 0; i < count; i++) {
			if (buffer.readUInt32LE(position) !== 0x02014b50) return null;
			const method = buffer.readUInt16LE(position + 10);
			const compressedSize = buffer.readUInt32LE(position + 20);
			const nameLength = buffer.readUInt16LE(position + 28);
			const extraLength = buffer.readUInt16LE(position + 30);
			const commentLength = buffer.readUInt16LE(position + 32);
			const localOffset = buffer.readUInt32LE(position + 42);
			const name = buffer.toString('utf8', position + 46, position + 46 + nameLength);
			entries.push({
				name,
				read() {
					const localNameLength = buffer.readUInt16LE(localOffset + 26);
					const localExtraLength = buffer.readUInt16LE(localOffset + 28);
					const start = localOffset + 30 + localNameLength + localExtraLength;
					const raw = buffer.subarray(start, start + compressedSize);
					return method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
				},
			});
			position += 46 + nameLength + extraLength + commentLength;
		}
	} catch {
		return null;
	}
	return entries;
}

module.exports = { createZip, readZip };
