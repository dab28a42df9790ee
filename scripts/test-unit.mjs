#!/usr/bin/env node
// `npm run test:unit`: the unit tier. node:test runs the TypeScript sources through tsx, without a
// build, a pack or n8n; requests go to a mocked request function (test/unit/support/fakeNode.mjs).
// `npm test` runs it first, then the real-n8n tier (scripts/test.mjs).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ROOT } from './n8n-env.mjs';
import { runNodeTest } from './node-test.mjs';

export const UNIT_DIR = join(ROOT, 'test', 'unit');

/** The unit tier's test files; `support/` holds their helpers. */
export function unitTestFiles(dir = UNIT_DIR) {
	return readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) => {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) return entry.name === 'support' ? [] : unitTestFiles(path);
			return entry.name.endsWith('.test.mjs') ? [relative(ROOT, path)] : [];
		})
		.sort();
}

/**
 * Runs unit test files in one process (test/unit/support/inOneProcess.mjs): starting node, tsx
 * and n8n-workflow once instead of once per file takes a quarter of the CPU time. `nodeArgs`
 * pass on to node, e.g. `--test-name-pattern=…`. Resolves to the counts and the time taken.
 */
export async function runUnitTier(files = unitTestFiles(), nodeArgs = []) {
	const result = await runNodeTest([
		'--import',
		'tsx',
		'--test-reporter=spec',
		...nodeArgs,
		join(UNIT_DIR, 'support', 'inOneProcess.mjs'),
		...files,
	]);
	return { ...result, files: files.length };
}

/** `fail` counts failed tests; a run that failed without a failed test (a file that did not load) counts one. */
export function unitFailures(result) {
	return result.fail + (result.code !== 0 && result.fail === 0 ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const files = args.filter((arg) => !arg.startsWith('--'));
	const result = await runUnitTier(
		files.length ? files : unitTestFiles(),
		args.filter((arg) => arg.startsWith('--')),
	);
	process.stdout.write(
		`\n[test:unit] ${result.files} files in ${result.seconds.toFixed(1)} s\n` +
			`tests: ${result.pass} passed, ${unitFailures(result)} failed\n`,
	);
	process.exit(result.code === 0 ? 0 : 1);
}
