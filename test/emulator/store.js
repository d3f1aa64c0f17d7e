'use strict';

// The in-memory store. Every collection is a Map keyed by id so handlers can look records up
// directly; tests can inspect or tweak records through `emulator.state`.

function createEmptyState() {
	return {
		seed: null,
		users: new Map(),
		subscriptions: new Map(),
		userGroups: new Map(),
		workflows: new Map(),
		jobs: new Map(),
		collections: new Map(),
		schedules: new Map(),
		credentials: new Map(),
		serverDataConnections: new Map(),
		dcmConnections: new Map(),
		dcmConnectionHandlingRules: new Map(),
		// Usage events, sorted by ULID (they sort by time).
		usageEvents: [],
	};
}

function findVersion(workflow, versionId) {
	return workflow.versions.find((v) => v.versionId === versionId);
}

function publishedVersion(workflow) {
	return (
		findVersion(workflow, workflow.publishedVersionId) ||
		workflow.versions[workflow.versions.length - 1]
	);
}

function userDisplayName(user) {
	return user ? `${user.firstName} ${user.lastName}`.trim() : '';
}

function findUserByApiKey(state, apiKey) {
	for (const user of state.users.values()) if (user.apiKey === apiKey) return user;
	return undefined;
}

module.exports = {
	createEmptyState,
	findVersion,
	publishedVersion,
	userDisplayName,
	findUserByApiKey,
};
