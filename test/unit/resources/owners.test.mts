// Whose records each definition holds (issue 30, Allowed Clients): every definition says it in
// `owner` (ClientOwnership), and guards/clientScope.ts enforces the scope from that alone, so a
// definition without an owner, or with a wrong one, must fail here. Checked against Halo's OpenAPI
// document: the field that names a record's client is a property of its schema, the list filter
// that keeps one client's records is one Halo documents (or the definition offers), and a record
// that belongs to a client through another names that record in a property of its schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RESOURCES } from '../../../nodes/HaloPsaComplete/resources/index.ts';
import {
	resourceByValue,
	resourceOfPath,
} from '../../../nodes/HaloPsaComplete/guards/clientScope.ts';
import { pathResource } from '../../../nodes/HaloPsaComplete/helpers/paths.ts';
import type {
	ClientOwnership,
	ResourceDefinition,
} from '../../../nodes/HaloPsaComplete/helpers/types.ts';
import { ROOT, readHaloIndex } from '../support/haloIndex.mts';

/** What the checks need of Halo's document: a schema's properties, a path's GET query parameters. */
interface DocumentFacts {
	source: string;
	/** Property names of a schema entity, as Halo writes them; undefined when there is no such entity. */
	properties(entity: string): Set<string> | undefined;
	/** Query parameter names (lower case) of `GET path`; undefined when the document has none. */
	listQuery(path: string): Set<string> | undefined;
}

const DOCUMENT_PLACES = [
	process.env.HALO_OPENAPI_DOCUMENT,
	join(ROOT, '..', 'shared', 'halopsa-openapi', 'halo-api-v2-swagger-2024-09.json'),
	'/work/shared/halopsa-openapi/halo-api-v2-swagger-2024-09.json',
].filter((place): place is string => place !== undefined);

