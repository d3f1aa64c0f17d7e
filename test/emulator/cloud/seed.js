'use strict';

// The seeded workspace: one person (plus the service principal's account), three flows with
// wrangled datasets (one flow per outcome), finished job groups and plan runs in the past, four
// plans and two schedules. Ids are fixed so tests and the README can name them.

const CLOUD_SEED = Object.freeze({
	workspaceId: 1,
	personId: 7,
	servicePrincipalPersonId: 8,
	flows: Object.freeze({ salesCleanup: 101, inventoryJoin: 102, customerMerge: 103, deleted: 109 }),
	wrangledDatasets: Object.freeze({
		sales2026: 201,
		salesRegions: 202,
		inventory: 203,
		customers: 204,
	}),
	jobGroups: Object.freeze({ salesDone: 301, inventoryFailed: 302, salesDoneLater: 303 }),
	plans: Object.freeze({
		nightlyRevenue: 501,
		warehouseLoad: 502,
		quarterlyArchive: 503,
		sharedPartnerFeed: 504,
	}),
	planRuns: Object.freeze({ revenueDone: 601, warehouseFailed: 602, revenueDoneLater: 603 }),
	schedules: Object.freeze({ nightlyRevenue: 701, weeklySales: 702 }),
	names: Object.freeze({
		workspace: 'Emulator Workspace',
		person: 'Ada Analyst',
		email: 'ada@example.com',
		flows: Object.freeze({
			101: 'Sales Cleanup',
			102: 'Inventory Join (fails)',
			103: 'Customer Merge (cancels)',
			109: 'Old Flow',
		}),
		plans: Object.freeze({
			501: 'Nightly Revenue',
			502: 'Warehouse Load (fails)',
			503: 'Quarterly Archive (cancels)',
			504: 'Shared Partner Feed',
		}),
	}),
	// Where new objects' ids start.
	firstNewIds: Object.freeze({
		jobGroups: 1001,
		jobs: 2001,
		planSnapshotRuns: 3001,
		flowRuns: 4001,
	}),
});

const OUTCOMES = ['Complete', 'Failed', 'Canceled'];
const OUTCOME_OVERRIDE = 'EmulatorOutcome';
const HOUR = 3600_000;
// Timings of the seeded past runs (queued 5 s, ran 1 min).
const PAST_TIMINGS = Object.freeze({ createdMs: 5000, inProgressMs: 60_000 });

/** The outcome a flow or plan name asks for: '(fails)' → Failed, '(cancels)' → Canceled. */
function outcomeFromName(name) {
	const lower = String(name).toLowerCase();
	if (lower.includes('(fails)')) return 'Failed';
	if (lower.includes('(cancels)')) return 'Canceled';
	return 'Complete';
}

/** An EmulatorOutcome value, or null. */
function outcomeFromValue(value) {
	return OUTCOMES.find((o) => o.toLowerCase() === String(value).trim().toLowerCase()) || null;
}

function createSeededState(nowMs) {
	const iso = (ms) => new Date(ms).toISOString();
	const created = nowMs - 30 * 24 * HOUR;
	const state = {
		people: new Map(),
		workspaces: new Map(),
		flows: new Map(),
		wrangledDatasets: new Map(),
		jobGroups: new Map(),
		jobs: new Map(),
		plans: new Map(),
		planSnapshotRuns: new Map(),
		schedules: new Map(),
		executionIds: new Set(),
		nextIds: { ...CLOUD_SEED.firstNewIds },
	};
	state.workspaces.set(1, {
		id: 1,
		name: CLOUD_SEED.names.workspace,
		customUrl: 'emulator-workspace',
		tier: 'enterprise',
		createdAt: iso(created),
		updatedAt: iso(created),
	});
	state.people.set(7, {
		id: 7,
		email: CLOUD_SEED.names.email,
		name: CLOUD_SEED.names.person,
		isAdmin: true,
		state: 'active',
		workspaceId: 1,
		createdAt: iso(created),
		updatedAt: iso(created),
	});
	state.people.set(8, {
		id: 8,
		email: 'emulator-sp@service.example.com',
		name: 'Emulator Service Principal',
		isAdmin: false,
		state: 'active',
		workspaceId: 1,
		createdAt: iso(created),
		updatedAt: iso(created),
	});
	const flows = [
		[101, [201, 202], ['Sales 2026', 'Sales Regions']],
		[102, [203], ['Inventory']],
		[103, [204], ['Customers']],
		[109, [], []],
	];
	for (const [id, datasetIds, datasetNames] of flows) {
		state.flows.set(id, {
			id,
			name: CLOUD_SEED.names.flows[id],
			description: `Seeded flow ${id}`,
			createdAt: iso(created + id * 1000),
			updatedAt: iso(created + id * 60_000),
			creator: { id: 7 },
			workspace: { id: 1 },
			deleted: id === 109,
			wrangledDatasetIds: datasetIds,
		});
		datasetIds.forEach((datasetId, i) => {
			state.wrangledDatasets.set(datasetId, {
				id: datasetId,
				name: datasetNames[i],
				flow: { id },
				createdAt: iso(created + datasetId * 1000),
				updatedAt: iso(created + datasetId * 1000),
			});
		});
	}
	const plans = [
		[501, 101, false],
		[502, 102, false],
		[503, 103, false],
		[504, 101, true],
	];
	for (const [id, flowId, shared] of plans) {
		state.plans.set(id, {
			id,
			name: CLOUD_SEED.names.plans[id],
			description: `Seeded plan ${id}`,
			createdAt: iso(created + id * 1000),
			updatedAt: iso(created + id * 60_000),
			creator: { id: shared ? 99 : 7 },
			workspace: { id: 1 },
			shared,
			nodes: [
				{
					id: id * 10 + 1,
					handle: `node-${id}-1`,
					name: `Run ${CLOUD_SEED.names.flows[flowId]}`,
					taskType: 'flow',
					flow: { id: flowId },
				},
			],
		});
	}
	state.schedules.set(701, {
		id: 701,
		name: 'Nightly revenue',
		enabled: true,
		triggers: [{ timeBased: { cron: '0 2 * * *', timezone: 'UTC' } }],
		tasks: [{ planId: 501 }],
		createdAt: iso(created),
		updatedAt: iso(created),
		creator: { id: 7 },
	});
	state.schedules.set(702, {
		id: 702,
		name: 'Weekly sales',
		enabled: false,
		triggers: [{ timeBased: { cron: '0 6 * * 1', timezone: 'UTC' } }],
		tasks: [{ flowId: 101 }],
		createdAt: iso(created),
		updatedAt: iso(created),
		creator: { id: 7 },
	});
	return state;
}

module.exports = {
	CLOUD_SEED,
	OUTCOMES,
	OUTCOME_OVERRIDE,
	PAST_TIMINGS,
	HOUR,
	outcomeFromName,
	outcomeFromValue,
	createSeededState,
};
