#!/usr/bin/env node
// `npm start`: the pinned n8n with this node loaded, a seeded HaloPSA sandbox, a ready
// "HaloPSA sandbox" credential and the seed's example workflow. Data lives in
// node_modules/.cache/halopsa-complete/dev (see CACHE_DIR for why it is there).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CACHE_DIR, ensureN8nEnv, N8N_BIN, NODE24, n8nProcessEnv } from './n8n-env.mjs';
import { buildAndPack } from './pack-extension.mjs';
import { startSandbox } from '../sandbox/server.mjs';
import { DEMO_APP, DEMO_TENANT, demoSeed } from '../sandbox/seed.mjs';

const DEV_DIR = join(CACHE_DIR, 'dev');
const EXTENSION_DIR = join(CACHE_DIR, 'dev-extension');
const USER_FOLDER = join(DEV_DIR, 'user');
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.HALO_SANDBOX_PORT ?? 5680);

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

function n8n(args) {
	const result = spawnSync(NODE24, [N8N_BIN, ...args], {
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed (${result.status})`);
}

function exampleWorkflow(credentialId) {
	return {
		id: 'haloSeedExample1',
		name: 'HaloPSA: mark a client inactive when its contract ends',
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
const sandbox = await startSandbox(SANDBOX_PORT);
sandbox.addTenant(DEMO_TENANT, { apps: [DEMO_APP], seed: demoSeed() });
say(
	`HaloPSA sandbox on ${sandbox.url} (tenant "${DEMO_TENANT}", seeded with demo clients, sites, agents and tickets)`,
);

mkdirSync(USER_FOLDER, { recursive: true });
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

say(`starting n8n ${'(first start takes a few seconds)'}…`);
const child = spawn(NODE24, [N8N_BIN, 'start'], { env, stdio: 'inherit' });
setTimeout(
	() =>
		say(
			`open http://localhost:${N8N_PORT} — set up the owner account on first visit, then open the workflow "HaloPSA: mark a client inactive when its contract ends"`,
		),
	8000,
);
const stop = () => {
	child.kill('SIGTERM');
	sandbox.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
	sandbox.close();
	process.exit(code ?? 0);
});
