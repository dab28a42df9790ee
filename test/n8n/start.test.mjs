// `npm start` as a newcomer sees it: its terminal is a few lines of its own and then the block that
// says what to do (the URL, the owner account, the sandbox's tenant and credential, the example
// workflow), without n8n's stack traces, deprecation warnings or runner complaints; n8n's own
// output is in its log file, which shows no attempt to reach the internet. When n8n cannot start,
// the terminal shows the end of that log and where it is. Ctrl+C stops everything.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { CACHE_DIR, ROOT } from '../../scripts/n8n-env.mjs';
import { DEMO_APP, DEMO_TENANT } from '../../sandbox/seed.mjs';
import { brokerPortOf, freeN8nPort, freePort } from '../harness/n8n.mjs';

const EXAMPLE_WORKFLOW = 'HaloPSA: mark a client inactive when its contract ends';
/** Build, pack, n8n's first database migration and its start, on a busy test machine. */
const READY_TIMEOUT_MS = 600_000;

mkdirSync(CACHE_DIR, { recursive: true });
const dataDir = mkdtempSync(join(CACHE_DIR, 'start-test-'));
const logFile = join(dataDir, 'n8n.log');
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** `node scripts/start.mjs` (what `npm start` runs) on the given ports, its terminal kept as text. */
function startScript({ n8nPort, sandboxPort }) {
	const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
		cwd: ROOT,
		env: {
			...process.env,
			HALO_START_DIR: dataDir,
			N8N_PORT: String(n8nPort),
			N8N_RUNNERS_BROKER_PORT: String(brokerPortOf(n8nPort)),
			HALO_SANDBOX_PORT: String(sandboxPort),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const run = { child, terminal: '', exit: undefined };
	child.stdout.on('data', (chunk) => (run.terminal += chunk));
	child.stderr.on('data', (chunk) => (run.terminal += chunk));
	run.exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve((run.exit = { code, signal }))),
	);
	return run;
}

async function until(what, condition, timeoutMs) {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error(`no ${what} within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Stops the script as Ctrl+C does (SIGINT), or kills it if that does not work. */
async function interrupt(run) {
	if (run.exit) return run.exit;
	run.child.kill('SIGINT');
	const timer = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
	const exit = await run.exited;
	clearTimeout(timer);
	return exit;
}

const NOISE = [
	[/^\s+at .+\(.*:\d+:\d+\)$/m, 'a stack trace'],
	[/deprecat/i, 'a deprecation warning'],
	[/ENOTFOUND|getaddrinfo|api\.n8n\.io/, 'a failed call to the internet'],
	[/python/i, 'the Python task runner'],
	[/migration/i, "n8n's database migrations"],
	[/N8N_[A-Z_]+/, 'an n8n environment variable'],
];

test('npm start ends with what to do next, shows none of n8n’s noise, keeps n8n’s log in a file and stops on Ctrl+C', async () => {
	const n8nPort = await freeN8nPort();
	const sandboxPort = await freePort();
	const run = startScript({ n8nPort, sandboxPort });
	try {
		await until(
			'closing line of the block',
			() => /Stop with Ctrl\+C\.\n─+\n/.test(run.terminal) || run.exit !== undefined,
			READY_TIMEOUT_MS,
		);
		assert.equal(run.exit, undefined, `start ended early:\n${run.terminal}`);
		const terminal = run.terminal;
		const blockStart = terminal.indexOf('─');
		const [before, block] = [terminal.slice(0, blockStart), terminal.slice(blockStart)];

		// Before the block: a few lines of the script's own, nothing of n8n's.
		const lines = before.trimEnd().split('\n');
		assert.ok(lines.length <= 8, `${lines.length} lines before the block:\n${before}`);
		for (const line of lines) assert.match(line, /^\[(start|pack|n8n-env)\] /, line);
		for (const [pattern, what] of NOISE)
			assert.doesNotMatch(terminal, pattern, `${what} in the terminal:\n${terminal}`);

		// The block, last: where to go and what to do there.
		const expected = [
			`http://localhost:${n8nPort}`,
			'create the owner account',
			`Open the workflow "${EXAMPLE_WORKFLOW}"`,
			`HaloPSA sandbox: http://127.0.0.1:${sandboxPort}`,
			`tenant:        ${DEMO_TENANT}`,
			`client id:     ${DEMO_APP.clientId}`,
			`client secret: ${DEMO_APP.clientSecret}`,
			`n8n's log: ${logFile}`,
		];
		for (const text of expected) assert.ok(block.includes(text), `"${text}" not in:\n${block}`);
		assert.ok(block.split('\n').length <= 16, `a short block:\n${block}`);

		// What the block says is true: n8n answers at the URL, and the sandbox takes the credential.
		let settings;
		for (let tries = 0; tries < 20 && !settings?.ok; tries++) {
			// A busy machine: n8n may answer 503 for a moment while it finishes starting.
			if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 500));
			settings = await fetch(`http://127.0.0.1:${n8nPort}/rest/settings`).catch((error) => ({
				ok: false,
				status: String(error),
			}));
		}
		assert.ok(settings.ok, `n8n at the URL answered ${settings.status}`);
		const token = await fetch(`http://127.0.0.1:${sandboxPort}/auth/token?tenant=${DEMO_TENANT}`, {
			method: 'POST',
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: DEMO_APP.clientId,
				client_secret: DEMO_APP.clientSecret,
				scope: 'all',
			}),
		});
		assert.equal(token.status, 200);

		// n8n's own output is in the log file, and it tried nothing on the internet (n8n's MCP
		// registry refresh and community-node list load at start: give them a moment).
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const log = readFileSync(logFile, 'utf8');
		assert.match(log, /Editor is now accessible via/);
		assert.match(log, /Successfully imported 1 workflow/);
		assert.doesNotMatch(log, /ENOTFOUND|getaddrinfo|api\.n8n\.io|EAI_AGAIN/);
		assert.doesNotMatch(log, /N8N_RUNNERS_ENABLED/, 'no deprecated variable of ours');
	} finally {
		const exit = await interrupt(run);
		assert.deepEqual(exit, { code: 0, signal: null }, run.terminal);
	}
	// Ctrl+C stopped n8n and the sandbox too, saying so in one line.
	assert.match(run.terminal.split('─').pop(), /^\n\[start\] stopping n8n and the sandbox…\n$/);
	await assert.rejects(fetch(`http://127.0.0.1:${n8nPort}/rest/settings`));
	await assert.rejects(fetch(`http://127.0.0.1:${sandboxPort}/`));
});

test('When n8n cannot start, the terminal shows the end of its log and where the log is', async () => {
	assert.ok(existsSync(logFile), 'the first test ran');
	// Someone else already listens on n8n's port.
	const n8nPort = await freeN8nPort();
	const squatter = createServer().listen(n8nPort, '0.0.0.0');
	await new Promise((resolve) => squatter.once('listening', resolve));
	const run = startScript({ n8nPort, sandboxPort: await freePort() });
	try {
		const exit = await Promise.race([
			run.exited,
			new Promise((resolve) => setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS).unref()),
		]);
		assert.notEqual(exit, 'timeout', run.terminal);
		assert.notEqual(exit.code, 0, run.terminal);
		assert.ok(
			run.terminal.includes(`The end of n8n's log (${logFile}):`),
			`no log path in:\n${run.terminal}`,
		);
		assert.match(run.terminal, new RegExp(`${n8nPort}.*in use|in use.*${n8nPort}|EADDRINUSE`, 'i'));
		assert.ok(!run.terminal.includes('n8n is ready'), run.terminal);
	} finally {
		await interrupt(run);
		squatter.close();
	}
});
