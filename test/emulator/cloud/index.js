'use strict';

/**
 * Local Alteryx Analytics Cloud emulator: the v4 API host, the API gateway and a Ping-like token
 * host on three loopback ports. See README.md.
 *
 *   const { startCloudEmulator } = require('./test/emulator/cloud');
 *   const cloud = await startCloudEmulator({ refreshReuse: 'revoke-family' });
 *   const { accessToken, refreshToken } = cloud.issuePair();
 *   await cloud.close();
 */

const { derivedHex } = require('../ids');
const { TokenStore, decodeToken } = require('./tokens');
const { CloudFaultRegistry } = require('./faults');
const { createCloudServer } = require('./server');
const { dispatchToken } = require('./token-host');
const { createApiDispatch } = require('./api');
const {
	createSeededState,
	CLOUD_SEED,
	OUTCOMES,
	OUTCOME_OVERRIDE,
	outcomeFromName,
} = require('./seed');
const { seedPastRuns, createJobGroup, createPlanRun } = require('./runs');

const DEFAULT_OPTIONS = Object.freeze({
	host: '127.0.0.1',
	ports: Object.freeze({ v4: 0, gateway: 0, token: 0 }),
	accessTokenTtlSeconds: 300,
	refreshTokenTtlSeconds: 30 * 86400,
	refreshReuse: 'reject',
	reuseGraceSeconds: 0,
	refreshExpiry: 'sliding',
	expiresInField: true,
	tokenTypeField: true,
	clientId: 'emulator-public-client',
	servicePrincipal: Object.freeze({
		clientId: 'emulator-sp',
		clientSecret: `sp-${derivedHex('cloud-emulator-service-principal', 32)}`,
	}),
	requireProjectId: false,
	projectId: 'emulator-api-project',
	plansAvailable: true,
	runTimings: Object.freeze({ createdMs: 200, inProgressMs: 800 }),
	quotas: Object.freeze({
		runJobGroup: 30,
		runFlow: 20,
		workspaceRunJobGroup: 60,
		workspaceRunFlow: 40,
		windowMs: 60_000,
	}),
	defaultLimit: 25,
});

function mergeOptions(base, partial = {}) {
	const merged = {
		...base,
		...partial,
		ports: { ...base.ports, ...(partial.ports || {}) },
		servicePrincipal: { ...base.servicePrincipal, ...(partial.servicePrincipal || {}) },
		runTimings: { ...base.runTimings, ...(partial.runTimings || {}) },
		quotas: { ...base.quotas, ...(partial.quotas || {}) },
	};
	if (!['reject', 'revoke-family'].includes(merged.refreshReuse)) {
		throw new Error("refreshReuse must be 'reject' or 'revoke-family'");
	}
	for (const key of ['accessTokenTtlSeconds', 'refreshTokenTtlSeconds', 'defaultLimit']) {
		if (!(merged[key] > 0)) throw new Error(`${key} must be a positive number`);
	}
	for (const key of ['createdMs', 'inProgressMs']) {
		if (!(merged.runTimings[key] >= 0)) throw new Error(`runTimings.${key} must be a number >= 0`);
	}
	if (!['sliding', 'fixed'].includes(merged.refreshExpiry)) {
		throw new Error("refreshExpiry must be 'sliding' or 'fixed'");
	}
	if (!(merged.reuseGraceSeconds >= 0)) throw new Error('reuseGraceSeconds must be a number >= 0');
	for (const key of ['runJobGroup', 'runFlow', 'workspaceRunJobGroup', 'workspaceRunFlow']) {
		if (!(merged.quotas[key] >= 0))
			throw new Error(`quotas.${key} must be a number >= 0 (0: no quota)`);
	}
	if (!(merged.quotas.windowMs > 0)) throw new Error('quotas.windowMs must be a positive number');
	if (!merged.clientId) throw new Error('clientId must not be empty');
	return merged;
}

function zeroCounters(counters = {}) {
	Object.assign(counters, {
		tokenRequests: 0,
		refreshes: 0,
		successfulRefreshes: 0,
		refreshesWithinGrace: 0,
		rejectedRefreshes: {
			reused: 0,
			expired: 0,
			unknown: 0,
			revoked: 0,
			invalidClient: 0,
			other: 0,
		},
		clientCredentials: 0,
		clientCredentialsRejected: 0,
		revokedFamilies: 0,
		apiCalls: 0,
		apiCallsByStatus: {},
		apiCallsByHost: { v4: 0, gateway: 0 },
		unauthorized: 0,
		unauthorizedByReason: {},
		rateLimited: 0,
		repeatedExecutions: 0,
		faultsInjected: 0,
		runsStarted: { jobGroups: 0, flows: 0, plans: 0 },
	});
	return counters;
}

