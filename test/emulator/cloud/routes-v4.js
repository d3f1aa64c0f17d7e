'use strict';

// The v4 API host: the person, the workspace, flows, job groups and the job library.

const { json, empty, exception, badRequest, notFound, gone } = require('./responses');
const { checkQuota, page, sortBy, intParam, filterRuns, filterByText } = require('./api');
const { jsonBody } = require('./server');
const {
	runPhase,
	isFinished,
	createJobGroup,
	jobGroupView,
	jobsOf,
	datasetView,
	iso,
} = require('./runs');
const { OUTCOME_OVERRIDE, outcomeFromName, outcomeFromValue } = require('./seed');

function embedList(ctx) {
	return String(ctx.query.get('embed') || '')
		.split(',')
		.map((s) => s.trim().toLowerCase())
		.filter(Boolean);
}

function readJson(ctx) {
	const type = String(ctx.headers['content-type'] || '').toLowerCase();
	if (ctx.rawBody.length && !/^application\/(.+\+)?json/.test(type)) {
		return {
			response: exception(
				415,
				'UnsupportedMediaType',
				'Unsupported Media Type',
				`Content-Type must be application/json, got ${type || 'none'}`,
			),
		};
	}
	try {
		return { body: jsonBody(ctx) };
	} catch (error) {
		return {
			response: badRequest(
				'Input validation failed',
				`Request body is not valid JSON: ${error.message}`,
			),
		};
	}
}

/** The EmulatorOutcome of `runParameters.overrides.data`, or null. */
function outcomeFromRunParameters(body) {
	const data =
		body && body.runParameters && body.runParameters.overrides && body.runParameters.overrides.data;
	if (!Array.isArray(data)) return null;
	const entry = data.find(
		(d) => d && String(d.key).toLowerCase() === OUTCOME_OVERRIDE.toLowerCase(),
	);
	return entry ? outcomeFromValue(entry.value) : null;
}

function findFlow(ctx, emulator) {
	const id = intParam(ctx.params.id);
	const flow = id === null ? null : emulator.state.flows.get(id);
	if (!flow)
		return {
			response: notFound(
				`Flow with id ${ctx.params.id} not found`,
				`No flow with id ${ctx.params.id} in this workspace`,
			),
		};
	if (flow.deleted)
		return {
			response: gone(`Flow with id ${flow.id} has been deleted`, `Flow ${flow.id} was deleted`),
		};
	return { flow };
}

function findJobGroup(ctx, emulator) {
	const id = intParam(ctx.params.id);
	const group = id === null ? null : emulator.state.jobGroups.get(id);
	if (!group)
		return {
			response: notFound(
				`JobGroup with id ${ctx.params.id} not found`,
				`No job group with id ${ctx.params.id} in this workspace`,
			),
		};
	return { group };
}

function flowView(state, flow, embed) {
	const view = {
		id: flow.id,
		name: flow.name,
		description: flow.description,
		createdAt: flow.createdAt,
		updatedAt: flow.updatedAt,
		creator: flow.creator,
		updater: flow.creator,
		workspace: flow.workspace,
	};
	if (embed.includes('wrangleddatasets')) {
		view.wrangledDatasets = {
			data: flow.wrangledDatasetIds.map((id) => datasetView(state.wrangledDatasets.get(id))),
		};
	}
	return view;
}

/** A repeated x-execution-id: 304, nothing started. */
function repeatedExecution(ctx, emulator, key) {
	const executionId = ctx.headers['x-execution-id'];
	if (!executionId) return { key: null };
	const full = `${key}:${executionId}`;
	if (emulator.state.executionIds.has(full)) {
		emulator.counters.repeatedExecutions++;
		return { response: empty(304) };
	}
	return { key: full };
}

function startedView(state, group, nowMs) {
	return {
		id: group.id,
		reason: 'JobStarted',
		sessionId: group.sessionId,
		jobGraph: {
			vertices: group.jobIds,
			edges: [{ source: group.jobIds[0], target: group.jobIds[1] }],
		},
		jobs: { data: jobsOf(state, group, nowMs).map(({ id }) => ({ id })) },
	};
}

