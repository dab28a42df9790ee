// Every key the node sends is a real Halo key, and every resource offers the operations its paths
// have: each definition (resources/, the TypeScript sources) checked against schema/halo-index.json
// (facts from Halo's OpenAPI document, `npm run schema-index`). Unit tier: no build, no n8n.
//
// A key or operation the document does not back needs an entry in test/schema-allow.json with the
// reason; an entry nothing needs any more fails too, so the list stays short and true.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { RESOURCES } from '../../../nodes/HaloPsaComplete/resources/index.ts';
import { REF } from '../../../nodes/HaloPsaComplete/resources/references.ts';
import { isRecordIdField } from '../../../nodes/HaloPsaComplete/descriptions/fields.ts';
import type {
	ExtraAction,
	ExtraActionRequest,
	HaloField,
	HaloReference,
	OperationKey,
	ResourceDefinition,
} from '../../../nodes/HaloPsaComplete/helpers/types.ts';
import { readHaloIndex, readJson } from '../support/haloIndex.mts';

/** test/schema-allow.json: each section's entries with the reason they stay. */
interface SchemaAllow {
	noEntity: Record<string, string>;
	keys: Record<string, string>;
	operations: Record<string, string>;
	references: Record<string, string>;
}

const INDEX = readHaloIndex();
const ALLOW = readJson<SchemaAllow>('test', 'schema-allow.json');

/** A schema's field names by type; an enumeration's values (`enum`) are not fields. */
function namesByType(schema: Record<string, string | string[]>): Array<[string, string[]]> {
	return Object.entries(schema).flatMap(
		([type, names]): Array<[string, string[]]> =>
			typeof names === 'string' ? [[type, names.split(' ')]] : [],
	);
}

/** [where, key, the names it must be among (undefined: nothing to check against)] */
type KeyCheck = [string, string, Set<string> | undefined];

// Halo reads JSON bodies and query strings without regard to case (.NET binding).
const lower = (name: string): string => name.toLowerCase();
const PATHS = new Map(Object.entries(INDEX.paths).map(([path, verbs]) => [lower(path), verbs]));
const ENTITIES = new Map(
	Object.entries(INDEX.entities).map(([path, entry]) => [lower(path), entry]),
);

/** Query parameter names of `VERB path`, or undefined when the document has no such verb there. */
function queryOf(verb: string, path: string): Set<string> | undefined {
	const names = PATHS.get(lower(path))?.[verb];
	return names === undefined ? undefined : new Set(names.split(' ').filter(Boolean).map(lower));
}

/** A schema entity of the document, if it has one of that name. */
function schemaOf(entity: string | undefined): Record<string, string | string[]> | undefined {
	return entity === undefined ? undefined : INDEX.schemas[entity];
}

/** Field names of a schema entity, or undefined when the document has no such entity. */
function fieldsOf(entity: string | undefined): Set<string> | undefined {
	const schema = schemaOf(entity);
	if (!schema || schema.enum) return undefined;
	return new Set(namesByType(schema).flatMap(([, names]) => names.map(lower)));
}

/** The entity a path's POST takes (`array:Area` → Area), if the document names one. */
function bodyEntityOf(path: string): string | undefined {
	const body = ENTITIES.get(lower(path))?.POST;
	return body?.replace(/^(array|object):/, '');
}

const itemPath = (resource: ResourceDefinition): string => `${resource.path}/{id}`;

/**
 * The key Halo receives for a field: custom fields picked by label travel as `customfields`.
 * (actions/customFields.ts)
 */
const sentKey = (field: HaloField): string =>
	field.kind === 'customFields' ? 'customfields' : field.key;

/**
 * Every key check of one resource: [where, key, the names it must be among (undefined: nothing
 * to check against)]. `where` names the operation, so an allow-list entry reads
 * "<resource> <where> <key>".
 */
