#!/usr/bin/env node
// What API Request's index of Halo's document costs the editor (README, "API Request"): the bytes
// it adds to dist, the time n8n takes to load the node module with it, and the time the path
// search takes. Run after `npm run build`: `node scripts/api-index-cost.mjs`. Each figure is the
// median of several fresh Node processes, so module caching does not hide the load.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist', 'nodes', 'HaloPsaComplete');
const INDEX = join(DIST, 'apiIndex.json');
const RUNS = 7;

// The index is required first, cold: its cost alone; the node module then finds it cached.
const probe = `
const ta = process.hrtime.bigint();
const json = require(${JSON.stringify(INDEX)});
const tb = process.hrtime.bigint();
const t0 = process.hrtime.bigint();
const { HaloPsaComplete } = require(${JSON.stringify(join(DIST, 'HaloPsaComplete.node.js'))});
const node = new HaloPsaComplete();
const t1 = process.hrtime.bigint();
const search = node.methods.listSearch.apiRequestPathSearch;
(async () => {
	const t2 = process.hrtime.bigint();
	const first = await search.call({}, 'audit');
	const t3 = process.hrtime.bigint();
	await search.call({}, 'log');
	const t4 = process.hrtime.bigint();
	const ms = (a, b) => Number(b - a) / 1e6;
	console.log(JSON.stringify({ load: ms(t0, t1), firstSearch: ms(t2, t3), nextSearch: ms(t3, t4), index: ms(ta, tb), found: first.results.length, paths: Object.keys(json.paths).length }));
})();
`;

const runs = Array.from({ length: RUNS }, () =>
	JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' })),
);
const median = (key) => {
	const values = runs.map((run) => run[key]).sort((a, b) => a - b);
	return values[Math.floor(values.length / 2)].toFixed(1);
};
const bytes = statSync(INDEX).size;
console.log(
	[
		`index in dist: ${bytes} bytes, ${gzipSync(readFileSync(INDEX)).length} gzipped`,
		`loading the index (read and parse, cold): ${median('index')} ms; the rest of the node module: ${median('load')} ms`,
		`path search "audit", first: ${median('firstSearch')} ms (${runs[0].found} found of ${runs[0].paths}); next search: ${median('nextSearch')} ms`,
		`(median of ${RUNS} fresh processes, Node ${process.version})`,
	].join('\n'),
);
