'use strict';

// Request validation driven by the real Swagger 2.0 export. The swagger's `required` lists and
// length limits come from the server's DataAnnotations, so validating against it reproduces the
// server's ModelState errors (key `<parameterName>.<property>`, DataAnnotations wording).

const fs = require('node:fs');
const path = require('node:path');

const SWAGGER_PATH = path.join(__dirname, '..', 'fixtures', 'alteryx-server-v3.swagger.json');

let cachedSwagger = null;
function loadSwagger() {
	if (!cachedSwagger) cachedSwagger = JSON.parse(fs.readFileSync(SWAGGER_PATH, 'utf8'));
	return cachedSwagger;
}

let cachedOperations = null;
/** Map operationId → { method, path, operation } */
function operations() {
	if (!cachedOperations) {
		cachedOperations = new Map();
		for (const [opPath, verbs] of Object.entries(loadSwagger().paths)) {
			for (const [method, operation] of Object.entries(verbs)) {
				cachedOperations.set(operation.operationId, {
					method: method.toUpperCase(),
					path: opPath,
					operation,
				});
			}
		}
	}
	return cachedOperations;
}

function operation(operationId) {
	return operations().get(operationId);
}

function resolve(schema) {
	let current = schema;
	while (current && current.$ref) {
		const name = current.$ref.replace('#/definitions/', '');
		current = loadSwagger().definitions[name];
		if (!current) throw new Error(`Unknown swagger definition ${name}`);
	}
	return current;
}

const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);

const isMissing = (value) => value === undefined || value === null;

function notValid(value, name) {
	const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return `The value '${shown}' is not valid for ${pascal(name)}.`;
}

/**
 * Validates and coerces one value the way Json.NET + DataAnnotations would.
 * @returns {{ value: unknown, errors: Record<string, string[]> }}
 */
function validateValue(schemaOrRef, value, key, name) {
	const errors = {};
	const add = (k, message) => (errors[k] = errors[k] || []).push(message);
	const result = coerce(resolve(schemaOrRef), value, key, name, add);
	return { value: result, errors };
}

function coerce(schema, value, key, name, add) {
	if (isMissing(value)) return value;
	if (schema.type === 'boolean') {
		if (typeof value === 'boolean') return value;
		if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
			return value.trim().toLowerCase() === 'true';
		}
		add(key, notValid(value, name));
		return undefined;
	}
	if (schema.type === 'integer' || schema.type === 'number') {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number)) {
			add(key, notValid(value, name));
			return undefined;
		}
		if (schema.type === 'integer' && !Number.isInteger(number)) {
			add(key, notValid(value, name));
			return undefined;
		}
		return number;
	}
	if (schema.type === 'string') {
		let text = value;
		// Json.NET happily turns scalars into strings (booleans the .NET way: True/False).
		if (typeof value === 'number') text = String(value);
		else if (typeof value === 'boolean') text = value ? 'True' : 'False';
		else if (typeof value !== 'string') {
			add(key, notValid(value, name));
			return undefined;
		}
		if (schema.enum) {
			// C# enums bind case-insensitively and also accept their numeric value.
			const match = schema.enum.find((e) => e.toLowerCase() === text.toLowerCase());
			if (match) return match;
			if (/^\d+$/.test(text) && Number(text) < schema.enum.length) return schema.enum[Number(text)];
			add(key, notValid(value, name));
			return undefined;
		}
		if (schema.format === 'date-time' && Number.isNaN(Date.parse(text))) {
			add(key, notValid(value, name));
			return undefined;
		}
		const { minLength, maxLength } = schema;
		if (maxLength !== undefined && text.length > maxLength) {
			add(
				key,
				minLength
					? `The field ${pascal(name)} must be a string with a minimum length of ${minLength} and a maximum length of ${maxLength}.`
					: `The field ${pascal(name)} must be a string with a maximum length of ${maxLength}.`,
			);
		} else if (minLength && text.length < minLength) {
			add(
				key,
				text.length === 0
					? `The ${pascal(name)} field is required.`
					: `The field ${pascal(name)} must be a string with a minimum length of ${minLength} and a maximum length of ${maxLength}.`,
			);
		}
		return text;
	}
	if (schema.type === 'array') {
		if (!Array.isArray(value)) {
			add(key, notValid(value, name));
			return undefined;
		}
		return value.map((item, i) =>
			coerce(resolve(schema.items || {}), item, `${key}[${i}]`, name, add),
		);
	}
	if (schema.type === 'object' || schema.properties || schema.additionalProperties) {
		if (typeof value !== 'object' || Array.isArray(value)) {
			add(key, notValid(value, name));
			return undefined;
		}
		if (schema.properties) {
			const out = {};
			const required = new Set(schema.required || []);
			// Extra members are ignored, as Json.NET does by default.
			for (const [prop, propSchema] of Object.entries(schema.properties)) {
				const propValue = findMember(value, prop);
				const propKey = `${key}.${prop}`;
				if (isMissing(propValue)) {
					if (required.has(prop)) add(propKey, `The ${pascal(prop)} field is required.`);
					continue;
				}
				const coerced = coerce(resolve(propSchema), propValue, propKey, prop, add);
				if (coerced !== undefined) out[prop] = coerced;
			}
			return out;
		}
		if (schema.additionalProperties && schema.additionalProperties.type !== 'object') {
			const out = {};
			for (const [k, v] of Object.entries(value)) {
				out[k] = coerce(resolve(schema.additionalProperties), v, `${key}.${k}`, k, add);
			}
			return out;
		}
		return value;
	}
	return value;
}

