'use strict';
// Issue 8.7 in a real n8n: the node types n8n offers an AI Agent as tools. n8n adds a
// `<name>Tool` type for every node with usableAsTool; Authenticate must have none, since its
// output is a live bearer token that would land in the model's context. The trigger has none
// either: it starts workflows.
const h = require('./helpers');
const { httpRequest } = require('../../scripts/lib/n8n');

let suite;
beforeAll(async () => {
	suite = await h.startSuite('ai-tool-types');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

test("the editor's node types include a tool variant of every Alteryx node except Authenticate and the trigger", async () => {
	const started = await suite.n8n.start();
	try {
		const cookie = await h.ownerCookie(started, 'Tools');
		const types = await httpRequest('GET', `${started.url}/types/nodes.json`, undefined, {
			cookie,
		});
		expect(types.status).toBe(200);
		const names = types.json
			.map((type) => type.name)
			.filter((name) => name.startsWith(h.NODE_PREFIX))
			.map((name) => name.slice(h.NODE_PREFIX.length))
			.sort();
		expect(names).toEqual(
			[
				'alteryxAuthenticate',
				'alteryxCloud',
				'alteryxCloudTool',
				'alteryxDelete',
				'alteryxDeleteTool',
				'alteryxGallery',
				'alteryxGalleryTool',
				'alteryxGet',
				'alteryxGetTool',
				'alteryxPost',
				'alteryxPostTool',
				'alteryxPut',
				'alteryxPutTool',
				'alteryxServer',
				'alteryxServerTool',
				'alteryxServerTrigger',
				'alteryxCloudTrigger',
			].sort(),
		);
	} catch (error) {
		suite.failed = true;
		throw error;
	} finally {
		await suite.n8n.stop();
	}
});
