'use strict';
// Issue 12.4 and 12.5 in a real n8n 2.41: what the editor's nodes panel makes of the packed
// package. The test reads the node types the editor receives (GET /types/nodes.json) and
// rebuilds from them, as n8n 2.41.1's editor does (packages/frontend/editor-ui, node creator):
//  - the action list of a node (useActionsGeneration.ts): actions from the Event property of a
//    trigger (triggersCategory), from `operation` of a node without resources
//    (operationsCategory) and, per option of `resource` in its order, from the first `operation`
//    property shown for that resource (resourceCategories), labelled "<Action of option> " or
//    "<Resource> <Operation>"; a trigger is merged into the node of its name without "Trigger",
//    whose panel entry then shows the trigger's description (generateMergedNodesAndActions);
//  - the order the panel shows a node's actions in (useActions.ts injectActionsLabels: the
//    order above, with a "<Resource> Actions" label before each resource's first action);
//  - the search (@n8n/utils sublimeSearch + reRankSearchResults, as bundled in 2.41.1: weights
//    1.3 for displayName and 1 for codex.alias, unmatched letter penalty -2.5), over the panel's
//    entries for the nodes panel (AI sub-nodes left out, as the panel does without AI nodes on
//    the canvas; plus the editor's bundled node popularity) and over the action items of a node.
//    In 2.41 the panel opens an installed community node as "Node details", a list of its
//    actions without a search field (hasSearch: false, checked below): there, what a user can
//    search for is the entry (its name and codex aliases), and the action names are read in the
//    list. The action search is still checked, for the views that search actions.
//    Not reproduced: the AI "mode" actions, the Ask AI / evaluation node filters and the
//    credential-only HTTP Request entries (from the credential types), which concern no node of
//    this package.
// docs/nodes-panel*.png are the same panel in Chromium (docs/server-node-screenshot.js).
// The editor bundle of the n8n under test is checked for the search keys, weights and constants
// reproduced here, so a newer n8n that searches differently fails this test instead of passing
// it on a stale copy.
const fs = require('fs');
const path = require('path');
const h = require('./helpers');
const { httpRequest } = require('../../scripts/lib/n8n');

const SERVER = `${h.NODE_PREFIX}alteryxServer`;
const RUN_AND_WAIT = 'Run a workflow and wait for its job';
const GET_JOB = 'Get a job and its result';
const DOWNLOAD_OUTPUT = 'Download an output file of a job';

// ---- the editor's search (n8n 2.41.1 bundle: sublimeSearch, fuzzyMatch, reRankSearchResults) ---
const SEARCH_KEYS = [
	{ key: 'displayName', weight: 1.3 },
	{ key: 'alias', weight: 1 },
];

function fuzzyMatchSimple(pattern, target) {
	let p = 0;
	let t = 0;
	while (p < pattern.length && t < target.length) {
		if (pattern.charAt(p).toLowerCase() === target.charAt(t).toLowerCase()) p++;
		++t;
	}
	return pattern.length !== 0 && target.length !== 0 && p === pattern.length;
}

function fuzzyMatchRecursive(pattern, target, pIdx, tIdx, srcMatches, matches, nextMatch, depth) {
	let outScore = 0;
	if (++depth >= 5 || pIdx === pattern.length || tIdx === target.length)
		return { matched: false, outScore };
	let recursiveMatch = false;
	let bestRecursiveScore = 0;
	let firstMatch = true;
	while (pIdx < pattern.length && tIdx < target.length) {
		if (pattern[pIdx].toLowerCase() === target[tIdx].toLowerCase()) {
			if (nextMatch >= 256) return { matched: false, outScore };
			if (firstMatch && srcMatches) {
				matches = [...srcMatches];
				firstMatch = false;
			}
			const recursive = fuzzyMatchRecursive(
				pattern,
				target,
				pIdx,
				tIdx + 1,
				matches,
				[],
				nextMatch,
				depth,
			);
			if (recursive.matched) {
				if (!recursiveMatch || recursive.outScore > bestRecursiveScore)
					bestRecursiveScore = recursive.outScore;
				recursiveMatch = true;
			}
			matches[nextMatch++] = tIdx;
			++pIdx;
		}
		++tIdx;
	}
	if (pIdx !== pattern.length) return { matched: false, outScore };
	outScore = 100;
	if (!target.toLowerCase().startsWith('n8n')) outScore += Math.max(-200, -20 * matches[0]);
	outScore += -2.5 * (target.length - nextMatch);
	for (let i = 0; i < nextMatch; i++) {
		const current = matches[i];
		if (i > 0 && current === matches[i - 1] + 1) outScore += 60;
		if (current > 0) {
			const neighbour = target[current - 1];
			const char = target[current];
			if (neighbour !== neighbour.toUpperCase() && char !== char.toLowerCase()) outScore += 30;
			if (neighbour === '_' || neighbour === ' ') outScore += 38;
		} else outScore += 15;
	}
	if (recursiveMatch && bestRecursiveScore > outScore)
		return { matched: true, outScore: bestRecursiveScore };
	return { matched: true, outScore };
}

