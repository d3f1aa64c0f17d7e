'use strict';

// /v3/schedules: list (with the paired runsAfter/runsBefore window), create, get, PUT, PATCH,
// delete. Curators see every schedule; others see their own and those shared through collections.

const { objectId } = require('../ids');
const { json, empty, notFound, invalid, unauthorized } = require('../responses');
const { publishedVersion } = require('../store');
const { nextRun, frequencyOf, validateIteration } = require('../schedule-time');
const {
	isCurator,
	canViewWorkflow,
	canExecuteWorkflow,
	collectionsSharedWith,
	removeFromArray,
} = require('./common');

const MAX_WINDOW_MS = 45 * 24 * 60 * 60 * 1000;

function runDateTime(schedule, now) {
	const next = nextRun(schedule.iteration, now);
	// A schedule with no run left reports its last planned run.
	return new Date(
		next !== null ? next : Date.parse(schedule.lastRunTime || schedule.iteration.startTime),
	).toISOString();
}

function scheduleView(schedule, user, now) {
	const next = nextRun(schedule.iteration, now);
	return {
		id: schedule.id,
		name: schedule.name,
		workflowId: schedule.workflowId,
		versionId: schedule.versionId,
		ownerId: schedule.ownerId,
		runDateTime: runDateTime(schedule, now),
		comment: schedule.comment,
		enabled: schedule.enabled,
		priority: schedule.priority,
		workerTag: schedule.workerTag,
		status: schedule.enabled ? 'Active' : 'Disabled',
		credentialId: schedule.credentialId,
		creationTime: schedule.creationTime,
		lastRunTime: schedule.lastRunTime,
		// A test may set `state` (e.g. 'Error') through emulator.updateSchedule(); otherwise it follows
		// the iteration. The values a real server reports are not documented.
		state: schedule.state ?? (next === null ? 'Complete' : 'Scheduled'),
		runCount: schedule.runCount,
		iteration: JSON.parse(JSON.stringify(schedule.iteration)),
		frequency: frequencyOf(schedule.iteration),
		lastError: schedule.lastError,
		cpuName: '',
		lastModifiedId: schedule.lastModifiedId,
		lastModifiedDate: schedule.lastModifiedDate,
		canEdit: isCurator(user) || schedule.ownerId === user.id,
		timeZone: schedule.timeZone,
		questions: schedule.questions.map((q) => ({ ...q })),
	};
}

function reducedScheduleView(schedule, now) {
	return {
		id: schedule.id,
		name: schedule.name,
		workflowId: schedule.workflowId,
		ownerId: schedule.ownerId,
		runDateTime: runDateTime(schedule, now),
		timeZone: schedule.timeZone,
	};
}

function canViewSchedule(state, user, schedule) {
	if (isCurator(user) || schedule.ownerId === user.id) return true;
	return collectionsSharedWith(state, user.id).some((c) => c.scheduleIds.includes(schedule.id));
}

function visibleSchedule(ctx) {
	const schedule = ctx.state.schedules.get(ctx.params.scheduleId);
	return schedule && canViewSchedule(ctx.state, ctx.user, schedule) ? schedule : null;
}

/** Checks shared by create/update/patch. `key` is the swagger body parameter name. */
function checkReferences(ctx, contract, key) {
	const errors = {};
	if (contract.workflowId !== undefined) {
		const workflow = ctx.state.workflows.get(contract.workflowId);
		if (
			!workflow ||
			!canViewWorkflow(ctx.state, ctx.user, workflow) ||
			!canExecuteWorkflow(ctx.user, workflow)
		) {
			errors[`${key}.workflowId`] = [
				'The workflow does not exist or cannot be scheduled by this user.',
			];
		}
	}
	if (contract.ownerId !== undefined && !ctx.state.users.has(contract.ownerId)) {
		errors[`${key}.ownerId`] = ['The owner does not exist.'];
	}
	if (contract.credentialId && !ctx.state.credentials.has(contract.credentialId)) {
		errors[`${key}.credentialId`] = ['The credential does not exist.'];
	}
	if (contract.iteration)
		Object.assign(errors, validateIteration(contract.iteration, `${key}.iteration`));
	return Object.keys(errors).length ? errors : null;
}

// Priority and worker tag are "ignored unless the user may set them".
function allowedPriority(user, priority, fallback = 'Default') {
	return priority && (isCurator(user) || user.canPrioritizeJobs) ? priority : fallback;
}
function allowedWorkerTag(user, workerTag, fallback = '') {
	return workerTag !== undefined && (isCurator(user) || user.canAssignJobs) ? workerTag : fallback;
}

