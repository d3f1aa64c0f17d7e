'use strict';

// /v3/subscriptions ("studios"): a user belongs to one; a workflow belongs to its owner's.
// Curator-only. DELETE takes the id in the query string (?subscriptionId=).

const crypto = require('node:crypto');
const { objectId } = require('../ids');
const { json, empty, notFound, invalid, badRequest } = require('../responses');
const { userDisplayName } = require('../store');

function members(state, subscriptionId) {
	const users = [...state.users.values()].filter((u) => u.subscriptionId === subscriptionId);
	const userIds = new Set(users.map((u) => u.id));
	const workflows = [...state.workflows.values()].filter((w) => userIds.has(w.ownerId));
	return { users, workflows };
}

function subscriptionView(subscription) {
	return {
		id: subscription.id,
		name: subscription.name,
		credentialId: subscription.credentialId || '',
		canShareSchedules: subscription.canShareSchedules,
	};
}

function countView(state, subscription) {
	const { users, workflows } = members(state, subscription.id);
	return {
		...subscriptionView(subscription),
		userCount: users.length,
		workflowCount: workflows.length,
	};
}

function detailsView(state, subscription) {
	const { users, workflows } = members(state, subscription.id);
	return {
		...subscriptionView(subscription),
		users: users.map((u) => ({ id: u.id, name: userDisplayName(u) })),
		workflows: workflows.map((w) => ({ id: w.id, name: w.name })),
	};
}

// The 201 body of POST: the full Subscription entity, API key and secret included.
function subscriptionEntity(subscription) {
	return {
		id: subscription.id,
		name: subscription.name,
		apiKey: subscription.apiKey,
		apiSecret: subscription.apiSecret,
		active: subscription.active,
		expirationDate: subscription.expirationDate,
		expDate: subscription.expirationDate,
		dateUpdated: subscription.dateUpdated,
		apiEnabled: subscription.apiEnabled,
		canShareSchedules: subscription.canShareSchedules,
		credentialId: subscription.credentialId || '',
		credentials: subscription.credentialId
			? [{ credentialId: subscription.credentialId, id: objectId() }]
			: [],
		dataConnections: subscription.dataConnectionIds.map((id) => ({
			dataConnectionId: id,
			id: objectId(),
		})),
	};
}

function withSubscription(handler) {
	return (ctx, emulator) => {
		const subscription = ctx.state.subscriptions.get(ctx.params.subscriptionId);
		return subscription ? handler(ctx, subscription, emulator) : notFound();
	};
}

function listSubscriptions(ctx) {
	const v = ctx.queryValues.values;
	const name = ctx.query.get('name');
	const credentialId = ctx.query.get('defaultWorkflowCredentialId');
	const result = [...ctx.state.subscriptions.values()]
		.map((s) => countView(ctx.state, s))
		.filter(
			(s) =>
				(!name || s.name.toLowerCase().includes(name.toLowerCase())) &&
				(v.canShareSchedule === undefined || s.canShareSchedules === v.canShareSchedule) &&
				(!credentialId || s.credentialId === credentialId) &&
				(v.userCountGreaterThanEquals === undefined ||
					s.userCount >= v.userCountGreaterThanEquals) &&
				(v.userCountLessThanEquals === undefined || s.userCount <= v.userCountLessThanEquals) &&
				(v.workflowCountGreaterThanEquals === undefined ||
					s.workflowCount >= v.workflowCountGreaterThanEquals) &&
				(v.workflowCountLessThanEquals === undefined ||
					s.workflowCount <= v.workflowCountLessThanEquals),
		);
	return json(200, result);
}

function createSubscription(ctx) {
	const { name, canShareSchedule, credentialId } = ctx.body;
	if (credentialId && !ctx.state.credentials.has(credentialId))
		return invalid({ 'contract.credentialId': ['The credential does not exist.'] });
	const date = new Date(ctx.now).toISOString();
	const subscription = {
		id: objectId(new Date(ctx.now)),
		name,
		credentialId: credentialId || '',
		canShareSchedules: Boolean(canShareSchedule),
		active: true,
		apiEnabled: true,
		apiKey: crypto.randomBytes(16).toString('hex'),
		apiSecret: crypto.randomBytes(32).toString('hex'),
		expirationDate: '2099-12-31T00:00:00.000Z',
		dateUpdated: date,
		dataConnectionIds: [],
	};
	ctx.state.subscriptions.set(subscription.id, subscription);
	return json(201, subscriptionEntity(subscription));
}

function deleteSubscription(ctx) {
	const subscription = ctx.state.subscriptions.get(ctx.queryValues.values.subscriptionId);
	if (!subscription) return notFound();
	const { users, workflows } = members(ctx.state, subscription.id);
	if (users.length || workflows.length) {
		return badRequest(
			'Subscriptions can only be deleted if no workflows or users are in the studio.',
		);
	}
	ctx.state.subscriptions.delete(subscription.id);
	return empty(200);
}

const getSubscription = withSubscription((ctx, subscription) =>
	json(200, detailsView(ctx.state, subscription)),
);

const updateSubscription = withSubscription((ctx, subscription) => {
	const { name, credentialId, canShareSchedules } = ctx.body;
	if (credentialId && !ctx.state.credentials.has(credentialId))
		return invalid({ 'subscription.credentialId': ['The credential does not exist.'] });
	Object.assign(subscription, {
		name,
		credentialId,
		canShareSchedules,
		dateUpdated: new Date(ctx.now).toISOString(),
	});
	return json(200, subscriptionView(subscription));
});

const changeUsers = withSubscription((ctx, subscription) => {
	const { userIds } = ctx.body;
	if (!userIds.length)
		return invalid({ 'contract.userIds': ['At least one user id is required.'] });
	const unknown = userIds.filter((id) => !ctx.state.users.has(id));
	if (unknown.length)
		return invalid({ 'contract.userIds': [`Unknown user ids: ${unknown.join(', ')}`] });
	for (const id of userIds) ctx.state.users.get(id).subscriptionId = subscription.id;
	return empty(200);
});

const C = 'curator';
const routes = [
	{
		method: 'GET',
		path: '/v3/subscriptions',
		operationId: 'Subscriptions_GetSubscriptions',
		auth: C,
		handler: listSubscriptions,
	},
	{
		method: 'POST',
		path: '/v3/subscriptions',
		operationId: 'Subscriptions_CreateSubscription',
		auth: C,
		handler: createSubscription,
	},
	{
		method: 'DELETE',
		path: '/v3/subscriptions',
		operationId: 'Subscriptions_DeleteSubscription',
		auth: C,
		handler: deleteSubscription,
	},
	{
		method: 'GET',
		path: '/v3/subscriptions/{subscriptionId}',
		operationId: 'Subscriptions_GetSubscriptionById',
		auth: C,
		handler: getSubscription,
	},
	{
		method: 'PUT',
		path: '/v3/subscriptions/{subscriptionId}',
		operationId: 'Subscriptions_UpdateSubscription',
		auth: C,
		handler: updateSubscription,
	},
	{
		method: 'PUT',
		path: '/v3/subscriptions/{subscriptionId}/users',
		operationId: 'Subscriptions_ChangeUsersSubscription',
		auth: C,
		handler: changeUsers,
	},
];

module.exports = { routes };
