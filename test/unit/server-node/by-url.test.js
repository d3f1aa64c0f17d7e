'use strict';
// The "By URL" mode of the workflow pickers: which addresses give which id (read the way n8n
// reads them: its extractValue regex and its editor validation), the node resolving such a value
// against the emulator, and the Gallery links of the pickers' list results.

const {
	NodeHelpers,
	safeRegex,
	setSafeRegexEngine,
	resetSafeRegexEngine,
} = require('n8n-workflow');

const { useServerNodeEnvironment, byId, AlteryxServer, SEED_IDS } = require('./setup');
const { createMethodsRunner } = require('./methods-runner');
const {
	galleryAddress,
	workflowPageUrl,
	WORKFLOW_URL_ERROR,
} = require('../../../nodes/AlteryxServer/helpers/galleryUrls');

const { workflows, schedules } = SEED_IDS;
const ID = '66ebd18d3d62000400000002';
const MIXED_CASE_ID = '66EBD18D3D62000400000002';

const description = new AlteryxServer().description;

// n8n runs these patterns (extractValue, the editor's validation) through safeRegex, which on
// Node stops a regex after 250 ms of wall time; on a loaded machine that is a timing. The same
// JavaScript regexes without the stopwatch, for this file (safe-regex.js's browser engine):
beforeAll(() =>
	setSafeRegexEngine({
		exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
		test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
		replace: (pattern, input, flags, replacement) =>
			input.replace(new RegExp(pattern, flags), replacement),
		matchAll: (pattern, input, flags) =>
			Array.from(input.matchAll(new RegExp(pattern, `${flags ?? ''}g`))),
		split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
	}),
);
afterAll(() => resetSafeRegexEngine());

/** The workflowId property of an operation, as the node describes it. */
function workflowIdProperty(operation) {
	return description.properties.find(
		(property) =>
			property.name === 'workflowId' &&
			property.displayOptions?.show?.resource?.includes('workflow') &&
			property.displayOptions?.show?.operation?.includes(operation),
	);
}

const getProperty = workflowIdProperty('get');
const urlMode = getProperty.modes.find((mode) => mode.name === 'url');

/** What n8n-core's extractValue gets out of a value in the url mode (the same call it makes). */
function extract(url) {
	const match = safeRegex.exec(urlMode.extractValue.regex, url, undefined);
	return match ? match[1] : undefined;
}

/** The issues the editor shows for a value, through n8n's own parameter validation. */
function editorIssues(value, mode = 'url') {
	const parameters = {
		resource: 'workflow',
		operation: 'get',
		workflowId: { __rl: true, mode, value },
	};
	const issues = NodeHelpers.getParameterIssues(getProperty, parameters, '', {
		name: 'Alteryx Server',
		type: 'n8n-nodes-alteryx.alteryxServer',
		typeVersion: 1,
		parameters,
	});
	return issues.parameters?.workflowId ?? [];
}

