'use strict';
// Issue 12.5: each node is recognisable at a glance: its own icon (light and dark), a subtitle
// that says what this node does, and a description that points to the Alteryx Server node first.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const NODES = {
	AlteryxServer: require('../../nodes/AlteryxServer/AlteryxServer.node').AlteryxServer,
	AlteryxServerTrigger: require('../../nodes/AlteryxServerTrigger/AlteryxServerTrigger.node')
		.AlteryxServerTrigger,
	AlteryxCloudTrigger: require('../../nodes/AlteryxCloudTrigger/AlteryxCloudTrigger.node')
		.AlteryxCloudTrigger,
	AlteryxGet: require('../../nodes/AlteryxGet/AlteryxGet.node').AlteryxGet,
	AlteryxPost: require('../../nodes/AlteryxPost/AlteryxPost.node').AlteryxPost,
	AlteryxPut: require('../../nodes/AlteryxPut/AlteryxPut.node').AlteryxPut,
	AlteryxDelete: require('../../nodes/AlteryxDelete/AlteryxDelete.node').AlteryxDelete,
	AlteryxAuthenticate: require('../../nodes/AlteryxAuthenticate/AlteryxAuthenticate.node')
		.AlteryxAuthenticate,
	AlteryxGallery: require('../../nodes/AlteryxGallery/AlteryxGallery.node').AlteryxGallery,
	AlteryxCloud: require('../../nodes/AlteryxCloud/AlteryxCloud.node').AlteryxCloud,
};
const VERBS = {
	AlteryxGet: 'GET',
	AlteryxPost: 'POST',
	AlteryxPut: 'PUT',
	AlteryxDelete: 'DELETE',
};
const descriptions = Object.fromEntries(
	Object.entries(NODES).map(([folder, NodeClass]) => [folder, new NodeClass().description]),
);

/** The file an `icon: 'file:…'` of nodes/<folder>/<folder>.node.ts points to. */
const iconFile = (folder, icon) => path.resolve(root, 'nodes', folder, icon.replace(/^file:/, ''));
const sha = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Evaluates a subtitle expression (`={{ … }}`, plain JavaScript over `$parameter`) the way the
 * editor does for these simple ones; a plain string is returned as it is.
 */
function subtitleOf(subtitle, parameters) {
	const match = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle);
	if (!match) return subtitle;
	return new Function('$parameter', `return (${match[1]});`)(parameters);
}

describe.each(Object.keys(NODES))('%s', (folder) => {
	const { icon } = descriptions[folder];

	test('has a light and a dark SVG icon that exist, small, and differ from each other', () => {
		expect(Object.keys(icon).sort()).toEqual(['dark', 'light']);
		for (const variant of ['light', 'dark']) {
			const file = iconFile(folder, icon[variant]);
			expect(file).toMatch(/\.svg$/);
			const svg = fs.readFileSync(file, 'utf8');
			expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 64 64"/);
			expect(svg.length).toBeLessThan(2048);
		}
		expect(sha(iconFile(folder, icon.light))).not.toBe(sha(iconFile(folder, icon.dark)));
	});
});

test('no two nodes share an icon (light or dark), and the credential keeps the plain Alteryx mark', () => {
	for (const variant of ['light', 'dark']) {
		const hashes = Object.entries(descriptions).map(([folder, { icon }]) =>
			sha(iconFile(folder, icon[variant])),
		);
		expect(new Set(hashes).size).toBe(hashes.length);
	}
	expect(descriptions.AlteryxServer.icon.light).toBe('file:../../icons/alteryx.svg');
	const credential = fs.readFileSync(
		path.join(root, 'credentials/AlteryxServerOAuth2Api.credentials.ts'),
		'utf8',
	);
	expect(credential).toContain("light: 'file:../icons/alteryx.svg'");
});

