'use strict';
// Issue 8.6 in a real n8n: the Alteryx Server node's 404 names the workflow and its id (the user
// typed no endpoint), as the failed execution and as an error item under On Error → Continue.
const h = require('./helpers');

const UNKNOWN_WORKFLOW = '66ebd18d3d620004000000ff';

let suite;
beforeAll(async () => {
	suite = await h.startSuite('server-node-errors');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

const runUnknown = (extra) =>
	h.alteryx(
		'server',
		'Run Unknown Workflow',
		{
			resource: 'workflow',
			operation: 'run',
			workflowId: { __rl: true, mode: 'id', value: UNKNOWN_WORKFLOW },
			questions: { question: [] },
			waitForCompletion: false,
			additionalFields: {},
			options: {},
		},
		suite.credentials[0],
		extra,
	);

test('Workflow → Run with a wrong id: the error names the workflow and the id, not an endpoint', async () => {
	try {
		const failing = await suite.run(
			h.chain('e2eServerRunUnknown', 'e2e: Alteryx Server node, unknown workflow', [runUnknown()]),
		);
		expect(failing.lastNode).toBe('Run Unknown Workflow');
		expect(failing.error.message).toBe(
			`Workflow ${UNKNOWN_WORKFLOW} was not found on Alteryx Server`,
		);
		expect(failing.error.httpCode).toBe('404');
		expect(failing.error.description).toMatch(/^Check the id/);
		expect(failing.error.description).not.toMatch(/endpoint/);

		const continued = h.expectOk(
			await suite.run(
				h.chain(
					'e2eServerRunUnknownContinue',
					'e2e: Alteryx Server node, unknown workflow, continue',
					[runUnknown({ onError: 'continueRegularOutput' })],
				),
			),
		);
		expect(continued.json('Run Unknown Workflow')).toEqual([
			{
				error: `Workflow ${UNKNOWN_WORKFLOW} was not found on Alteryx Server`,
				details: { description: expect.stringMatching(/^Check the id/), httpCode: '404' },
			},
		]);
	} catch (error) {
		suite.failed = true;
		throw error;
	}
});
