'use strict';

// Seeded server state. Ids are fixed so demos, e2e workflows and tests can refer to them.

const { createEmptyState } = require('./store');
const { makeUser, seededApiKeys, makeVersion, makeSimulation } = require('./records');
const { buildPackage, inspectPackage } = require('./packages');
const { createJob } = require('./jobs-runner');
const { ulid } = require('./ids');

const SEED_IDS = Object.freeze({
	subscriptions: { defaultStudio: '66ebd18d3d62000200000001' },
	users: {
		ada: '66ebd18d3d62000100000001', // Curator with API access
		bo: '66ebd18d3d62000100000002', // Artisan with API access
		vi: '66ebd18d3d62000100000003', // inactive Viewer
		nia: '66ebd18d3d62000100000004', // Artisan without API access
	},
	userGroups: { analysts: '66ebd18d3d62000300000001' },
	workflows: {
		salesForecast: '66ebd18d3d62000400000001',
		dailySalesEtl: '66ebd18d3d62000400000002',
		inventorySync: '66ebd18d3d62000400000003',
		customerCleanse: '66ebd18d3d62000400000004',
		restrictedReport: '66ebd18d3d62000400000005',
		marketingMix: '66ebd18d3d62000400000006',
	},
	collections: { financeReports: '66ebd18d3d62000600000001' },
	schedules: { nightlyEtl: '66ebd18d3d62000700000001', weeklyForecast: '66ebd18d3d62000700000002' },
	credentials: { svcAlteryx: '66ebd18d3d62000800000001' },
	serverDataConnections: { salesDwh: '66ebd18d3d62000900000001' },
	dcmConnections: { snowflake: '5f0c2a8e-4b1d-4c7a-9e3f-0a1b2c3d4e51' },
	dcmConnectionHandlingRules: { legacyToSnowflake: '7d2e9b10-3c4f-4a5b-8c6d-1e2f3a4b5c61' },
});

const SEED_NAMES = ['default', 'demo', 'minimal'];

const SALES_FORECAST_QUESTIONS = [
	{
		name: 'Region',
		questionType: 'QuestionDropDown',
		description: 'Sales region to forecast',
		value: 'North',
		multiple: false,
		items: ['North', 'South', 'East', 'West'].map((r) => ({ key: r, value: r })),
	},
	{
		name: 'Year',
		questionType: 'QuestionTextBox',
		description: 'Forecast year (numeric)',
		value: '2025',
		multiple: false,
		items: [],
	},
];

function seedUsers(state) {
	const studio = SEED_IDS.subscriptions.defaultStudio;
	const common = {
		subscriptionId: studio,
		isValidated: true,
		language: 'en-us',
		timeZone: 'Etc/UTC',
	};
	const users = [
		makeUser({
			...common,
			...seededApiKeys('curator'),
			id: SEED_IDS.users.ada,
			firstName: 'Ada',
			lastName: 'Admin',
			email: 'ada.admin@example.com',
			role: 'Curator',
			canScheduleJobs: true,
			canPrioritizeJobs: true,
			canAssignJobs: true,
			canCreateCollections: true,
			isApiEnabled: true,
			canCreateAndUpdateDcm: true,
			canShareForExecutionDcm: true,
			canShareForCollaborationDcm: true,
			canManageGenericVaultsDcm: true,
			dateCreated: '2024-01-15T09:00:00.000Z',
			lastLoginDateTime: '2024-09-18T08:30:00.000Z',
		}),
		makeUser({
			...common,
			...seededApiKeys('artisan'),
			id: SEED_IDS.users.bo,
			firstName: 'Bo',
			lastName: 'Builder',
			email: 'bo.builder@example.com',
			role: 'Artisan',
			canScheduleJobs: true,
			isApiEnabled: true,
			canCreateAndUpdateDcm: true,
			canShareForExecutionDcm: true,
			canShareForCollaborationDcm: true,
			dateCreated: '2024-02-01T09:00:00.000Z',
			lastLoginDateTime: '2024-09-17T14:05:00.000Z',
		}),
		makeUser({
			...common,
			...seededApiKeys('inactive'),
			id: SEED_IDS.users.vi,
			firstName: 'Vi',
			lastName: 'Viewer',
			email: 'vi.viewer@example.com',
			role: 'Viewer',
			isApiEnabled: true,
			isActive: false,
			dateCreated: '2024-03-10T09:00:00.000Z',
		}),
		makeUser({
			...common,
			...seededApiKeys('no-api'),
			id: SEED_IDS.users.nia,
			firstName: 'Nia',
			lastName: 'NoApi',
			email: 'nia.noapi@example.com',
			role: 'Artisan',
			isApiEnabled: false,
			dateCreated: '2024-04-22T09:00:00.000Z',
		}),
	];
	for (const user of users) state.users.set(user.id, user);
	state.subscriptions.set(studio, {
		id: studio,
		name: 'Default Studio',
		credentialId: '',
		canShareSchedules: true,
		active: true,
		apiEnabled: true,
		...seededApiKeys('studio'),
		expirationDate: '2099-12-31T00:00:00.000Z',
		dateUpdated: '2024-01-15T09:00:00.000Z',
		dataConnectionIds: [],
	});
}