/** The editor's search: entries { key, displayName, alias[] }, best first. */
function search(filter, entries, popularity = {}) {
	const query = filter.toLowerCase();
	const results = [];
	for (const entry of entries) {
		let best;
		for (const { key, weight } of SEARCH_KEYS) {
			const values = [].concat(entry[key] ?? []).filter((value) => typeof value === 'string');
			for (const value of values) {
				if (!fuzzyMatchSimple(query, value)) continue;
				const match = fuzzyMatchRecursive(query, value, 0, 0, null, [], 0, 0);
				if (match.matched && (best === undefined || match.outScore * weight > best))
					best = match.outScore * weight;
			}
		}
		if (best !== undefined) results.push({ score: best + (popularity[entry.key] ?? 0), entry });
	}
	return results.sort((a, b) => b.score - a.score).map(({ entry }) => entry);
}

// ---- the editor's action list (useActionsGeneration.ts, useActions.ts) -------------------------
const startCase = (text) =>
	text
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join(' ');
const defaultVersion = (type) =>
	typeof type.defaultVersion === 'number'
		? type.defaultVersion
		: Array.isArray(type.version)
			? Math.max(...type.version)
			: type.version;
const shownForVersion = (property, version) => {
	const versions = property.displayOptions?.show?.['@version'];
	return !versions || versions.some((v) => v === version || (typeof v === 'object' && v));
};

function nodeActions(type) {
	const version = defaultVersion(type);
	const category = type.group.includes('trigger') ? 'Triggers' : 'Actions';
	const action = (label, displayName, actionKey, description) => ({
		key: type.name,
		actionKey,
		displayName,
		description: description ?? '',
		label,
		category,
	});
	const actions = [];
	// triggersCategory
	if (type.displayName.toLowerCase().includes('trigger')) {
		const events = type.properties.find((p) =>
			['event', 'events', 'trigger on'].includes(p.displayName?.toLowerCase()),
		);
		for (const option of events?.options ?? []) {
			if (['*', '', ' '].includes(option.name)) continue;
			const event = option.name.split('.').join(' ').toLowerCase();
			actions.push(action('', option.action ?? `On ${event}`, option.value, option.description));
		}
	}
	const resource = type.properties.find(
		(p) => p.name === 'resource' && shownForVersion(p, version),
	);
	// operationsCategory
	if (!resource) {
		const operation = type.properties.find((p) => p.name?.toLowerCase() === 'operation');
		for (const option of operation?.options ?? []) {
			if (['*', '', ' '].includes(option.name)) continue;
			actions.push(
				action('', option.action ?? startCase(option.name), option.value, option.description),
			);
		}
	}
	// resourceCategories
	const resources = (resource?.options ?? []).filter((o) => o.value !== '__CUSTOM_API_CALL__');
	for (const option of resources) {
		const operations = type.properties.find(
			(p) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.resource?.includes(option.value) ?? resources.length === 1) &&
				shownForVersion(p, version),
		);
		for (const op of operations?.options ?? []) {
			actions.push(
				action(
					`${option.name} Actions`,
					op.action ?? `${option.name} ${startCase(op.name)}`,
					op.value,
					op.description,
				),
			);
		}
	}
	return actions;
}

