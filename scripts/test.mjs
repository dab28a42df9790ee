#!/usr/bin/env node
// `npm test`: the unit tier first (scripts/test-unit.mjs: no build, no n8n), then the real-n8n
// tier (test/n8n/): prepares the pinned n8n (first run only), builds and packs the node as users
// get it, lints it (n8n-node lint, then n8n's scanner on that tarball: scripts/scan.mjs), then runs
// every test file with node's test runner, two files at a time (`--jobs=N`), the longest first.
// `--compat=1.123.81,2.41.1` adds the compatibility matrix's runs of test/n8n/compat.test.mjs on
// those n8n lines to the same queue (CI), so that they share the two lanes with the tier's tail.
// Files named on the command line run alone, each in its tier; `--test-name-pattern=…` passes on
// to node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { CACHE_DIR, ensureN8nEnv, N8N_LINES, ROOT } from './n8n-env.mjs';
import { runNodeTest } from './node-test.mjs';
import { buildAndPack } from './pack-extension.mjs';
import { scanPackage } from './scan.mjs';
import { EXTENSION_DIR } from '../test/harness/n8n.mjs';
import { runUnitTier, UNIT_DIR, unitFailures, unitTestFiles } from './test-unit.mjs';

/** The real-n8n tier's files: every `*.test.mjs` under test/n8n/, its subfolders included. */
function testFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return testFiles(path);
		return entry.name.endsWith('.test.mjs') ? [relative(ROOT, path)] : [];
	});
}

// The unit tier (test/unit/) runs apart, without n8n (see runUnitTier).
const N8N_TEST_DIR = join(ROOT, 'test', 'n8n');
const COMPAT_FILE = join('test', 'n8n', 'compat.test.mjs');

const args = process.argv.slice(2);
const nodeArgs = args.filter((arg) => arg.startsWith('--test-'));
const only = args.filter((arg) => !arg.startsWith('--'));
const isUnit = (file) => resolve(ROOT, file).startsWith(`${UNIT_DIR}/`);
const unitFiles = only.length ? only.filter(isUnit) : unitTestFiles();
const files = only.length ? only.filter((file) => !isUnit(file)) : testFiles(N8N_TEST_DIR).sort();
const compatLines = (
	args.find((arg) => arg.startsWith('--compat='))?.slice('--compat='.length) ?? ''
)
	.split(',')
	.filter(Boolean);
for (const version of compatLines) {
	if (!N8N_LINES[version]) {
		process.stderr.write(
			`[test] --compat: ${version} is not one of ${Object.keys(N8N_LINES).join(', ')}\n`,
		);
		process.exit(2);
	}
}

process.stdout.write(`[test] unit tier: ${unitFiles.length} test files, without n8n…\n`);
const unit = unitFiles.length
	? await runUnitTier(unitFiles, nodeArgs)
	: { code: 0, seconds: 0, pass: 0, fail: 0, files: 0 };

if (files.length) {
	ensureN8nEnv();
	const packageDir = buildAndPack(EXTENSION_DIR);
	if (!process.argv.includes('--no-lint')) {
		process.stdout.write('[test] n8n-node lint…\n');
		const lint = spawnSync('npx', ['n8n-node', 'lint'], { cwd: ROOT, stdio: 'inherit' });
		if (lint.status !== 0) process.exit(lint.status ?? 1);
		process.stdout.write(
			"[test] n8n's community-package scanner, on the tarball the tests load…\n",
		);
		if (!(await scanPackage(packageDir))) process.exit(1);
	}
}
process.stdout.write(
	`[test] running ${files.length} test files inside real n8n${compatLines.length ? `, and ${COMPAT_FILE} on n8n ${compatLines.join(', ')}` : ''}…\n`,
);

/**
 * Real-n8n files run `jobs` at a time (default 2, one per core here; `--jobs=1` or
 * HALO_TEST_JOBS=1 for one at a time): most of a file's time is n8n starting and the sandbox
 * waiting. Each file's output is printed whole when it ends. The longest files start first, so
 * that no long one is left for the end: by the last run's times (kept in the cache folder), else
 * by test/n8n/times.json (the times of a whole run, committed, for a clean clone such as CI's).
 */
