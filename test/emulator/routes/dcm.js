'use strict';

// Data Connection Manager: /v3/dcm/connections (the caller's own and shared connections),
// /v3/dcm/admin/... (Curators, on behalf of anyone) and /v3/DCMEConnections/{id}.
// Secrets are stored but never returned.

const { guid } = require('../ids');
const { json, empty, notFound, invalid, unauthorized } = require('../responses');
const { isCurator, groupIdsOf } = require('./common');

function dcmUser(state, userId) {
	const user = state.users.get(userId);
	return { id: userId, email: user ? user.email : '' };
}

function dcmGroup(state, groupId) {
	const group = state.userGroups.get(groupId);
	return { id: groupId, name: group ? group.name : '' };
}

function credentialViews(credentials) {
	const out = {};
	for (const [key, credential] of Object.entries(credentials)) {
		const secrets = {};
		for (const [name, secret] of Object.entries(credential.secrets || {})) {
			secrets[name] = {
				expiresOn: secret.expiresOn || null,
				parameters: { ...(secret.parameters || {}) },
			};
		}
		out[key] = {
			id: credential.id,
			name: credential.name,
			schemaName: credential.schemaName,
			userName: credential.userName ?? null,
			parameters: { ...(credential.parameters || {}) },
			secrets,
		};
	}
	return out;
}

function collaborationView(state, connection) {
	const collaboration = connection.sharing.collaboration;
	return {
		borrowedCredentials: [],
		sharedCredentials: [...collaboration.sharedCredentials],
		users: collaboration.userIds.map((id) => dcmUser(state, id)),
		userGroups: collaboration.userGroupIds.map((id) => dcmGroup(state, id)),
	};
}

function connectionView(state, connection, viewer) {
	const execution = connection.sharing.execution;
	const view = {
		id: connection.id,
		connectionId: connection.connectionId,
		name: connection.name,
		schemaName: connection.schemaName,
		allowInSdks: connection.allowInSdks,
		parameters: { ...connection.parameters },
		assignedConnectionIds: [],
		createdOn: connection.createdOn,
		lastChangedOn: connection.lastChangedOn,
		owner: dcmUser(state, connection.ownerId),
		sharing: {
			execution: {
				users: execution.userIds.map((id) => dcmUser(state, id)),
				userGroups: execution.userGroupIds.map((id) => dcmGroup(state, id)),
			},
			collaboration: collaborationView(state, connection),
		},
		dataSource: { ...connection.dataSource, parameters: { ...connection.dataSource.parameters } },
		credentials: credentialViews(connection.credentials),
	};
	if (viewer && viewer.id !== connection.ownerId) {
		view.sharedBy = dcmUser(state, connection.ownerId);
		view.sharedFromConnection = connection.id;
	}
	return view;
}

function canSeeConnection(state, user, connection) {
	if (connection.ownerId === user.id) return true;
	const groups = groupIdsOf(state, user.id);
	const { execution, collaboration } = connection.sharing;
	return [execution, collaboration].some(
		(share) =>
			share.userIds.includes(user.id) || share.userGroupIds.some((g) => groups.includes(g)),
	);
}

function findConnection(state, idOrConnectionId) {
	const lower = String(idOrConnectionId).toLowerCase();
	for (const connection of state.dcmConnections.values()) {
		if (
			connection.id.toLowerCase() === lower ||
			String(connection.connectionId).toLowerCase() === lower
		)
			return connection;
	}
	return undefined;
}

function deletedView(connection, now) {
	const deletedOn = new Date(now).toISOString();
	return {
		deletedConnections: [{ id: connection.id, deletedOn }],
		deletedDataSources: [{ id: connection.dataSource.id, deletedOn }],
		deletedCredentials: Object.values(connection.credentials).map((c) => ({ id: c.id, deletedOn })),
	};
}

function listResponse(emulator, items) {
	// The swagger types these lists as a single object; see the listShape option.
	if (emulator.options.listShape === 'swagger')
		return items.length ? json(200, items[0]) : notFound();
	return json(200, items);
}