function keyChecks(resource: ResourceDefinition): KeyCheck[] {
	const checks: KeyCheck[] = [];
	const add = (where: string, fields: HaloField[], names: Set<string> | undefined): void => {
		for (const field of fields ?? []) checks.push([where, sentKey(field), names]);
	};
	const entity = fieldsOf(resource.schemaEntity);
	add('create', [...(resource.create?.required ?? []), ...(resource.create?.fields ?? [])], entity);
	add('update', [...(resource.update?.required ?? []), ...(resource.update?.fields ?? [])], entity);
	const list = queryOf('GET', resource.path);
	if (resource.getMany) {
		add('getMany', [...(resource.getMany.required ?? []), ...resource.getMany.filters], list);
		for (const key of Object.keys(resource.getMany.fixedQuery ?? {}))
			checks.push(['getMany', key, list]);
	}
	if (resource.get)
		add(
			'get',
			[...(resource.get.required ?? []), ...resource.get.options],
			queryOf('GET', itemPath(resource)),
		);
	if (resource.delete) {
		add(
			'delete',
			[...(resource.delete.required ?? []), ...(resource.delete.options ?? [])],
			queryOf('DELETE', itemPath(resource)),
		);
	}
	for (const matcher of resource.upsert?.matchOn ?? []) {
		checks.push(['upsert', matcher.field, entity], ['upsert', matcher.filter, list]);
		for (const key of Object.keys(matcher.fixedQuery ?? {})) checks.push(['upsert', key, list]);
	}
	for (const key of Object.keys(resource.upsert?.fixedQuery ?? {}))
		checks.push(['upsert', key, list]);
	if (resource.searchParam) checks.push(['searchParam', resource.searchParam, list]);
	if (resource.nameField) checks.push(['nameField', resource.nameField, entity]);
	for (const action of resource.extraActions ?? []) checks.push(...extraActionChecks(action));
	return checks;
}

/**
 * An extra action's keys where the document says what the call takes: the body element of an
 * `idInArray` POST (or an upload's JSON) holds the entity the path's POST takes. Query-only,
 * JSON-as-is and spread bodies carry what the user typed, not keys of ours.
 */
function extraActionChecks(action: ExtraAction): KeyCheck[] {
	const checks: KeyCheck[] = [];
	const requests = [action, action.fallback].filter(
		(request): request is ExtraActionRequest => request !== undefined,
	);
	for (const request of requests) {
		const bodyKeys = request.body === 'idInArray' || action.kind === 'upload';
		if (!bodyKeys || request.method !== 'POST') continue;
		const names = fieldsOf(bodyEntityOf(request.path));
		const where = `${action.value}`;
		for (const field of [...(action.parameters ?? []), ...(action.options ?? [])])
			checks.push([where, sentKey(field), names]);
		for (const key of Object.keys(request.fixedBody ?? {})) checks.push([where, key, names]);
		if (request.idKey) checks.push([where, request.idKey, names]);
		for (const key of Object.values(action.file ?? {})) checks.push([where, key, names]);
	}
	return checks;
}

/** Standard operations and the verb and path Halo needs for each. */
const OPERATION_ROUTES: Array<[OperationKey, (resource: ResourceDefinition) => [string, string]]> =
	[
		['getMany', (resource) => ['GET', resource.path]],
		['get', (resource) => ['GET', itemPath(resource)]],
		['create', (resource) => ['POST', resource.path]],
		['update', (resource) => ['POST', resource.path]],
		['delete', (resource) => ['DELETE', itemPath(resource)]],
	];

const checked = RESOURCES.filter((resource) => !ALLOW.noEntity[resource.value]);
const used = new Set<string>();

/** Failures not on the allow-list, marking the entries that were needed. */
function unexplained(failures: string[], list: Record<string, string>): string[] {
	return failures.filter((failure) => {
		if (list[failure] === undefined) return true;
		used.add(failure);
		return false;
	});
}

test('every resource names the entity its records are in Halo’s document', () => {
	const failures: string[] = [];
	for (const resource of RESOURCES) {
		if (ALLOW.noEntity[resource.value]) {
			used.add(`noEntity ${resource.value}`);
			continue;
		}
		if (!resource.schemaEntity) failures.push(`${resource.value}: no schemaEntity`);
		else if (!fieldsOf(resource.schemaEntity))
			failures.push(`${resource.value}: no entity ${resource.schemaEntity} in the document`);
		const posted = bodyEntityOf(resource.path);
		const filed = ENTITIES.get(lower(resource.path))?.tag;
		// The entity Halo files the path under, or failing that the one its POST takes.
		if (
			resource.schemaEntity &&
			resource.schemaEntity !== posted &&
			resource.schemaEntity !== filed
		) {
			failures.push(
				`${resource.value}: ${resource.path} is filed under ${filed ?? 'nothing'} and posts ${posted ?? 'nothing'}, not ${resource.schemaEntity}`,
			);
		}
	}
	assert.deepEqual(failures, []);
});

