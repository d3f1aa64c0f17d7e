'use strict';

// Alteryx Server stores its assets in MongoDB, so every V3 id is a 24-hex ObjectId
// (4 bytes of seconds since the epoch, then process-unique bytes, then a counter).
const crypto = require('node:crypto');

const processBytes = crypto.randomBytes(5).toString('hex');
let counter = crypto.randomBytes(3).readUIntBE(0, 3);

function objectId(date = new Date()) {
	counter = (counter + 1) % 0xffffff;
	const seconds = Math.floor(date.getTime() / 1000)
		.toString(16)
		.padStart(8, '0');
	return seconds + processBytes + counter.toString(16).padStart(6, '0');
}

function isObjectId(value) {
	return typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value);
}

// DCM (Data Connection Manager) objects are keyed by GUIDs rather than ObjectIds.
function guid() {
	return crypto.randomUUID();
}

// Usage events are keyed by ULIDs: 48-bit millisecond time + 80 random bits, Crockford base32.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function ulid(timeMs = Date.now(), randomBytes = crypto.randomBytes(10)) {
	let time = '';
	let t = timeMs;
	for (let i = 0; i < 10; i++) {
		time = CROCKFORD[t % 32] + time;
		t = Math.floor(t / 32);
	}
	let bits = 0n;
	for (const byte of randomBytes) bits = (bits << 8n) | BigInt(byte);
	let random = '';
	for (let i = 0; i < 16; i++) {
		random = CROCKFORD[Number(bits & 31n)] + random;
		bits >>= 5n;
	}
	return time + random;
}

function isUlid(value) {
	return typeof value === 'string' && /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i.test(value);
}

// Deterministic random-looking secrets for seeded API clients, so the CLI can print them and
// tests can rely on them without reading emulator state.
function derivedHex(label, length) {
	return crypto.createHash('sha256').update(label).digest('hex').slice(0, length);
}

module.exports = { objectId, isObjectId, guid, ulid, isUlid, derivedHex };
