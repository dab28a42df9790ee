#!/usr/bin/env node
// `npm run test:compat`: the compatibility matrix. Runs test/n8n/compat.test.mjs (the smoke subset
// of the real-n8n tier) on each n8n line of N8N_LINES (scripts/n8n-env.mjs), each in its own
// cached install, one line after another (each boots n8n twice; side by side they would only
// slow each other on 2 cores). Installs a missing line first (5–10 minutes; the sqlite3 build of
// a ready line serves the others). `node scripts/test-compat.mjs 1.123.81` runs one line.
import { join } from 'node:path';

import { ensureN8nEnv, N8N_LINES } from './n8n-env.mjs';
import { runNodeTest } from './node-test.mjs';
import { buildAndPack } from './pack-extension.mjs';
import { EXTENSION_DIR } from '../test/harness/n8n.mjs';

const COMPAT_FILE = join('test', 'n8n', 'compat.test.mjs');
const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const lines = asked.length ? asked : Object.keys(N8N_LINES);
for (const version of lines) {
	if (!N8N_LINES[version]) {
		process.stderr.write(
			`[compat] ${version} is not one of ${Object.keys(N8N_LINES).join(', ')}\n`,
		);
		process.exit(2);
	}
}

const installStarted = Date.now();
for (const version of lines) ensureN8nEnv(version);
const installSeconds = (Date.now() - installStarted) / 1000;
buildAndPack(EXTENSION_DIR);

const results = [];
for (const version of lines) {
	process.stdout.write(`\n[compat] ── n8n ${version} ──\n`);
	const result = await runNodeTest(['--test', '--test-reporter=spec', COMPAT_FILE], {
		env: { ...process.env, HALO_N8N_VERSION: version },
	});
	results.push({ version, ...result });
}

process.stdout.write(`\n[compat] installs checked or made in ${installSeconds.toFixed(0)} s\n`);
for (const { version, pass, fail, code, seconds } of results)
	process.stdout.write(
		`[compat]   n8n ${version.padEnd(9)} ${code === 0 ? 'passed' : 'FAILED'}: ${pass} passed, ${fail} failed, ${seconds.toFixed(1)} s\n`,
	);
const failed = results.filter((result) => result.code !== 0);
process.stdout.write(
	`tests: ${results.reduce((sum, r) => sum + r.pass, 0)} passed, ${results.reduce((sum, r) => sum + r.fail, 0)} failed\n`,
);
process.exit(failed.length ? 1 : 0);