test('every field, filter and option key is a real Halo key of its entity or path', () => {
	const failures: string[] = [];
	for (const resource of checked) {
		for (const [where, key, names] of keyChecks(resource)) {
			if (names === undefined) {
				failures.push(`${resource.value} ${where} ${key}`);
				continue;
			}
			if (!names.has(lower(key))) failures.push(`${resource.value} ${where} ${key}`);
		}
	}
	const left = unexplained([...new Set(failures)], ALLOW.keys);
	assert.deepEqual(
		left,
		[],
		`keys not in Halo's document (fix them, or add them to test/schema-allow.json "keys" with the reason):\n${left.join('\n')}`,
	);
});

/** The schema type of an entity's field (`integer`, `string:uuid`, `enum:DbType`, `array:CustomField`), if any. */
function typeOf(entity: string | undefined, key: string): string | undefined {
	for (const [type, names] of namesByType(schemaOf(entity) ?? {})) {
		if (names.some((name) => lower(name) === lower(key))) return type;
	}
	return undefined;
}

/** Field kinds each schema type may be edited as: numbers as numbers (or a list of documented values), and so on. */
const KINDS_OF_TYPE: Record<string, string[]> = {
	integer: ['number', 'options'],
	number: ['number', 'options'],
	boolean: ['boolean'],
	'date-time': ['dateTime'],
	string: ['string', 'text', 'color', 'password', 'options', 'dateTime', 'idList'],
	enum: ['options'],
	array: ['json', 'customFields', 'idList', 'multiOptions'],
	object: ['json'],
};

test('field kinds follow the schema: numbers, booleans, dates and strings as Halo types them; enumerations as options', () => {
	const failures: string[] = [];
	for (const resource of checked) {
		const fields = [
			...(resource.create?.required ?? []),
			...(resource.create?.fields ?? []),
			...(resource.update?.fields ?? []),
		];
		for (const field of fields) {
			const type = typeOf(resource.schemaEntity, sentKey(field));
			if (type === undefined) continue;
			const kinds = KINDS_OF_TYPE[type] ?? KINDS_OF_TYPE[type.split(':')[0]] ?? [];
			if (!kinds.includes(field.kind))
				failures.push(
					`${resource.value} ${field.key}: ${field.kind}, but Halo's ${resource.schemaEntity}.${field.key} is ${type}`,
				);
		}
	}
	assert.deepEqual([...new Set(failures)], []);
});

test('each resource offers exactly the standard operations its paths have', () => {
	const failures: string[] = [];
	for (const resource of checked) {
		for (const [operation, route] of OPERATION_ROUTES) {
			const [verb, path] = route(resource);
			const halo = queryOf(verb, path) !== undefined;
			const offered = resource[operation] !== undefined;
			const explained = resource.unsupported?.[operation] !== undefined;
			if (offered && !halo)
				failures.push(
					`${resource.value} ${operation}: offered, but the document has no ${verb} ${path}`,
				);
			if (!offered && halo && !explained)
				failures.push(
					`${resource.value} ${operation}: ${verb} ${path} exists, but the operation is neither offered nor explained`,
				);
			if (explained && offered)
				failures.push(`${resource.value} ${operation}: both offered and marked unsupported`);
		}
		if (
			resource.upsert &&
			(queryOf('POST', resource.path) === undefined || queryOf('GET', resource.path) === undefined)
		) {
			failures.push(`${resource.value} upsert: needs GET and POST ${resource.path}`);
		}
	}
	const left = unexplained(
		failures.map((failure) => failure.split(':')[0]),
		ALLOW.operations,
	);
	assert.deepEqual(
		left,
		[],
		`operations not matching the paths (fix them, explain them in "unsupported", or add them to test/schema-allow.json "operations"):\n${failures.filter((failure) => left.includes(failure.split(':')[0])).join('\n')}`,
	);
});

test('Create or Update: every record id Create requires is a parent, in the entity, filtered where the list can', () => {
	const failures: string[] = [];
	for (const resource of RESOURCES) {
		if (!resource.upsert || !resource.create) continue;
		const needed = resource.create.required.filter(isRecordIdField).map((field) => field.key);
		const parents = resource.upsert.parents ?? [];
		const declared = parents.map((parent) => parent.field);
		if (needed.sort().join() !== [...declared].sort().join())
			failures.push(
				`${resource.value}: Create requires ids [${needed}], parents are [${declared}]`,
			);
		const entity = fieldsOf(resource.schemaEntity);
		const list = queryOf('GET', resource.path);
		for (const parent of parents) {
			if (!entity?.has(lower(parent.field)))
				failures.push(`${resource.value}: ${parent.field} is not in ${resource.schemaEntity}`);
			// Halo's list parameter for a parent carries the field's own name (client_id, site_id).
			if (!parent.filter && list?.has(lower(parent.field)))
				failures.push(`${resource.value}: ${resource.path} filters by ${parent.field}, unused`);
			if (parent.filter && !list?.has(lower(parent.filter)))
				failures.push(`${resource.value}: ${resource.path} has no ${parent.filter} parameter`);
		}
	}
	assert.deepEqual(failures, []);
});