// Json.NET binds member names case-insensitively.
function findMember(object, name) {
	if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
	const lower = name.toLowerCase();
	for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key];
	return undefined;
}

/** The swagger's body parameter of an operation, if any. */
function bodyParameter(operationId) {
	const op = operation(operationId);
	return op && (op.operation.parameters || []).find((p) => p.in === 'body');
}

/**
 * Validates a JSON (or form-urlencoded) body against the operation's body parameter.
 * @returns {{ value: unknown, modelState: Record<string,string[]> | null }}
 */
function validateBody(operationId, body, { optional = false } = {}) {
	const param = bodyParameter(operationId);
	if (!param) return { value: body, modelState: null };
	if (isMissing(body)) {
		if (optional) return { value: {}, modelState: null };
		return {
			value: undefined,
			modelState: { [param.name]: [`The ${param.name} field is required.`] },
		};
	}
	const { value, errors } = validateValue(param.schema, body, param.name, param.name);
	return { value, modelState: Object.keys(errors).length ? errors : null };
}

/**
 * Binds the query-string parameters the swagger declares (booleans, integers, enums, required).
 * @returns {{ values: Record<string, unknown>, modelState: Record<string,string[]> | null }}
 */
function bindQuery(operationId, query) {
	const op = operation(operationId);
	const values = {};
	const errors = {};
	for (const param of (op && op.operation.parameters) || []) {
		if (param.in !== 'query') continue;
		const raw = query.get(param.name);
		if (raw === undefined || raw === '') {
			if (param.required) errors[param.name] = [`The ${param.name} field is required.`];
			continue;
		}
		const result = validateValue(param, raw, param.name, param.name);
		Object.assign(errors, result.errors);
		if (result.value !== undefined) values[param.name] = result.value;
	}
	return { values, modelState: Object.keys(errors).length ? errors : null };
}

/**
 * Binds multipart form fields against the operation's formData parameters.
 * Booleans arrive as "true"/"false" strings; the file must be a non-empty part with a filename.
 */
function bindForm(operationId, form) {
	const op = operation(operationId);
	const values = {};
	const errors = {};
	for (const param of op.operation.parameters || []) {
		if (param.in !== 'formData') continue;
		if (param.type === 'file') {
			const file = form.files[param.name];
			if (!file || file.data.length === 0) {
				if (param.required) errors[param.name] = [`The ${pascal(param.name)} field is required.`];
			} else values[param.name] = file;
			continue;
		}
		const raw = form.fields[param.name];
		if (raw === undefined || (raw === '' && param.type !== 'string')) {
			if (param.required) errors[param.name] = [`The ${pascal(param.name)} field is required.`];
			continue;
		}
		if (raw === '' && param.required) {
			errors[param.name] = [`The ${pascal(param.name)} field is required.`];
			continue;
		}
		const result = validateValue(param, raw, param.name, param.name);
		Object.assign(errors, result.errors);
		if (result.value !== undefined) values[param.name] = result.value;
	}
	return { values, modelState: Object.keys(errors).length ? errors : null };
}

module.exports = {
	SWAGGER_PATH,
	loadSwagger,
	operations,
	operation,
	resolve,
	validateValue,
	validateBody,
	bindQuery,
	bindForm,
	bodyParameter,
	pascal,
};