/** Builds the stored connection from an upsert contract, keeping ids already assigned. */
function applyUpsert(connection, contract, now) {
	const source = contract.dataSource.object;
	connection.name = contract.name;
	connection.schemaName = contract.schemaName;
	connection.allowInSdks = Boolean(contract.allowInSdks);
	connection.parameters = { ...contract.parameters };
	connection.dataSource = {
		id: source.id || (connection.dataSource && connection.dataSource.id) || guid(),
		name: source.name,
		schemaName: source.schemaName,
		drvName: source.drvName ?? null,
		host: source.host ?? null,
		parameters: { ...source.parameters },
	};
	const credentials = {};
	for (const [key, wrapper] of Object.entries(contract.credentials || {})) {
		const credential = (wrapper && wrapper.object) || {};
		const previous = (connection.credentials || {})[key] || {};
		const secrets = {};
		for (const [name, secret] of Object.entries(credential.secrets || {})) {
			const before = (previous.secrets || {})[name] || {};
			secrets[name] = {
				expiresOn: secret.expiresOn || null,
				parameters: { ...(secret.parameters || {}) },
				value: secret.value && secret.value.text !== undefined ? secret.value.text : before.value,
			};
		}
		credentials[key] = {
			id: credential.id || previous.id || guid(),
			name: credential.name,
			schemaName: credential.schemaName,
			userName: credential.userName ?? null,
			parameters: { ...(credential.parameters || {}) },
			secrets,
		};
	}
	connection.credentials = credentials;
	connection.lastChangedOn = new Date(now).toISOString();
	return connection;
}

function upsert(ctx, contract, ownerId, { admin }) {
	const { state } = ctx;
	if (contract.id) {
		const existing = state.dcmConnections.get(contract.id);
		if (!existing || (!admin && existing.ownerId !== ctx.user.id)) return notFound();
		applyUpsert(existing, contract, ctx.now);
		if (admin) existing.ownerId = ownerId;
		return json(200, connectionView(state, existing, ctx.user));
	}
	const date = new Date(ctx.now).toISOString();
	const connection = applyUpsert(
		{
			id: guid(),
			connectionId: guid(),
			ownerId,
			createdOn: date,
			sharing: {
				execution: { userIds: [], userGroupIds: [] },
				collaboration: { userIds: [], userGroupIds: [], sharedCredentials: [] },
			},
		},
		contract,
		ctx.now,
	);
	state.dcmConnections.set(connection.id, connection);
	return json(201, connectionView(state, connection, ctx.user));
}

function checkPrincipals(ctx, userIds, userGroupIds) {
	const errors = {};
	const badUsers = userIds.filter((id) => !ctx.state.users.has(id));
	const badGroups = userGroupIds.filter((id) => !ctx.state.userGroups.has(id));
	if (badUsers.length)
		errors['sharingContract.userIds'] = [`Unknown user ids: ${badUsers.join(', ')}`];
	if (badGroups.length)
		errors['sharingContract.userGroupIds'] = [`Unknown user group ids: ${badGroups.join(', ')}`];
	return Object.keys(errors).length ? errors : null;
}

/** Connection from the path that the caller owns; others get the "does not exist or access is denied" 404. */
function withOwnConnection(paramName, handler) {
	return (ctx, emulator) => {
		const connection = ctx.state.dcmConnections.get(ctx.params[paramName]);
		if (!connection || connection.ownerId !== ctx.user.id) return notFound();
		return handler(ctx, connection, emulator);
	};
}

// --- user endpoints ---

function getConnection(ctx) {
	const connection = ctx.state.dcmConnections.get(ctx.params.Id);
	if (!connection || !canSeeConnection(ctx.state, ctx.user, connection)) return notFound();
	return json(200, connectionView(ctx.state, connection, ctx.user));
}

const deleteConnection = withOwnConnection('Id', (ctx, connection) => {
	ctx.state.dcmConnections.delete(connection.id);
	return json(200, deletedView(connection, ctx.now));
});

function lookupConnection(ctx) {
	const connection = findConnection(ctx.state, ctx.queryValues.values.connectionId);
	if (!connection || !canSeeConnection(ctx.state, ctx.user, connection)) return notFound();
	return json(200, connectionView(ctx.state, connection, ctx.user));
}

const shareForExecution = withOwnConnection('id', (ctx, connection) => {
	if (!ctx.user.canShareForExecutionDcm && !isCurator(ctx.user)) return unauthorized();
	const { userIds, userGroupIds } = ctx.body;
	const errors = checkPrincipals(ctx, userIds, userGroupIds);
	if (errors) return invalid(errors);
	connection.sharing.execution = { userIds: [...userIds], userGroupIds: [...userGroupIds] };
	return empty(200);
});

const unshareForExecution = withOwnConnection('id', (ctx, connection) => {
	connection.sharing.execution = { userIds: [], userGroupIds: [] };
	return empty(200);
});

