'use strict';

// /v3/serverDataConnections: Server-managed data connections shared with users and groups.
// Curator-only; the API can only rename, share, unshare and delete them.

const { json, empty, notFound, invalid } = require('../responses');
const { removeFromArray } = require('./common');

function reducedView(connection) {
	return {
		id: connection.id,
		name: connection.name,
		connectionString: connection.connectionString,
		connectionType: connection.connectionType,
	};
}

function connectionView(connection) {
	return {
		...reducedView(connection),
		dcmConnectionId: connection.dcmConnectionId,
		dcmConnectionTitle: connection.dcmConnectionTitle,
		userIds: [...connection.userIds],
		userGroupIds: [...connection.userGroupIds],
	};
}

function withConnection(handler) {
	return (ctx, emulator) => {
		const connection = ctx.state.serverDataConnections.get(ctx.params.dataConnectionId);
		return connection ? handler(ctx, connection, emulator) : notFound();
	};
}

function listConnections(ctx) {
	const full = ctx.queryValues.values.view === 'Full';
	return json(
		200,
		[...ctx.state.serverDataConnections.values()].map(full ? connectionView : reducedView),
	);
}

const getConnection = withConnection((ctx, connection) => json(200, connectionView(connection)));

const renameConnection = withConnection((ctx, connection) => {
	connection.name = ctx.body.name;
	return json(200, connectionView(connection));
});

const deleteConnection = withConnection((ctx, connection) => {
	ctx.state.serverDataConnections.delete(connection.id);
	return empty(200);
});

const addUser = withConnection((ctx, connection) => {
	const { userId } = ctx.body;
	if (!ctx.state.users.has(userId))
		return invalid({ 'contract.userId': ['The user does not exist.'] });
	if (!connection.userIds.includes(userId)) connection.userIds.push(userId);
	return json(200, connectionView(connection));
});

const addUserGroup = withConnection((ctx, connection) => {
	const { userGroupId } = ctx.body;
	if (!ctx.state.userGroups.has(userGroupId))
		return invalid({ 'contract.userGroupId': ['The user group does not exist.'] });
	if (!connection.userGroupIds.includes(userGroupId)) connection.userGroupIds.push(userGroupId);
	return json(200, connectionView(connection));
});

const removeUser = withConnection((ctx, connection) =>
	removeFromArray(connection.userIds, ctx.params.userId)
		? json(200, connectionView(connection))
		: notFound(),
);

const removeUserGroup = withConnection((ctx, connection) =>
	removeFromArray(connection.userGroupIds, ctx.params.userGroupId)
		? json(200, connectionView(connection))
		: notFound(),
);

const C = 'curator';
const base = '/v3/serverDataConnections/{dataConnectionId}';
const routes = [
	{
		method: 'GET',
		path: '/v3/serverDataConnections',
		operationId: 'ServerConnections_GetServerDataConnections',
		auth: C,
		handler: listConnections,
	},
	{
		method: 'GET',
		path: base,
		operationId: 'ServerConnections_GetServerDataConnection',
		auth: C,
		handler: getConnection,
	},
	{
		method: 'PUT',
		path: base,
		operationId: 'ServerConnections_UpdateServerDataConnectionName',
		auth: C,
		handler: renameConnection,
	},
	{
		method: 'DELETE',
		path: base,
		operationId: 'ServerConnections_DeleteServerDataConnection',
		auth: C,
		handler: deleteConnection,
	},
	{
		method: 'POST',
		path: `${base}/users`,
		operationId: 'ServerConnections_AddUserToServerDataConnection',
		auth: C,
		handler: addUser,
	},
	{
		method: 'POST',
		path: `${base}/userGroups`,
		operationId: 'ServerConnections_AddUserGroupToServerDataConnection',
		auth: C,
		handler: addUserGroup,
	},
	{
		method: 'DELETE',
		path: `${base}/users/{userId}`,
		operationId: 'ServerConnections_RemoveUserFromServerDataConnection',
		auth: C,
		handler: removeUser,
	},
	{
		method: 'DELETE',
		path: `${base}/userGroups/{userGroupId}`,
		operationId: 'ServerConnections_RemoveUserGroupFromServerDataConnection',
		auth: C,
		handler: removeUserGroup,
	},
];

module.exports = { routes };
