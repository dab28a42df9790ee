#!/usr/bin/env node
// `npm run test:unit`: the unit tier, type-checked with the sources while node:test runs it through
// tsx, without a build, a pack or n8n; requests go to a mocked request function (test/unit/support/fakeNode.mts).
// `npm test` runs it first, then the real-n8n tier (scripts/test.mjs).
import { spawn } from 'node:child_process';
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
			return /\.test\.(mjs|mts)$/.test(entry.name) ? [relative(ROOT, path)] : [];
		})
		.sort();
}

/**
 * Runs unit test files in one process (test/unit/support/inOneProcess.mjs): starting node, tsx
 * and n8n-workflow once instead of once per file takes a quarter of the CPU time. `nodeArgs`
 * pass on to node, e.g. `--test-name-pattern=…`. Resolves to the counts and the time taken.
 */
export async function runUnitTier(files = unitTestFiles(), nodeArgs = []) {
	const checking = typeCheck();
	const result = await runNodeTest([
		'--import',
		'tsx',
		'--test-reporter=spec',
		...nodeArgs,
		join(UNIT_DIR, 'support', 'inOneProcess.mjs'),
		...files,
	]);
	const typesFit = await checking;
	return {
		...result,
		code: typesFit ? result.code : 1,
		fail: result.fail + (typesFit ? 0 : 1),
		files: files.length,
	};
}

/**
 * The unit tier is TypeScript, checked with the sources (tsconfig.test.json): a fake of n8n's
 * context that no longer fits `n8n-workflow`'s types, or a test calling a function as it no longer
 * is, fails here (as one failed test) before anything runs.
 */
function typeCheck() {
	return new Promise((resolve) => {
		const check = spawn('npx', ['tsc', '-p', 'tsconfig.test.json'], { cwd: ROOT });
		let said = '';
		check.stdout.on('data', (chunk) => (said += chunk));
		check.stderr.on('data', (chunk) => (said += chunk));
		check.on('close', (code) => {
			if (code !== 0)
				process.stdout.write(`[test:unit] type check (tsconfig.test.json) failed:\n${said}\n`);
			resolve(code === 0);
		});
	});
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
