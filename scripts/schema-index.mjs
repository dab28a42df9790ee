#!/usr/bin/env node
// `npm run schema-index`: distils Halo's OpenAPI document into schema/halo-index.json, a small
// committed file of facts the sandbox (and tests) read: which paths exist, which verbs and query
// parameters each has, and each schema entity's fields with their types. The document itself is
// reference data kept outside the repo (../shared/halopsa-openapi/) and is never copied in.
//
// Regenerate after the document changes: `npm run schema-index` (or pass another document's path).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE =
	process.argv[2] ??
	join(ROOT, '..', 'shared', 'halopsa-openapi', 'halo-api-v2-swagger-2024-09.json');
const TARGET = join(ROOT, 'schema', 'halo-index.json');
const VERBS = ['get', 'post', 'put', 'patch', 'delete'];

const raw = readFileSync(SOURCE);
const doc = JSON.parse(raw.toString('utf8'));
const schemas = doc.components?.schemas ?? {};

const refName = (ref) => ref.split('/').pop();

/** Verb → its query parameter names, space-separated, in the document's order and casing, each once. */
function pathEntry(operations) {
	const entry = {};
	for (const verb of VERBS) {
		if (!operations[verb]) continue;
		const names = (operations[verb].parameters ?? [])
			.filter((p) => p.in === 'query')
			.map((p) => p.name);
		entry[verb.toUpperCase()] = [...new Set(names)].join(' ');
	}
	return entry;
}

/**
 * A field's type as one string: a base type (string, integer, number, boolean, date-time, array,
 * object, any), then after a colon what it holds or its format (`array:CustomField`,
 * `object:AddressStore`, `string:uuid`); `enum:Name` names an enum schema, an inline enum is
 * `enum:` and its values joined by `|`.
 */
function typeOf(property) {
	if (property.$ref) {
		const name = refName(property.$ref);
		return schemas[name]?.enum ? `enum:${name}` : `object:${name}`;
	}
	if (property.enum) return enumOf(property);
	if (property.type === 'array') {
		const items = property.items ?? {};
		if (items.$ref) return `array:${refName(items.$ref)}`;
		return items.type ? `array:${typeOf(items)}` : 'array';
	}
	const { type, format } = property;
	if (type === undefined) return property.additionalProperties ? 'object' : 'any';
	if (type === 'string' && format === 'date-time') return 'date-time';
	if (type === 'string' && format) return `string:${format}`;
	return type;
}

const enumOf = (property) => `enum:${property.enum.join('|')}`;

/**
 * What a path is about: `tag`, the entity the document files its operations under (it declares no
 * response schemas, so this is the record GET answers with, e.g. `Area` for /Client), and per verb
 * with a request body, that body's type in typeOf's notation (`array:Area` for POST /Client).
 */
function entityEntry(operations) {
	const entry = {};
	for (const verb of VERBS) {
		const operation = operations[verb];
		if (!operation) continue;
		if (entry.tag === undefined && operation.tags?.[0]) entry.tag = operation.tags[0];
		const content = operation.requestBody?.content ?? {};
		const body = (content['application/json'] ?? Object.values(content)[0])?.schema;
		if (body) entry[verb.toUpperCase()] = typeOf(body);
	}
	return entry;
}

/** Type → the fields of that type, space-separated: a field name appears once, beside its type. */
function schemaEntry(schema) {
	if (schema.enum) return { enum: schema.enum };
	const byType = {};
	for (const [name, property] of Object.entries(schema.properties ?? {})) {
		const type = typeOf(property);
		byType[type] = byType[type] === undefined ? name : `${byType[type]} ${name}`;
	}
	return byType;
}

const index = {
	about:
		"Facts from Halo's OpenAPI document, written by scripts/schema-index.mjs (npm run schema-index); do not edit by hand. " +
		'paths: path below /api → verb → its query parameter names, space-separated (original casing). ' +
		'schemas: entity → type → its field names, space-separated; a type is base[:detail] (array:CustomField, ' +
		'object:AddressStore, string:uuid, enum:DbType) or enum:v1|v2; an enum schema is {enum: [values]}. ' +
		'entities: path → tag (the entity the document files the path under; it declares no response schemas) and, ' +
		'per verb with a request body, its type in the same notation (POST /Client → array:Area).',
	source: {
		file: basename(SOURCE),
		sha256: createHash('sha256').update(raw).digest('hex'),
		title: doc.info?.title,
		version: doc.info?.version,
	},
	paths: Object.fromEntries(
		Object.entries(doc.paths).map(([path, operations]) => [path, pathEntry(operations)]),
	),
	entities: Object.fromEntries(
		Object.entries(doc.paths)
			.map(([path, operations]) => [path, entityEntry(operations)])
			.filter(([, entry]) => Object.keys(entry).length > 0),
	),
	schemas: Object.fromEntries(
		Object.entries(schemas).map(([name, schema]) => [name, schemaEntry(schema)]),
	),
};

// One line per path and per entity: small, and a regenerated file diffs line by line.
const section = (entries) =>
	`{\n${Object.entries(entries)
		.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
		.join(',\n')}\n}`;
const text =
	`{\n"about": ${JSON.stringify(index.about)},\n"source": ${JSON.stringify(index.source)},\n` +
	`"paths": ${section(index.paths)},\n"entities": ${section(index.entities)},\n"schemas": ${section(index.schemas)}\n}\n`;
JSON.parse(text); // the hand-joined text must still be JSON
writeFileSync(TARGET, text);
process.stdout.write(
	`[schema-index] ${Object.keys(index.paths).length} paths, ${Object.keys(index.schemas).length} schemas → ${TARGET} (${Math.round(text.length / 1024)} KB)\n`,
);