interface OpenApiDocument {
	paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
	components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

/**
 * Halo's document itself where this machine has it; otherwise schema/halo-index.json, the facts
 * `npm run schema-index` distils from it (test/unit/helpers/apiIndex.test.mts keeps them current),
 * so the checks run in a clean clone too.
 */
function documentFacts(): DocumentFacts {
	const lower = (name: string) => name.toLowerCase();
	const place = DOCUMENT_PLACES.find((candidate) => existsSync(candidate));
	if (place) {
		const document = JSON.parse(readFileSync(place, 'utf8')) as OpenApiDocument;
		const paths = new Map(
			Object.entries(document.paths).map(([path, verbs]) => [lower(path), verbs]),
		);
		return {
			source: place,
			properties: (entity) => {
				const properties = document.components.schemas[entity]?.properties;
				return properties ? new Set(Object.keys(properties)) : undefined;
			},
			listQuery: (path) => {
				const get = paths.get(lower(path))?.get;
				if (!get) return undefined;
				return new Set(
					(get.parameters ?? []).filter((p) => p.in === 'query').map((p) => lower(p.name)),
				);
			},
		};
	}
	const index = readHaloIndex();
	const paths = new Map(Object.entries(index.paths).map(([path, verbs]) => [lower(path), verbs]));
	return {
		source: 'schema/halo-index.json',
		properties: (entity) => {
			const schema = index.schemas[entity];
			if (!schema || schema.enum) return undefined;
			return new Set(
				Object.values(schema).flatMap((names) =>
					typeof names === 'string' ? names.split(' ') : [],
				),
			);
		},
		listQuery: (path) => {
			const names = paths.get(lower(path))?.GET;
			return names === undefined ? undefined : new Set(names.split(' ').filter(Boolean).map(lower));
		},
	};
}

const FACTS = documentFacts();
const KINDS = new Set<ClientOwnership['kind']>([
	'client',
	'clientField',
	'parent',
	'reference',
	'unprovable',
]);

/** The definition's Get Many query parameters: its required values and its filters. */
function listParameters(resource: ResourceDefinition): Set<string> {
	return new Set(
		[...(resource.getMany?.required ?? []), ...(resource.getMany?.filters ?? [])].map(
			(field) => field.key,
		),
	);
}

/** Whether a list query parameter is one Get Many offers or Halo documents for the list's GET. */
function isListParameter(resource: ResourceDefinition, name: string): boolean {
	return (
		listParameters(resource).has(name) ||
		(FACTS.listQuery(resource.path)?.has(name.toLowerCase()) ?? false)
	);
}

/** A schema's properties, failing the test (naming the resource) when it has none to check against. */
function schemaProperties(resource: ResourceDefinition): Set<string> {
	assert.ok(
		resource.schemaEntity,
		`${resource.value}: a ${resource.owner.kind} owner needs a schemaEntity to be checked against`,
	);
	const properties = FACTS.properties(resource.schemaEntity);
	assert.ok(
		properties,
		`${resource.value}: ${FACTS.source} has no schema ${resource.schemaEntity}`,
	);
	return properties;
}

test('Every definition says whose its records are, with a known kind', () => {
	assert.equal(RESOURCES.length, new Set(RESOURCES.map((resource) => resource.value)).size);
	for (const resource of RESOURCES) {
		const owner = (resource as Partial<ResourceDefinition>).owner;
		assert.ok(owner, `${resource.value} has no owner`);
		assert.ok(KINDS.has(owner.kind), `${resource.value}: unknown owner kind ${String(owner.kind)}`);
	}
});

test("A client's own field: a property of the record's schema, its list filter one Halo or Get Many has", () => {
	let checked = 0;
	for (const resource of RESOURCES) {
		const owner = resource.owner;
		if (owner.kind !== 'clientField') continue;
		checked += 1;
		const properties = schemaProperties(resource);
		assert.ok(
			properties.has(owner.field),
			`${resource.value}: ${owner.field} is not a property of ${resource.schemaEntity} in ${FACTS.source}`,
		);
		if (owner.listFilter !== undefined)
			assert.ok(
				isListParameter(resource, owner.listFilter),
				`${resource.value}: list filter ${owner.listFilter} is neither a Get Many filter nor a query parameter of GET ${resource.path}`,
			);
	}
	assert.ok(checked >= 10, `only ${checked} definitions own a client field`);
});

test("Halo's many-clients filter (client_ids), where Get Many offers it, is one Halo documents", () => {
	// The gate narrows a list to several allowed clients at once through it.
	for (const resource of RESOURCES) {
		if (!listParameters(resource).has('client_ids')) continue;
		assert.equal(resource.owner.kind, 'clientField', resource.value);
		assert.ok(
			FACTS.listQuery(resource.path)?.has('client_ids'),
			`${resource.value}: GET ${resource.path} does not document client_ids`,
		);
	}
});

test("Through a parent: each link names a client's record (client or own client field) in a property of the schema", () => {
	let checked = 0;
	for (const resource of RESOURCES) {
		const owner = resource.owner;
		if (owner.kind !== 'parent') continue;
		const properties = schemaProperties(resource);
		assert.ok(owner.parents.length > 0, `${resource.value}: a parent owner names no parent`);
		for (const link of owner.parents) {
			checked += 1;
			const parent = resourceByValue(link.resource);
			assert.ok(parent, `${resource.value}: parent ${link.resource} is no resource`);
			assert.ok(
				parent.owner.kind === 'client' || parent.owner.kind === 'clientField',
				`${resource.value}: parent ${link.resource} is ${parent.owner.kind}, not a client's record`,
			);
			assert.ok(
				properties.has(link.field),
				`${resource.value}: ${link.field} is not a property of ${resource.schemaEntity} in ${FACTS.source}`,
			);
		}
	}
	assert.ok(checked >= 5, `only ${checked} parent links`);
});

test('Through a parent: a list names its parent where Halo takes it; Feedback alone is read whole and kept by each row’s ticket', () => {
	const unlisted: string[] = [];
	for (const resource of RESOURCES) {
		const owner = resource.owner;
		if (owner.kind !== 'parent') continue;
		for (const link of owner.parents)
			if (!isListParameter(resource, link.field)) unlisted.push(`${resource.value}.${link.field}`);
	}
	// GET /Feedback takes no ticket_id in Halo's document: its list is read whole under Allowed
	// Clients, and the rows whose ticket is not an allowed client's are dropped (guards/clientScope.ts).
	assert.deepEqual(unlisted, ['feedback.ticket_id']);
});

test('What cannot be proven says why, in words', () => {
	for (const resource of RESOURCES) {
		const owner = resource.owner;
		if (owner.kind !== 'unprovable') continue;
		assert.equal(typeof owner.why, 'string', resource.value);
		assert.equal(owner.why, owner.why.trim(), `${resource.value}: why has outer spaces`);
		assert.ok(
			owner.why.split(/\s+/).length >= 4 && /[a-z]/.test(owner.why),
			`${resource.value}: "${owner.why}" is not a sentence`,
		);
	}
});

test('No two definitions share a first path segment: the gate finds each by its path', () => {
	const bySegment = new Map<string, string>();
	for (const resource of RESOURCES) {
		const segment = pathResource(resource.path);
		if (segment === '') {
			// API Request's path is any path: it is refused whole, never found by its own.
			assert.equal(resource.owner.kind, 'unprovable', resource.value);
			continue;
		}
		const other = bySegment.get(segment);
		assert.equal(other, undefined, `${resource.value} and ${other} share /${segment}`);
		bySegment.set(segment, resource.value);
		assert.equal(resourceOfPath(resource.path)?.value, resource.value, resource.path);
		assert.equal(resourceOfPath(`${resource.path}/7`)?.value, resource.value, resource.path);
		assert.equal(resourceByValue(resource.value), resource);
	}
});

test('Deliberate classifications: a careless edit of these fails', () => {
	const owner = (value: string): ClientOwnership => {
		const resource = resourceByValue(value);
		assert.ok(resource, `${value} is a resource`);
		return resource.owner;
	};
	for (const value of ['site', 'user', 'asset', 'invoice'])
		assert.deepEqual(
			owner(value),
			{ kind: 'clientField', field: 'client_id', listFilter: 'client_id' },
			value,
		);
	// Tickets (and projects, opportunities) are also read several at once by id (ticketids).
	for (const value of ['ticket', 'project', 'opportunity'])
		assert.deepEqual(
			owner(value),
			{ kind: 'clientField', field: 'client_id', listFilter: 'client_id', idsFilter: 'ticketids' },
			value,
		);
	assert.deepEqual(owner('client'), { kind: 'client' });
	assert.deepEqual(
		RESOURCES.filter((resource) => resource.owner.kind === 'client').map((r) => r.value),
		['client'],
	);
	assert.deepEqual(owner('action'), {
		kind: 'parent',
		parents: [{ field: 'ticket_id', resource: 'ticket' }],
	});
	// GET /Attachment/{id} answers the file: its ticket is read from its details.
	assert.deepEqual(owner('attachment'), {
		kind: 'parent',
		parents: [{ field: 'ticket_id', resource: 'ticket' }],
		detailsQuery: { includedetails: true },
	});
	for (const value of ['ticketStatus', 'agent', 'team'])
		assert.deepEqual(owner(value), { kind: 'reference' }, value);
	for (const value of ['report', 'customApiCall'])
		assert.equal(owner(value).kind, 'unprovable', value);
});
