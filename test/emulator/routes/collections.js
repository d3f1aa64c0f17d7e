'use strict';

// /v3/collections: all 15 operations, Curator-only.

const { objectId } = require('../ids');
const { json, empty, notFound, invalid, badRequest, unauthorized } = require('../responses');
const { removeFromArray } = require('./common');

function collectionView(collection) {
	return {
		id: collection.id,
		name: collection.name,
		ownerId: collection.ownerId,
		dateAdded: collection.dateAdded,
		workflowIds: [...collection.workflowIds],
		users: collection.users.map((u) => ({ userId: u.userId })),
		subscriptionIds: [...collection.subscriptionIds],
		userGroupIds: collection.userGroups.map((g) => g.userGroupId),
		scheduleIds: [...collection.scheduleIds],
	};
}

function reducedCollectionView(collection) {
	return {
		id: collection.id,
		name: collection.name,
		ownerId: collection.ownerId,
		dateAdded: collection.dateAdded,
	};
}

/** Wraps a handler that needs the collection of the path; unknown ids answer 404. */
function withCollection(handler) {
	return (ctx, emulator) => {
		const collection = ctx.state.collections.get(ctx.params.collectionId);
		return collection ? handler(ctx, collection, emulator) : notFound();
	};
}

function listCollections(ctx) {
	const full = ctx.queryValues.values.view === 'Full';
	return json(
		200,
		[...ctx.state.collections.values()].map(full ? collectionView : reducedCollectionView),
	);
}

function createCollection(ctx) {
	// "The authenticated API user must have the "Create Collections" permission ... else 401".
	if (!ctx.user.canCreateCollections) return unauthorized();
	const id = objectId(new Date(ctx.now));
	ctx.state.collections.set(id, {
		id,
		name: ctx.body.name,
		ownerId: ctx.user.id,
		dateAdded: new Date(ctx.now).toISOString(),
		workflowIds: [],
		scheduleIds: [],
		users: [],
		userGroups: [],
		subscriptionIds: [],
	});
	return json(200, id);
}

const getCollection = withCollection((ctx, collection) => json(200, collectionView(collection)));

const updateCollection = withCollection((ctx, collection) => {
	const { name, ownerId } = ctx.body;
	if (!ctx.state.users.has(ownerId))
		return invalid({ 'updateCollectionContract.ownerId': ['The owner does not exist.'] });
	Object.assign(collection, { name, ownerId });
	return json(200, collectionView(collection));
});

const deleteCollection = withCollection((ctx, collection) => {
	const isEmpty =
		!collection.workflowIds.length &&
		!collection.scheduleIds.length &&
		!collection.users.length &&
		!collection.userGroups.length;
	if (!isEmpty && !ctx.queryValues.values.forceDelete) {
		return badRequest('The collection is not empty. Set forceDelete=true to delete it anyway.');
	}
	ctx.state.collections.delete(collection.id);
	return empty(200);
});

const addUser = withCollection((ctx, collection) => {
	const { userId, expirationDate, collectionsPermissions } = ctx.body;
	if (!ctx.state.users.has(userId))
		return invalid({ 'addUsersContract.userId': ['The user does not exist.'] });
	const existing = collection.users.find((u) => u.userId === userId);
	if (existing)
		Object.assign(existing, { expirationDate: expirationDate || null, collectionsPermissions });
	else
		collection.users.push({
			userId,
			expirationDate: expirationDate || null,
			collectionsPermissions,
		});
	return json(200, collectionView(collection));
});

const updateUserPermissions = withCollection((ctx, collection) => {
	const member = collection.users.find((u) => u.userId === ctx.params.userId);
	if (!member) return notFound();
	Object.assign(member, {
		expirationDate: ctx.body.expirationDate || null,
		collectionsPermissions: ctx.body.collectionsPermissions,
	});
	return json(200, collectionView(collection));
});

const removeUser = withCollection((ctx, collection) => {
	const before = collection.users.length;
	collection.users = collection.users.filter((u) => u.userId !== ctx.params.userId);
	return before === collection.users.length ? notFound() : json(200, collectionView(collection));
});

const addUserGroup = withCollection((ctx, collection) => {
	const { userGroupId, expirationDate, collectionsPermissions } = ctx.body;
	if (!ctx.state.userGroups.has(userGroupId))
		return invalid({ 'addUserGroupsContract.userGroupId': ['The user group does not exist.'] });
	const existing = collection.userGroups.find((g) => g.userGroupId === userGroupId);
	if (existing)
		Object.assign(existing, { expirationDate: expirationDate || null, collectionsPermissions });
	else
		collection.userGroups.push({
			userGroupId,
			expirationDate: expirationDate || null,
			collectionsPermissions,
		});
	return json(200, collectionView(collection));
});