const jobsArg = args.find((arg) => arg.startsWith('--jobs='))?.slice('--jobs='.length);
const jobs = Math.max(1, Number(jobsArg ?? process.env.HALO_TEST_JOBS ?? 2) || 1);
const TIMES_FILE = join(CACHE_DIR, 'test-times.json');
const COMMITTED_TIMES_FILE = join(N8N_TEST_DIR, 'times.json');
const readTimes = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});
const lastTimes = readTimes(TIMES_FILE);
const committedTimes = readTimes(COMMITTED_TIMES_FILE);
// Without times yet (a file new since), the bigger file is taken for the longer one.
const expectedSeconds = (file) =>
	lastTimes[file] ?? committedTimes[file] ?? statSync(join(ROOT, file)).size / 1000;

/** The test runner's own list of failures (the end of its spec report), or the file's last lines. */
function failureDigest(output, maxLines = 80) {
	const at = output.lastIndexOf('✖ failing tests:');
	const lines = (at >= 0 ? output.slice(at) : output)
		.trimEnd()
		.split('\n')
		.filter((line) => !/^\s+at \S/.test(line));
	const kept = at >= 0 ? lines.slice(0, maxLines) : lines.slice(-maxLines);
	return kept.map((line) => `  ${line.slice(0, 300)}`).join('\n');
}

async function runFile(file) {
	const result = await runNodeTest(['--test', '--test-reporter=spec', ...nodeArgs, file], {
		echo: jobs === 1,
	});
	if (jobs > 1) process.stdout.write(`\n[test] ── ${file} ──\n${result.output}`);
	return { file, ...result };
}

/** Prepares an n8n line (`node scripts/n8n-env.mjs`, which waits for a download under way). */
function prepareLine(version) {
	return new Promise((done) => {
		const child = spawn(process.execPath, [join(ROOT, 'scripts', 'n8n-env.mjs'), version], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('close', (code) => done({ code, output }));
	});
}

/** The compatibility matrix's run on one n8n line, a job like a file (label `compat.test.mjs@<line>`). */
async function runCompat(version) {
	const label = `${COMPAT_FILE}@${version}`;
	const started = Date.now();
	const prepared = await prepareLine(version);
	if (prepared.code !== 0) {
		const output = `[test] n8n ${version} could not be prepared:\n${prepared.output}`;
		process.stdout.write(`\n[test] ── ${label} ──\n${output}\n`);
		const seconds = (Date.now() - started) / 1000;
		return { file: label, code: 1, seconds, pass: 0, fail: 0, output };
	}
	const result = await runNodeTest(['--test', '--test-reporter=spec', ...nodeArgs, COMPAT_FILE], {
		echo: jobs === 1,
		env: { ...process.env, HALO_N8N_VERSION: version },
	});
	if (jobs > 1) process.stdout.write(`\n[test] ── ${label} ──\n${result.output}`);
	return { ...result, file: label, seconds: (Date.now() - started) / 1000 };
}

process.stdout.write(`[test] ${jobs} file${jobs === 1 ? '' : 's'} at a time\n`);
// The compat runs go last: their lines may still be downloading in the background (.ci/run).
const queue = [
	...[...files]
		.sort((a, b) => expectedSeconds(b) - expectedSeconds(a))
		.map((file) => () => runFile(file)),
	...compatLines.map((version) => () => runCompat(version)),
];
const byFile = new Map();
const started = Date.now();
await Promise.all(
	Array.from({ length: Math.min(jobs, queue.length) }, async () => {
		for (let job = queue.shift(); job; job = queue.shift()) {
			const result = await job();
			byFile.set(result.file, result);
		}
	}),
);
const wallSeconds = (Date.now() - started) / 1000;
const results = [...files, ...compatLines.map((version) => `${COMPAT_FILE}@${version}`)].map(
	(file) => byFile.get(file),
);
mkdirSync(CACHE_DIR, { recursive: true });
writeFileSync(
	TIMES_FILE,
	JSON.stringify({
		...lastTimes,
		...Object.fromEntries(results.map(({ file, seconds }) => [file, seconds])),
	}),
);
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
	`[test]   ${total('seconds').toFixed(1).padStart(6)} s  in all, file by file; ${wallSeconds.toFixed(1)} s of wall time, ${jobs} at a time (real-n8n tier)\n\n`,
);
// CI keeps only the end of the output: say there why each failed file failed.
for (const { file, output } of results.filter((result) => result.code !== 0))
	process.stdout.write(`[test] why ${file} failed:\n${failureDigest(output)}\n\n`);
process.stdout.write(
	`tests: ${unit.pass + total('pass')} passed, ${unitFailures(unit) + total('fail') + broken} failed\n`,
);
process.exit(unit.code === 0 && results.every((result) => result.code === 0) ? 0 : 1);
