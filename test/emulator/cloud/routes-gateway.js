'use strict';

// The API gateway: the workspace (IAM), plans, plan snapshot runs and schedules.

const { json, badRequest, notFound } = require('./responses');
const { page, sortBy, intParam } = require('./api');
const { readJson, repeatedExecution } = require('./routes-v4');
const { runPhase, isFinished, createPlanRun, planRunView } = require('./runs');
const { OUTCOME_OVERRIDE, outcomeFromName, outcomeFromValue } = require('./seed');

const FILTER_TYPES = ['fuzzy', 'contains', 'exact', 'exactIgnoreCase'];
const OWNERSHIP = ['all', 'owned', 'shared'];
const RUN_STATUSES = ['Created', 'InProgress', 'Complete', 'Failed', 'Canceled'];

function findById(ctx, map, label) {
	const id = intParam(ctx.params.id);
	const item = id === null ? null : map.get(id);
	if (!item)
		return {
			response: notFound(
				`${label} with id ${ctx.params.id} not found`,
				`No ${label.toLowerCase()} with id ${ctx.params.id} in this workspace`,
			),
		};
	return { item };
}

function planView(plan) {
	const { shared, ...view } = plan;
	return view;
}

/** fuzzy: the letters of the filter appear in order; contains: a substring (both case-insensitive). */
function textMatches(value, filter, type) {
	const text = String(value ?? '');
	if (type === 'exact') return text === filter;
	if (type === 'exactIgnoreCase') return text.toLowerCase() === filter.toLowerCase();
	if (type === 'contains') return text.toLowerCase().includes(filter.toLowerCase());
	let at = 0;
	const lower = text.toLowerCase();
	for (const ch of filter.toLowerCase()) {
		at = lower.indexOf(ch, at);
		if (at < 0) return false;
		at++;
	}
	return true;
}

function listPlans(ctx, emulator) {
	let plans = [...emulator.state.plans.values()];
	const filter = ctx.query.get('filter');
	const filterType = ctx.query.get('filterType') || 'fuzzy';
	if (!FILTER_TYPES.includes(filterType))
		return badRequest(
			'Input validation failed',
			`filterType must be one of ${FILTER_TYPES.join(', ')}`,
		);
	const ownership = ctx.query.get('ownershipFilter') || 'all';
	if (!OWNERSHIP.includes(ownership))
		return badRequest(
			'Input validation failed',
			`ownershipFilter must be one of ${OWNERSHIP.join(', ')}`,
		);
	if (filter) {
		const fields = String(ctx.query.get('filterFields') || 'name')
			.split(',')
			.map((f) => f.trim())
			.filter(Boolean);
		plans = plans.filter((p) => fields.some((field) => textMatches(p[field], filter, filterType)));
	}
	if (ownership === 'owned') plans = plans.filter((p) => p.creator.id === ctx.person.id);
	if (ownership === 'shared') plans = plans.filter((p) => p.creator.id !== ctx.person.id);
	const sorted = sortBy(
		plans,
		ctx.query.get('sort'),
		['name', 'createdAt', 'updatedAt', 'id'],
		'-updatedAt',
	);
	if (!sorted)
		return badRequest('Input validation failed', `Unsupported sort "${ctx.query.get('sort')}"`);
	return page(ctx, emulator, sorted.map(planView)).response;
}

function runParameters(ctx, emulator) {
	const found = findById(ctx, emulator.state.plans, 'Plan');
	if (found.response) return found.response;
	const { state } = emulator;
	return json(200, {
		planNodeParameters: found.item.nodes.map((node) => {
			const flow = state.flows.get(node.flow.id);
			return {
				handle: node.handle,
				planNodeId: node.id,
				flow: { id: flow.id, name: flow.name },
				variables: [
					{ overrideKey: 'region', value: 'EMEA', type: 'variable' },
					{ overrideKey: OUTCOME_OVERRIDE, value: '', type: 'variable' },
				],
			};
		}),
	});
}

function runPlan(ctx, emulator) {
	const found = findById(ctx, emulator.state.plans, 'Plan');
	if (found.response) return found.response;
	const plan = found.item;
	const parsed = readJson(ctx);
	if (parsed.response) return parsed.response;
	const body = parsed.body || {};
	const overrides = body.planNodeOverrides === undefined ? [] : body.planNodeOverrides;
	if (!Array.isArray(overrides))
		return badRequest('Input validation failed', 'planNodeOverrides must be an array');
	const repeated = repeatedExecution(ctx, emulator, 'runPlan');
	if (repeated.response) return repeated.response;
	if (repeated.key) emulator.state.executionIds.add(repeated.key);
	const forced = overrides.find(
		(o) => o && String(o.overrideKey).toLowerCase() === OUTCOME_OVERRIDE.toLowerCase(),
	);
	const run = createPlanRun(emulator.state, {
		planId: plan.id,
		outcome: (forced && outcomeFromValue(forced.value)) || outcomeFromName(plan.name),
		createdAtMs: ctx.now,
		timings: emulator.options.runTimings,
		overrides,
		creatorId: ctx.person.id,
	});
	emulator.counters.runsStarted.plans++;
	return json(201, { validationStatus: 'Valid', planSnapshotRunId: run.id });
}

/** An ISO time or epoch milliseconds; NaN when neither. */
function timeParam(value) {
	if (/^\d+$/.test(value)) return Number(value);
	return Date.parse(value);
}