test('references name real lists and list parameters', () => {
	const failures: string[] = [];
	const references: HaloReference[] = Object.values(REF);
	for (const ref of references) {
		const list = queryOf('GET', ref.path);
		if (list === undefined) {
			failures.push(`REF.${ref.name}: no GET ${ref.path}`);
			continue;
		}
		const keys = [
			ref.searchParam,
			...Object.keys(ref.query ?? {}),
			...(ref.dependsOn ?? []).map((dependency) => dependency.query),
		];
		for (const key of keys.filter((candidate): candidate is string => Boolean(candidate)))
			if (!list.has(lower(key))) failures.push(`REF.${ref.name} ${key}`);
	}
	const left = unexplained(failures, ALLOW.references);
	assert.deepEqual(
		left,
		[],
		`reference keys not in Halo's document (fix them, or add them to test/schema-allow.json "references"):\n${left.join('\n')}`,
	);
});

test('every allow-list entry is still needed', () => {
	const stale = [
		...Object.keys(ALLOW.noEntity).map((value) => `noEntity ${value}`),
		...Object.keys(ALLOW.keys),
		...Object.keys(ALLOW.operations),
		...Object.keys(ALLOW.references),
	].filter((entry) => !used.has(entry));
	assert.deepEqual(
		stale,
		[],
		'allow-list entries nothing needs any more: remove them from test/schema-allow.json',
	);
	for (const [entry, reason] of Object.entries({
		...ALLOW.noEntity,
		...ALLOW.keys,
		...ALLOW.operations,
		...ALLOW.references,
	})) {
		assert.ok(typeof reason === 'string' && reason.length >= 15, `${entry}: give the reason`);
	}
});

// Gaps, reported without failing: each entity's plain fields (text, numbers, flags, dates) that no
// operation offers, the most widespread across Halo's entities first (a field many records share,
// such as `client_id` or `inactive`, is one people commonly set).
const SCALAR = /^(string|integer|number|boolean|date-time|enum)/;
const SPREAD = new Map<string, number>();
for (const schema of Object.values(INDEX.schemas)) {
	if (schema.enum) continue;
	for (const [type, names] of namesByType(schema)) {
		if (!SCALAR.test(type)) continue;
		for (const name of names) SPREAD.set(name, (SPREAD.get(name) ?? 0) + 1);
	}
}
const GAPS_SHOWN = 8;
// Not fields anyone sets: the record's own id, Halo's request flags (`_`-prefixed), and what Halo
// fills in for display or bookkeeping (names and GUIDs of linked records, counts, audit dates).
const DERIVED =
	/^(id|guid|intent|use|access_control_level|datecreated|last_modified|lastupdated|icon)$|^_|^new_|_(name|guid|count)$/;

test('report: common entity fields not offered (informational)', (t) => {
	const lines: string[] = [];
	for (const resource of checked) {
		const schema = schemaOf(resource.schemaEntity);
		if (!schema || !(resource.create || resource.update)) continue;
		const offered = new Set(
			keyChecks(resource)
				.filter(([where]) => where === 'create' || where === 'update')
				.map(([, key]) => lower(key)),
		);
		const plain = namesByType(schema)
			.filter(([type]) => SCALAR.test(type))
			.flatMap(([, names]) => names);
		const missing = plain.filter((name) => !DERIVED.test(name) && !offered.has(lower(name)));
		missing.sort((a, b) => (SPREAD.get(b) ?? 0) - (SPREAD.get(a) ?? 0) || a.localeCompare(b));
		lines.push(
			`${resource.value} (${resource.schemaEntity}): ${offered.size} offered, ${missing.length} plain fields not; e.g. ${missing.slice(0, GAPS_SHOWN).join(', ')}`,
		);
	}
	t.diagnostic(
		`schema fields not offered (most widespread across Halo's entities first):\n${lines.join('\n')}`,
	);
	assert.ok(lines.length > 0);
});