class CloudEmulator {
	constructor(options) {
		this.options = mergeOptions(DEFAULT_OPTIONS, options);
		this.clockOffsetMs = 0;
		this.issuer = null;
		this.tokens = new TokenStore({ now: () => this.now(), issuer: () => this.issuer });
		this.faults = new CloudFaultRegistry();
		this.counters = zeroCounters();
		this.requests = [];
		this.hangingResponses = new Set();
		this.quotaBuckets = new Map();
		this.seed = CLOUD_SEED;
		this.state = this.freshState();
		this.servers = {
			v4: createCloudServer(this, 'v4', createApiDispatch('v4', require('./routes-v4').routes)),
			gateway: createCloudServer(
				this,
				'gateway',
				createApiDispatch('gateway', require('./routes-gateway').routes),
			),
			token: createCloudServer(this, 'token', dispatchToken),
		};
	}

	freshState() {
		const state = createSeededState(this.now());
		seedPastRuns(state, this.now());
		return state;
	}

	/** The emulator's clock (ms): what every request, token and run sees as now. */
	now() {
		return Date.now() + this.clockOffsetMs;
	}

	/** Moves the clock forward: runs progress, tokens expire. */
	advanceTime(ms) {
		if (!(ms >= 0)) throw new Error('advanceTime needs a number of milliseconds >= 0');
		this.clockOffsetMs += ms;
		return this.now();
	}