const shareForCollaboration = withOwnConnection('id', (ctx, connection) => {
	if (!ctx.user.canShareForCollaborationDcm && !isCurator(ctx.user)) return unauthorized();
	const { sharedCredentials, userIds, userGroupIds } = ctx.body;
	const errors = checkPrincipals(ctx, userIds, userGroupIds) || {};
	const known = new Set(Object.values(connection.credentials).map((c) => c.id));
	const unknown = sharedCredentials.filter((id) => !known.has(id));
	if (unknown.length)
		errors['sharingContract.sharedCredentials'] = [`Unknown credential ids: ${unknown.join(', ')}`];
	if (Object.keys(errors).length) return invalid(errors);
	connection.sharing.collaboration = {
		userIds: [...userIds],
		userGroupIds: [...userGroupIds],
		sharedCredentials: [...sharedCredentials],
	};
	return json(200, collaborationView(ctx.state, connection));
});

function upsertConnection(ctx) {
	if (!ctx.user.canCreateAndUpdateDcm && !isCurator(ctx.user)) return unauthorized();
	return upsert(ctx, ctx.body, ctx.user.id, { admin: false });
}

// --- admin endpoints (Curators) ---

function adminListConnections(ctx, emulator) {
	const { connectionId, visibleBy } = ctx.queryValues.values;
	let connections = [...ctx.state.dcmConnections.values()];
	if (connectionId)
		connections = connections.filter((c) => c === findConnection(ctx.state, connectionId));
	if (visibleBy) {
		const user = ctx.state.users.get(visibleBy);
		if (!user) return invalid({ visibleBy: ['The user does not exist.'] });
		connections = connections.filter((c) => canSeeConnection(ctx.state, user, c));
	}
	return listResponse(
		emulator,
		connections.map((c) => connectionView(ctx.state, c)),
	);
}

function adminUpsertConnection(ctx) {
	if (!ctx.state.users.has(ctx.body.ownerId))
		return invalid({ 'upsertConnectionContract.ownerId': ['The owner does not exist.'] });
	return upsert(ctx, ctx.body, ctx.body.ownerId, { admin: true });
}

function withAnyConnection(handler) {
	return (ctx, emulator) => {
		const connection = ctx.state.dcmConnections.get(ctx.params.id);
		return connection ? handler(ctx, connection, emulator) : notFound();
	};
}

const adminGetConnection = withAnyConnection((ctx, connection) =>
	json(200, connectionView(ctx.state, connection)),
);

const adminDeleteConnection = withAnyConnection((ctx, connection) => {
	ctx.state.dcmConnections.delete(connection.id);
	return json(200, deletedView(connection, ctx.now));
});

const adminUnshareExecution = withAnyConnection((ctx, connection) => {
	connection.sharing.execution = { userIds: [], userGroupIds: [] };
	return empty(200);
});

const adminUnshareCollaboration = withAnyConnection((ctx, connection) => {
	connection.sharing.collaboration = { userIds: [], userGroupIds: [], sharedCredentials: [] };
	return empty(200);
});

function ruleView(state, rule) {
	return {
		id: rule.id,
		createdBy: dcmUser(state, rule.createdBy),
		createdOn: rule.createdOn,
		lastChangedOn: rule.lastChangedOn,
		sourceConnectionId: rule.sourceConnectionId,
		sourceConnectionTitle: rule.sourceConnectionTitle,
		targetConnectionId: rule.targetConnectionId,
		targetConnectionTitle: rule.targetConnectionTitle,
	};
}

function listRules(ctx, emulator) {
	return listResponse(
		emulator,
		[...ctx.state.dcmConnectionHandlingRules.values()].map((r) => ruleView(ctx.state, r)),
	);
}

// "Creates a new DCME ConnectionHandlingRule if the ID is null, or updates an existing one".
function upsertRule(ctx) {
	const contract = ctx.body;
	const rules = ctx.state.dcmConnectionHandlingRules;
	const date = new Date(ctx.now).toISOString();
	const fields = {
		sourceConnectionId: contract.sourceConnectionId,
		sourceConnectionTitle: contract.sourceConnectionTitle || '',
		targetConnectionId: contract.targetConnectionId || '',
		targetConnectionTitle: contract.targetConnectionTitle || '',
		lastChangedOn: date,
	};
	if (contract.id) {
		const rule = rules.get(contract.id);
		if (!rule) return notFound();
		Object.assign(rule, fields);
		return json(200, ruleView(ctx.state, rule));
	}
	const rule = { id: guid(), createdBy: ctx.user.id, createdOn: date, ...fields };
	rules.set(rule.id, rule);
	return json(201, ruleView(ctx.state, rule));
}

function getRule(ctx) {
	const rule = ctx.state.dcmConnectionHandlingRules.get(ctx.params.id);
	return rule ? json(200, ruleView(ctx.state, rule)) : notFound();
}

function deleteRule(ctx) {
	const rule = ctx.state.dcmConnectionHandlingRules.get(ctx.params.id);
	if (!rule) return notFound();
	ctx.state.dcmConnectionHandlingRules.delete(rule.id);
	return json(200, { id: rule.id, deletedOn: new Date(ctx.now).toISOString() });
}

