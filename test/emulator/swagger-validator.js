'use strict';

// A small Swagger 2.0 schema validator for response bodies: $ref, type (integer, number, boolean,
// string, array, object), required, properties, items, enum, additionalProperties and a loose
// date-time format check.
//
// ASP.NET serializes absent values as null, so null is accepted for properties that are not in
// `required` (and nowhere else). A bare `{ "type": "object" }` as additionalProperties is how
// Swashbuckle writes C# `object` (e.g. Dictionary<string, object>), so it accepts any JSON value.

function createValidator(swagger) {
	const definitions = swagger.definitions || {};

	function resolve(schema) {
		let current = schema;
		const seen = new Set();
		while (current && current.$ref) {
			if (seen.has(current.$ref)) throw new Error(`Circular $ref ${current.$ref}`);
			seen.add(current.$ref);
			const name = current.$ref.replace(/^#\/definitions\//, '');
			if (!definitions[name]) throw new Error(`Unknown definition ${name}`);
			current = definitions[name];
		}
		return current || {};
	}

	const typeOf = (value) =>
		value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

	function check(schemaOrRef, value, path, errors) {
		const schema = resolve(schemaOrRef);
		const actual = typeOf(value);
		const fail = (message) => errors.push(`${path || '(root)'}: ${message}`);
		const type =
			schema.type || (schema.properties || schema.additionalProperties ? 'object' : undefined);
		switch (type) {
			case 'integer':
				if (!Number.isInteger(value))
					return fail(`expected integer, got ${actual} ${JSON.stringify(value)}`);
				break;
			case 'number':
				if (actual !== 'number') return fail(`expected number, got ${actual}`);
				break;
			case 'boolean':
				if (actual !== 'boolean') return fail(`expected boolean, got ${actual}`);
				break;
			case 'string':
				if (actual !== 'string')
					return fail(`expected string, got ${actual} ${JSON.stringify(value)}`);
				if (schema.format === 'date-time' && Number.isNaN(Date.parse(value)))
					fail(`expected date-time, got ${JSON.stringify(value)}`);
				break;
			case 'array':
				if (actual !== 'array') return fail(`expected array, got ${actual}`);
				if (schema.items)
					value.forEach((item, i) => check(schema.items, item, `${path}[${i}]`, errors));
				break;
			case 'object': {
				if (actual !== 'object') return fail(`expected object, got ${actual}`);
				const properties = schema.properties || {};
				const required = new Set(schema.required || []);
				for (const name of required) {
					if (value[name] === undefined || value[name] === null)
						fail(`missing required property "${name}"`);
				}
				for (const [name, propValue] of Object.entries(value)) {
					const propPath = path ? `${path}.${name}` : name;
					if (properties[name]) {
						// null: fine when optional, already reported as missing when required.
						if (propValue === null) continue;
						if (propValue !== undefined) check(properties[name], propValue, propPath, errors);
					} else if (schema.additionalProperties === false) {
						fail(`unexpected property "${name}"`);
					} else if (
						schema.additionalProperties &&
						typeof schema.additionalProperties === 'object'
					) {
						const additional = resolve(schema.additionalProperties);
						const isAnyObject =
							additional.type === 'object' &&
							!additional.properties &&
							!additional.additionalProperties;
						if (!isAnyObject && propValue !== null) check(additional, propValue, propPath, errors);
					}
				}
				break;
			}
			default:
				break; // no type: anything goes
		}
		if (schema.enum && value !== null && !schema.enum.includes(value)) {
			fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
		}
		return undefined;
	}

	/** @returns {string[]} validation errors (empty when valid) */
	function validate(schema, value) {
		const errors = [];
		check(schema, value, '', errors);
		return errors;
	}

	return { validate, resolve };
}

module.exports = { createValidator };