const updateUserGroupPermissions = withCollection((ctx, collection) => {
	const member = collection.userGroups.find((g) => g.userGroupId === ctx.params.userGroupId);
	if (!member) return notFound();
	Object.assign(member, {
		expirationDate: ctx.body.expirationDate || null,
		collectionsPermissions: ctx.body.collectionsPermissions,
	});
	return json(200, collectionView(collection));
});

const removeUserGroup = withCollection((ctx, collection) => {
	const before = collection.userGroups.length;
	collection.userGroups = collection.userGroups.filter(
		(g) => g.userGroupId !== ctx.params.userGroupId,
	);
	return before === collection.userGroups.length
		? notFound()
		: json(200, collectionView(collection));
});

const addWorkflow = withCollection((ctx, collection) => {
	const { workflowId } = ctx.body;
	if (!ctx.state.workflows.has(workflowId))
		return invalid({ 'contract.workflowId': ['The workflow does not exist.'] });
	if (!collection.workflowIds.includes(workflowId)) collection.workflowIds.push(workflowId);
	return json(200, collectionView(collection));
});

const removeWorkflow = withCollection((ctx, collection) =>
	removeFromArray(collection.workflowIds, ctx.params.workflowId)
		? json(200, collectionView(collection))
		: notFound(),
);

const addSchedule = withCollection((ctx, collection) => {
	const { scheduleId } = ctx.body;
	if (!ctx.state.schedules.has(scheduleId))
		return invalid({ 'contract.scheduleId': ['The schedule does not exist.'] });
	if (!collection.scheduleIds.includes(scheduleId)) collection.scheduleIds.push(scheduleId);
	return json(200, collectionView(collection));
});

const removeSchedule = withCollection((ctx, collection) =>
	removeFromArray(collection.scheduleIds, ctx.params.scheduleId)
		? json(200, collectionView(collection))
		: notFound(),
);

const C = 'curator';
const base = '/v3/collections/{collectionId}';
const routes = [
	{
		method: 'GET',
		path: '/v3/collections',
		operationId: 'Collections_GetCollections',
		auth: C,
		handler: listCollections,
	},
	{
		method: 'POST',
		path: '/v3/collections',
		operationId: 'Collections_CreateCollection',
		auth: C,
		handler: createCollection,
	},
	{
		method: 'GET',
		path: base,
		operationId: 'Collections_GetCollection',
		auth: C,
		handler: getCollection,
	},
	{
		method: 'PUT',
		path: base,
		operationId: 'Collections_UpdateCollection',
		auth: C,
		handler: updateCollection,
	},
	{
		method: 'DELETE',
		path: base,
		operationId: 'Collections_DeleteCollection',
		auth: C,
		handler: deleteCollection,
	},
	{
		method: 'POST',
		path: `${base}/users`,
		operationId: 'Collections_AddUserToCollection',
		auth: C,
		handler: addUser,
	},
	{
		method: 'PUT',
		path: `${base}/users/{userId}/permissions`,
		operationId: 'Collections_UpdateCollectionUserPermissions',
		auth: C,
		handler: updateUserPermissions,
	},
	{
		method: 'DELETE',
		path: `${base}/users/{userId}`,
		operationId: 'Collections_RemoveUserFromCollection',
		auth: C,
		handler: removeUser,
	},
	{
		method: 'POST',
		path: `${base}/userGroups`,
		operationId: 'Collections_AddUserGroupToCollection',
		auth: C,
		handler: addUserGroup,
	},
	{
		method: 'PUT',
		path: `${base}/userGroups/{userGroupId}/permissions`,
		operationId: 'Collections_UpdateCollectionUserGroupPermissions',
		auth: C,
		handler: updateUserGroupPermissions,
	},
	{
		method: 'DELETE',
		path: `${base}/userGroups/{userGroupId}`,
		operationId: 'Collections_RemoveUserGroupFromCollection',
		auth: C,
		handler: removeUserGroup,
	},
	{
		method: 'POST',
		path: `${base}/workflows`,
		operationId: 'Collections_AddWorkflowToCollection',
		auth: C,
		handler: addWorkflow,
	},
	{
		method: 'DELETE',
		path: `${base}/workflows/{workflowId}`,
		operationId: 'Collections_RemoveWorkflowFromCollection',
		auth: C,
		handler: removeWorkflow,
	},
	{
		method: 'POST',
		path: `${base}/schedules`,
		operationId: 'Collections_AddScheduleToCollection',
		auth: C,
		handler: addSchedule,
	},
	{
		method: 'DELETE',
		path: `${base}/schedules/{scheduleId}`,
		operationId: 'Collections_RemoveScheduleFromCollection',
		auth: C,
		handler: removeSchedule,
	},
];

module.exports = { routes, collectionView };
