'use strict';

// Contract test: every operation of the real Swagger 2.0 export gets a valid request, and the
// emulator's answer must use a status code the swagger documents for it, with a JSON body that
// matches the swagger schema of that status. A response-shape drift fails here.

const fs = require('node:fs');
const path = require('node:path');
const { startEmulator, SEED_IDS } = require('./emulator');
const { createValidator } = require('./emulator/swagger-validator');

const swagger = JSON.parse(
	fs.readFileSync(path.join(__dirname, 'fixtures', 'alteryx-server-v3.swagger.json'), 'utf8'),
);
const validator = createValidator(swagger);

const operations = [];
for (const [opPath, verbs] of Object.entries(swagger.paths)) {
	for (const [method, operation] of Object.entries(verbs)) {
		operations.push({
			id: operation.operationId,
			method: method.toUpperCase(),
			path: opPath,
			operation,
		});
	}
}

const {
	users,
	userGroups,
	workflows,
	collections,
	schedules,
	credentials,
	serverDataConnections,
	dcmConnections,
	dcmConnectionHandlingRules,
	subscriptions,
} = SEED_IDS;
const historicalJob = '66ebd18d3d62000a00000001';
const dcmCredentialId = '9c8b7a6f-5e4d-4c3b-2a1f-0e9d8c7b6a51';
const permissions = {
	isAdmin: false,
	canAddAssets: true,
	canRemoveAssets: true,
	canUpdateAssets: true,
	canAddUsers: false,
	canRemoveUsers: false,
};
const iteration = {
	iterationType: 'Weekly',
	startTime: '2030-01-07T07:00:00Z',
	weeklyContract: { daysOfWeek: ['Monday', 'Thursday'] },
};
const upsertContract = {
	name: 'Postgres Reporting',
	schemaName: 'postgres-odbc-userpass',
	allowInSdks: true,
	parameters: { database: 'reporting' },
	dataSource: {
		object: {
			name: 'Reporting DB',
			schemaName: 'postgres-odbc',
			drvName: 'PostgreSQL Unicode',
			host: 'db.example.com',
			parameters: { port: '5432' },
		},
	},
	credentials: {
		userpass: {
			object: {
				name: 'report_user',
				schemaName: 'username-password',
				userName: 'report',
				parameters: {},
				secrets: { password: { value: { text: 's3cret' }, expiresOn: null, parameters: {} } },
			},
		},
	},
};

function packageForm(fields) {
	const form = new FormData();
	form.append(
		'file',
		new Blob([Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'latin1')]),
		'Uploaded.yxzp',
	);
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return form;
}

/**
 * One valid request per operation. `setup` runs first (e.g. to create what a DELETE removes) and
 * may return values for the request. `status` is the success code expected; `as` the caller.
 */
