'use strict';
// package.json's `engines.node` is the Node this repository needs: every package `npm ci` installs
// (package-lock.json, the dev tools and what they pull in, e.g. isolated-vm through n8n-core) must
// accept every Node it allows, else `npm ci` prints EBADENGINE on a Node the README calls fine.
const fs = require('fs');
const path = require('path');
const semver = require('semver');

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const ours = pkg.engines && pkg.engines.node;

// Optional packages for another platform are not installed, so npm does not check them.
const installedHere = (entry) =>
	!(entry.os && !entry.os.includes(process.platform)) &&
	!(entry.cpu && !entry.cpu.includes(process.arch));

function declaredEngines() {
	return Object.entries(lock.packages)
		.filter(([where, entry]) => where !== '' && entry.engines && installedHere(entry))
		.map(([where, entry]) => ({
			where,
			version: entry.version,
			node: typeof entry.engines.node === 'string' ? entry.engines.node : undefined,
		}))
		.filter((e) => e.node !== undefined);
}

test('package.json declares a Node range', () => {
	expect(semver.validRange(ours)).toBeTruthy();
});

test("every package npm ci installs accepts every Node that package.json's engines allows", () => {
	const declared = declaredEngines();
	expect(declared.length).toBeGreaterThan(100);
	const refusing = declared
		.filter((e) => semver.validRange(e.node) && !semver.subset(ours, e.node))
		.map((e) => `${e.where}@${e.version} needs node ${e.node}`);
	expect(refusing).toEqual([]);
});

test("each devDependency's own engines field, as installed in node_modules, accepts it too", () => {
	const checked = [];
	for (const name of Object.keys(pkg.devDependencies)) {
		const file = path.join(root, 'node_modules', name, 'package.json');
		const dep = JSON.parse(fs.readFileSync(file, 'utf8'));
		const range = dep.engines && dep.engines.node;
		if (typeof range !== 'string') continue;
		checked.push(name);
		expect({ name, range, ok: semver.subset(ours, range) }).toEqual({ name, range, ok: true });
	}
	expect(checked).toEqual(expect.arrayContaining(['jest', 'eslint', 'typescript']));
});

test("the check can fail: a range wider than isolated-vm's is refused", () => {
	const isolated = declaredEngines().find((e) => e.where === 'node_modules/isolated-vm');
	expect(isolated).toBeDefined();
	expect(semver.subset('>=20.15', isolated.node)).toBe(false);
	expect(semver.subset('>=22.16', isolated.node)).toBe(false);
});

test("the README's Quick start names the same minimum Node as engines", () => {
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const quickStart = readme.slice(readme.indexOf('## Quick start'));
	const minimum = semver.minVersion(ours);
	expect(quickStart.split('\n').slice(0, 4).join('\n')).toContain(`Node.js ${minimum.major}`);
	const toolchain = fs.readFileSync(path.join(root, 'scripts', 'lib', 'toolchain.js'), 'utf8');
	expect(toolchain).toMatch(new RegExp(`MIN_NODE = \\[${minimum.major}, ${minimum.minor}, 0\\]`));
});