// --- DCMEConnect ---

function getConnectionForConnect(ctx) {
	const connection = findConnection(ctx.state, ctx.params.connectionId);
	if (!connection) return notFound();
	const { name, schemaName, drvName, host, parameters } = connection.dataSource;
	return json(200, {
		objectId: connection.id,
		name: connection.name,
		dataSource: { name, schemaName, drvName, host, parameters: { ...parameters } },
	});
}

const C = 'curator';
const routes = [
	{
		method: 'GET',
		path: '/v3/dcm/connections/{Id}',
		operationId: 'DCME_GetDcmConnection',
		handler: getConnection,
	},
	{
		method: 'DELETE',
		path: '/v3/dcm/connections/{Id}',
		operationId: 'DCME_DeleteDcmConnection',
		handler: deleteConnection,
	},
	{
		method: 'GET',
		path: '/v3/dcm/connections/lookup',
		operationId: 'DCME_LookupDcmConnection',
		handler: lookupConnection,
	},
	{
		method: 'PUT',
		path: '/v3/dcm/connections/{id}/sharing/execution',
		operationId: 'DCME_ShareDcmConnectionForExecution',
		handler: shareForExecution,
	},
	{
		method: 'DELETE',
		path: '/v3/dcm/connections/{id}/sharing/execution',
		operationId: 'DCME_UnshareDcmConnectionForExecution',
		handler: unshareForExecution,
	},
	{
		method: 'PUT',
		path: '/v3/dcm/connections/{id}/sharing/collaboration',
		operationId: 'DCME_ShareDcmConnectionForCollaboration',
		handler: shareForCollaboration,
	},
	{
		method: 'POST',
		path: '/v3/dcm/connections',
		operationId: 'DCME_UpsertDcmConnection',
		handler: upsertConnection,
	},
	{
		method: 'GET',
		path: '/v3/dcm/admin/connections/{id}',
		operationId: 'DCMEAdmin_GetConnectionAdmin',
		auth: C,
		handler: adminGetConnection,
	},
	{
		method: 'DELETE',
		path: '/v3/dcm/admin/connections/{id}',
		operationId: 'DCMEAdmin_DeleteConnectionAdmin',
		auth: C,
		handler: adminDeleteConnection,
	},
	{
		method: 'GET',
		path: '/v3/dcm/admin/connectionhandlingrules',
		operationId: 'DCMEAdmin_GetAllDCMEConnectionHandlingRules',
		auth: C,
		handler: listRules,
	},
	{
		method: 'POST',
		path: '/v3/dcm/admin/connectionhandlingrules',
		operationId: 'DCMEAdmin_UpsertDCMEConnectionHandlingRule',
		auth: C,
		handler: upsertRule,
	},
	{
		method: 'GET',
		path: '/v3/dcm/admin/connectionhandlingrules/{id}',
		operationId: 'DCMEAdmin_GetDCMEConnectionHandlingRule',
		auth: C,
		handler: getRule,
	},
	{
		method: 'DELETE',
		path: '/v3/dcm/admin/connectionhandlingrules/{id}',
		operationId: 'DCMEAdmin_DeleteDCMEConnectionHandlingRule',
		auth: C,
		handler: deleteRule,
	},
	{
		method: 'GET',
		path: '/v3/dcm/admin/connections',
		operationId: 'DCMEAdmin_GetAllConnectionsAdmin',
		auth: C,
		handler: adminListConnections,
	},
	{
		method: 'POST',
		path: '/v3/dcm/admin/connections',
		operationId: 'DCMEAdmin_UpsertDcmConnection',
		auth: C,
		handler: adminUpsertConnection,
	},
	{
		method: 'DELETE',
		path: '/v3/dcm/admin/connections/{id}/sharing/execution',
		operationId: 'DCMEAdmin_UnshareConnectionForExecutionAdmin',
		auth: C,
		handler: adminUnshareExecution,
	},
	{
		method: 'DELETE',
		path: '/v3/dcm/admin/connections/{id}/sharing/collaboration',
		operationId: 'DCMEAdmin_UnshareConnectionForCollaborationAdmin',
		auth: C,
		handler: adminUnshareCollaboration,
	},
	// ayx-node calls it with exactly this casing; matching is case-insensitive anyway.
	{
		method: 'GET',
		path: '/v3/DCMEConnections/{connectionId}',
		operationId: 'DCMEConnect_GetDCMEConnectionForConnect',
		auth: C,
		handler: getConnectionForConnect,
	},
];

module.exports = { routes };
