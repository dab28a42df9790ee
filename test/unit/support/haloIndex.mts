// The repository's root, and schema/halo-index.json (facts from Halo's OpenAPI document, written by
// `npm run schema-index`) typed as the unit tests read it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface HaloIndex {
	/** Path below /api → verb → its query parameter names, space-separated. */
	paths: Record<string, Record<string, string>>;
	/** Path → the entity the document files it under, and the entity its POST takes (`array:Area`). */
	entities: Record<string, { tag?: string; POST?: string }>;
	/** Entity → schema type (`integer`, `array:CustomField`) → its field names, space-separated; an enumeration's values under `enum`. */
	schemas: Record<string, Record<string, string | string[]>>;
}

/** A JSON file of the repository (a path below the root), as the type the caller expects. */
export function readJson<T>(...path: string[]): T {
	return JSON.parse(readFileSync(join(ROOT, ...path), 'utf8')) as T;
}

export const readHaloIndex = (): HaloIndex => readJson<HaloIndex>('schema', 'halo-index.json');