/** generateMergedNodesAndActions: the panel's entries and each entry's actions. */
function nodesPanel(types) {
	// nodes.json lists each version of a node type; the panel uses the latest of each.
	const latest = new Map();
	const newest = (type) => Math.max(...[].concat(type.version));
	for (const type of types)
		if (!latest.has(type.name) || newest(type) > newest(latest.get(type.name)))
			latest.set(type.name, type);
	const visible = [...latest.values()].filter((type) => !type.hidden);
	const entries = [];
	const actions = {};
	const filterActions = (list) =>
		list.length <= 1 ? [] : list.filter((a) => a.actionKey !== '__CUSTOM_API_CALL__');
	for (const type of visible.filter((t) => !t.group.includes('trigger'))) {
		actions[type.name] = nodeActions(type);
		entries.push({
			key: type.name,
			displayName: type.displayName,
			description: type.description,
			alias: type.codex?.alias ?? [],
			codex: type.codex ?? {},
			iconUrl: type.iconUrl,
		});
	}
	for (const trigger of visible.filter((t) => t.group.includes('trigger'))) {
		const appName = trigger.name.replace('Trigger', '');
		const app = entries.find((entry) => entry.key === appName);
		const triggerActions = nodeActions(trigger);
		if (app && actions[appName]?.length > 0) {
			actions[appName] = filterActions([...actions[appName], ...triggerActions]);
			app.description = trigger.description;
		} else {
			actions[trigger.name] = filterActions(triggerActions);
			entries.push({
				key: trigger.name,
				displayName: trigger.displayName,
				description: trigger.description,
				alias: trigger.codex?.alias ?? [],
				codex: trigger.codex ?? {},
				iconUrl: trigger.iconUrl,
			});
		}
	}
	return { entries, actions };
}

/** What the Actions section of a node shows: its actions in order, a label before each group. */
function shownActions(actions) {
	const shown = [];
	const labels = new Set(actions.map((a) => a.label));
	let previous;
	for (const a of actions.filter((x) => x.category === 'Actions')) {
		if (labels.size > 1 && a.label !== previous && !shown.includes(`# ${a.label}`))
			shown.push(`# ${a.label}`);
		previous = a.label;
		shown.push(a.displayName);
	}
	return shown;
}

const isAiSubNode = (entry) =>
	entry.codex.categories?.includes('AI') && !entry.codex.subcategories?.AI?.includes('Root Nodes');

