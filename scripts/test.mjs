#!/usr/bin/env node
// `npm test`: the unit tier first (scripts/test-unit.mjs: no build, no n8n), then the real-n8n
// tier: prepares the pinned n8n (first run only), builds and packs the node as users get it, lints
// it, then runs every test file with node's test runner. Files named on the command line run
// alone, each in its tier; `--test-name-pattern=…` passes on to node.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { ensureN8nEnv, ROOT } from './n8n-env.mjs';
import { runNodeTest } from './node-test.mjs';
import { buildAndPack } from './pack-extension.mjs';
import { EXTENSION_DIR } from '../test/harness/n8n.mjs';
import { runUnitTier, UNIT_DIR, unitFailures, unitTestFiles } from './test-unit.mjs';

function testFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		// The unit tier runs apart, without n8n (see runUnitTier).
		if (entry.isDirectory())
			return entry.name === 'harness' || path === UNIT_DIR ? [] : testFiles(path);
		return entry.name.endsWith('.test.mjs') ? [relative(ROOT, path)] : [];
	});
}

const args = process.argv.slice(2);
const nodeArgs = args.filter((arg) => arg.startsWith('--test-'));
const only = args.filter((arg) => !arg.startsWith('--'));
const isUnit = (file) => resolve(ROOT, file).startsWith(`${UNIT_DIR}/`);
const unitFiles = only.length ? only.filter(isUnit) : unitTestFiles();
const files = only.length
	? only.filter((file) => !isUnit(file))
	: testFiles(join(ROOT, 'test')).sort();

process.stdout.write(`[test] unit tier: ${unitFiles.length} test files, without n8n…\n`);
const unit = unitFiles.length
	? await runUnitTier(unitFiles, nodeArgs)
	: { code: 0, seconds: 0, pass: 0, fail: 0, files: 0 };

if (files.length) {
	ensureN8nEnv();
	buildAndPack(EXTENSION_DIR);
	if (!process.argv.includes('--no-lint')) {
		process.stdout.write('[test] n8n-node lint…\n');
		const lint = spawnSync('npx', ['n8n-node', 'lint'], { cwd: ROOT, stdio: 'inherit' });
		if (lint.status !== 0) process.exit(lint.status ?? 1);
	}
}
process.stdout.write(`[test] running ${files.length} test files inside real n8n…\n`);

/** One file in its own test run, its output passed through, its counts and time kept. */
async function runFile(file) {
	return { file, ...(await runNodeTest(['--test', '--test-reporter=spec', ...nodeArgs, file])) };
}

const results = [];
for (const file of files) results.push(await runFile(file));
process.stdout.write(
	`\n[test] unit tier (${unit.files} files, without n8n): ${unit.pass} passed, ${unitFailures(unit)} failed, ${unit.seconds.toFixed(1)} s\n`,
);
process.stdout.write('[test] real-n8n tier, time per file (so that growth shows):\n');
for (const { file, seconds, pass, fail, code } of results) {
	process.stdout.write(
		`[test]   ${seconds.toFixed(1).padStart(6)} s  ${file}  ${pass} passed, ${fail} failed${code !== 0 && fail === 0 ? ' (the file itself failed)' : ''}\n`,
	);
}
const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
const broken = results.filter((result) => result.code !== 0 && result.fail === 0).length;
process.stdout.write(
	`[test]   ${total('seconds').toFixed(1).padStart(6)} s  in all (real-n8n tier)\n\n`,
);
process.stdout.write(
	`tests: ${unit.pass + total('pass')} passed, ${unitFailures(unit) + total('fail') + broken} failed\n`,
);
process.exit(unit.code === 0 && results.every((result) => result.code === 0) ? 0 : 1);