describe('the mode as n8n sees it', () => {
	test('every workflow picker has From List, By URL and By ID; the other pickers are unchanged', () => {
		const locators = description.properties.filter((p) => p.type === 'resourceLocator');
		const nested = description.properties
			.filter((p) => p.type === 'collection')
			.flatMap((p) => p.options.filter((o) => o.type === 'resourceLocator'));
		const modesOf = (p) => p.modes.map((mode) => mode.name);
		for (const property of [...locators, ...nested]) {
			if (property.name === 'workflowId') {
				expect(modesOf(property)).toEqual(['list', 'url', 'id']);
			} else {
				expect(modesOf(property)).not.toContain('url');
				expect(modesOf(property)).toEqual(expect.arrayContaining(['list', 'id']));
			}
		}
		// Saved workflows keep working: the default mode is still 'list'.
		expect(getProperty.default).toEqual({ mode: 'list', value: '' });
		expect(urlMode).toMatchObject({ displayName: 'By URL', type: 'string' });
		expect(urlMode.extractValue.type).toBe('regex');
	});

	const accepted = [
		// the Gallery of recent servers (assumed: the reference gives no page addresses)
		['Gallery app page', `https://alteryx.example.com/gallery/app/Daily-Sales-ETL/${ID}`],
		['with a trailing slash', `https://alteryx.example.com/gallery/app/Daily-Sales-ETL/${ID}/`],
		['with a query and a fragment', `https://alteryx.example.com/gallery/app/X/${ID}?tab=runs#top`],
		['an encoded name', `https://alteryx.example.com/gallery/app/Q3%20%2F%20Sales/${ID}`],
		['no name segment', `https://alteryx.example.com/gallery/app/${ID}`],
		[
			'a name that is itself an id',
			`https://alteryx.example.com/gallery/app/${'a'.repeat(24)}/${ID}`,
		],
		['a results page below it', `https://alteryx.example.com/gallery/app/X/${ID}/results/1`],
		['http, a port and a path prefix', `http://10.0.0.5:8080/alteryx/gallery/app/X/${ID}`],
		['upper-case hex', `https://alteryx.example.com/gallery/app/X/${MIXED_CASE_ID}`],
		// the Angular Gallery of older servers (#! routes; seen in public scripts)
		['older Gallery #!app', `http://alteryx.example.com/gallery/#!app/Daily-Sales-ETL/${ID}`],
		['older Gallery #/app', `http://alteryx.example.com/gallery/#/app/Daily-Sales-ETL/${ID}`],
		['Gallery at the site root', `https://gallery.example.com/#!app/X/${ID}`],
		// other plausible shapes (assumed)
		['gallery/workflows/<id>', `https://alteryx.example.com/gallery/workflows/${ID}`],
		['designer/workflows/<id>', `https://alteryx.example.com/designer/workflows/${ID}`],
		['designer/app/<name>/<id>', `https://alteryx.example.com/designer/app/X/${ID}`],
		// the API address of the workflow (reference: {host}/webapi/v3/workflows/{id})
		['Web API V3 address', `https://alteryx.example.com/webapi/v3/workflows/${ID}`],
		['Web API, a sub-resource', `https://alteryx.example.com/webapi/v3/workflows/${ID}/versions`],
		['legacy Gallery API', `https://alteryx.example.com/gallery/api/v1/workflows/${ID}/package/`],
	];

	test.each(accepted)('accepted: %s', (_label, url) => {
		expect(extract(url)?.toLowerCase()).toBe(ID);
		expect(editorIssues(url)).toEqual([]);
		// Spaces around a pasted address are forgiven by both.
		expect(extract(` ${url}\n`)?.toLowerCase()).toBe(ID);
		expect(editorIssues(` ${url}\n`)).toEqual([]);
	});

	const rejected = [
		['a bare id (that is By ID)', ID],
		['no scheme', `alteryx.example.com/gallery/app/X/${ID}`],
		['another scheme', `ftp://alteryx.example.com/gallery/app/X/${ID}`],
		['the Gallery home page', 'https://alteryx.example.com/gallery/'],
		['an id that is too short', `https://alteryx.example.com/gallery/app/X/${ID.slice(1)}`],
		['an id that is too long', `https://alteryx.example.com/gallery/app/X/${ID}0`],
		['not hex', `https://alteryx.example.com/gallery/app/X/${ID.slice(0, 23)}g`],
		['a collection page', `https://alteryx.example.com/gallery/collections/${ID}`],
		['a job', `https://alteryx.example.com/webapi/v3/jobs/${ID}`],
		['two name segments', `https://alteryx.example.com/gallery/app/A/B/${ID}`],
		['words around it', `see https://alteryx.example.com/gallery/app/X/${ID} please`],
	];

	test.each(rejected)('rejected in the editor: %s', (_label, url) => {
		expect(editorIssues(url)).toEqual([WORKFLOW_URL_ERROR]);
	});

	test('rejected shapes that extractValue alone would read get no id', () => {
		for (const [, url] of rejected.slice(0, 9)) expect(extract(url)).toBeUndefined();
	});

	test('the message says what a URL must look like', () => {
		expect(WORKFLOW_URL_ERROR).toMatch(/^Not the URL of an Alteryx Server workflow/);
		expect(WORKFLOW_URL_ERROR).toContain('/gallery/app/');
		expect(WORKFLOW_URL_ERROR).toContain('24-character');
	});

	test('an expression is not validated in the editor, and By ID is unchanged', () => {
		expect(editorIssues('={{ $json.link }}')).toEqual([]);
		expect(editorIssues(ID, 'id')).toEqual([]);
	});
});

describe('Gallery addresses', () => {
	test.each([
		['https://alteryx.example.com/webapi/', 'https://alteryx.example.com/gallery/'],
		['https://alteryx.example.com/webapi', 'https://alteryx.example.com/gallery/'],
		['https://alteryx.example.com/WebAPI/', 'https://alteryx.example.com/gallery/'],
		['http://10.0.0.5:8080/alteryx/webapi/', 'http://10.0.0.5:8080/alteryx/gallery/'],
		['https://api.example.com/', undefined],
		['https://alteryx.example.com/webapi/v3/', undefined],
	])('the Gallery beside %s is %s', (webApi, gallery) => {
		expect(galleryAddress(webApi)).toBe(gallery);
	});

	test('a page link keeps the name one segment and reads back as its id', () => {
		const gallery = 'https://alteryx.example.com/gallery/';
		for (const name of ['Daily Sales ETL', 'Q3 / Sales?#', '..', '', '  ', 'Ünïcödé']) {
			const url = workflowPageUrl(gallery, ID, name);
			expect(url.startsWith(`${gallery}app/`)).toBe(true);
			expect(url.slice(`${gallery}app/`.length).split('/')).toHaveLength(2);
			expect(extract(url)).toBe(ID);
			expect(editorIssues(url)).toEqual([]);
		}
		expect(workflowPageUrl(gallery, ID, 'Daily Sales ETL')).toBe(
			`${gallery}app/Daily-Sales-ETL/${ID}`,
		);
		expect(workflowPageUrl(gallery, 'S-1-5-21-1', 'Not an ObjectId')).toBeUndefined();
	});
});