test('every icon file in icons/ is used by a node or the credential, and the build copies icons/', () => {
	const used = new Set(
		Object.entries(descriptions).flatMap(([folder, { icon }]) =>
			Object.values(icon).map((file) => path.basename(iconFile(folder, file))),
		),
	);
	used.add('alteryx.dark.svg');
	expect(fs.readdirSync(path.join(root, 'icons')).sort()).toEqual([...used].sort());
	expect(fs.readFileSync(path.join(root, 'gulpfile.js'), 'utf8')).toContain("'icons/**/*.svg'");
});

test.each(Object.entries(VERBS))(
	'%s: the subtitle shows the method and the endpoint; the description says it is the raw call',
	(folder, verb) => {
		const { subtitle, description } = descriptions[folder];
		expect(subtitleOf(subtitle, { endpoint: 'v3/workflows' })).toBe(`${verb} v3/workflows`);
		expect(description).toMatch(new RegExp(`^Raw ${verb} request`));
		expect(description).toContain('Alteryx Server node doesn’t cover');
	},
);

test('Alteryx Server: the subtitle names the resource and operation, and Run and Wait while it waits', () => {
	const { subtitle } = descriptions.AlteryxServer;
	const workflowRun = { resource: 'workflow', operation: 'run', waitForCompletion: true };
	expect(subtitleOf(subtitle, workflowRun)).toBe('Workflow: Run and Wait');
	expect(subtitleOf(subtitle, { ...workflowRun, waitForCompletion: false })).toBe('Workflow: Run');
	expect(subtitleOf(subtitle, { resource: 'job', operation: 'downloadOutput' })).toBe(
		'Job: Download Output',
	);
	expect(subtitleOf(subtitle, { resource: 'userGroup', operation: 'addUser' })).toBe(
		'User Group: Add User',
	);
	expect(descriptions.AlteryxServer.description).toMatch(/^Run workflows and wait for their jobs/);
});

test('Alteryx Gallery: the subtitle names the resource and operation, and Run and Wait while it waits', () => {
	const { subtitle } = descriptions.AlteryxGallery;
	expect(subtitleOf(subtitle, { resource: 'workflow', operation: 'run' })).toBe(
		'Workflow: Run and Wait',
	);
	expect(
		subtitleOf(subtitle, { resource: 'workflow', operation: 'run', waitForCompletion: false }),
	).toBe('Workflow: Run');
	expect(subtitleOf(subtitle, { resource: 'job', operation: 'downloadOutput' })).toBe(
		'Job: Download Output',
	);
	expect(subtitleOf(subtitle, { resource: 'workflow', operation: 'getQuestions' })).toBe(
		'Workflow: Get Questions',
	);
});

test('the trigger names its event; Authenticate says when to use it', () => {
	expect(subtitleOf(descriptions.AlteryxServerTrigger.subtitle, { event: 'jobFinished' })).toBe(
		'Job Finished',
	);
	expect(
		subtitleOf(descriptions.AlteryxServerTrigger.subtitle, {
			event: 'scheduleFailedOrDisabled',
		}),
	).toBe('Schedule Failed or Disabled');
	expect(descriptions.AlteryxAuthenticate.subtitle).toBe('Get an access token');
	expect(descriptions.AlteryxAuthenticate.description).toMatch(/^Only when a later step needs/);
});

test('each node has search aliases in its codex file', () => {
	for (const folder of Object.keys(NODES)) {
		const codex = JSON.parse(
			fs.readFileSync(path.join(root, 'nodes', folder, `${folder}.node.json`), 'utf8'),
		);
		expect([folder, codex.alias.length > 0]).toEqual([folder, true]);
	}
});

test('Alteryx Analytics Cloud: the subtitle names the resource and operation', () => {
	const { subtitle } = descriptions.AlteryxCloud;
	expect(subtitleOf(subtitle, { resource: 'plan', operation: 'runAndWait' })).toBe(
		'Plan: Run and Wait',
	);
	expect(subtitleOf(subtitle, { resource: 'jobGroup', operation: 'getStatus' })).toBe(
		'Job Group: Get Status',
	);
});