// ---- the test ------------------------------------------------------------------------------------
let suite;
let types;
let panel;
let popularity;
beforeAll(async () => {
	suite = await h.startSuite('nodes-panel');
	const started = await suite.n8n.start();
	try {
		const cookie = await h.ownerCookie(started, 'Panel');
		const res = await httpRequest('GET', `${started.url}/types/nodes.json`, undefined, { cookie });
		expect(res.status).toBe(200);
		types = res.json;
		const icons = {};
		for (const type of types.filter((t) => t.name.startsWith(h.NODE_PREFIX))) {
			for (const variant of ['light', 'dark']) {
				const url = type.iconUrl?.[variant];
				if (!url) continue;
				const icon = await httpRequest('GET', `${started.url}/${url}`, undefined, { cookie });
				icons[url] = { status: icon.status, body: icon.body ?? icon.text };
			}
		}
		suite.icons = icons;
	} catch (error) {
		suite.failed = true;
		throw error;
	} finally {
		await suite.n8n.stop();
	}
	panel = nodesPanel(types);
	const assets = path.join(suite.state.n8n.dir, 'node_modules/n8n-editor-ui/dist/assets');
	const bundle = fs
		.readdirSync(assets)
		.filter((file) => file.endsWith('.js'))
		.map((file) => fs.readFileSync(path.join(assets, file), 'utf8'))
		.join('\n');
	suite.bundle = bundle;
	popularity = {};
	for (const [, id, value] of bundle.matchAll(/\{id:`([^`]+)`,popularity:([0-9.e-]+)\}/g))
		popularity[id] = Number(value) * 100;
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

test('the n8n under test searches the fields and with the scoring reproduced here', () => {
	expect(suite.bundle).toContain(
		'[{key:`properties.displayName`,weight:1.3},{key:`properties.codex.alias`,weight:1}]',
	);
	expect(suite.bundle).toMatch(/=60,\w+=38,\w+=30,\w+=15,\w+=-20,\w+=-200,\$?\w+=-2\.5,/);
	expect(suite.bundle).toContain('.replace(`Trigger`,``)');
	expect(suite.bundle).toMatch(
		/\(`nodeSettings\.communityNodeDetails\.title`\),rootView:\w+,hasSearch:!1,mode:`actions`/,
	);
	expect(Object.keys(popularity).length).toBeGreaterThan(100);
});

test('Alteryx Server: the Workflow actions come first, "Run a workflow and wait for its job" among the first 8 rows, the Job actions next', () => {
	const shown = shownActions(panel.actions[SERVER]);
	// The operations of a resource stay alphabetical (n8n's verification scanner requires it), so
	// Run is the 7th Workflow action; the resources are ordered by the package.
	expect(shown[0]).toBe('# Workflow Actions');
	expect(shown.indexOf(RUN_AND_WAIT)).toBeLessThan(8);
	const jobLabel = shown.indexOf('# Job Actions');
	expect(shown.slice(jobLabel + 1, jobLabel + 6)).toEqual(
		expect.arrayContaining([GET_JOB, DOWNLOAD_OUTPUT]),
	);
	expect(shown.filter((line) => line.startsWith('# ')).slice(0, 2)).toEqual([
		'# Workflow Actions',
		'# Job Actions',
	]);
	// The trigger's events are the entry's triggers.
	const triggers = panel.actions[SERVER].filter((a) => a.category === 'Triggers');
	expect(triggers.map((a) => a.displayName)).toContain('On job finished');
	process.stdout.write(
		`[nodes panel] Alteryx Server: ${panel.actions[SERVER].length} actions; first: ${shown.slice(0, 4).join(' | ')}; Job actions at ${jobLabel}\n`,
	);
});

test.each([
	['wait', RUN_AND_WAIT, []],
	['job', GET_JOB, [RUN_AND_WAIT, DOWNLOAD_OUTPUT]],
	['output', DOWNLOAD_OUTPUT, []],
])(
	'searching "%s" among the Alteryx Server actions shows "%s" first under Actions',
	(query, first, alsoFound) => {
		const found = search(
			query,
			panel.actions[SERVER].map((a) => ({ ...a, alias: [] })),
		);
		// The panel shows the matches in two sections, Actions and Triggers, each in score order.
		const actions = found.filter((a) => a.category === 'Actions').map((a) => a.displayName);
		process.stdout.write(
			`[nodes panel] actions for "${query}" (${actions.length}): ${actions.slice(0, 4).join(' | ')}\n`,
		);
		expect(actions[0]).toBe(first);
		expect(actions).toEqual(expect.arrayContaining(alsoFound));
	},
);

test.each(['wait', 'run and wait', 'job', 'output', 'alteryx'])(
	'searching "%s" in the nodes panel finds Alteryx Server first of the Alteryx nodes',
	(query) => {
		const base = panel.entries.filter((entry) => !isAiSubNode(entry));
		const found = search(query, base, popularity).map((entry) => entry.key);
		const alteryx = found.filter((key) => key.startsWith(h.NODE_PREFIX));
		process.stdout.write(
			`[nodes panel] "${query}": Alteryx Server is result ${found.indexOf(SERVER) + 1} of ${found.length}; Alteryx nodes: ${alteryx.map((k) => k.slice(h.NODE_PREFIX.length)).join(', ')}\n`,
		);
		expect(alteryx[0]).toBe(SERVER);
		// "wait" also finds n8n's Wait node and the send-and-wait nodes, which have the editor's
		// popularity bonus that no community node gets.
		expect(found.indexOf(SERVER)).toBeLessThan(query === 'wait' ? 15 : 2);
	},
);

test('each Alteryx entry has its own icon, served by n8n, and a description that leads to Alteryx Server', () => {
	const entries = panel.entries.filter(
		(entry) => entry.key.startsWith(h.NODE_PREFIX) && !isAiSubNode(entry),
	);
	expect(entries.map((entry) => entry.key.slice(h.NODE_PREFIX.length)).sort()).toEqual(
		[
			'alteryxAuthenticate',
			'alteryxCloud',
			'alteryxDelete',
			'alteryxGallery',
			'alteryxGet',
			'alteryxPost',
			'alteryxPut',
			'alteryxServer',
		].sort(),
	);
	const ours = types.filter(
		(type) => type.name.startsWith(h.NODE_PREFIX) && !type.name.endsWith('Tool'),
	);
	for (const variant of ['light', 'dark']) {
		const urls = ours.map((type) => type.iconUrl[variant]);
		expect(new Set(urls).size).toBe(ours.length);
		const bodies = urls.map((url) => suite.icons[url]);
		expect(bodies.every((icon) => icon.status === 200 && /^<svg /.test(String(icon.body)))).toBe(
			true,
		);
		expect(new Set(bodies.map((icon) => String(icon.body))).size).toBe(ours.length);
	}
	const byName = Object.fromEntries(entries.map((entry) => [entry.key, entry]));
	// The panel shows the trigger's description for the merged Alteryx Server entry.
	expect(byName[SERVER].description).toMatch(/^Run workflows and wait for their jobs/);
	for (const verb of ['Get', 'Post', 'Put', 'Delete'])
		expect(byName[`${h.NODE_PREFIX}alteryx${verb}`].description).toMatch(
			/^Raw (GET|POST|PUT|DELETE) request .* the Alteryx Server node doesn’t cover/,
		);
	for (const type of ours) expect([type.name, typeof type.subtitle]).toEqual([type.name, 'string']);
});
