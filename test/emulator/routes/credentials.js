'use strict';

// /v3/credentials: run-as credentials shared with users and user groups. Passwords are stored but
// never returned. (Add/update need SSL/TLS on a real server; the emulator does not check that.)

const { objectId } = require('../ids');
const { json, notFound, invalid, badRequest, unauthorized } = require('../responses');
const { isCurator, groupIdsOf, removeFromArray } = require('./common');

function credentialsView(credential) {
	return {
		id: credential.id,
		userName: credential.userName,
		userIds: [...credential.userIds],
		userGroupIds: [...credential.userGroupIds],
	};
}

// CredentialView is the newer add/update response, with different member names.
function credentialView(state, credential) {
	const creator = state.users.get(credential.createdBy);
	return {
		credentialId: credential.id,
		username: credential.userName,
		userIds: [...credential.userIds],
		userGroupIds: [...credential.userGroupIds],
		isAdmin: Boolean(creator && isCurator(creator)),
		createdByEmail: creator ? creator.email : '',
		lastUpdatedDate: credential.lastUpdatedDate,
		status: credential.status,
	};
}

function canUseCredential(state, user, credential) {
	if (isCurator(user) || credential.createdBy === user.id || credential.userIds.includes(user.id))
		return true;
	const groups = groupIdsOf(state, user.id);
	return credential.userGroupIds.some((id) => groups.includes(id));
}

function withCredential(handler) {
	return (ctx, emulator) => {
		const credential = ctx.state.credentials.get(ctx.params.credentialId);
		return credential && canUseCredential(ctx.state, ctx.user, credential)
			? handler(ctx, credential, emulator)
			: notFound();
	};
}

function listCredentials(ctx) {
	let credentials = [...ctx.state.credentials.values()].filter((c) =>
		canUseCredential(ctx.state, ctx.user, c),
	);
	// "If you are not a Curator ... view, userId, and userGroupId will be disregarded."
	let full = false;
	if (isCurator(ctx.user)) {
		const userId = ctx.query.get('userId');
		const userGroupId = ctx.query.get('userGroupId');
		if (userId) credentials = credentials.filter((c) => c.userIds.includes(userId));
		if (userGroupId) credentials = credentials.filter((c) => c.userGroupIds.includes(userGroupId));
		full = ctx.queryValues.values.view === 'Full';
	}
	return json(
		200,
		credentials.map((c) => (full ? credentialsView(c) : { id: c.id, userName: c.userName })),
	);
}

function addCredential(ctx) {
	const { username, password } = ctx.body;
	const id = objectId(new Date(ctx.now));
	const credential = {
		id,
		userName: username,
		password,
		userIds: isCurator(ctx.user) ? [] : [ctx.user.id],
		userGroupIds: [],
		createdBy: ctx.user.id,
		lastUpdatedDate: new Date(ctx.now).toISOString(),
		status: 'Active',
	};
	ctx.state.credentials.set(id, credential);
	return json(200, credentialView(ctx.state, credential));
}

const getCredential = withCredential((ctx, credential) => json(200, credentialsView(credential)));

const updateCredential = withCredential((ctx, credential) => {
	if (!isCurator(ctx.user) && credential.createdBy !== ctx.user.id) return unauthorized();
	credential.password = ctx.body.newPassword;
	credential.lastUpdatedDate = new Date(ctx.now).toISOString();
	return json(200, credentialView(ctx.state, credential));
});

function credentialInUse(state, credential) {
	const id = credential.id;
	return (
		credential.userIds.length > 0 ||
		credential.userGroupIds.length > 0 ||
		[...state.workflows.values()].some((w) => w.versions.some((v) => v.credentialId === id)) ||
		[...state.schedules.values()].some((s) => s.credentialId === id) ||
		[...state.users.values()].some((u) => u.defaultCredentialId === id)
	);
}

const deleteCredential = withCredential((ctx, credential) => {
	const { state } = ctx;
	// force "cleans up any shares".
	if (credentialInUse(state, credential) && !ctx.queryValues.values.force) {
		return badRequest(
			'The credential is shared or in use. Set force=true to remove its shares and delete it.',
		);
	}
	for (const user of state.users.values())
		if (user.defaultCredentialId === credential.id) user.defaultCredentialId = null;
	for (const schedule of state.schedules.values())
		if (schedule.credentialId === credential.id) schedule.credentialId = null;
	state.credentials.delete(credential.id);
	return json(200, [...state.credentials.values()].map(credentialsView));
});

const shareWithUser = withCredential((ctx, credential) => {
	const { userId } = ctx.body;
	if (!ctx.state.users.has(userId))
		return invalid({ 'contract.userId': ['The user does not exist.'] });
	if (!credential.userIds.includes(userId)) credential.userIds.push(userId);
	return json(200, credentialsView(credential));
});

const shareWithUserGroup = withCredential((ctx, credential) => {
	const { userGroupId } = ctx.body;
	if (!ctx.state.userGroups.has(userGroupId))
		return invalid({ 'contract.userGroupId': ['The user group does not exist.'] });
	if (!credential.userGroupIds.includes(userGroupId)) credential.userGroupIds.push(userGroupId);
	return json(200, credentialsView(credential));
});

const unshareUser = withCredential((ctx, credential) =>
	removeFromArray(credential.userIds, ctx.params.userId)
		? json(200, credentialsView(credential))
		: notFound(),
);

const unshareUserGroup = withCredential((ctx, credential) =>
	removeFromArray(credential.userGroupIds, ctx.params.userGroupId)
		? json(200, credentialsView(credential))
		: notFound(),
);

const C = 'curator';
const base = '/v3/credentials/{credentialId}';
const routes = [
	{
		method: 'GET',
		path: '/v3/credentials',
		operationId: 'Credentials_GetCredentials',
		handler: listCredentials,
	},
	{
		method: 'POST',
		path: '/v3/credentials',
		operationId: 'Credentials_AddCredential',
		handler: addCredential,
	},
	{ method: 'GET', path: base, operationId: 'Credentials_GetCredential', handler: getCredential },
	{
		method: 'PUT',
		path: base,
		operationId: 'Credentials_UpdateCredential',
		handler: updateCredential,
	},
	{
		method: 'DELETE',
		path: base,
		operationId: 'Credentials_DeleteCredential',
		auth: C,
		handler: deleteCredential,
	},
	{
		method: 'POST',
		path: `${base}/users`,
		operationId: 'Credentials_ShareCredentialWithUser',
		auth: C,
		handler: shareWithUser,
	},
	{
		method: 'POST',
		path: `${base}/userGroups`,
		operationId: 'Credentials_ShareCredentialWithUserGroup',
		auth: C,
		handler: shareWithUserGroup,
	},
	{
		method: 'DELETE',
		path: `${base}/users/{userId}`,
		operationId: 'Credentials_RemoveUserFromCredential',
		auth: C,
		handler: unshareUser,
	},
	{
		method: 'DELETE',
		path: `${base}/userGroups/{userGroupId}`,
		operationId: 'Credentials_RemoveUserGroupFromCredential',
		auth: C,
		handler: unshareUserGroup,
	},
];

module.exports = { routes };