function seedWorkflow(state, spec) {
	const date = spec.date || '2024-09-19T10:02:54.000Z';
	const pkg = buildPackage({
		name: spec.name,
		type: spec.type,
		questions: spec.questions || [],
		description: spec.description,
		author: 'Ada Admin',
	});
	const inspected = inspectPackage(pkg, spec.name);
	const settings = {
		executionMode: 'Standard',
		workflowCredentialType: 'Default',
		othersMayDownload: true,
		othersCanViewHistory: true,
		...spec.settings,
	};
	const version = makeVersion({
		versionId: spec.id.replace(/^(.{14})04/, '$105'),
		versionNumber: 1,
		date,
		pkg,
		inspected,
		name: spec.name,
		settings,
		comments: 'Initial version',
	});
	state.workflows.set(spec.id, {
		id: spec.id,
		sourceAppId: spec.id,
		name: spec.name,
		ownerId: spec.ownerId,
		dateCreated: date,
		workerTag: '',
		districtTags: [],
		comments: spec.description || '',
		isPublic: spec.isPublic ?? false,
		isReadyForMigration: false,
		othersMayDownload: settings.othersMayDownload,
		othersCanViewHistory: settings.othersCanViewHistory,
		othersCanExecute: spec.othersCanExecute ?? true,
		executionMode: settings.executionMode,
		hasPrivateDataExemption: false,
		publishedVersionId: version.versionId,
		versions: [version],
		simulation: makeSimulation(spec.simulation),
	});
}

function seedWorkflows(state) {
	const { users, workflows } = SEED_IDS;
	seedWorkflow(state, {
		id: workflows.salesForecast,
		name: 'Sales Forecast',
		type: 'App',
		ownerId: users.ada,
		isPublic: true,
		description: 'Analytic app: forecast sales for a region and year.',
		questions: SALES_FORECAST_QUESTIONS,
		simulation: {
			outputs: [{ fileName: 'forecast.csv', availableFormats: ['Raw', 'Csv', 'Xlsx'] }],
		},
	});
	seedWorkflow(state, {
		id: workflows.dailySalesEtl,
		name: 'Daily Sales ETL',
		type: 'Module',
		ownerId: users.ada,
		description: 'Loads and cleans the daily sales extract.',
		simulation: {
			outputs: [
				{ fileName: 'sales_clean.csv', availableFormats: ['Raw', 'Csv', 'Xlsx'] },
				{ fileName: 'sales_summary.csv', availableFormats: ['Raw', 'Csv', 'Xlsx'] },
			],
		},
	});
	seedWorkflow(state, {
		id: workflows.inventorySync,
		name: 'Inventory Sync',
		type: 'Module',
		ownerId: users.ada,
		description: 'Always fails: the source DSN does not exist.',
		simulation: {
			disposition: 'Error',
			errorMessage:
				'Input Data (1): Error opening connection "odbc:DSN=InventoryDB": [Microsoft][ODBC Driver Manager] Data source name not found and no default driver specified',
			outputs: [],
		},
	});
	seedWorkflow(state, {
		id: workflows.customerCleanse,
		name: 'Customer Cleanse',
		type: 'Module',
		ownerId: users.ada,
		description: 'Always completes with a conversion warning.',
		simulation: {
			disposition: 'Warning',
			warningMessage:
				'Formula (3): ConvError: ToNumber: "n/a" was not converted to a number (12 records)',
			outputs: [{ fileName: 'customers_clean.csv', availableFormats: ['Raw', 'Csv', 'Xlsx'] }],
		},
	});
	seedWorkflow(state, {
		id: workflows.restrictedReport,
		name: 'Restricted Report',
		type: 'Module',
		ownerId: users.ada,
		description: 'Others may neither download nor run it.',
		settings: { othersMayDownload: false },
		othersCanExecute: false,
		simulation: {
			outputs: [{ fileName: 'restricted.csv', availableFormats: ['Raw', 'Csv', 'Xlsx'] }],
		},
	});
	seedWorkflow(state, {
		id: workflows.marketingMix,
		name: 'Marketing Mix',
		type: 'Module',
		ownerId: users.bo,
		date: '2024-09-20T12:00:00.000Z',
		description: "Bo's workflow.",
		simulation: {
			outputs: [{ fileName: 'marketing_mix.csv', availableFormats: ['Raw', 'Csv', 'Xlsx'] }],
		},
	});
}