	async listen() {
		const urls = {};
		for (const name of ['v4', 'gateway', 'token']) {
			const server = this.servers[name];
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(this.options.ports[name], this.options.host, () => {
					server.off('error', reject);
					resolve();
				});
			});
			const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
			urls[name] = `http://${host}:${server.address().port}`;
		}
		this.v4Url = `${urls.v4}/`;
		this.gatewayUrl = `${urls.gateway}/`;
		this.issuer = `${urls.token}/as`;
		this.tokenUrl = `${this.issuer}/token`;
		return this;
	}

	get clientId() {
		return this.options.clientId;
	}

	get servicePrincipal() {
		return { ...this.options.servicePrincipal };
	}

	get projectId() {
		return this.options.projectId;
	}

	/**
	 * A new token family, as "Generate" on the OAuth 2.0 API Tokens page makes.
	 * @returns {{ accessToken, refreshToken, clientId, expiresIn, familyId }}
	 */
	issuePair({ accessTtlSeconds, refreshTtlSeconds, personId = CLOUD_SEED.personId } = {}) {
		const person = this.state.people.get(personId);
		if (!person) throw new Error(`No person ${personId}`);
		const family = this.tokens.newFamily({
			sub: person.email,
			personId,
			clientId: this.options.clientId,
			workspaceId: person.workspaceId,
		});
		if (refreshTtlSeconds !== undefined) family.refreshTtlSeconds = refreshTtlSeconds;
		family.refreshExpiresAtMs =
			this.now() + (refreshTtlSeconds ?? this.options.refreshTokenTtlSeconds) * 1000;
		const expiresIn = accessTtlSeconds ?? this.options.accessTokenTtlSeconds;
		const accessToken = this.tokens.issueAccessToken({
			familyId: family.id,
			sub: family.sub,
			clientId: family.clientId,
			personId,
			workspaceId: family.workspaceId,
			ttlSeconds: expiresIn,
		});
		const refreshToken = this.tokens.issueRefreshToken(family.id, family.refreshExpiresAtMs);
		return {
			accessToken,
			refreshToken,
			clientId: this.options.clientId,
			expiresIn,
			familyId: family.id,
		};
	}

	/**
	 * The data of an n8n `alteryxCloudOAuth2Api` credential (the brief's contract) with a new pair
	 * of its own family, `overrides` applied.
	 */
	credentialData(overrides = {}, pairOptions = {}) {
		const { accessToken, refreshToken } = this.issuePair(pairOptions);
		return {
			region: 'custom',
			v4Url: this.v4Url,
			gatewayUrl: this.gatewayUrl,
			accessToken,
			refreshToken,
			...overrides,
		};
	}

	/** Kills a token family (its refresh and access tokens), given any of its tokens. */
	revokeFamily(token) {
		const familyId = typeof token === 'number' ? token : this.tokens.familyOf(token);
		if (familyId === null || familyId === undefined) return false;
		const revoked = this.tokens.revokeFamily(familyId);
		if (revoked) this.counters.revokedFamilies++;
		return revoked;
	}

	/** What deleting the API token in the UI does: the pair is dead. */
	disablePair(refreshToken) {
		return this.revokeFamily(refreshToken);
	}

	/** Every access token issued so far is expired now (refresh tokens stay valid). */
	expireAccessTokens() {
		this.tokens.expireAccessTokens();
	}

	decodeToken(jwt) {
		return decodeToken(jwt);
	}

	stats() {
		return JSON.parse(JSON.stringify(this.counters));
	}

	resetStats() {
		zeroCounters(this.counters);
		this.requests.length = 0;
	}

	/** Counts an answered request (called by the server). */
	countResponse(hostName, entry, response) {
		if (hostName === 'token') return;
		const c = this.counters;
		c.apiCalls++;
		c.apiCallsByHost[hostName]++;
		c.apiCallsByStatus[response.status] = (c.apiCallsByStatus[response.status] || 0) + 1;
		if (response.status === 401) c.unauthorized++;
	}

	setOptions(partial = {}) {
		const { host, ports, ...rest } = partial;
		this.options = mergeOptions(this.options, rest);
		return this.options;
	}

	/** Re-seeds, forgets tokens, faults, quotas, stats and the request log, puts the clock back. */
	reset() {
		this.clockOffsetMs = 0;
		this.state = this.freshState();
		this.tokens.clear();
		this.faults.clear();
		this.quotaBuckets.clear();
		this.resetStats();
	}

	injectFault(spec) {
		return this.faults.add(spec);
	}

	clearFaults() {
		this.faults.clear();
	}

	/** A plan run for a trigger's tests: finished `finishedAtMs` (default now) with `status`. */
	addPlanRun({ planId = CLOUD_SEED.plans.nightlyRevenue, status, finishedAtMs, startedAtMs } = {}) {
		const plan = this.state.plans.get(planId);
		if (!plan) throw new Error(`No plan ${planId}`);
		const end = finishedAtMs ?? this.now();
		const start = startedAtMs ?? end - 60_000;
		const run = createPlanRun(this.state, {
			planId,
			outcome: status || outcomeFromName(plan.name),
			createdAtMs: start - 1000,
			timings: { createdMs: 1000, inProgressMs: end - start },
		});
		return run.id;
	}

	/** A job group for a trigger's tests, finished `finishedAtMs` (default now) with `status`. */
	addJobGroup({
		wrangledDatasetId,
		flowId = CLOUD_SEED.flows.salesCleanup,
		status,
		finishedAtMs,
	} = {}) {
		const flow = this.state.flows.get(flowId);
		if (!flow) throw new Error(`No flow ${flowId}`);
		const end = finishedAtMs ?? this.now();
		const group = createJobGroup(this.state, {
			wrangledDatasetId: wrangledDatasetId ?? flow.wrangledDatasetIds[0],
			outcome: status || outcomeFromName(flow.name),
			createdAtMs: end - 61_000,
			timings: { createdMs: 1000, inProgressMs: 60_000 },
		});
		return group.id;
	}

	async close() {
		for (const res of this.hangingResponses) res.destroy();
		this.hangingResponses.clear();
		await Promise.all(
			Object.values(this.servers).map(
				(server) =>
					new Promise((resolve) => {
						if (!server.listening) return resolve();
						server.close(() => resolve());
						server.closeAllConnections();
					}),
			),
		);
	}
}

/**
 * @param {object} [options]  see README.md ("Options")
 * @returns {Promise<CloudEmulator>}
 */
async function startCloudEmulator(options = {}) {
	const emulator = new CloudEmulator(options);
	try {
		return await emulator.listen();
	} catch (error) {
		await emulator.close();
		throw error;
	}
}

module.exports = {
	startCloudEmulator,
	CloudEmulator,
	DEFAULT_OPTIONS,
	CLOUD_SEED,
	OUTCOMES,
	OUTCOME_OVERRIDE,
	decodeToken,
};
