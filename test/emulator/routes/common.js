'use strict';

// Helpers shared by the route modules: visibility rules and small lookups.

const isCurator = (user) => user.role === 'Curator';

function groupIdsOf(state, userId) {
	const ids = [];
	for (const group of state.userGroups.values()) {
		if (group.members.some((m) => m.userId === userId)) ids.push(group.id);
	}
	return ids;
}

/** Collections that share assets with the user, directly or through one of their groups. */
function collectionsSharedWith(state, userId) {
	const groups = new Set(groupIdsOf(state, userId));
	return [...state.collections.values()].filter(
		(c) =>
			c.ownerId === userId ||
			c.users.some((u) => u.userId === userId) ||
			c.userGroups.some((g) => groups.has(g.userGroupId)),
	);
}

/**
 * Who sees a workflow: Curators see everything; others see their own workflows, public ones,
 * the workflows of their studio (subscription), and those shared with them through a collection.
 */
function canViewWorkflow(state, user, workflow) {
	if (isCurator(user) || workflow.ownerId === user.id || workflow.isPublic) return true;
	const owner = state.users.get(workflow.ownerId);
	if (owner && owner.subscriptionId && owner.subscriptionId === user.subscriptionId) return true;
	return collectionsSharedWith(state, user.id).some((c) => c.workflowIds.includes(workflow.id));
}

function canDownloadWorkflow(user, workflow) {
	return isCurator(user) || workflow.ownerId === user.id || workflow.othersMayDownload;
}

function canExecuteWorkflow(user, workflow) {
	return isCurator(user) || workflow.ownerId === user.id || workflow.othersCanExecute;
}

function canViewJob(state, user, job) {
	if (isCurator(user) || job.createdBy === user.id) return true;
	const workflow = state.workflows.get(job.workflowId);
	return Boolean(workflow && canViewWorkflow(state, user, workflow));
}

/** Parses a JSON-array form field such as districtTags='["a","b"]'; '' means an empty list. */
function parseJsonArrayField(raw) {
	if (raw === undefined || raw === null || String(raw).trim() === '') return [];
	try {
		const value = JSON.parse(raw);
		if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
	} catch {
		// fall through
	}
	return null;
}

function parseDateParam(raw) {
	if (raw === undefined || raw === '') return undefined;
	const ms = Date.parse(raw);
	return Number.isNaN(ms) ? null : ms;
}

function removeFromArray(array, value) {
	const index = array.indexOf(value);
	if (index >= 0) array.splice(index, 1);
	return index >= 0;
}

module.exports = {
	isCurator,
	groupIdsOf,
	collectionsSharedWith,
	canViewWorkflow,
	canDownloadWorkflow,
	canExecuteWorkflow,
	canViewJob,
	parseJsonArrayField,
	parseDateParam,
	removeFromArray,
};
