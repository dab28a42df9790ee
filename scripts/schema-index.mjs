#!/usr/bin/env node
// `npm run schema-index`: distils Halo's OpenAPI document into schema/halo-index.json, a small
// committed file of facts the sandbox (and tests) read: which paths exist, which verbs and query
// parameters each has, and each schema entity's fields with their types. The document itself is
// reference data kept outside the repo (../shared/halopsa-openapi/) and is never copied in.
//
// It also writes the editor's index, nodes/HaloPsaComplete/apiIndex.json: what API Request needs in
// the editor (paths, verbs, typed query parameters, id types, POST body skeletons), trimmed, and
// shipped in dist. Both are committed; `npm run schema-index -- --check` fails when either is not
// what the document gives (test/unit/helpers/apiIndex.test.mts runs it), so a build never needs the document.
//
// Regenerate after the document changes: `npm run schema-index` (or pass another document's path).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const CHECK = args.includes('--check');
const SOURCE =
	args.find((arg) => !arg.startsWith('--')) ??
	process.env.HALO_OPENAPI_DOCUMENT ??
	join(ROOT, '..', 'shared', 'halopsa-openapi', 'halo-api-v2-swagger-2024-09.json');
const TARGET = join(ROOT, 'schema', 'halo-index.json');
const EDITOR_TARGET = join(ROOT, 'nodes', 'HaloPsaComplete', 'apiIndex.json');
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
// --- The editor's index (API Request) -------------------------------------------------------

/** Fields a POST body skeleton shows at most; the notice gives the entity's full count. */
const SKELETON_FIELDS = 40;

/**
 * A query parameter's type as the document writes it (bool, int, List<int>…) as one letter:
 * b boolean, i integer, n number, d date-time, l list, s text (helpers/apiIndex.ts names them).
 */
function queryType(parameter) {
	const type = String(parameter.schema?.type ?? 'string').toLowerCase();
	if (type === 'bool' || type === 'boolean') return 'b';
	if (type === 'int' || type === 'integer') return 'i';
	if (type === 'double' || type === 'number') return 'n';
	if (type === 'datetime') return 'd';
	if (type.startsWith('list<')) return 'l';
	return 's';
}

/** A body field's skeleton value code: i number, b boolean, s text (dates and GUIDs too). */
function fieldCode(property) {
	if (property.$ref) return schemas[refName(property.$ref)]?.enum ? 'i' : undefined;
	if (property.type === 'integer' || property.type === 'number') return 'i';
	if (property.type === 'boolean') return 'b';
	if (property.type === 'string') return 's';
	return undefined;
}

/** The entity a POST takes as its body's elements (array:Area → Area), if it is a schema. */
function postEntity(operation) {
	const content = operation?.requestBody?.content ?? {};
	const schema = (content['application/json'] ?? Object.values(content)[0])?.schema;
	const ref = schema?.items?.$ref ?? schema?.$ref;
	return ref ? { entity: refName(ref), array: schema.type === 'array' } : undefined;
}

/**
 * One path: t its entity (tag), v verb → "name:type …" of its query parameters, id the type of
 * its {id} when not integer ("guid" or "string"), b the POST body's entity (a ! after it: a
 * single object, not an array).
 */
function editorPath(path, operations) {
	const entry = { t: operations[VERBS.find((verb) => operations[verb])]?.tags?.[0] ?? '', v: {} };
	for (const verb of VERBS) {
		const operation = operations[verb];
		if (!operation) continue;
		const names = new Map();
		for (const parameter of operation.parameters ?? []) {
			if (parameter.in === 'query' && !names.has(parameter.name))
				names.set(parameter.name, queryType(parameter));
			if (parameter.in === 'path' && parameter.name === 'id' && parameter.schema?.type === 'string')
				entry.id = parameter.schema.format === 'uuid' ? 'guid' : 'string';
		}
		entry.v[verb.toUpperCase()] = [...names].map(([name, type]) => `${name}:${type}`).join(' ');
	}
	const body = postEntity(operations.post);
	if (body && schemas[body.entity]) entry.b = body.array ? body.entity : `${body.entity}!`;
	return entry;
}

/** Entity → [its first SKELETON_FIELDS scalar fields as "name:code …", how many it has]; id and _fields left out. */
function editorBody(name) {
	const scalar = Object.entries(schemas[name]?.properties ?? {})
		.filter(([field]) => field !== 'id' && !field.startsWith('_'))
		.map(([field, property]) => [field, fieldCode(property)])
		.filter(([, code]) => code !== undefined);
	const shown = scalar.slice(0, SKELETON_FIELDS);
	return [shown.map(([field, code]) => `${field}:${code}`).join(' '), scalar.length];
}

function editorIndexText() {
	const paths = Object.entries(doc.paths).map(([path, operations]) => [
		path,
		editorPath(path, operations),
	]);
	const entities = [
		...new Set(paths.map(([, entry]) => entry.b?.replace(/!$/, '')).filter(Boolean)),
	];
	const bodies = entities.sort().map((name) => [name, editorBody(name)]);
	const out =
		`{"about":${JSON.stringify(`Written by scripts/schema-index.mjs from ${basename(SOURCE)} (sha256 ${index.source.sha256.slice(0, 12)}); do not edit. See helpers/apiIndex.ts.`)},\n` +
		`"paths":${section(Object.fromEntries(paths))},\n"bodies":${section(Object.fromEntries(bodies))}\n}\n`;
	JSON.parse(out);
	return out;
}

const editorText = editorIndexText();

if (CHECK) {
	const stale = [
		[TARGET, text],
		[EDITOR_TARGET, editorText],
	].filter(([file, expected]) => !existsSync(file) || readFileSync(file, 'utf8') !== expected);
	for (const [file] of stale)
		process.stderr.write(`[schema-index] ${file} is not current: run npm run schema-index\n`);
	process.exit(stale.length ? 1 : 0);
}
writeFileSync(TARGET, text);
writeFileSync(EDITOR_TARGET, editorText);
process.stdout.write(
	`[schema-index] ${Object.keys(index.paths).length} paths, ${Object.keys(index.schemas).length} schemas → ${TARGET} (${Math.round(text.length / 1024)} KB)\n` +
		`[schema-index] editor index → ${EDITOR_TARGET} (${Math.round(editorText.length / 1024)} KB)\n`,
);
