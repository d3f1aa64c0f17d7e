'use strict';
// Completes package-lock.json with the other platforms' optional binaries.
//
// Why: the npm registry reachable from our build machines does not carry every platform's
// binary package (e.g. @unrs/resolver-binding-darwin-x64, pulled in by jest and the lint
// tooling). `npm install` then leaves them out of the lock file, and `npm ci` refuses a lock
// file that lacks an optional dependency. An entry tagged with its os/cpu is what npm writes
// where the registry has them, and `npm ci` skips it on every other platform.
//
// Run after `npm install` changes the lock file: node scripts/complete-lockfile.js
const fs = require('fs');
const path = require('path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = [
	'android',
	'darwin',
	'freebsd',
	'linux',
	'openharmony',
	'win32',
	'netbsd',
	'openbsd',
	'sunos',
	'aix',
];
const CPU = [
	'arm64',
	'x64',
	'ia32',
	'arm',
	'loong64',
	'ppc64',
	'riscv64',
	's390x',
	'wasm32',
	'mips64el',
];

function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const os = OS.find((candidate) => parts.includes(candidate));
	const cpu =
		CPU.find((candidate) => parts.includes(candidate)) ??
		(parts.includes('eabi') || parts.includes('gnueabihf') || parts.includes('musleabihf')
			? 'arm'
			: undefined);
	const libc = parts.some((part) => part.startsWith('musl'))
		? 'musl'
		: parts.some((part) => part.startsWith('gnu'))
			? 'glibc'
			: undefined;
	return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const base = location === '' ? '' : `${location}/`;
		const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
		if (candidates.some((candidate) => packages[candidate])) continue;
		const { os, cpu, libc } = platformOf(name);
		if (!os && !cpu) continue;
		packages[`node_modules/${name}`] = {
			version: version.replace(/^[\^~]/, ''),
			optional: true,
			...(os ? { os: [os] } : {}),
			...(cpu ? { cpu: [cpu] } : {}),
			...(libc ? { libc: [libc] } : {}),
		};
		added++;
	}
}

lock.packages = Object.fromEntries(
	Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: added ${added} platform-specific optional entries\n`);
