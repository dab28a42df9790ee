#!/usr/bin/env node
// `npm test`: prepares the pinned n8n (first run only), builds and packs the node as users get it,
// lints it, then runs every test file with node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { ensureN8nEnv, ROOT } from './n8n-env.mjs';
import { buildAndPack } from './pack-extension.mjs';
import { EXTENSION_DIR } from '../test/harness/n8n.mjs';

function testFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'harness' ? [] : testFiles(path);
		return entry.name.endsWith('.test.mjs') ? [relative(ROOT, path)] : [];
	});
}

ensureN8nEnv();
buildAndPack(EXTENSION_DIR);
if (!process.argv.includes('--no-lint')) {
	process.stdout.write('[test] n8n-node lint…\n');
	const lint = spawnSync('npx', ['n8n-node', 'lint'], { cwd: ROOT, stdio: 'inherit' });
	if (lint.status !== 0) process.exit(lint.status ?? 1);
}
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = only.length ? only : testFiles(join(ROOT, 'test')).sort();
process.stdout.write(`[test] running ${files.length} test files inside real n8n…\n`);
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
