// API Request's index of Halo's document (nodes/HaloPsaComplete/apiIndex.json) is generated, and
// committed so that a build never needs the document: this checks it is what the document gives
// today, and that it does not quietly grow (every byte of it ships in the package and is loaded
// by the editor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { ROOT, readHaloIndex, readJson } from '../support/haloIndex.mts';

const INDEX = join(ROOT, 'nodes', 'HaloPsaComplete', 'apiIndex.json');
const DOCUMENT =
	process.env.HALO_OPENAPI_DOCUMENT ??
	join(ROOT, '..', 'shared', 'halopsa-openapi', 'halo-api-v2-swagger-2024-09.json');

/** apiIndex.json as the test reads it: each path's verbs, the entity its POST takes, the entities' bodies. */
interface EditorIndex {
	paths: Record<string, { v: Record<string, string>; b?: string }>;
	bodies: Record<string, unknown>;
}

/** The index's size when it was last measured (docs/api-request.md); it may grow 5 % beyond. */
const COMMITTED = { bytes: 184_680, gzipped: 39_462 };
const MARGIN = 1.05;

test('The editor index and schema/halo-index.json are what Halo’s document gives', (t) => {
	if (!existsSync(DOCUMENT)) {
		t.skip(`Halo's document is not at ${DOCUMENT} (set HALO_OPENAPI_DOCUMENT)`);
		return;
	}
	// --check regenerates both in memory and fails, naming the file, when either differs.
	execFileSync(process.execPath, [join(ROOT, 'scripts', 'schema-index.mjs'), '--check', DOCUMENT], {
		stdio: 'pipe',
	});
});

test('The editor index stays within its committed size', () => {
	const bytes = statSync(INDEX).size;
	const gzipped = gzipSync(readFileSync(INDEX)).length;
	assert.ok(
		bytes <= COMMITTED.bytes * MARGIN,
		`apiIndex.json is ${bytes} bytes, more than ${COMMITTED.bytes} + 5 %: trim it, or raise the figure here and in docs/api-request.md with the reason`,
	);
	assert.ok(
		gzipped <= COMMITTED.gzipped * MARGIN,
		`apiIndex.json is ${gzipped} bytes gzipped, more than ${COMMITTED.gzipped} + 5 %`,
	);
});

test('The editor index names every path of schema/halo-index.json, and a body for every POST entity', () => {
	const index = readJson<EditorIndex>('nodes', 'HaloPsaComplete', 'apiIndex.json');
	const facts = readHaloIndex();
	assert.deepEqual(Object.keys(index.paths), Object.keys(facts.paths));
	for (const [path, entry] of Object.entries(index.paths)) {
		assert.deepEqual(Object.keys(entry.v), Object.keys(facts.paths[path]), path);
		if (entry.b) assert.ok(index.bodies[entry.b.replace(/!$/, '')], `${path}: ${entry.b}`);
	}
});
