'use strict';
// Token requests, counted at the emulator: the pack's GET node and the core HTTP Request node on a
// credential's first use with 1, 100 and 10,000 items, and 10 executions in a row. Each scenario
// has a new credential (no stored token), so its first request exchanges one.

const { SEED_IDS } = require('../test/emulator/seed');

const ENDPOINT = `v3/workflows/${SEED_IDS.workflows.dailySalesEtl}`;
const PACK = 'pack (GET node)';
const CORE = 'core HTTP Request node';

async function measure(context) {
	const { emulator, nodes } = context;
	const tokens = () => emulator.counters.tokenRequests;
	const answered = () =>
		emulator.requests.filter(
			(entry) => entry.path === `/webapi/${ENDPOINT}` && entry.status === 200,
		).length;

	/** Deploys Items → node on a new credential; `calls` executions of `items` items each. */
	async function scenario(name, makeNode, items, calls = 1) {
		const credential = await context.createCredential({ name: `Bench tokens: ${name}` });
		const workflow = await context.deploy(name, [
			nodes.itemsFromBody('Items'),
			makeNode(credential),
		]);
		const tokensBefore = tokens();
		const answeredBefore = answered();
		let ms = 0;
		for (let call = 0; call < calls; call++) {
			const { execution } = await workflow.call(context.itemsBody(items));
			if (execution.error) throw new Error(`${name}: ${execution.error.message}`);
			ms += execution.nodeMs('Node') || 0;
		}
		const gets = answered() - answeredBefore;
		if (gets !== items * calls)
			throw new Error(`${name}: ${gets} GETs answered, ${items * calls} sent`);
		return { tokens: tokens() - tokensBefore, ms, gets };
	}

	const pack = (options) => (credential) =>
		nodes.alteryx('get', 'Node', { endpoint: ENDPOINT, options: options || {} }, credential);
	const core = (credential) =>
		nodes.httpRequest('Node', `${emulator.webApiUrl}${ENDPOINT}`, credential);

	const rows = [];
	const firstUse = async (label, items, options, before, withCore) => {
		context.log(`tokens: ${label}`);
		const packResult = await scenario(`pack, ${label}`, pack(options), items);
		const coreResult = withCore ? await scenario(`core, ${label}`, core, items) : null;
		rows.push({
			what: `${label}, first use`,
			values: {
				[PACK]: packResult.tokens,
				[CORE]: coreResult ? coreResult.tokens : 'not run',
				'before (issue 10)': before || '',
			},
			goal: 'pack: 1',
			met: packResult.tokens === 1,
			note: `the pack's node ran ${(packResult.ms / 1000).toFixed(1)} s for ${packResult.gets} GETs${coreResult ? `, the core node ${(coreResult.ms / 1000).toFixed(1)} s` : ''}`,
		});
	};
	await firstUse('1 item', 1, {}, '', true);
	await firstUse('100 items', 100, {}, '', true);
	await firstUse(
		'100 items, Batching 50 items / 0 ms',
		100,
		{ batching: { batch: { batchSize: 50, batchInterval: 0 } } },
		'pack 7, core node 3–5',
		false,
	);
	// The core node sends all 10,000 at once; it is left out (a stampede of that size says little).
	await firstUse('10,000 items', 10000, {}, '', false);

	context.log('tokens: 10 executions in a row');
	const packRow = await scenario('pack, 10 executions', pack(), 10, 10);
	const coreRow = await scenario('core, 10 executions', core, 10, 10);
	rows.push({
		what: '10 executions in a row, 10 items each (one credential)',
		values: { [PACK]: packRow.tokens, [CORE]: coreRow.tokens },
		goal: 'pack: 1 (the stored token is reused)',
		met: packRow.tokens === 1,
	});
	return rows;
}

module.exports = {
	title: 'Token requests (counted at the emulator)',
	columns: [PACK, CORE, 'before (issue 10)'],
	measure,
};
