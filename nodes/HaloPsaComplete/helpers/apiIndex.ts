import type { IHttpRequestMethods } from 'n8n-workflow';

import apiIndexJson from '../apiIndex.json';

/**
 * Halo's OpenAPI document as API Request needs it in the editor: every path below /api with its
 * verbs, each verb's query parameters and their types, the type of its {id}, and the entity a POST
 * takes. Written by scripts/schema-index.mjs (npm run schema-index) into ../apiIndex.json, which is
 * committed and checked current by test/unit/helpers/apiIndex.test.mts: a build never needs the document.
 */

interface IndexedPath {
	/** The entity the document files the path under (its tag). */
	t: string;
	/** Verb → "name:code …" of its query parameters (code: see QUERY_TYPES). */
	v: Partial<Record<IHttpRequestMethods, string>>;
	/** The type of the path's {id} when it is not an integer. */
	id?: 'guid' | 'string';
	/** The entity a POST takes; a trailing "!" when it takes one object rather than an array. */
	b?: string;
}

interface ApiIndex {
	paths: Record<string, IndexedPath>;
	/** Entity → [its first scalar fields as "name:code …" (i number, b boolean, s text), how many scalar fields it has]. */
	bodies: Record<string, [string, number]>;
}

const INDEX = apiIndexJson as unknown as ApiIndex;

export const ALL_METHODS: IHttpRequestMethods[] = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];

const QUERY_TYPES: Record<string, string> = {
	b: 'boolean',
	i: 'integer',
	n: 'number',
	d: 'date-time',
	l: 'comma-separated list',
	s: 'text',
};

export interface DocumentedPath {
	path: string;
	entity: string;
	methods: IHttpRequestMethods[];
	idType: 'number' | 'guid' | 'string';
}

function described(path: string, entry: IndexedPath): DocumentedPath {
	return {
		path,
		entity: entry.t,
		methods: ALL_METHODS.filter((method) => entry.v[method] !== undefined),
		idType: entry.id ?? 'number',
	};
}

let byLowerPath: Map<string, string> | undefined;

/** The document's path of this spelling, any casing (Halo's paths are case-insensitive). */
export function documentedPath(path: string): DocumentedPath | undefined {
	byLowerPath ??= new Map(Object.keys(INDEX.paths).map((key) => [key.toLowerCase(), key]));
	const key = byLowerPath.get(path.trim().toLowerCase());
	return key === undefined ? undefined : described(key, INDEX.paths[key]);
}

/** Every path of the document, in its order. */
export function allDocumentedPaths(): DocumentedPath[] {
	return Object.entries(INDEX.paths).map(([path, entry]) => described(path, entry));
}

/**
 * The document's template a concrete path is an instance of (/Tickets/42 → /Tickets/{id}), or
 * the path itself when the document has it: fixed segments match any casing, {x} any one segment.
 */
export function templateOf(path: string): DocumentedPath | undefined {
	const exact = documentedPath(path);
	if (exact) return exact;
	const segments = path.trim().replace(/^\//, '').toLowerCase().split('/');
	for (const candidate of Object.keys(INDEX.paths)) {
		const parts = candidate.replace(/^\//, '').toLowerCase().split('/');
		if (parts.length !== segments.length) continue;
		if (parts.every((part, i) => part === segments[i] || /^\{[^}]+\}$/.test(part)))
			return described(candidate, INDEX.paths[candidate]);
	}
	return undefined;
}

/** How well a path answers a search: 0 best, undefined not at all. */
function rank(path: DocumentedPath, needle: string): number | undefined {
	const lower = path.path.toLowerCase();
	const entity = path.entity.toLowerCase();
	const first = lower.split('/')[1] ?? '';
	if (first === needle || entity === needle) return 0;
	if (first.startsWith(needle) || entity.startsWith(needle)) return 1;
	if (lower.includes(needle)) return 2;
	if (entity.includes(needle)) return 3;
	return undefined;
}

/**
 * Paths matching a search by path fragment or entity ("audit" finds /Audit and /Audit/{id};
 * "requesttype" finds /TicketType, filed under RequestType), best matches first, then in
 * alphabetical order; every path when the search is empty.
 */
export function searchDocumentedPaths(filter = ''): DocumentedPath[] {
	const needle = filter
		.trim()
		.toLowerCase()
		.replace(/^\/?(api\/)?/, '');
	const scored = allDocumentedPaths()
		.map((path) => ({ path, score: needle === '' ? 0 : rank(path, needle) }))
		.filter((entry): entry is { path: DocumentedPath; score: number } => entry.score !== undefined);
	scored.sort((a, b) => a.score - b.score || a.path.path.localeCompare(b.path.path));
	return scored.map((entry) => entry.path);
}

export interface QueryParameter {
	name: string;
	type: string;
}

/** The query parameters the document gives a path's verb, each with its type. */
export function documentedQuery(
	path: DocumentedPath,
	method: IHttpRequestMethods,
): QueryParameter[] {
	const names = INDEX.paths[path.path].v[method] ?? '';
	return names
		.split(' ')
		.filter(Boolean)
		.map((pair) => {
			const cut = pair.lastIndexOf(':');
			return { name: pair.slice(0, cut), type: QUERY_TYPES[pair.slice(cut + 1)] ?? 'text' };
		});
}

export interface BodySkeleton {
	entity: string;
	/** Whether Halo takes an array of the entity (most writes) rather than one object. */
	array: boolean;
	/** The skeleton as JSON text, its values empty of their type. */
	text: string;
	shown: number;
	total: number;
}

const EMPTY_VALUE: Record<string, unknown> = { i: 0, b: false, s: '' };

/** What a POST to the path takes, as a skeleton of the entity's fields; undefined when the document gives no entity. */
export function bodySkeleton(path: DocumentedPath): BodySkeleton | undefined {
	const body = INDEX.paths[path.path].b;
	if (body === undefined) return undefined;
	const entity = body.replace(/!$/, '');
	const [fields, total] = INDEX.bodies[entity] ?? ['', 0];
	const record = Object.fromEntries(
		fields
			.split(' ')
			.filter(Boolean)
			.map((pair) => {
				const cut = pair.lastIndexOf(':');
				return [pair.slice(0, cut), EMPTY_VALUE[pair.slice(cut + 1)] ?? ''];
			}),
	);
	const array = !body.endsWith('!');
	return {
		entity,
		array,
		text: JSON.stringify(array ? [record] : record, null, 2),
		shown: Object.keys(record).length,
		total,
	};
}
