'use strict';
// What a release needs to be verified by n8n (issue 12): the GitHub workflows that test and
// publish with provenance (linted by actionlint), a changelog entry for the version, and n8n's
// scanner, whose static analysis must pass on our source and find a package that breaks its rules.
const fs = require('fs');
const os = require('os');
const path = require('path');
const checks = require('../../scripts/lib/package-checks');

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');

describe('GitHub workflows', () => {
	test('actionlint finds no problem in .github/workflows (ci.yml and publish.yml)', async () => {
		const files = checks.workflowFiles(root);
		expect(files.map((file) => path.basename(file))).toEqual(['ci.yml', 'publish.yml']);
		expect(await checks.lintWorkflows(files)).toEqual([]);
	});

	test('actionlint does find a broken workflow (an unknown key, a bad expression)', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionlint-'));
		const file = path.join(dir, 'broken.yml');
		fs.writeFileSync(
			file,
			[
				'on: push',
				'jobs:',
				'  test:',
				'    runs-on: ubuntu-latest',
				'    step:',
				'      - run: echo ${{ github.nothing_here }}',
				'',
			].join('\n'),
		);
		try {
			const problems = await checks.lintWorkflows([file]);
			expect(problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['syntax-check']));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('CI runs what .ci/run runs', () => {
		expect(read('.github/workflows/ci.yml')).toMatch(/^\s+run: bash \.ci\/run$/m);
	});

	test('publish: on a version tag, with id-token: write, checks then npm publish --provenance', () => {
		const text = read('.github/workflows/publish.yml');
		expect(text).toMatch(/^ {2}push:\n {4}tags: \['v\*\.\*\.\*'\]$/m);
		expect(text).toMatch(/^ {6}id-token: write$/m);
		const steps = ['npm ci', 'npm run lint', 'npm test', 'npm run test:e2e', 'npm run build'].map(
			(command) => text.indexOf(`run: ${command}\n`),
		);
		for (const at of steps) expect(at).toBeGreaterThan(0);
		expect([...steps].sort((a, b) => a - b)).toEqual(steps);
		const publish = text.indexOf('run: npm publish --provenance --access public');
		expect(publish).toBeGreaterThan(Math.max(...steps));
	});
});

describe('version and changelog', () => {
	test('CHANGELOG.md has an entry for package.json’s version, first', () => {
		const versions = [...read('CHANGELOG.md').matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map(
			(m) => m[1],
		);
		expect(versions[0]).toBe(pkg.version);
		// The publish workflow's own check finds it the same way.
		expect(read('CHANGELOG.md')).toMatch(
			new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'),
		);
	});
});

describe("n8n's scanner (@n8n/scan-community-package static analysis)", () => {
	// The first run installs the scanner into the cache folder (about 30 s on 2 cores).
	jest.setTimeout(5 * 60 * 1000);

	test('passes on this repository’s source', async () => {
		const result = await checks.scanPackage(root, 'source');
		expect(result.details).toBe('');
		expect(result.passed).toBe(true);
	});

	test('fails a package whose node uses setTimeout, process and axios, naming the rules', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanner-bad-'));
		try {
			fs.mkdirSync(path.join(dir, 'nodes', 'Bad'), { recursive: true });
			fs.writeFileSync(
				path.join(dir, 'package.json'),
				JSON.stringify({ ...pkg, name: 'n8n-nodes-bad', devDependencies: {} }, null, 2),
			);
			fs.writeFileSync(
				path.join(dir, 'nodes', 'Bad', 'Bad.node.ts'),
				[
					"import axios from 'axios';",
					'export async function poll() {',
					'\tsetTimeout(() => undefined, 10);',
					'\treturn [process.env.SECRET, axios];',
					'}',
					'',
				].join('\n'),
			);
			const result = await checks.scanPackage(dir, 'source');
			expect(result.passed).toBe(false);
			expect(result.details).toContain('@n8n/community-nodes/no-restricted-imports');
			expect(result.details).toContain('@n8n/community-nodes/no-restricted-globals');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
