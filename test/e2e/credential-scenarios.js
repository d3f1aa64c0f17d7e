'use strict';
// Shared by the credential measurements (13-credential-designs, 16-credential-outcomes): scenario
// tags on request URLs, the emulator's request log split per scenario, and what the editor makes
// of the JSON it receives (the HTTP Request node's credential list, the form's labels), rebuilt
// from n8n 2.41.1's editor code.

// The scenario a request belongs to: the HTTP Request node puts `n8nScenario=<name>` in its URL;
// the Alteryx Server node (Workflow → Get Many) carries it in its Name filter
// (`name=n8nScenario=<name>`).
function scenarioTag(entry) {
	const query = entry.query || {};
	if (query.n8nScenario) return query.n8nScenario;
	const match = /^n8nScenario=(.+)$/.exec(query.name || '');
	return match ? match[1] : undefined;
}

function isTokenRequest(entry) {
	return /\/oauth2\/token$/.test(entry.path);
}

/**
 * The request log of one execution, split per scenario. A tagged API request counts for its
 * scenario; a token request or an untagged API request (a design's own token check, `probe`)
 * belongs to the last tagged request before it — a renewal after a 401 comes between the refused
 * request and its resend. Requests before the first tagged one (the first token exchange of the
 * run) belong to the first scenario when `firstOwnsLeading` is set, else to 'initial'.
 */
function attribute(entries, opts) {
	const byScenario = {};
	const leading = [];
	let current;
	const bucket = (name) =>
		(byScenario[name] = byScenario[name] || {
			api: 0,
			token: 0,
			probe: 0,
			statuses: [],
			tokenStatuses: [],
			bearerTo: [],
		});
	const count = (b, entry, tag) => {
		if (isTokenRequest(entry)) {
			b.token++;
			b.tokenStatuses.push(entry.status);
			b.tokenAuth = (b.tokenAuth || []).concat(entry.headers.authorization ? 'header' : 'body');
		} else if (tag) {
			b.api++;
			b.statuses.push(entry.status);
			if (entry.headers.authorization === 'Bearer') b.bearerTo.push(entry.headers.host);
		} else b.probe++;
	};
	for (const entry of entries) {
		const tag = scenarioTag(entry);
		if (tag) {
			if (current === undefined) {
				const owner = opts && opts.firstOwnsLeading ? tag : 'initial';
				for (const early of leading) count(bucket(owner), early, undefined);
			}
			current = tag;
		}
		if (current === undefined) leading.push(entry);
		else count(bucket(current), entry, tag);
	}
	if (current === undefined && leading.length)
		for (const early of leading) count(bucket('initial'), early, undefined);
	return byScenario;
}

/**
 * The credential types the editor offers in a `credentialsSelect` parameter (the HTTP Request
 * node's "Predefined Credential Type"): n8n-editor-ui 2.41.1, ParameterInputList chunk, the filter
 * over all credential types the editor received — `has:<key>` (skipping generic-auth types for
 * `authenticate`), `extends:<type>`, also through a parent's parents.
 */
function offeredCredentialTypes(credentialTypes, parameter, nodeType) {
	const byName = new Map(credentialTypes.map((t) => [t.name, t]));
	const wanted = { extends: [], has: [] };
	for (const entry of parameter.credentialTypes || []) {
		const [kind, value] = entry.split(':');
		if (kind === 'extends' || kind === 'has') wanted[kind].push(value);
	}
	const offered = (name) => {
		const type = byName.get(name);
		if (!type || type.hidden) return false;
		if (type.restrictToSupportedNodes && !(type.supportedNodes || []).includes(nodeType))
			return false;
		for (const key of wanted.has)
			if (type[key] !== undefined && !(key === 'authenticate' && type.genericAuth === true))
				return true;
		if ((type.extends || []).some((parent) => wanted.extends.includes(parent))) return true;
		return Boolean(type.extends && wanted.extends.length && type.extends.some(offered));
	};
	return credentialTypes.map((t) => t.name).filter(offered);
}

/**
 * The fields of a credential form as the editor shows them (useCredentialForm: a parent's
 * properties first, the type's own replacing them by name, `doNotInherit` ones skipped; hidden fields and fields whose
 * `displayOptions.show` the form values do not meet are left out) with the editor's label:
 * `@n8n/i18n` credText().inputLabelDisplayName shows a field NAMED clientId / clientSecret as
 * the reusable "Client ID" / "Client Secret", whatever its displayName.
 */
function credentialForm(credentialTypes, typeName, values) {
	const byName = new Map(credentialTypes.map((t) => [t.name, t]));
	const properties = (name) => {
		const type = byName.get(name);
		if (!type) return [];
		const merged = [];
		const merge = (list) => {
			for (const p of list) {
				if (p.doNotInherit) continue;
				const at = merged.findIndex((m) => m.name === p.name);
				if (at >= 0) merged[at] = p;
				else merged.push(p);
			}
		};
		for (const parent of type.extends || []) merge(properties(parent));
		merge(type.properties || []);
		return merged;
	};
	const all = properties(typeName);
	const form = {};
	for (const p of all) form[p.name] = p.default;
	Object.assign(form, values || {});
	const shown = (p) => {
		if (p.type === 'hidden') return false;
		const show = (p.displayOptions && p.displayOptions.show) || {};
		return Object.entries(show).every(([field, allowed]) => allowed.includes(form[field]));
	};
	const label = (p) =>
		p.name === 'clientId'
			? 'Client ID'
			: p.name === 'clientSecret'
				? 'Client Secret'
				: p.displayName;
	return {
		properties: all,
		visible: all.filter(shown).map((p) => ({ name: p.name, label: label(p), default: p.default })),
	};
}

module.exports = { scenarioTag, attribute, offeredCredentialTypes, credentialForm };
