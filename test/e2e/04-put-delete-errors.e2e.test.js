'use strict';
// Issue case 4: PUT and DELETE round trips; a 400 with modelState surfaces the field messages;
// continueOnFail gives an error item.
const h = require('./helpers');

let suite;
beforeAll(async () => {
	suite = await h.startSuite('put-delete-errors');
});
afterAll(async () => {
	if (suite) await suite.teardown();
});

function curatorId() {
	const key = suite.emulator.credentials.curator.clientId;
	return [...suite.emulator.state.users.values()].find((u) => u.apiKey === key).id;
}

const jsonBody = (body) => ({
	sendBody: true,
	contentType: 'json',
	specifyBody: 'json',
	jsonBody: typeof body === 'string' ? body : JSON.stringify(body),
});

test('POST, PUT, GET and DELETE a collection', async () => {
	const cred = suite.credentials[0];
	const wf = h.chain('e2ePutDelete', 'e2e: collection round trip', [
		h.alteryx(
			'post',
			'Create collection',
			{ endpoint: 'v3/collections', ...jsonBody({ name: 'E2E collection' }), options: {} },
			cred,
		),
		h.alteryx(
			'put',
			'Rename collection',
			{
				endpoint: '=v3/collections/{{ $json.id }}',
				...jsonBody(
					`={{ JSON.stringify({ name: 'E2E collection renamed', ownerId: '${curatorId()}' }) }}`,
				),
				options: {},
			},
			cred,
		),
		h.alteryx(
			'get',
			'Read collection',
			{ endpoint: "=v3/collections/{{ $('Create collection').item.json.id }}", options: {} },
			cred,
		),
		h.alteryx(
			'delete',
			'Delete collection',
			{ endpoint: "=v3/collections/{{ $('Create collection').item.json.id }}", options: {} },
			cred,
		),
		h.alteryx(
			'get',
			'Read deleted collection',
			{
				endpoint: "=v3/collections/{{ $('Create collection').item.json.id }}",
				options: { neverError: true, fullResponse: true },
			},
			cred,
		),
	]);
	const res = h.expectOk(await suite.run(wf));
	const [created] = res.json('Create collection');
	expect(created.id).toBeTruthy();
	const [renamed] = res.json('Rename collection');
	expect(renamed.name).toBe('E2E collection renamed');
	const [read] = res.json('Read collection');
	expect(read.id).toBe(created.id);
	expect(read.name).toBe('E2E collection renamed');
	expect(res.json('Delete collection')).toHaveLength(1);
	expect(suite.emulator.state.collections.has(created.id)).toBe(false);
	const [gone] = res.json('Read deleted collection');
	expect(gone.statusCode).toBe(404);
});

test('a 400 with modelState fails the node with the field messages', async () => {
	const cred = suite.credentials[0];
	const wf = h.chain('e2eModelState', 'e2e: validation error', [
		h.alteryx(
			'post',
			'Create user',
			{ endpoint: 'v3/users', ...jsonBody({ firstName: 'No', role: 'Artisan' }), options: {} },
			cred,
		),
	]);
	const res = await suite.run(wf);
	expect(res.code).not.toBe(0);
	expect(res.error).toBeTruthy();
	expect(res.lastNode).toBe('Create user');
	const text = `${res.error.message} ${res.error.description || ''}`;
	// DataAnnotations wording for the two missing required fields.
	expect(text).toMatch(/LastName/i);
	expect(text).toMatch(/Email/i);
	expect(String(res.error.httpCode || '')).toMatch(/400/);
});

test('continueOnFail turns the error into an item and the workflow goes on', async () => {
	const cred = suite.credentials[0];
	const wf = h.chain('e2eContinueOnFail', 'e2e: continue on fail', [
		h.alteryx(
			'post',
			'Create user',
			{ endpoint: 'v3/users', ...jsonBody({ firstName: 'No', role: 'Artisan' }), options: {} },
			cred,
			{ onError: 'continueRegularOutput' },
		),
		h.alteryx(
			'get',
			'Missing workflow',
			{ endpoint: 'v3/workflows/000000000000000000000000', options: {} },
			cred,
			{ onError: 'continueRegularOutput' },
		),
		h.core('noOp', 1, 'After'),
	]);
	const res = h.expectOk(await suite.run(wf));
	const [userError] = res.json('Create user');
	expect(userError.error).toMatch(/The request is invalid/);
	// n8n keeps an error item whole only when its JSON holds nothing but error/message/details.
	expect(Object.keys(userError).sort()).toEqual(['details', 'error']);
	expect(userError.details.httpCode).toBe('400');
	expect(userError.details.description).toMatch(/email: The Email field is required\./i);
	expect(Object.keys(userError.details.modelState).some((key) => /email$/i.test(key))).toBe(true);
	const [missing] = res.json('Missing workflow');
	expect(missing.error).toBeTruthy();
	expect(missing.details.httpCode).toBe('404');
	expect(res.json('After')).toHaveLength(1);
});

h.secretTest(() => suite);