/** The plan runs matching planId, status, finishedAfter, updatedAfter; or { response }. */
function filteredRuns(ctx, emulator) {
	const { state } = emulator;
	let runs = [...state.planSnapshotRuns.values()].map((r) => planRunView(state, r, ctx.now));
	const planId = ctx.query.get('planId');
	if (planId !== undefined) {
		if (intParam(planId) === null)
			return {
				response: badRequest(
					'Input validation failed',
					`planId must be an integer, got "${planId}"`,
				),
			};
		runs = runs.filter((r) => r.planId === Number(planId));
	}
	const status = ctx.query.get('status');
	if (status) {
		const wanted = status.split(',').map((s) => s.trim());
		const unknown = wanted.find((s) => !RUN_STATUSES.includes(s));
		if (unknown)
			return {
				response: badRequest(
					'Input validation failed',
					`status must be among ${RUN_STATUSES.join(', ')}, got "${unknown}"`,
				),
			};
		runs = runs.filter((r) => wanted.includes(r.status));
	}
	for (const [param, field] of [
		['finishedAfter', 'finishedAt'],
		['updatedAfter', 'updatedAt'],
	]) {
		const raw = ctx.query.get(param);
		if (raw === undefined) continue;
		const after = timeParam(raw);
		if (Number.isNaN(after))
			return {
				response: badRequest(
					'Input validation failed',
					`${param} must be an ISO time or epoch milliseconds, got "${raw}"`,
				),
			};
		runs = runs.filter((r) => r[field] !== null && Date.parse(r[field]) > after);
	}
	return { runs };
}

function listRuns(ctx, emulator) {
	const filtered = filteredRuns(ctx, emulator);
	if (filtered.response) return filtered.response;
	const sorted = sortBy(
		filtered.runs,
		ctx.query.get('sort'),
		['id', 'createdAt', 'updatedAt', 'finishedAt'],
		'-updatedAt',
	);
	if (!sorted)
		return badRequest('Input validation failed', `Unsupported sort "${ctx.query.get('sort')}"`);
	return page(ctx, emulator, sorted).response;
}

function cancelRun(ctx, emulator) {
	const found = findById(ctx, emulator.state.planSnapshotRuns, 'PlanSnapshotRun');
	if (found.response) return found.response;
	const run = found.item;
	const phase = runPhase(run, ctx.now);
	if (isFinished(phase.status))
		return badRequest(
			'Plan run cannot be canceled',
			`Plan run ${run.id} is already ${phase.status}`,
		);
	run.canceledAtMs = ctx.now;
	return json(200, planRunView(emulator.state, run, ctx.now));
}

function setEnabled(enabled) {
	return (ctx, emulator) => {
		const found = findById(ctx, emulator.state.schedules, 'Schedule');
		if (found.response) return found.response;
		found.item.enabled = enabled;
		found.item.updatedAt = new Date(ctx.now).toISOString();
		return json(200, { ...found.item });
	};
}

const routes = [
	{
		method: 'GET',
		path: '/iam/v1/workspaces/current',
		handler: (ctx, emulator) => {
			const w = emulator.state.workspaces.get(ctx.person.workspaceId);
			return json(200, {
				id: w.id,
				name: w.name,
				customUrl: w.customUrl,
				state: 'active',
				tier: w.tier,
			});
		},
	},
	{ method: 'GET', path: '/plans/v1/plans', handler: listPlans },
	{
		method: 'GET',
		path: '/plans/v1/plans/{id}',
		handler: (ctx, emulator) => {
			const found = findById(ctx, emulator.state.plans, 'Plan');
			return found.response || json(200, planView(found.item));
		},
	},
	{ method: 'GET', path: '/plans/v1/plans/{id}/runParameters', handler: runParameters },
	{ method: 'POST', path: '/plans/v1/plans/{id}/run', handler: runPlan },
	{ method: 'GET', path: '/plans/v1/planSnapshotRuns', handler: listRuns },
	{
		method: 'GET',
		path: '/plans/v1/planSnapshotRuns/count',
		handler: (ctx, emulator) => {
			const filtered = filteredRuns(ctx, emulator);
			return filtered.response || json(200, { count: filtered.runs.length });
		},
	},
	{
		method: 'GET',
		path: '/plans/v1/planSnapshotRuns/{id}',
		handler: (ctx, emulator) => {
			const found = findById(ctx, emulator.state.planSnapshotRuns, 'PlanSnapshotRun');
			return found.response || json(200, planRunView(emulator.state, found.item, ctx.now));
		},
	},
	{ method: 'POST', path: '/plans/v1/planSnapshotRuns/{id}/cancel', handler: cancelRun },
	{
		method: 'GET',
		path: '/scheduling/v1/schedules',
		handler: (ctx, emulator) => {
			const items = [...emulator.state.schedules.values()]
				.sort((a, b) => a.id - b.id)
				.map((s) => ({ ...s }));
			return page(ctx, emulator, items).response;
		},
	},
	{
		method: 'GET',
		path: '/scheduling/v1/schedules/count',
		handler: (ctx, emulator) => json(200, { count: emulator.state.schedules.size }),
	},
	{
		method: 'GET',
		path: '/scheduling/v1/schedules/{id}',
		handler: (ctx, emulator) => {
			const found = findById(ctx, emulator.state.schedules, 'Schedule');
			return found.response || json(200, { ...found.item });
		},
	},
	{ method: 'POST', path: '/scheduling/v1/schedules/{id}/enable', handler: setEnabled(true) },
	{ method: 'POST', path: '/scheduling/v1/schedules/{id}/disable', handler: setEnabled(false) },
];

module.exports = { routes };