describe('against the emulator', () => {
	const env = useServerNodeEnvironment();
	const byUrl = (value) => ({ __rl: true, mode: 'url', value });
	const pageOf = (id, name = 'Daily-Sales-ETL') => `${env.emulator.url}/gallery/app/${name}/${id}`;

	test('Workflow → Get resolves a By URL value to the workflow’s id', async () => {
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'get',
			workflowId: byUrl(pageOf(workflows.dailySalesEtl)),
		});
		expect(output.map((item) => item.json.id)).toEqual([workflows.dailySalesEtl]);
		expect(env.apiCalls()).toEqual([`GET /v3/workflows/${workflows.dailySalesEtl}`]);
	});

	test('an expression giving an older Gallery’s address works too', async () => {
		const output = await env.runNode(
			{
				resource: 'workflow',
				operation: 'get',
				workflowId: byUrl('={{ $json.link }}'),
			},
			{
				items: [
					{ json: { link: `${env.emulator.url}/gallery/#!app/X/${workflows.salesForecast}` } },
				],
			},
		);
		expect(output[0].json.id).toBe(workflows.salesForecast);
	});

	test('a URL without an id stops before any request, saying what to copy', async () => {
		const { error } = await env.harness
			.execute(AlteryxServer, {
				parameters: {
					resource: 'workflow',
					operation: 'get',
					workflowId: byUrl(`${env.emulator.url}/gallery/collections/${workflows.salesForecast}`),
				},
			})
			.then(
				() => ({}),
				(thrown) => ({ error: thrown }),
			);
		expect(error).toBeDefined();
		expect(error.message).toMatch(
			/^The Workflow URL ".*\/gallery\/collections\/.*" has no ID in it$/,
		);
		expect(error.description).toContain(WORKFLOW_URL_ERROR);
		expect(env.apiCalls()).toEqual([]);
	});

	test('under Continue On Fail the bad item becomes an error item, the good one runs', async () => {
		const output = await env.runNode(
			{ resource: 'workflow', operation: 'get', workflowId: byUrl('={{ $json.link }}') },
			{
				continueOnFail: true,
				items: [
					{ json: { link: 'https://alteryx.example.com/gallery/' } },
					{ json: { link: pageOf(workflows.inventorySync) } },
				],
			},
		);
		expect(output[0].json.error).toMatch(/has no ID in it/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json.id).toBe(workflows.inventorySync);
	});

	test('a By URL workflow inside a collection (Schedule → Get Many filter) is read as its id', async () => {
		const output = await env.runNode({
			resource: 'schedule',
			operation: 'getAll',
			returnAll: true,
			filters: { workflowId: byUrl(pageOf(workflows.dailySalesEtl)) },
		});
		const request = env.emulator.requests.find((entry) => entry.path === '/webapi/v3/schedules');
		expect(request.query.workflowId).toBe(workflows.dailySalesEtl);
		expect(output.map((item) => item.json.id)).toEqual([schedules.nightlyEtl]);
	});

	test('the same filter with a URL that has no id fails with the same message', async () => {
		const { error } = await env.harness
			.execute(AlteryxServer, {
				parameters: {
					resource: 'schedule',
					operation: 'getAll',
					returnAll: true,
					filters: { workflowId: byUrl('https://alteryx.example.com/gallery/') },
				},
			})
			.then(
				() => ({}),
				(thrown) => ({ error: thrown }),
			);
		expect(error.message).toBe(
			'The Workflow URL "https://alteryx.example.com/gallery/" has no ID in it',
		);
		expect(error.description).toContain(WORKFLOW_URL_ERROR);
		expect(env.apiCalls()).toEqual([]);
	});

	test('By ID values of saved workflows are untouched', async () => {
		const output = await env.runNode({
			resource: 'workflow',
			operation: 'get',
			workflowId: byId(workflows.marketingMix),
		});
		expect(output[0].json.id).toBe(workflows.marketingMix);
	});

	test('list results link to the emulator’s Gallery, and each link reads back as its id', async () => {
		const methods = createMethodsRunner(env.harness, AlteryxServer);
		const { results } = await methods.listSearch('searchWorkflows', 'sales');
		expect(results).toEqual([
			{
				name: 'Daily Sales ETL',
				value: workflows.dailySalesEtl,
				url: `${env.emulator.url}/gallery/app/Daily-Sales-ETL/${workflows.dailySalesEtl}`,
			},
			{
				name: 'Sales Forecast',
				value: workflows.salesForecast,
				url: `${env.emulator.url}/gallery/app/Sales-Forecast/${workflows.salesForecast}`,
			},
		]);
		const all = await methods.listSearch('searchWorkflows');
		expect(all.results.length).toBeGreaterThan(2);
		for (const result of all.results) {
			expect(extract(result.url)).toBe(result.value);
			expect(editorIssues(result.url)).toEqual([]);
		}
	});
});