// 25 finished runs of "Daily Sales ETL", one a day, so clients can page through job history.
// Every 5th ended with Warning and every 7th with Error.
function seedJobHistory(state) {
	const workflow = state.workflows.get(SEED_IDS.workflows.dailySalesEtl);
	const version = workflow.versions[0];
	const ada = state.users.get(SEED_IDS.users.ada);
	for (let i = 1; i <= 25; i++) {
		const createdAtMs = Date.parse('2024-10-01T02:00:00.000Z') + (i - 1) * 86400000;
		const disposition = i % 7 === 0 ? 'Error' : i % 5 === 0 ? 'Warning' : 'Success';
		const job = createJob({
			workflow,
			version,
			user: ada,
			contract: {},
			timings: { queuedMs: 1500, runningMs: 42000 },
			createdAtMs,
			disposition,
		});
		job.id = `66ebd18d3d62000a000000${i.toString(16).padStart(2, '0')}`;
		job.outputs.forEach(
			(output, n) =>
				(output.id = `66ebd18d3d62000b0000${i.toString(16).padStart(2, '0')}${n.toString(16).padStart(2, '0')}`),
		);
		if (disposition === 'Error')
			job.errorMessage =
				'Input Data (1): The file "\\\\fileserver\\sales\\daily.csv" is locked by another process';
		if (disposition === 'Warning')
			job.warningMessage = 'Filter (4): 3 records had a null OrderDate';
		state.jobs.set(job.id, job);
	}
}

function seedSharing(state) {
	const {
		users,
		userGroups,
		workflows,
		collections,
		schedules,
		credentials,
		serverDataConnections,
	} = SEED_IDS;
	state.userGroups.set(userGroups.analysts, {
		id: userGroups.analysts,
		name: 'Analysts',
		role: 'Artisan',
		dateAdded: '2024-02-05T09:00:00.000Z',
		members: [
			{ userId: users.bo, dateAddedToGroup: '2024-02-05T09:00:00.000Z', addedByUserId: users.ada },
		],
		activeDirectoryGroups: [],
	});
	state.credentials.set(credentials.svcAlteryx, {
		id: credentials.svcAlteryx,
		userName: 'CORP\\svc_alteryx',
		password: 'not-a-real-password',
		userIds: [users.bo],
		userGroupIds: [userGroups.analysts],
		createdBy: users.ada,
		lastUpdatedDate: '2024-05-02T09:00:00.000Z',
		status: 'Active',
	});
	state.serverDataConnections.set(serverDataConnections.salesDwh, {
		id: serverDataConnections.salesDwh,
		name: 'Sales DWH',
		connectionString: 'odbc:DSN=SalesDWH;UID=report;PWD=__EncPwd1__',
		connectionType: 'ODBC',
		dcmConnectionId: null,
		dcmConnectionTitle: null,
		userIds: [users.bo],
		userGroupIds: [userGroups.analysts],
	});
	state.schedules.set(schedules.nightlyEtl, {
		id: schedules.nightlyEtl,
		name: 'Nightly ETL',
		workflowId: workflows.dailySalesEtl,
		versionId: state.workflows.get(workflows.dailySalesEtl).publishedVersionId,
		ownerId: users.ada,
		comment: 'Loads yesterday’s sales',
		enabled: true,
		priority: 'Default',
		workerTag: '',
		credentialId: null,
		creationTime: '2024-09-30T16:00:00.000Z',
		lastRunTime: '2024-10-25T02:00:00.000Z',
		runCount: 25,
		iteration: {
			iterationType: 'Daily',
			startTime: '2024-10-01T02:00:00.000Z',
			dailyContract: { runOnlyWorkWeek: false },
		},
		timeZone: '',
		questions: [],
		lastModifiedId: users.ada,
		lastModifiedDate: '2024-09-30T16:00:00.000Z',
		lastError: '',
	});
	state.schedules.set(schedules.weeklyForecast, {
		id: schedules.weeklyForecast,
		name: 'Weekly Forecast (West)',
		workflowId: workflows.salesForecast,
		versionId: state.workflows.get(workflows.salesForecast).publishedVersionId,
		ownerId: users.bo,
		comment: 'Monday morning forecast for the West region',
		enabled: true,
		priority: 'Default',
		workerTag: '',
		credentialId: null,
		creationTime: '2024-10-02T08:00:00.000Z',
		lastRunTime: null,
		runCount: 0,
		iteration: {
			iterationType: 'Weekly',
			startTime: '2024-10-07T07:00:00.000Z',
			weeklyContract: { daysOfWeek: ['Monday'] },
		},
		timeZone: '',
		questions: [
			{ name: 'Region', value: 'West' },
			{ name: 'Year', value: '2025' },
		],
		lastModifiedId: users.bo,
		lastModifiedDate: '2024-10-02T08:00:00.000Z',
		lastError: '',
	});
	const allPermissions = {
		isAdmin: false,
		canAddAssets: true,
		canRemoveAssets: false,
		canUpdateAssets: true,
		canAddUsers: false,
		canRemoveUsers: false,
	};
	state.collections.set(collections.financeReports, {
		id: collections.financeReports,
		name: 'Finance Reports',
		ownerId: users.ada,
		dateAdded: '2024-09-21T09:00:00.000Z',
		workflowIds: [workflows.salesForecast],
		scheduleIds: [schedules.weeklyForecast],
		users: [
			{ userId: users.bo, expirationDate: null, collectionsPermissions: { ...allPermissions } },
		],
		userGroups: [
			{
				userGroupId: userGroups.analysts,
				expirationDate: null,
				collectionsPermissions: { ...allPermissions },
			},
		],
		subscriptionIds: [],
	});
}