function runFlow(ctx, emulator) {
	const found = findFlow(ctx, emulator);
	if (found.response) return found.response;
	const { flow } = found;
	const parsed = readJson(ctx);
	if (parsed.response) return parsed.response;
	const body = parsed.body || {};
	let datasetIds = flow.wrangledDatasetIds;
	if (body.wrangledDatasetIds !== undefined) {
		if (
			!Array.isArray(body.wrangledDatasetIds) ||
			!body.wrangledDatasetIds.every((id) => flow.wrangledDatasetIds.includes(id))
		) {
			return badRequest(
				'Input validation failed',
				`wrangledDatasetIds must list datasets of flow ${flow.id}: ${flow.wrangledDatasetIds.join(', ')}`,
			);
		}
		datasetIds = body.wrangledDatasetIds;
	}
	if (!datasetIds.length)
		return badRequest('Input validation failed', `Flow ${flow.id} has no output to run`);
	const repeated = repeatedExecution(ctx, emulator, 'runFlow');
	if (repeated.response) return repeated.response;
	const quota = checkQuota(ctx, emulator, 'runFlow');
	if (quota.response) return quota.response;
	const { state } = emulator;
	if (repeated.key) state.executionIds.add(repeated.key);
	const flowRunId = state.nextIds.flowRuns++;
	const outcome = outcomeFromRunParameters(body) || outcomeFromName(flow.name);
	const groups = datasetIds.map((wrangledDatasetId) =>
		createJobGroup(state, {
			wrangledDatasetId,
			outcome,
			flowRunId,
			createdAtMs: ctx.now,
			timings: emulator.options.runTimings,
			creatorId: ctx.person.id,
		}),
	);
	emulator.counters.runsStarted.flows++;
	emulator.counters.runsStarted.jobGroups += groups.length;
	return json(
		201,
		{ flowRunId, data: groups.map((g) => startedView(state, g, ctx.now)) },
		quota.headers,
	);
}

function runJobGroup(ctx, emulator) {
	const parsed = readJson(ctx);
	if (parsed.response) return parsed.response;
	const body = parsed.body;
	const datasetId = body && body.wrangledDataset && body.wrangledDataset.id;
	if (!Number.isInteger(datasetId)) {
		return badRequest(
			'Input validation failed',
			'wrangledDataset.id is required and must be an integer',
		);
	}
	const { state } = emulator;
	const dataset = state.wrangledDatasets.get(datasetId);
	if (!dataset)
		return notFound(
			`WrangledDataset with id ${datasetId} not found`,
			`No wrangled dataset with id ${datasetId}`,
		);
	const repeated = repeatedExecution(ctx, emulator, 'runJobGroup');
	if (repeated.response) return repeated.response;
	const quota = checkQuota(ctx, emulator, 'runJobGroup');
	if (quota.response) return quota.response;
	if (repeated.key) state.executionIds.add(repeated.key);
	const flow = state.flows.get(dataset.flow.id);
	const group = createJobGroup(state, {
		wrangledDatasetId: datasetId,
		outcome: outcomeFromRunParameters(body) || outcomeFromName(flow ? flow.name : ''),
		createdAtMs: ctx.now,
		timings: emulator.options.runTimings,
		creatorId: ctx.person.id,
	});
	emulator.counters.runsStarted.jobGroups++;
	return json(201, startedView(state, group, ctx.now), quota.headers);
}

function outputs(ctx, emulator) {
	const found = findJobGroup(ctx, emulator);
	if (found.response) return found.response;
	const { group } = found;
	const { state } = emulator;
	const phase = runPhase(group, ctx.now);
	const dataset = state.wrangledDatasets.get(group.wrangledDatasetId);
	const base = (dataset ? dataset.name : `dataset_${group.wrangledDatasetId}`).replace(/\s+/g, '_');
	const files =
		phase.status === 'Complete'
			? [
					{
						uri: `s3://emulator-bucket/ada/jobrun/${base}_${group.id}.csv`,
						fileType: 'csv',
						isPrimaryOutput: true,
					},
					{
						uri: `s3://emulator-bucket/ada/jobrun/${base}_${group.id}.json`,
						fileType: 'json',
						isPrimaryOutput: false,
					},
				]
			: [];
	return json(200, { files, tables: [] });
}

function cancel(ctx, emulator) {
	const found = findJobGroup(ctx, emulator);
	if (found.response) return found.response;
	const { group } = found;
	const phase = runPhase(group, ctx.now);
	if (isFinished(phase.status)) {
		return badRequest(
			'Job group cannot be canceled',
			`Job group ${group.id} is already ${phase.status}`,
		);
	}
	group.canceledAtMs = ctx.now;
	return json(200, { jobIds: group.jobIds, jobGroupId: group.id });
}

