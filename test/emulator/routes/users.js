'use strict';

// /v3/users: all Curator-only. Users own API keys (the token endpoint's client id/secret).

const { json, empty, notFound, invalid } = require('../responses');
const { makeUser } = require('../records');
const { groupIdsOf, parseDateParam, removeFromArray } = require('./common');

const ROLES = ['NoAccess', 'Viewer', 'Member', 'Artisan', 'Curator', 'Evaluated'];
const LANGUAGES = ['de-de', 'en-us', 'es-es', 'fr-fr', 'it-it', 'ja-jp', 'pt-br', 'zh-cn'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function userView(state, user) {
	return {
		id: user.id,
		firstName: user.firstName,
		lastName: user.lastName,
		email: user.email,
		role: user.role,
		defaultWorkerTag: user.defaultWorkerTag,
		canScheduleJobs: user.canScheduleJobs,
		canPrioritizeJobs: user.canPrioritizeJobs,
		canAssignJobs: user.canAssignJobs,
		canCreateCollections: user.canCreateCollections,
		isApiEnabled: user.isApiEnabled,
		defaultCredentialId: user.defaultCredentialId,
		isAccountLocked: user.isAccountLocked,
		isActive: user.isActive,
		lastLoginDateTime: user.lastLoginDateTime,
		isValidated: user.isValidated,
		sharedCredentialIds: [...state.credentials.values()]
			.filter((c) => c.userIds.includes(user.id))
			.map((c) => c.id),
		dataConnectionIds: [...state.serverDataConnections.values()]
			.filter((c) => c.userIds.includes(user.id))
			.map((c) => c.id),
		timeZone: user.timeZone,
		language: user.language,
		canCreateAndUpdateDcm: user.canCreateAndUpdateDcm,
		canShareForExecutionDcm: user.canShareForExecutionDcm,
		canShareForCollaborationDcm: user.canShareForCollaborationDcm,
		canManageGenericVaultsDcm: user.canManageGenericVaultsDcm,
	};
}

function reducedUserView(user) {
	return {
		id: user.id,
		firstName: user.firstName,
		lastName: user.lastName,
		email: user.email,
		isActive: user.isActive,
		role: user.role,
		dateCreated: user.dateCreated,
	};
}

function emailTaken(state, email, exceptId) {
	const lower = email.toLowerCase();
	return [...state.users.values()].some(
		(u) => u.id !== exceptId && u.email.toLowerCase() === lower,
	);
}

function ownedAssets(state, userId) {
	const pick = (map) =>
		[...map.values()].filter((x) => x.ownerId === userId).map((x) => ({ name: x.name, id: x.id }));
	return {
		workflows: pick(state.workflows),
		schedules: pick(state.schedules),
		collections: pick(state.collections),
	};
}

// "If the searchContract.Verbose is set to false, then a reduced view object will be returned":
// the Default view lists ReducedUserView items although the swagger declares UserView[].
function listUsers(ctx) {
	const { values } = ctx.queryValues;
	const q = ctx.query;
	const createdAfter = parseDateParam(q.get('createdAfter'));
	const createdBefore = parseDateParam(q.get('createdBefore'));
	if (createdAfter === null || createdBefore === null) {
		return invalid({
			[createdAfter === null ? 'createdAfter' : 'createdBefore']: [
				'The value is not a valid date.',
			],
		});
	}
	const same = (a, b) =>
		b === undefined || b === '' || String(a).toLowerCase() === String(b).toLowerCase();
	const users = [...ctx.state.users.values()].filter(
		(u) =>
			(values.active === undefined || u.isActive === values.active) &&
			same(u.email, q.get('email')) &&
			(values.role === undefined || u.role === values.role) &&
			same(u.firstName, q.get('firstName')) &&
			same(u.lastName, q.get('lastName')) &&
			(createdAfter === undefined || Date.parse(u.dateCreated) >= createdAfter) &&
			(createdBefore === undefined || Date.parse(u.dateCreated) <= createdBefore),
	);
	const full = values.view === 'Full';
	return json(
		200,
		users.map((u) => (full ? userView(ctx.state, u) : reducedUserView(u))),
	);
}

function createUser(ctx) {
	const contract = ctx.body;
	const { state } = ctx;
	const errors = {};
	if (!EMAIL.test(contract.email))
		errors['userContract.email'] = ['The Email field is not a valid e-mail address.'];
	else if (emailTaken(state, contract.email))
		errors['userContract.email'] = ['A user with this email already exists.'];
	const role = contract.role
		? ROLES.find((r) => r.toLowerCase() === contract.role.toLowerCase())
		: 'Evaluated';
	if (!role) errors['userContract.role'] = [`The value '${contract.role}' is not valid for Role.`];
	if (contract.defaultCredentialId && !state.credentials.has(contract.defaultCredentialId)) {
		errors['userContract.defaultCredentialId'] = ['The credential does not exist.'];
	}
	if (Object.keys(errors).length) return invalid(errors);
	const user = makeUser({
		...contract,
		role,
		defaultWorkerTag: contract.defaultWorkerTag || '',
		defaultCredentialId: contract.defaultCredentialId || null,
		timeZone: contract.timeZone || 'Etc/UTC',
		isActive: contract.isActive ?? true,
		isValidated: false,
		dateCreated: new Date(ctx.now).toISOString(),
		subscriptionId: ctx.user.subscriptionId,
	});
	state.users.set(user.id, user);
	return json(201, userView(state, user), {
		Location: `${ctx.url.split('?')[0].replace(/\/$/, '')}/${user.id}`,
	});
}

function getUser(ctx) {
	const user = ctx.state.users.get(ctx.params.userId);
	return user ? json(200, userView(ctx.state, user)) : notFound();
}

function updateUser(ctx) {
	const { state } = ctx;
	const user = state.users.get(ctx.params.userId);
	if (!user) return notFound();
	const contract = ctx.body;
	const errors = {};
	// Optional in the swagger, but "required on non windows authentication" (the emulator's mode).
	for (const field of ['firstName', 'lastName']) {
		if (!contract[field])
			errors[`updateContract.${field}`] = [
				`The ${field === 'firstName' ? 'FirstName' : 'LastName'} field is required.`,
			];
	}
	if (!EMAIL.test(contract.email))
		errors['updateContract.email'] = ['The Email field is not a valid e-mail address.'];
	else if (emailTaken(state, contract.email, user.id))
		errors['updateContract.email'] = ['A user with this email already exists.'];
	const language = LANGUAGES.find((l) => l === String(contract.language).toLowerCase());
	if (!language)
		errors['updateContract.language'] = [
			`The value '${contract.language}' is not valid for Language.`,
		];
	if (contract.defaultCredentialId && !state.credentials.has(contract.defaultCredentialId)) {
		errors['updateContract.defaultCredentialId'] = ['The credential does not exist.'];
	}
	if (Object.keys(errors).length) return invalid(errors);
	const { id, ...fields } = contract; // "The Id of the updateContract will be overwritten by the id value in the URL."
	Object.assign(user, fields, {
		language,
		defaultCredentialId: contract.defaultCredentialId || null,
	});
	return json(200, userView(state, user));
}

function deleteUser(ctx) {
	const { state } = ctx;
	const user = state.users.get(ctx.params.userId);
	if (!user) return notFound();
	const assets = ownedAssets(state, user.id);
	const groups = groupIdsOf(state, user.id);
	if (
		assets.workflows.length ||
		assets.schedules.length ||
		assets.collections.length ||
		groups.length
	) {
		return json(
			409,
			'The user owns assets (workflows, schedules or collections) or belongs to user groups and cannot be deleted.',
		);
	}
	for (const credential of state.credentials.values()) removeFromArray(credential.userIds, user.id);
	for (const connection of state.serverDataConnections.values())
		removeFromArray(connection.userIds, user.id);
	for (const collection of state.collections.values())
		collection.users = collection.users.filter((u) => u.userId !== user.id);
	state.users.delete(user.id);
	return empty(200);
}

function deactivateUser(ctx) {
	const { state } = ctx;
	const user = state.users.get(ctx.params.userId);
	if (!user) return notFound();
	const removedFrom = groupIdsOf(state, user.id);
	for (const groupId of removedFrom) {
		const group = state.userGroups.get(groupId);
		group.members = group.members.filter((m) => m.userId !== user.id);
	}
	user.isActive = false;
	return json(200, removedFrom);
}

function sendPasswordReset(ctx) {
	const user = ctx.state.users.get(ctx.params.userId);
	if (!user) return notFound();
	user.passwordResetRequestedAt = new Date(ctx.now).toISOString();
	return empty(200);
}

function getAssets(ctx) {
	const user = ctx.state.users.get(ctx.params.userId);
	if (!user) return notFound();
	const type = ctx.queryValues.values.assetType || 'All';
	const assets = ownedAssets(ctx.state, user.id);
	return json(200, {
		workflows: type === 'All' || type === 'Workflows' ? assets.workflows : [],
		schedules: type === 'All' || type === 'Schedules' ? assets.schedules : [],
		collections: type === 'All' || type === 'Collections' ? assets.collections : [],
	});
}

function transferAssets(ctx) {
	const { state } = ctx;
	const user = state.users.get(ctx.params.userId);
	if (!user) return json(404, 'The user was not found.');
	const contract = ctx.body;
	const target = state.users.get(contract.ownerId);
	if (!target) return json(400, 'The new owner does not exist.');
	if (target.id === user.id) return json(400, 'Assets cannot be transferred to the same user.');
	const move = (map, flag) => {
		if (!flag) return;
		for (const asset of map.values()) if (asset.ownerId === user.id) asset.ownerId = target.id;
	};
	move(state.workflows, contract.transferWorkflows);
	move(state.schedules, contract.transferSchedules);
	move(state.collections, contract.transferCollections);
	// Schedules the user still owns break or are disabled once the user is deleted.
	const affected = [...state.schedules.values()]
		.filter((s) => s.ownerId === user.id)
		.map((s) => ({ affectedScheduleId: s.id }));
	return json(200, affected);
}

const routes = [
	{
		method: 'GET',
		path: '/v3/users',
		operationId: 'Users_GetUsers',
		auth: 'curator',
		handler: listUsers,
	},
	{
		method: 'POST',
		path: '/v3/users',
		operationId: 'Users_CreateUser',
		auth: 'curator',
		handler: createUser,
	},
	{
		method: 'GET',
		path: '/v3/users/{userId}',
		operationId: 'Users_GetUser',
		auth: 'curator',
		handler: getUser,
	},
	{
		method: 'PUT',
		path: '/v3/users/{userId}',
		operationId: 'Users_UpdateUser',
		auth: 'curator',
		handler: updateUser,
	},
	{
		method: 'DELETE',
		path: '/v3/users/{userId}',
		operationId: 'Users_DeleteUser',
		auth: 'curator',
		handler: deleteUser,
	},
	{
		method: 'POST',
		path: '/v3/users/{userId}/deactivate',
		operationId: 'Users_DeactivateUser',
		auth: 'curator',
		handler: deactivateUser,
	},
	{
		method: 'POST',
		path: '/v3/users/{userId}/passwordReset',
		operationId: 'Users_SendPasswordReset',
		auth: 'curator',
		handler: sendPasswordReset,
	},
	{
		method: 'GET',
		path: '/v3/users/{userId}/assets',
		operationId: 'Users_GetUsersAssets',
		auth: 'curator',
		handler: getAssets,
	},
	// The swagger omits the Curator note here, but every other /v3/users operation has it.
	{
		method: 'PUT',
		path: '/v3/users/{userId}/assetTransfer',
		operationId: 'Users_TransferAssets',
		auth: 'curator',
		invalidAsString: true,
		handler: transferAssets,
	},
];

module.exports = { routes, userView, reducedUserView, ROLES };
