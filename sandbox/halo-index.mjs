// Facts from Halo's OpenAPI document as the sandbox uses them, read from schema/halo-index.json
// (written by scripts/schema-index.mjs): the sandbox follows Halo's document, never the node.
import { readFileSync } from 'node:fs';

const INDEX = JSON.parse(
	readFileSync(new URL('../schema/halo-index.json', import.meta.url), 'utf8'),
);
// Halo's paths are case-insensitive (/api/client = /api/Client).
const PATHS = new Map(
	Object.entries(INDEX.paths).map(([path, verbs]) => [path.toLowerCase(), verbs]),
);

/**
 * The query parameters Halo's document gives `METHOD path` (path below /api, any casing), lower
 * cased; empty when the document has no such path or verb, or lists none.
 */
export function documentedQuery(method, path) {
	const names = PATHS.get(path.toLowerCase())?.[method.toUpperCase()] ?? '';
	return new Set(
		names
			.split(' ')
			.filter(Boolean)
			.map((name) => name.toLowerCase()),
	);
}

/**
 * What Halo's document offers on a top-level path (`audit` → /Audit): list (GET /Audit), upsert
 * (POST /Audit), read and delete (GET and DELETE /Audit/{id}); undefined when it has no such path.
 */
export function documentedVerbs(name) {
	const top = PATHS.get(`/${name}`);
	const one = PATHS.get(`/${name}/{id}`);
	if (!top && !one) return undefined;
	return [
		top?.GET !== undefined && 'list',
		top?.POST !== undefined && 'upsert',
		one?.GET !== undefined && 'read',
		one?.DELETE !== undefined && 'delete',
	].filter(Boolean);
}