/** Job groups, newest first by default; the run filters of planSnapshotRuns (README). */
function jobLibrary(ctx, emulator) {
	const { state } = emulator;
	const views = [...state.jobGroups.values()].map((g) => ({
		...jobGroupView(state, g, ctx.now),
		flowId: g.flowId,
	}));
	const filtered = filterRuns(ctx, views, {
		idParams: { flowId: 'flowId' },
		defaultSort: '-createdAt',
	});
	if (filtered.response) return filtered.response;
	return page(
		ctx,
		emulator,
		filtered.items.map(({ flowId, ...view }) => view),
	).response;
}

const routes = [
	{
		method: 'GET',
		path: '/v4/people/current',
		handler: (ctx) => json(200, { ...ctx.person }),
	},
	{
		method: 'GET',
		path: '/v4/workspaces/current',
		handler: (ctx, emulator) => {
			const { tier, ...workspace } = emulator.state.workspaces.get(ctx.person.workspaceId);
			return json(200, workspace);
		},
	},
	{
		method: 'GET',
		path: '/v4/flows',
		handler: (ctx, emulator) => {
			const { state } = emulator;
			const embed = embedList(ctx);
			const filtered = filterByText(
				ctx,
				[...state.flows.values()].filter((f) => !f.deleted),
			);
			if (filtered.response) return filtered.response;
			const flows = filtered.items;
			const sorted = sortBy(
				flows,
				ctx.query.get('sort'),
				['name', 'createdAt', 'updatedAt', 'id'],
				'-updatedAt',
			);
			if (!sorted)
				return badRequest('Input validation failed', `Unsupported sort "${ctx.query.get('sort')}"`);
			return page(
				ctx,
				emulator,
				sorted.map((f) => flowView(state, f, embed)),
			).response;
		},
	},
	{
		method: 'GET',
		path: '/v4/flows/{id}',
		handler: (ctx, emulator) => {
			const found = findFlow(ctx, emulator);
			return found.response || json(200, flowView(emulator.state, found.flow, embedList(ctx)));
		},
	},
	{ method: 'POST', path: '/v4/flows/{id}/run', handler: runFlow },
	{ method: 'POST', path: '/v4/jobGroups', handler: runJobGroup },
	{
		method: 'GET',
		path: '/v4/jobGroups/{id}',
		handler: (ctx, emulator) => {
			const found = findJobGroup(ctx, emulator);
			return (
				found.response ||
				json(200, jobGroupView(emulator.state, found.group, ctx.now, embedList(ctx)))
			);
		},
	},
	{
		method: 'GET',
		path: '/v4/jobGroups/{id}/status',
		handler: (ctx, emulator) => {
			const found = findJobGroup(ctx, emulator);
			return found.response || json(200, runPhase(found.group, ctx.now).status);
		},
	},
	{ method: 'GET', path: '/v4/jobGroups/{id}/outputs', handler: outputs },
	{
		method: 'GET',
		path: '/v4/jobGroups/{id}/inputs',
		handler: (ctx, emulator) => {
			const found = findJobGroup(ctx, emulator);
			if (found.response) return found.response;
			const dataset = emulator.state.wrangledDatasets.get(found.group.wrangledDatasetId);
			const name = dataset ? dataset.name : `dataset ${found.group.wrangledDatasetId}`;
			return json(200, {
				data: [
					{
						id: found.group.wrangledDatasetId + 10_000,
						name: `${name} (source)`,
						type: 'dataset',
						uri: `s3://emulator-bucket/ada/uploads/${name.replace(/\s+/g, '_')}.csv`,
					},
				],
			});
		},
	},
	{
		method: 'GET',
		path: '/v4/jobGroups/{id}/jobs',
		handler: (ctx, emulator) => {
			const found = findJobGroup(ctx, emulator);
			return found.response || json(200, { data: jobsOf(emulator.state, found.group, ctx.now) });
		},
	},
	{ method: 'POST', path: '/v4/jobGroups/{id}/cancel', handler: cancel },
	{ method: 'GET', path: '/v4/jobLibrary', handler: jobLibrary },
];

module.exports = { routes, readJson, repeatedExecution, exception, iso };