const plans = {
	// Collections
	Collections_GetCollections: { query: { view: 'Full' } },
	Collections_CreateCollection: { body: { name: 'Quarterly Close' } },
	Collections_GetCollection: { params: { collectionId: collections.financeReports } },
	Collections_UpdateCollection: {
		params: { collectionId: collections.financeReports },
		body: { name: 'Finance', ownerId: users.ada },
	},
	Collections_DeleteCollection: {
		params: { collectionId: collections.financeReports },
		query: { forceDelete: 'true' },
	},
	Collections_UpdateCollectionUserPermissions: {
		params: { collectionId: collections.financeReports, userId: users.bo },
		body: { collectionsPermissions: permissions },
	},
	Collections_UpdateCollectionUserGroupPermissions: {
		params: { collectionId: collections.financeReports, userGroupId: userGroups.analysts },
		body: { expirationDate: '2031-01-01T00:00:00Z', collectionsPermissions: permissions },
	},
	Collections_AddUserToCollection: {
		params: { collectionId: collections.financeReports },
		body: { userId: users.nia, collectionsPermissions: permissions },
	},
	Collections_AddScheduleToCollection: {
		params: { collectionId: collections.financeReports },
		body: { scheduleId: schedules.nightlyEtl },
	},
	Collections_AddWorkflowToCollection: {
		params: { collectionId: collections.financeReports },
		body: { workflowId: workflows.dailySalesEtl },
	},
	Collections_AddUserGroupToCollection: {
		setup: async ({ api }) => ({
			userGroupId: (
				await api('POST', '/v3/usergroups', { body: { name: 'Auditors', role: 'Viewer' } })
			).json,
		}),
		params: ({ userGroupId }) => ({ collectionId: collections.financeReports }),
		body: ({ userGroupId }) => ({ userGroupId, collectionsPermissions: permissions }),
	},
	Collections_RemoveUserFromCollection: {
		params: { collectionId: collections.financeReports, userId: users.bo },
	},
	Collections_RemoveScheduleFromCollection: {
		params: { collectionId: collections.financeReports, scheduleId: schedules.weeklyForecast },
	},
	Collections_RemoveWorkflowFromCollection: {
		params: { collectionId: collections.financeReports, workflowId: workflows.salesForecast },
	},
	Collections_RemoveUserGroupFromCollection: {
		params: { collectionId: collections.financeReports, userGroupId: userGroups.analysts },
	},
	// Credentials
	Credentials_GetCredential: { params: { credentialId: credentials.svcAlteryx } },
	Credentials_UpdateCredential: {
		params: { credentialId: credentials.svcAlteryx },
		body: { newPassword: 'n3w-password' },
	},
	Credentials_DeleteCredential: {
		params: { credentialId: credentials.svcAlteryx },
		query: { force: 'true' },
	},
	Credentials_GetCredentials: { query: { view: 'Full' } },
	Credentials_AddCredential: { body: { username: 'CORP\\svc_new', password: 'pw' } },
	Credentials_ShareCredentialWithUser: {
		params: { credentialId: credentials.svcAlteryx },
		body: { userId: users.nia },
	},
	Credentials_ShareCredentialWithUserGroup: {
		setup: async ({ api }) => ({
			userGroupId: (
				await api('POST', '/v3/usergroups', { body: { name: 'Auditors', role: 'Viewer' } })
			).json,
		}),
		params: { credentialId: credentials.svcAlteryx },
		body: ({ userGroupId }) => ({ userGroupId }),
	},
	Credentials_RemoveUserFromCredential: {
		params: { credentialId: credentials.svcAlteryx, userId: users.bo },
	},
	Credentials_RemoveUserGroupFromCredential: {
		params: { credentialId: credentials.svcAlteryx, userGroupId: userGroups.analysts },
	},
	// DCM
	DCME_GetDcmConnection: { params: { Id: dcmConnections.snowflake } },
	DCME_DeleteDcmConnection: { params: { Id: dcmConnections.snowflake } },
	DCME_LookupDcmConnection: { query: { connectionId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' } },
	DCME_ShareDcmConnectionForExecution: {
		params: { id: dcmConnections.snowflake },
		body: { userIds: [users.bo], userGroupIds: [userGroups.analysts] },
	},
	DCME_UnshareDcmConnectionForExecution: { params: { id: dcmConnections.snowflake } },
	DCME_ShareDcmConnectionForCollaboration: {
		params: { id: dcmConnections.snowflake },
		body: { sharedCredentials: [dcmCredentialId], userIds: [users.bo], userGroupIds: [] },
	},
	DCME_UpsertDcmConnection: { body: upsertContract, status: 201 },
	DCMEAdmin_GetConnectionAdmin: { params: { id: dcmConnections.snowflake } },
	DCMEAdmin_DeleteConnectionAdmin: { params: { id: dcmConnections.snowflake } },
	DCMEAdmin_GetAllDCMEConnectionHandlingRules: {},
	DCMEAdmin_UpsertDCMEConnectionHandlingRule: {
		body: {
			sourceConnectionId: '11111111-1111-1111-1111-111111111111',
			sourceConnectionTitle: 'Legacy',
			targetConnectionId: '22222222-2222-2222-2222-222222222222',
			targetConnectionTitle: 'New',
		},
		status: 201,
	},
	DCMEAdmin_GetDCMEConnectionHandlingRule: {
		params: { id: dcmConnectionHandlingRules.legacyToSnowflake },
	},
	DCMEAdmin_DeleteDCMEConnectionHandlingRule: {
		params: { id: dcmConnectionHandlingRules.legacyToSnowflake },
	},
	DCMEAdmin_GetAllConnectionsAdmin: { query: { visibleBy: users.bo } },
	DCMEAdmin_UpsertDcmConnection: { body: { ...upsertContract, ownerId: users.bo }, status: 201 },
	DCMEAdmin_UnshareConnectionForExecutionAdmin: { params: { id: dcmConnections.snowflake } },
	DCMEAdmin_UnshareConnectionForCollaborationAdmin: { params: { id: dcmConnections.snowflake } },
	DCMEConnect_GetDCMEConnectionForConnect: {
		params: { connectionId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' },
	},
	// Jobs
	Jobs_GetJobMessages: { params: { jobId: historicalJob } },
	Jobs_GetJobV3: { params: { jobId: historicalJob }, query: { includeMessages: 'true' } },
	Jobs_CancelJob: {
		setup: async ({ api }) => ({
			jobId: (await api('POST', `/v3/workflows/${workflows.dailySalesEtl}/jobs`, { body: {} })).json
				.id,
		}),
		params: ({ jobId }) => ({ jobId }),
	},
	Jobs_GetJobsInQueue: {
		query: {
			allUsers: 'true',
			offset: '0',
			limit: '5',
			sortField: 'CreateDate',
			direction: 'desc',
		},
	},
	// Schedules
	Schedules_GetSchedule: { params: { scheduleId: schedules.weeklyForecast } },
	Schedules_UpdateSchedule: {
		params: { scheduleId: schedules.nightlyEtl },
		body: {
			workflowId: workflows.dailySalesEtl,
			ownerId: users.ada,
			iteration: {
				iterationType: 'Hourly',
				startTime: '2030-01-01T00:00:00Z',
				hourlyContract: { hours: 6, minutes: 0 },
			},
			name: 'Every six hours',
			comment: '',
			priority: 'High',
			workerTag: '',
			enabled: true,
			credentialId: '',
		},
	},
	Schedules_DeleteSchedule: { params: { scheduleId: schedules.nightlyEtl } },
	Schedules_UpdateSchedulePatch: {
		params: { scheduleId: schedules.weeklyForecast },
		body: { enabled: false, name: 'Paused' },
	},
	Schedules_GetSchedules: {
		query: { view: 'Full', runsAfter: '2030-01-01T00:00:00Z', runsBefore: '2030-02-01T00:00:00Z' },
	},
	Schedules_CreateSchedule: {
		body: {
			workflowId: workflows.salesForecast,
			name: 'Forecast twice a week',
			iteration,
			questions: [{ name: 'Region', value: 'East' }],
		},
		status: 201,
	},
	// Server data connections
	ServerConnections_GetServerDataConnections: { query: { view: 'Full' } },
	ServerConnections_GetServerDataConnection: {
		params: { dataConnectionId: serverDataConnections.salesDwh },
	},
	ServerConnections_UpdateServerDataConnectionName: {
		params: { dataConnectionId: serverDataConnections.salesDwh },
		body: { name: 'Sales Warehouse' },
	},
	ServerConnections_DeleteServerDataConnection: {
		params: { dataConnectionId: serverDataConnections.salesDwh },
	},
	ServerConnections_AddUserToServerDataConnection: {
		params: { dataConnectionId: serverDataConnections.salesDwh },
		body: { userId: users.nia },
	},
	ServerConnections_AddUserGroupToServerDataConnection: {
		setup: async ({ api }) => ({
			userGroupId: (
				await api('POST', '/v3/usergroups', { body: { name: 'Auditors', role: 'Viewer' } })
			).json,
		}),
		params: { dataConnectionId: serverDataConnections.salesDwh },
		body: ({ userGroupId }) => ({ userGroupId }),
	},
	ServerConnections_RemoveUserFromServerDataConnection: {
		params: { dataConnectionId: serverDataConnections.salesDwh, userId: users.bo },
	},
	ServerConnections_RemoveUserGroupFromServerDataConnection: {
		params: { dataConnectionId: serverDataConnections.salesDwh, userGroupId: userGroups.analysts },
	},
	// Subscriptions
	Subscriptions_GetSubscriptionById: { params: { subscriptionId: subscriptions.defaultStudio } },
	Subscriptions_UpdateSubscription: {
		params: { subscriptionId: subscriptions.defaultStudio },
		body: { name: 'Main Studio', credentialId: credentials.svcAlteryx, canShareSchedules: false },
	},
	Subscriptions_GetSubscriptions: { query: { userCountGreaterThanEquals: '1' } },
	Subscriptions_CreateSubscription: {
		body: { name: 'Sandbox Studio', canShareSchedule: true },
		status: 201,
	},
	Subscriptions_DeleteSubscription: {
		setup: async ({ api }) => ({
			subscriptionId: (await api('POST', '/v3/subscriptions', { body: { name: 'Temp' } })).json.id,
		}),
		query: ({ subscriptionId }) => ({ subscriptionId }),
	},
	Subscriptions_ChangeUsersSubscription: {
		setup: async ({ api }) => ({
			subscriptionId: (await api('POST', '/v3/subscriptions', { body: { name: 'Temp' } })).json.id,
		}),
		params: ({ subscriptionId }) => ({ subscriptionId }),
		body: { userIds: [users.nia] },
	},
	// Usage
	Usage_GetUsage: {},
	Usage_UploadUsageEventsCleanupFile: {
		setup: async ({ emulator }) => ({ ulid: emulator.state.usageEvents[2].eventId }),
		form: ({ ulid }) => {
			const form = new FormData();
			form.append('file', new Blob([ulid]), 'aac-response.txt');
			return form;
		},
	},
	// User groups
	UserGroups_GetUserGroups: {},
	UserGroups_CreateUserGroup: { body: { name: 'Auditors', role: 'Viewer' }, status: 201 },
	UserGroups_GetUserGroup: { params: { userGroupId: userGroups.analysts } },
	UserGroups_UpdateUserGroup: {
		params: { userGroupId: userGroups.analysts },
		body: { name: 'Analysts EMEA', role: 'Member' },
	},
	UserGroups_DeleteUserGroup: {
		params: { userGroupId: userGroups.analysts },
		query: { forceDelete: 'true' },
	},
	UserGroups_AddUsersToGroup: {
		params: { userGroupId: userGroups.analysts },
		body: [users.ada, users.bo, '000000000000000000000000'],
	},
	UserGroups_AddActiveDirectoryGroupToCustomGroup: {
		params: { userGroupId: userGroups.analysts },
		body: 'S-1-5-21-1004336348-1177238915-682003330-512',
	},
	UserGroups_RemoveUserFromGroup: {
		params: { userGroupId: userGroups.analysts, userId: users.bo },
	},
	UserGroups_RemoveActiveDirectoryGroupFromCustomGroup: {
		setup: async ({ api }) => {
			await api('POST', `/v3/usergroups/${userGroups.analysts}/activedirectorygroups`, {
				body: 'S-1-5-21-1-2-3-513',
			});
			return {};
		},
		params: { userGroupId: userGroups.analysts, adGroupSid: 'S-1-5-21-1-2-3-513' },
	},
	// Users
	Users_GetUser: { params: { userId: users.bo } },
	Users_UpdateUser: {
		params: { userId: users.bo },
		body: {
			firstName: 'Bo',
			lastName: 'Builder',
			email: 'bo.builder@example.com',
			role: 'Artisan',
			defaultWorkerTag: '',
			canScheduleJobs: true,
			canPrioritizeJobs: true,
			canAssignJobs: false,
			canCreateCollections: true,
			isApiEnabled: true,
			defaultCredentialId: credentials.svcAlteryx,
			isAccountLocked: false,
			isActive: true,
			isValidated: true,
			timeZone: 'Europe/Berlin',
			language: 'de-de',
		},
	},
	Users_DeleteUser: { params: { userId: users.nia } },
	Users_GetUsersAssets: { params: { userId: users.ada }, query: { assetType: 'All' } },
	Users_GetUsers: { query: { view: 'Full', active: 'true' } },
	Users_CreateUser: {
		body: {
			firstName: 'Cy',
			lastName: 'Cruz',
			email: 'cy.cruz@example.com',
			role: 'Member',
			isApiEnabled: true,
		},
		status: 201,
	},
	Users_TransferAssets: {
		params: { userId: users.bo },
		body: {
			ownerId: users.ada,
			transferWorkflows: true,
			transferSchedules: false,
			transferCollections: true,
		},
	},
	Users_DeactivateUser: { params: { userId: users.bo } },
	Users_SendPasswordReset: { params: { userId: users.bo } },
	// Workflows
	Workflows_GetWorkflow: { params: { workflowId: workflows.salesForecast } },
	Workflows_UpdateWorkflow: {
		params: { workflowId: workflows.customerCleanse },
		body: {
			name: 'Customer Cleanse v2',
			versionId: '66ebd18d3d62000500000004',
			makePublished: true,
			ownerId: users.bo,
			workerTag: 'gpu',
			districtTags: [],
			comments: 'renamed',
			isPublic: true,
			isReadyForMigration: false,
			othersMayDownload: true,
			othersCanExecute: true,
			executionMode: 'Safe',
			workflowCredentialType: 'Default',
			credentialId: '',
		},
	},
	Workflows_DeleteWorkflow: {
		params: { workflowId: workflows.dailySalesEtl },
		query: { force: 'true' },
	},
	Workflows_DownloadWorkflow: { params: { workflowId: workflows.salesForecast } },
	Workflows_GetWorkflowQuestions: { params: { workflowId: workflows.salesForecast } },
	Workflows_GetWorkflows: { query: { ownerId: users.ada, skip: '0', take: '2' } },
	Workflows_CreateWorkflow: {
		form: () =>
			packageForm({
				name: 'Uploaded',
				ownerId: users.bo,
				isPublic: 'false',
				isReadyForMigration: 'false',
				othersMayDownload: 'true',
				othersCanExecute: 'true',
				executionMode: 'Standard',
				workflowCredentialType: 'Default',
				districtTags: '[]',
				collectionIds: JSON.stringify([collections.financeReports]),
			}),
	},
	Workflows_GetJobsForWorkflow: {
		params: { workflowId: workflows.dailySalesEtl },
		query: { offset: '5', limit: '10', resultCode: 'Success' },
	},
	Workflows_Enqueue: {
		params: { workflowId: workflows.salesForecast },
		body: {
			questions: [
				{ name: 'Region', value: 'South' },
				{ name: 'Year', value: '2026' },
			],
			priority: 'High',
		},
	},
	Workflows_TransferWorkflow: {
		params: { workflowId: workflows.salesForecast },
		body: { ownerId: users.bo, transferSchedules: true },
	},
	Workflows_AddVersionToWorkflow: {
		params: { workflowId: workflows.marketingMix },
		form: () =>
			packageForm({
				name: 'Marketing Mix',
				ownerId: users.bo,
				othersMayDownload: 'true',
				othersCanExecute: 'true',
				executionMode: 'Standard',
				makePublished: 'true',
				workflowCredentialType: 'Default',
			}),
	},
};

// Where the emulator deliberately answers with another shape than the swagger's schema, and why.
// Each entry is still validated against the schema named here.
const SHAPE_EXCEPTIONS = {
	// "If the searchContract.Verbose is set to false, then a reduced view object will be returned."
	Users_GetUsers: {
		whenQuery: (q) => q.view !== 'Full',
		schema: { type: 'array', items: { $ref: '#/definitions/ReducedUserView' } },
	},
	// view=Full lists full WorkflowView objects although the swagger declares ReducedWorkflowView[].
	Workflows_GetWorkflows: {
		whenQuery: (q) => q.view === 'Full',
		schema: { type: 'array', items: { $ref: '#/definitions/WorkflowView' } },
	},
	// The swagger declares one object but the descriptions promise all messages / a list
	// (listShape 'array', the default; listShape 'swagger' is checked separately below).
	Jobs_GetJobMessages: {
		schema: { type: 'array', items: { $ref: '#/definitions/JobMessageView' } },
	},
	DCMEAdmin_GetAllConnectionsAdmin: {
		schema: { type: 'array', items: { $ref: '#/definitions/DCMEGetConnectionView' } },
	},
	DCMEAdmin_GetAllDCMEConnectionHandlingRules: {
		schema: { type: 'array', items: { $ref: '#/definitions/DCMEConnectionHandlingRuleView' } },
	},
};

const resolveValue = (value, context) => (typeof value === 'function' ? value(context) : value);

function fillPath(template, params = {}) {
	return template.replace(/\{(\w+)\}/g, (_, name) => {
		if (params[name] === undefined)
			throw new Error(`No value for path parameter ${name} of ${template}`);
		return encodeURIComponent(params[name]);
	});
}

let emulator;
const tokens = {};

async function token(who) {
	const { clientId, clientSecret } = emulator.credentials[who];
	const response = await fetch(`${emulator.webApiUrl}oauth2/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
		}),
	});
	return (await response.json()).access_token;
}

async function api(method, apiPath, { as = 'curator', query, body, form } = {}) {
	const url = new URL(`${emulator.webApiUrl}${apiPath.replace(/^\//, '')}`);
	for (const [k, v] of Object.entries(query || {})) url.searchParams.set(k, v);
	const headers = { Authorization: `Bearer ${tokens[as]}`, Accept: 'application/json' };
	let payload;
	if (form) payload = form;
	else if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
		payload = JSON.stringify(body);
	}
	const response = await fetch(url, { method, headers, body: payload });
	const buffer = Buffer.from(await response.arrayBuffer());
	const contentType = response.headers.get('content-type') || '';
	let parsed;
	if (buffer.length && contentType.includes('json')) parsed = JSON.parse(buffer.toString('utf8'));
	return { status: response.status, headers: response.headers, buffer, json: parsed, contentType };
}

beforeAll(async () => {
	emulator = await startEmulator({ jobTimings: { queuedMs: 60000, runningMs: 60000 } });
});

afterAll(async () => {
	await emulator.close();
});

beforeEach(async () => {
	emulator.reset();
	tokens.curator = await token('curator');
	tokens.artisan = await token('artisan');
});

test('the swagger export has the expected 97 operations', () => {
	expect(operations).toHaveLength(97);
});

test('every swagger operation has a route with the same verb and path, and a request plan', () => {
	const routes = emulator.routes;
	const missingRoutes = operations.filter(
		(op) =>
			!routes.some(
				(r) =>
					r.operationId === op.id &&
					r.method === op.method &&
					r.path.toLowerCase() === op.path.toLowerCase(),
			),
	);
	expect(missingRoutes.map((op) => `${op.method} ${op.path}`)).toEqual([]);
	expect(operations.filter((op) => !plans[op.id]).map((op) => op.id)).toEqual([]);
});

describe.each(operations.map((op) => [`${op.method} ${op.path}`, op]))('%s', (_label, op) => {
	test('answers a documented status with a body matching the swagger schema', async () => {
		const plan = plans[op.id];
		const context = plan.setup ? await plan.setup({ api, emulator }) : {};
		const query = resolveValue(plan.query, context) || {};
		const response = await api(op.method, fillPath(op.path, resolveValue(plan.params, context)), {
			as: plan.as,
			query,
			body: resolveValue(plan.body, context),
			form: plan.form ? plan.form(context) : undefined,
		});
		const documented = Object.keys(op.operation.responses).map(Number);
		const detail = `${op.method} ${op.path} → ${response.status} ${response.buffer.toString('utf8').slice(0, 400)}`;
		expect({ detail, documented: documented.includes(response.status) }).toEqual({
			detail,
			documented: true,
		});
		expect({ detail, status: response.status }).toEqual({ detail, status: plan.status || 200 });

		const declared = op.operation.responses[String(response.status)];
		const produces = op.operation.produces || [];
		if (produces.includes('application/octet-stream')) {
			expect(response.contentType).toBe('application/octet-stream');
			expect(response.buffer.length).toBeGreaterThan(0);
			return;
		}
		const exception = SHAPE_EXCEPTIONS[op.id];
		const schema =
			exception && (!exception.whenQuery || exception.whenQuery(query))
				? exception.schema
				: declared.schema;
		if (schema) {
			expect(response.contentType).toMatch(/^application\/json/);
			expect({ detail, errors: validator.validate(schema, response.json) }).toEqual({
				detail,
				errors: [],
			});
		}
	});
});

describe('view variants', () => {
	test('GET /v3/users default view lists ReducedUserView items', async () => {
		const response = await api('GET', '/v3/users');
		expect(
			validator.validate(
				{ type: 'array', items: { $ref: '#/definitions/ReducedUserView' } },
				response.json,
			),
		).toEqual([]);
	});

	test('GET /v3/workflows default view matches the swagger ReducedWorkflowView[]', async () => {
		const op = operations.find((o) => o.id === 'Workflows_GetWorkflows');
		const response = await api('GET', '/v3/workflows');
		expect(validator.validate(op.operation.responses['200'].schema, response.json)).toEqual([]);
	});

	test('GET /v3/workflows?view=Full lists WorkflowView items', async () => {
		const response = await api('GET', '/v3/workflows', { query: { view: 'Full' } });
		expect(response.json.length).toBeGreaterThan(0);
		expect(
			validator.validate(
				{ type: 'array', items: { $ref: '#/definitions/WorkflowView' } },
				response.json,
			),
		).toEqual([]);
	});

	test.each([
		['GET /v3/collections', '/v3/collections'],
		['GET /v3/credentials', '/v3/credentials'],
		['GET /v3/serverDataConnections', '/v3/serverDataConnections'],
		['GET /v3/schedules', '/v3/schedules'],
	])('%s default view matches the swagger', async (label, apiPath) => {
		const op = operations.find((o) => o.method === 'GET' && o.path === apiPath);
		const response = await api('GET', apiPath);
		expect(response.json.length).toBeGreaterThan(0);
		expect(validator.validate(op.operation.responses['200'].schema, response.json)).toEqual([]);
	});

	test('GET /v3/jobs/{jobId}?includeMessages=false omits messages and still matches JobView', async () => {
		const response = await api('GET', `/v3/jobs/${historicalJob}`, {
			query: { includeMessages: 'false' },
		});
		expect(response.json.messages).toBeUndefined();
		expect(validator.validate({ $ref: '#/definitions/JobView' }, response.json)).toEqual([]);
	});

	test("listShape 'swagger' answers the list-like operations with the single object the swagger declares", async () => {
		emulator.configure({ listShape: 'swagger' });
		try {
			for (const [apiPath, op] of [
				[`/v3/jobs/${historicalJob}/messages`, 'Jobs_GetJobMessages'],
				['/v3/dcm/admin/connections', 'DCMEAdmin_GetAllConnectionsAdmin'],
				['/v3/dcm/admin/connectionhandlingrules', 'DCMEAdmin_GetAllDCMEConnectionHandlingRules'],
			]) {
				const declared = operations.find((o) => o.id === op).operation.responses['200'].schema;
				const response = await api('GET', apiPath);
				expect(response.status).toBe(200);
				expect(Array.isArray(response.json)).toBe(false);
				expect(validator.validate(declared, response.json)).toEqual([]);
			}
		} finally {
			emulator.configure({ listShape: 'array' });
		}
	});
});

describe('Curator-only operations', () => {
	const curatorOnly = operations.filter((op) =>
		/Only Curators can use this (API )?endpoint/i.test(op.operation.description || ''),
	);

	test('the swagger marks a sizeable set of operations as Curator-only', () => {
		expect(curatorOnly.length).toBeGreaterThan(60);
	});

	test.each(curatorOnly.map((op) => [`${op.method} ${op.path}`, op]))(
		'%s answers 401 to an Artisan',
		async (_label, op) => {
			const params = Object.fromEntries(
				[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], '66ebd18d3d62000400000001']),
			);
			const response = await api(op.method, fillPath(op.path, params), {
				as: 'artisan',
				body: ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined,
			});
			expect(response.status).toBe(401);
			expect(response.json).toEqual({ message: 'Authorization has been denied for this request.' });
		},
	);
});

describe('the schema validator itself', () => {
	const workflowView = { $ref: '#/definitions/ReducedWorkflowView' };
	const valid = {
		id: 'a',
		sourceAppId: 'a',
		name: 'n',
		ownerId: 'o',
		dateCreated: '2024-01-01T00:00:00Z',
		publishedVersionNumber: 1,
		isAmp: true,
		executionMode: 'Safe',
	};

	test('accepts a valid object', () => {
		expect(validator.validate(workflowView, valid)).toEqual([]);
	});

	test('rejects a missing required property, a wrong type, a bad enum and a bad date', () => {
		const { name, ...withoutName } = valid;
		expect(validator.validate(workflowView, withoutName)).toEqual([
			'(root): missing required property "name"',
		]);
		expect(
			validator.validate(workflowView, { ...valid, publishedVersionNumber: '1' }),
		).toHaveLength(1);
		expect(
			validator.validate(workflowView, { ...valid, publishedVersionNumber: 1.5 }),
		).toHaveLength(1);
		expect(validator.validate(workflowView, { ...valid, executionMode: 'Fast' })).toHaveLength(1);
		expect(validator.validate(workflowView, { ...valid, dateCreated: 'yesterday' })).toHaveLength(
			1,
		);
		expect(validator.validate(workflowView, { ...valid, name: null })).toHaveLength(1);
	});

	test('checks array items, nested $refs, maps and additionalProperties: false', () => {
		const view = { $ref: '#/definitions/UserGroupAddedUsersView' };
		expect(
			validator.validate(view, {
				successfullyAddedUserCount: 1,
				totalUsersSubmittedCount: 1,
				failedUserReasons: { a: 'x' },
			}),
		).toEqual([]);
		expect(
			validator.validate(view, {
				successfullyAddedUserCount: 1,
				totalUsersSubmittedCount: 1,
				failedUserReasons: { a: 3 },
			}),
		).toHaveLength(1);
		expect(
			validator.validate({ type: 'array', items: workflowView }, [
				valid,
				{ ...valid, isAmp: 'yes' },
			]),
		).toEqual(['[1].isAmp: expected boolean, got string']);
		expect(
			validator.validate({ type: 'object', properties: {}, additionalProperties: false }, { x: 1 }),
		).toHaveLength(1);
		expect(validator.validate({ type: 'string' }, 5)).toHaveLength(1);
	});
});