function listSchedules(ctx) {
	const q = ctx.query;
	const after = q.get('runsAfter');
	const before = q.get('runsBefore');
	let window = null;
	if (after || before) {
		if (!after || !before)
			return invalid({
				[after ? 'runsBefore' : 'runsAfter']: ['RunsAfter and RunsBefore must be used together.'],
			});
		const from = Date.parse(after);
		const to = Date.parse(before);
		if (Number.isNaN(from) || Number.isNaN(to))
			return invalid({
				[Number.isNaN(from) ? 'runsAfter' : 'runsBefore']: ['The value is not a valid date.'],
			});
		if (to <= from) return invalid({ runsBefore: ['RunsBefore must be later than RunsAfter.'] });
		if (to - from > MAX_WINDOW_MS)
			return invalid({ runsBefore: ['RunsAfter and RunsBefore can be at most 45 days apart.'] });
		window = { from, to };
	}
	const ownerId = q.get('ownerId');
	const workflowId = q.get('workflowId');
	const full = ctx.queryValues.values.view === 'Full';
	const result = [];
	for (const schedule of ctx.state.schedules.values()) {
		if (!canViewSchedule(ctx.state, ctx.user, schedule)) continue;
		if (ownerId && schedule.ownerId !== ownerId) continue;
		if (workflowId && schedule.workflowId !== workflowId) continue;
		if (window) {
			const next = nextRun(schedule.iteration, window.from);
			if (next === null || next >= window.to) continue;
		}
		result.push(
			full ? scheduleView(schedule, ctx.user, ctx.now) : reducedScheduleView(schedule, ctx.now),
		);
	}
	return json(200, result);
}

function createSchedule(ctx) {
	if (!isCurator(ctx.user) && !ctx.user.canScheduleJobs) return unauthorized();
	const contract = ctx.body;
	const errors = checkReferences(ctx, contract, 'contract');
	if (errors) return invalid(errors);
	const workflow = ctx.state.workflows.get(contract.workflowId);
	const date = new Date(ctx.now).toISOString();
	const id = objectId(new Date(ctx.now));
	ctx.state.schedules.set(id, {
		id,
		name: contract.name || `${workflow.name} schedule`,
		workflowId: workflow.id,
		versionId: publishedVersion(workflow).versionId,
		ownerId: ctx.user.id,
		comment: contract.comment || '',
		enabled: true,
		priority: allowedPriority(ctx.user, contract.priority),
		workerTag: allowedWorkerTag(ctx.user, contract.workerTag),
		credentialId: contract.credentialId || null,
		creationTime: date,
		lastRunTime: null,
		runCount: 0,
		iteration: contract.iteration,
		timeZone: contract.timeZone || '',
		questions: contract.questions || [],
		lastModifiedId: ctx.user.id,
		lastModifiedDate: date,
		lastError: '',
	});
	return json(201, id, { Location: `${ctx.url.split('?')[0].replace(/\/$/, '')}/${id}` });
}

function getSchedule(ctx) {
	const schedule = visibleSchedule(ctx);
	return schedule ? json(200, scheduleView(schedule, ctx.user, ctx.now)) : notFound();
}

function applyChanges(ctx, schedule, contract) {
	if (contract.workflowId !== undefined && contract.workflowId !== schedule.workflowId) {
		schedule.workflowId = contract.workflowId;
		schedule.versionId = publishedVersion(ctx.state.workflows.get(contract.workflowId)).versionId;
	}
	for (const field of ['ownerId', 'name', 'comment', 'enabled', 'iteration', 'questions']) {
		if (contract[field] !== undefined) schedule[field] = contract[field];
	}
	if (contract.priority !== undefined)
		schedule.priority = allowedPriority(ctx.user, contract.priority, schedule.priority);
	if (contract.workerTag !== undefined)
		schedule.workerTag = allowedWorkerTag(ctx.user, contract.workerTag, schedule.workerTag);
	if (contract.credentialId !== undefined) schedule.credentialId = contract.credentialId || null;
	// With no timeZone in the request the existing zone is kept.
	if (contract.timeZone !== undefined && contract.timeZone !== null)
		schedule.timeZone = contract.timeZone;
	schedule.lastModifiedId = ctx.user.id;
	schedule.lastModifiedDate = new Date(ctx.now).toISOString();
}

function editSchedule(ctx) {
	const schedule = visibleSchedule(ctx);
	if (!schedule) return notFound();
	if (!isCurator(ctx.user) && schedule.ownerId !== ctx.user.id) return unauthorized();
	const errors = checkReferences(ctx, ctx.body, 'contract');
	if (errors) return invalid(errors);
	applyChanges(ctx, schedule, ctx.body);
	return json(200, scheduleView(schedule, ctx.user, ctx.now));
}

function deleteSchedule(ctx) {
	const schedule = visibleSchedule(ctx);
	if (!schedule) return notFound();
	if (!isCurator(ctx.user) && schedule.ownerId !== ctx.user.id) return unauthorized();
	ctx.state.schedules.delete(schedule.id);
	for (const collection of ctx.state.collections.values())
		removeFromArray(collection.scheduleIds, schedule.id);
	return empty(200);
}

const routes = [
	{
		method: 'GET',
		path: '/v3/schedules',
		operationId: 'Schedules_GetSchedules',
		handler: listSchedules,
	},
	{
		method: 'POST',
		path: '/v3/schedules',
		operationId: 'Schedules_CreateSchedule',
		handler: createSchedule,
	},
	{
		method: 'GET',
		path: '/v3/schedules/{scheduleId}',
		operationId: 'Schedules_GetSchedule',
		handler: getSchedule,
	},
	{
		method: 'PUT',
		path: '/v3/schedules/{scheduleId}',
		operationId: 'Schedules_UpdateSchedule',
		handler: editSchedule,
	},
	{
		method: 'PATCH',
		path: '/v3/schedules/{scheduleId}',
		operationId: 'Schedules_UpdateSchedulePatch',
		handler: editSchedule,
	},
	{
		method: 'DELETE',
		path: '/v3/schedules/{scheduleId}',
		operationId: 'Schedules_DeleteSchedule',
		handler: deleteSchedule,
	},
];

module.exports = { routes, scheduleView };
