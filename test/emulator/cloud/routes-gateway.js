'use strict';

// The API gateway: the workspace (IAM), plans, plan snapshot runs and schedules.

const { json, badRequest, notFound, forbidden } = require('./responses');
const { page, sortBy, intParam, filterRuns, filterByText } = require('./api');
const { readJson, repeatedExecution } = require('./routes-v4');
const { runPhase, isFinished, createPlanRun, planRunView } = require('./runs');
const { OUTCOME_OVERRIDE, outcomeFromName, outcomeFromValue } = require('./seed');

const OWNERSHIP = ['all', 'owned', 'shared'];

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

function listPlans(ctx, emulator) {
	const ownership = ctx.query.get('ownershipFilter') || 'all';
	if (!OWNERSHIP.includes(ownership)) {
		return badRequest(
			'Input validation failed',
			`ownershipFilter must be one of ${OWNERSHIP.join(', ')}`,
		);
	}
	const filtered = filterByText(ctx, [...emulator.state.plans.values()]);
	if (filtered.response) return filtered.response;
	let plans = filtered.items;
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

function filteredRuns(ctx, emulator, defaultSort) {
	const { state } = emulator;
	const views = [...state.planSnapshotRuns.values()].map((r) => planRunView(state, r, ctx.now));
	return filterRuns(ctx, views, { idParams: { planId: 'planId' }, defaultSort });
}

function listRuns(ctx, emulator) {
	const filtered = filteredRuns(ctx, emulator, '-updatedAt');
	return filtered.response || page(ctx, emulator, filtered.items).response;
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
		// Only the schedule's owner or a workspace admin may switch it (the emulator's 403 case).
		if (found.item.creator.id !== ctx.person.id && !ctx.person.isAdmin) {
			return forbidden(`Person ${ctx.person.id} may not change schedule ${found.item.id}`);
		}
		found.item.enabled = enabled;
		found.item.updatedAt = new Date(ctx.now).toISOString();
		return json(200, { ...found.item });
	};
}

// Designer Cloud workflows: seen only in third-party code [T/U], so only a list and a get with the
// emulator's own shape, enough to test that the path family goes to the gateway.
const DESIGNER_WORKFLOWS = [
	{ id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Designer Sales Report', type: 'workflow' },
	{ id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Designer Churn Model', type: 'workflow' },
];

const routes = [
	{
		method: 'GET',
		path: '/svc-workflow/api/v1/workflows',
		handler: (ctx, emulator) =>
			page(
				ctx,
				emulator,
				DESIGNER_WORKFLOWS.map((w) => ({ ...w })),
			).response,
	},
	{
		method: 'GET',
		path: '/svc-workflow/api/v1/workflows/{id}',
		handler: (ctx) => {
			const workflow = DESIGNER_WORKFLOWS.find((w) => w.id === ctx.params.id);
			return workflow
				? json(200, { ...workflow })
				: notFound(`Workflow with id ${ctx.params.id} not found`);
		},
	},
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
			const filtered = filteredRuns(ctx, emulator, 'id');
			return filtered.response || json(200, { count: filtered.items.length });
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
			const filtered = filterByText(ctx, [...emulator.state.schedules.values()]);
			if (filtered.response) return filtered.response;
			const items = filtered.items.sort((a, b) => a.id - b.id).map((s) => ({ ...s }));
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
