'use strict';

// /v3/usergroups: custom user groups, their members and the Active Directory groups nested in
// them (Windows-auth only on a real server; the emulator always allows them). Curator-only.

const { objectId } = require('../ids');
const { json, empty, notFound, invalid, badRequest } = require('../responses');

const SID = /^S-\d+(-\d+)+$/i;

function userGroupView(state, group) {
	return {
		id: group.id,
		name: group.name,
		dateAdded: group.dateAdded,
		role: group.role,
		credentialIds: [...state.credentials.values()]
			.filter((c) => c.userGroupIds.includes(group.id))
			.map((c) => c.id),
		connectionIds: [...state.serverDataConnections.values()]
			.filter((c) => c.userGroupIds.includes(group.id))
			.map((c) => c.id),
		members: [
			...group.members.map((m) => ({
				userId: m.userId,
				dateAddedToGroup: m.dateAddedToGroup,
				addedByUserId: m.addedByUserId,
			})),
			...group.activeDirectoryGroups.map((ad) => ({
				activeDirectoryObject: {
					sid: ad.sid,
					category: 'Group',
					displayName: ad.displayName,
					domainName: ad.domainName,
					sidAccountName: ad.sidAccountName,
				},
				dateAddedToGroup: ad.dateAddedToGroup,
				addedByUserId: ad.addedByUserId,
			})),
		],
	};
}

function withGroup(handler) {
	return (ctx, emulator) => {
		const group = ctx.state.userGroups.get(ctx.params.userGroupId);
		return group ? handler(ctx, group, emulator) : notFound();
	};
}

function nameTaken(state, name, exceptId) {
	return [...state.userGroups.values()].some(
		(g) => g.id !== exceptId && g.name.toLowerCase() === name.toLowerCase(),
	);
}

function listGroups(ctx) {
	return json(
		200,
		[...ctx.state.userGroups.values()].map((g) => ({ id: g.id, name: g.name, role: g.role })),
	);
}

function createGroup(ctx) {
	const { name, role } = ctx.body;
	if (nameTaken(ctx.state, name))
		return invalid({ 'contract.name': ['A user group with this name already exists.'] });
	const id = objectId(new Date(ctx.now));
	ctx.state.userGroups.set(id, {
		id,
		name,
		role,
		dateAdded: new Date(ctx.now).toISOString(),
		members: [],
		activeDirectoryGroups: [],
	});
	return json(201, id, { Location: `${ctx.url.split('?')[0].replace(/\/$/, '')}/${id}` });
}

const getGroup = withGroup((ctx, group) => json(200, userGroupView(ctx.state, group)));

const updateGroup = withGroup((ctx, group) => {
	const { name, role } = ctx.body;
	if (nameTaken(ctx.state, name, group.id))
		return invalid({ 'contract.name': ['A user group with this name already exists.'] });
	Object.assign(group, { name, role });
	return empty(200);
});

const deleteGroup = withGroup((ctx, group) => {
	if (
		(group.members.length || group.activeDirectoryGroups.length) &&
		!ctx.queryValues.values.forceDelete
	) {
		return badRequest('The user group is not empty. Set forceDelete=true to delete it anyway.');
	}
	const { state } = ctx;
	for (const holder of [...state.credentials.values(), ...state.serverDataConnections.values()]) {
		holder.userGroupIds = holder.userGroupIds.filter((id) => id !== group.id);
	}
	for (const collection of state.collections.values())
		collection.userGroups = collection.userGroups.filter((g) => g.userGroupId !== group.id);
	state.userGroups.delete(group.id);
	return empty(200);
});

const addUsers = withGroup((ctx, group) => {
	const userIds = ctx.body;
	const failedUserReasons = {};
	let added = 0;
	for (const userId of userIds) {
		const user = ctx.state.users.get(userId);
		if (!user) failedUserReasons[userId] = 'The user does not exist.';
		else if (!user.isActive) failedUserReasons[userId] = 'The user is inactive.';
		else if (group.members.some((m) => m.userId === userId))
			failedUserReasons[userId] = 'The user is already a member of the group.';
		else {
			group.members.push({
				userId,
				dateAddedToGroup: new Date(ctx.now).toISOString(),
				addedByUserId: ctx.user.id,
			});
			added++;
		}
	}
	return json(200, {
		successfullyAddedUserCount: added,
		totalUsersSubmittedCount: userIds.length,
		failedUserReasons,
	});
});

// "If the user is not a part of the user group, then an OK response will be returned."
const removeUser = withGroup((ctx, group) => {
	group.members = group.members.filter((m) => m.userId !== ctx.params.userId);
	return json(200, userGroupView(ctx.state, group));
});

const addActiveDirectoryGroup = withGroup((ctx, group) => {
	const sid = ctx.body;
	if (!SID.test(sid))
		return invalid({ sid: [`'${sid}' is not a valid Active Directory security identifier.`] });
	if (!group.activeDirectoryGroups.some((ad) => ad.sid.toLowerCase() === sid.toLowerCase())) {
		const rid = sid.split('-').pop();
		group.activeDirectoryGroups.push({
			sid,
			displayName: `AD Group ${rid}`,
			domainName: 'CORP',
			sidAccountName: `CORP\\group${rid}`,
			dateAddedToGroup: new Date(ctx.now).toISOString(),
			addedByUserId: ctx.user.id,
		});
	}
	return empty(200);
});

const removeActiveDirectoryGroup = withGroup((ctx, group) => {
	const sid = ctx.params.adGroupSid.toLowerCase();
	const before = group.activeDirectoryGroups.length;
	group.activeDirectoryGroups = group.activeDirectoryGroups.filter(
		(ad) => ad.sid.toLowerCase() !== sid,
	);
	if (before === group.activeDirectoryGroups.length)
		return badRequest('The Active Directory group is not a member of this user group.');
	return empty(200);
});

const C = 'curator';
const base = '/v3/usergroups/{userGroupId}';
const routes = [
	{
		method: 'GET',
		path: '/v3/usergroups',
		operationId: 'UserGroups_GetUserGroups',
		auth: C,
		handler: listGroups,
	},
	{
		method: 'POST',
		path: '/v3/usergroups',
		operationId: 'UserGroups_CreateUserGroup',
		auth: C,
		handler: createGroup,
	},
	{ method: 'GET', path: base, operationId: 'UserGroups_GetUserGroup', auth: C, handler: getGroup },
	{
		method: 'PUT',
		path: base,
		operationId: 'UserGroups_UpdateUserGroup',
		auth: C,
		handler: updateGroup,
	},
	{
		method: 'DELETE',
		path: base,
		operationId: 'UserGroups_DeleteUserGroup',
		auth: C,
		handler: deleteGroup,
	},
	{
		method: 'POST',
		path: `${base}/users`,
		operationId: 'UserGroups_AddUsersToGroup',
		auth: C,
		handler: addUsers,
	},
	{
		method: 'DELETE',
		path: `${base}/users/{userId}`,
		operationId: 'UserGroups_RemoveUserFromGroup',
		auth: C,
		handler: removeUser,
	},
	{
		method: 'POST',
		path: `${base}/activedirectorygroups`,
		operationId: 'UserGroups_AddActiveDirectoryGroupToCustomGroup',
		auth: C,
		handler: addActiveDirectoryGroup,
	},
	{
		method: 'DELETE',
		path: `${base}/activedirectorygroups/{adGroupSid}`,
		operationId: 'UserGroups_RemoveActiveDirectoryGroupFromCustomGroup',
		auth: C,
		handler: removeActiveDirectoryGroup,
	},
];

module.exports = { routes, userGroupView };
