'use strict';
// Return All against servers that do not page the way the swagger says: one that ignores
// `offset` (every page is the first one again) and one whose pages overlap. Paging stops at
// the first page that brings nothing new, and every record is listed once — in the GET node
// (records known by their content) and the Alteryx Server node (records known by their id).
const { AlteryxGet } = require('../../nodes/AlteryxGet/AlteryxGet.node');
const { AlteryxServer } = require('../../nodes/AlteryxServer/AlteryxServer.node');
const { requestsTo, run, useServerAndHarness } = require('./helpers');

const DAILY_SALES_ETL = '66ebd18d3d62000400000002';
const MARKETING_MIX = '66ebd18d3d62000400000006'; // no job history: the real answer is []
const JOBS_OF = (workflowId) => `/webapi/v3/workflows/${workflowId}/jobs`;

const env = useServerAndHarness();

/** Pages as the server answered them (not the 401 of a token the reset forgot). */
const pages = (path) =>
	requestsTo(env.emulator, 'GET', path).filter((entry) => entry.status !== 401);

/** `count` job records numbered from `first`, with 24-hex ids like Alteryx's. */
function jobs(first, count, idField = 'id') {
	return Array.from({ length: count }, (_, index) => {
		const number = first + index;
		return {
			[idField]: `66ebd18d3d620f${number.toString(16).padStart(10, '0')}`,
			createDate: new Date(Date.UTC(2025, 0, 1) + number * 60_000).toISOString(),
			status: 'Completed',
		};
	});
}

/** The server answers these bodies, in order, to the next GETs of `path`. */
function answerPages(path, ...bodies) {
	for (const body of bodies) env.emulator.injectFault({ method: 'GET', path, status: 200, body });
}

const ids = (items, idField = 'id') => items.map((item) => item.json[idField]);

describe('GET node (Pagination option)', () => {
	const getAll = (endpoint, pageSize) =>
		run(env.harness, AlteryxGet, {
			parameters: {
				endpoint,
				options: { pagination: { pagination: { returnAll: true, pageSize } } },
			},
		});

	test('an endpoint that ignores offset and limit (v3/workflows) is read twice, not for ever', async () => {
		const workflows = env.emulator.state.workflows.size;
		expect(workflows).toBeGreaterThan(2);
		let timer;
		const result = await Promise.race([
			getAll('v3/workflows', 2),
			new Promise((resolve) => {
				timer = setTimeout(() => resolve({ stillPaging: true }), 10_000);
			}),
		]);
		clearTimeout(timer);
		expect(result.stillPaging).toBeUndefined();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(workflows);
		expect(new Set(ids(result.items)).size).toBe(workflows);
		expect(pages('/webapi/v3/workflows').map((page) => page.query.offset)).toEqual(['0', '2']);
	});

	test('a server that answers the first page to every offset: two requests, each record once', async () => {
		const page = jobs(0, 3);
		answerPages(JOBS_OF(MARKETING_MIX), page, page, page, page, page);
		const { items, error } = await getAll(`v3/workflows/${MARKETING_MIX}/jobs`, 3);
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(ids(page.map((json) => ({ json }))));
		expect(pages(JOBS_OF(MARKETING_MIX)).map((entry) => entry.query.offset)).toEqual(['0', '3']);
	});

	test('pages that overlap: each record once, in the order first seen', async () => {
		answerPages(JOBS_OF(MARKETING_MIX), jobs(0, 3), jobs(1, 3), jobs(4, 2));
		const { items, error } = await getAll(`v3/workflows/${MARKETING_MIX}/jobs`, 3);
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(jobs(0, 6).map((job) => job.id));
		expect(pages(JOBS_OF(MARKETING_MIX))).toHaveLength(3);
	});
});

describe('Alteryx Server node (Return All of Get Jobs and Get Many jobs)', () => {
	const getJobs = () =>
		run(env.harness, AlteryxServer, {
			parameters: {
				resource: 'workflow',
				operation: 'getJobs',
				workflowId: { __rl: true, mode: 'id', value: DAILY_SALES_ETL },
				returnAll: true,
			},
		});

	test('Get Jobs from a server that ignores offset: stops at the second page, each job once', async () => {
		// The real history (25 jobs) would follow at offset 500: a pager that does not stop at
		// a page with nothing new walks on to it.
		const page = jobs(0, 100);
		answerPages(JOBS_OF(DAILY_SALES_ETL), page, page, page, page, page);
		const { items, error } = await getJobs();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(page.map((job) => job.id));
		expect(pages(JOBS_OF(DAILY_SALES_ETL)).map((entry) => entry.query.offset)).toEqual([
			'0',
			'100',
		]);
	});

	test('Get Jobs with overlapping pages: each job once', async () => {
		answerPages(JOBS_OF(DAILY_SALES_ETL), jobs(0, 100), jobs(50, 100), jobs(150, 20));
		const { items, error } = await getJobs();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(jobs(0, 170).map((job) => job.id));
		expect(pages(JOBS_OF(DAILY_SALES_ETL))).toHaveLength(3);
	});

	test('Get Many jobs ({ data, pagination } pages that always say hasNextPage): stops at the repeat', async () => {
		const envelope = { data: jobs(0, 100, 'jobId'), pagination: { hasNextPage: true } };
		answerPages('/webapi/v3/jobs', envelope, envelope, envelope, envelope, envelope);
		const { items, error } = await run(env.harness, AlteryxServer, {
			parameters: { resource: 'job', operation: 'getAll', returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(ids(items, 'jobId')).toEqual(envelope.data.map((job) => job.jobId));
		expect(pages('/webapi/v3/jobs').map((entry) => entry.query.offset)).toEqual(['0', '100']);
	});
});