function seedDcm(state) {
	const { users, dcmConnections, dcmConnectionHandlingRules } = SEED_IDS;
	state.dcmConnections.set(dcmConnections.snowflake, {
		id: dcmConnections.snowflake,
		connectionId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
		name: 'Snowflake Analytics',
		schemaName: 'snowflake-odbc-userpass',
		allowInSdks: false,
		parameters: { warehouse: 'ANALYTICS_WH', database: 'SALES' },
		ownerId: users.ada,
		createdOn: '2024-06-01T09:00:00.000Z',
		lastChangedOn: '2024-06-01T09:00:00.000Z',
		dataSource: {
			id: '3e1f5a7c-2b4d-4f6a-8c0e-9a1b3c5d7e90',
			name: 'Snowflake DWH',
			schemaName: 'snowflake-odbc',
			drvName: 'SnowflakeDSIIDriver',
			host: 'acme.snowflakecomputing.com',
			parameters: { port: '443' },
		},
		credentials: {
			userpass: {
				id: '9c8b7a6f-5e4d-4c3b-2a1f-0e9d8c7b6a51',
				name: 'svc_snowflake',
				schemaName: 'username-password',
				userName: 'SVC_SNOWFLAKE',
				parameters: {},
				secrets: { password: { expiresOn: null, parameters: {}, value: 'not-a-real-password' } },
			},
		},
		sharing: {
			execution: { userIds: [users.bo], userGroupIds: [] },
			collaboration: { userIds: [], userGroupIds: [], sharedCredentials: [] },
		},
	});
	state.dcmConnectionHandlingRules.set(dcmConnectionHandlingRules.legacyToSnowflake, {
		id: dcmConnectionHandlingRules.legacyToSnowflake,
		createdBy: users.ada,
		createdOn: '2024-06-02T09:00:00.000Z',
		lastChangedOn: '2024-06-02T09:00:00.000Z',
		sourceConnectionId: '0f1e2d3c-4b5a-4968-8776-655443322110',
		sourceConnectionTitle: 'Legacy SQL Server',
		targetConnectionId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
		targetConnectionTitle: 'Snowflake Analytics',
	});
}

function seedUsage(state) {
	const base = Date.parse('2024-10-01T00:00:00.000Z');
	for (let i = 0; i < 5; i++) {
		const time = base + i * 3600000;
		const id = ulid(time, Buffer.alloc(10, i + 1));
		state.usageEvents.push({
			eventId: id,
			timestamp: new Date(time).toISOString(),
			event: i % 2 ? 'WorkflowRun' : 'UserLogin',
			userId: SEED_IDS.users.ada,
		});
	}
}

/**
 * @param {'default'|'demo'|'minimal'} name  'demo' is the default data under the name the CLI
 *   docs use; 'minimal' has only the studio and the users (no workflows, jobs or usage).
 */
function createSeededState(name = 'default') {
	if (!SEED_NAMES.includes(name))
		throw new Error(`Unknown seed "${name}" (expected one of ${SEED_NAMES.join(', ')})`);
	const state = createEmptyState();
	state.seed = name;
	seedUsers(state);
	if (name === 'minimal') return state;
	seedWorkflows(state);
	seedJobHistory(state);
	seedSharing(state);
	seedDcm(state);
	seedUsage(state);
	return state;
}

module.exports = {
	createSeededState,
	seedWorkflow,
	SEED_IDS,
	SEED_NAMES,
	SALES_FORECAST_QUESTIONS,
};
