#!/usr/bin/env node
// `npm start`: the pinned n8n with this node loaded, a seeded HaloPSA sandbox, a ready
// "HaloPSA sandbox" credential and the seed's example workflow. Data lives in
// node_modules/.cache/halopsa-complete/dev (see CACHE_DIR for why it is there), or in
// HALO_START_DIR. n8n's own output goes to n8n.log there; the terminal shows a few lines of ours,
// then what to do next (or, when n8n does not start, the end of its log).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CACHE_DIR, ensureN8nEnv, N8N_BIN, NODE24, n8nProcessEnv } from './n8n-env.mjs';
import { buildAndPack } from './pack-extension.mjs';
import { startSandbox } from '../sandbox/server.mjs';
import { DEMO_APP, DEMO_TENANT, demoSeed } from '../sandbox/seed.mjs';

const DEV_DIR = process.env.HALO_START_DIR ?? join(CACHE_DIR, 'dev');
const EXTENSION_DIR = join(DEV_DIR, 'extension');
const USER_FOLDER = join(DEV_DIR, 'user');
const LOG_FILE = join(DEV_DIR, 'n8n.log');
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.HALO_SANDBOX_PORT ?? 5680);
const EXAMPLE_WORKFLOW = 'HaloPSA: mark a client inactive when its contract ends';
/** n8n's first start migrates its database: minutes on a slow machine. */
const START_TIMEOUT_MS = 600_000;
const LOG_LINES_SHOWN = 60;

function say(message) {
	process.stdout.write(`[start] ${message}\n`);
}

const env = n8nProcessEnv({
	userFolder: USER_FOLDER,
	extensionDir: EXTENSION_DIR,
	encryptionKey: process.env.N8N_ENCRYPTION_KEY ?? 'halopsa-complete-dev',
	N8N_PORT: String(N8N_PORT),
	N8N_SECURE_COOKIE: 'false',
});

/** n8n's output, appended to its log file (a descriptor the child writes to directly). */
function logOutput() {
	return openSync(LOG_FILE, 'a');
}

/** The end of n8n's log, for the terminal when something went wrong. */
function showLog(headline) {
	let text = '';
	try {
		text = readFileSync(LOG_FILE, 'utf8');
	} catch {
		// no log yet
	}
	const lines = text.trimEnd().split('\n').slice(-LOG_LINES_SHOWN);
	process.stderr.write(`[start] ${headline}. The end of n8n's log (${LOG_FILE}):\n`);
	process.stderr.write(`${lines.join('\n')}\n`);
}

function n8n(args) {
	const out = logOutput();
	const result = spawnSync(NODE24, [N8N_BIN, ...args], { env, stdio: ['ignore', out, out] });
	closeSync(out);
	if (result.status !== 0) {
		showLog(`n8n ${args[0]} failed (exit code ${result.status ?? result.signal})`);
		process.exit(1);
	}
}

function exampleWorkflow(credentialId) {
	return {
		id: 'haloSeedExample1',
		name: EXAMPLE_WORKFLOW,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'ended',
				name: 'Contract ended',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode:
						"return [{ json: { client_id: 2, contract: 'C-1001', ended: new Date().toISOString().slice(0, 10) } }];",
				},
			},
			{
				id: 'halo',
				name: 'Mark client inactive',
				type: 'CUSTOM.haloPsaComplete',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'client',
					operation: 'update',
					clientId: { __rl: true, mode: 'id', value: '={{ $json.client_id }}' },
					updateFields: {
						inactive: true,
						notes: '={{ "Contract " + $json.contract + " ended on " + $json.ended }}',
					},
				},
				credentials: { haloPsaCompleteOAuth2Api: { id: credentialId, name: 'HaloPSA sandbox' } },
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': {
				main: [[{ node: 'Contract ended', type: 'main', index: 0 }]],
			},
			'Contract ended': { main: [[{ node: 'Mark client inactive', type: 'main', index: 0 }]] },
		},
	};
}

ensureN8nEnv();
buildAndPack(EXTENSION_DIR);
mkdirSync(USER_FOLDER, { recursive: true });
writeFileSync(LOG_FILE, '');
const sandbox = await startSandbox(SANDBOX_PORT).catch((error) => {
	process.stderr.write(
		`[start] the HaloPSA sandbox could not listen on port ${SANDBOX_PORT} (${error.code ?? error.message}): set HALO_SANDBOX_PORT to a free port\n`,
	);
	process.exit(1);
});
sandbox.addTenant(DEMO_TENANT, { apps: [DEMO_APP], seed: demoSeed() });
say(`HaloPSA sandbox on ${sandbox.url}, seeded with demo clients, sites, agents and tickets`);

const credentialId = 'haloSandboxCred1';
const credentialsFile = join(DEV_DIR, 'credentials.json');
const workflowsFile = join(DEV_DIR, 'workflows.json');
writeFileSync(
	credentialsFile,
	JSON.stringify([
		{
			id: credentialId,
			name: 'HaloPSA sandbox',
			type: 'haloPsaCompleteOAuth2Api',
			data: {
				hosting: 'hosted',
				url: sandbox.url,
				tenant: DEMO_TENANT,
				clientId: DEMO_APP.clientId,
				clientSecret: DEMO_APP.clientSecret,
				scope: 'all',
			},
		},
	]),
);
writeFileSync(workflowsFile, JSON.stringify([exampleWorkflow(credentialId)]));
say('importing the "HaloPSA sandbox" credential and the example workflow…');
n8n(['import:credentials', `--input=${credentialsFile}`]);
n8n(['import:workflow', `--input=${workflowsFile}`]);

say(`starting n8n (its log: ${LOG_FILE})…`);
const out = logOutput();
const child = spawn(NODE24, [N8N_BIN, 'start'], { env, stdio: ['ignore', out, out] });
closeSync(out);
let stopping = false;

/** Waits until n8n's editor answers; false when n8n exited or never got there. */
async function ready() {
	const started = Date.now();
	while (child.exitCode === null && child.signalCode === null) {
		if (Date.now() - started > START_TIMEOUT_MS) return false;
		try {
			// The settings the editor reads first: once they answer, the editor opens.
			const response = await fetch(`http://127.0.0.1:${N8N_PORT}/rest/settings`);
			if (response.ok) return true;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

function nextSteps() {
	const rule = '─'.repeat(72);
	const lines = [
		rule,
		`n8n is ready: http://localhost:${N8N_PORT}`,
		'  1. Open it and create the owner account (first visit only).',
		`  2. Open the workflow "${EXAMPLE_WORKFLOW}" and run it.`,
		'',
		`HaloPSA sandbox: ${sandbox.url} (saved in n8n as the credential "HaloPSA sandbox")`,
		`  tenant:        ${DEMO_TENANT}`,
		`  client id:     ${DEMO_APP.clientId}`,
		`  client secret: ${DEMO_APP.clientSecret}`,
		'',
		`n8n's log: ${LOG_FILE}`,
		'Stop with Ctrl+C.',
		rule,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

const stop = () => {
	if (stopping) return;
	stopping = true;
	say('stopping n8n and the sandbox…');
	child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', async (code, signal) => {
	await sandbox.close();
	if (stopping) process.exit(process.exitCode ?? 0);
	showLog(`n8n stopped (exit code ${code ?? signal})`);
	process.exit(code || 1);
});

if (await ready()) nextSteps();
else if (child.exitCode === null && child.signalCode === null && !stopping) {
	showLog(`n8n did not get ready within ${START_TIMEOUT_MS / 60_000} minutes`);
	stopping = true;
	child.kill('SIGTERM');
	process.exitCode = 1;
}
