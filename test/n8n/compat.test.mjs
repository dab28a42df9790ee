// The smoke subset of the real-n8n tier, run on each n8n line the package is tested on: `npm run
// test:compat` (scripts/test-compat.mjs) runs this file once per line of N8N_LINES
// (scripts/n8n-env.mjs), HALO_N8N_VERSION naming it; `npm test` runs it on the pinned line. The
// packed tarball loads; the seed's Client › Update, a Return All, a batch create and an AI Agent's
// tool call run in one n8n boot; then `n8n start` runs n8n's credential test and activates the
// webhook trigger. n8n's own loader for installed community packages reads the unpacked tarball
// by its package.json, as after an install from npm. The cases are those of client, batch, ai-agent, editor and trigger-webhook,
// with their assertions cut to what shows the line works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ENV_DIR, N8N_VERSION, NODE24 } from '../../scripts/n8n-env.mjs';
import { CaseBook, byId, names, tenantCase } from '../harness/cases.mjs';
import { agentWorkflow, findTicketsTool, scriptedModelCredential } from '../harness/ai-agent.mjs';
import { startFakeChatModel } from '../harness/fake-chat-model.mjs';
import { CREDENTIAL_TYPE, EXTENSION_DIR, startN8nServer } from '../harness/n8n.mjs';
import {
	WEBHOOK_TRIGGER,
	freeN8nPort,
	n8nRest,
	sleep,
	triggerWorkflow,
	waitFor,
} from '../harness/triggers.mjs';

const client = (operation, extra = {}) => ({
	parameters: { resource: 'client', operation, ...extra },
});

const book = await CaseBook.start(`compat-${N8N_VERSION}`);
book.passing('seedExample', {
	seed: { client: [{ name: 'Acme', notes: '' }, { name: 'Bolt' }] },
	steps: client('update', {
		clientId: byId('={{ $json.client_id }}'),
		updateFields: {
			inactive: true,
			notes: '={{ "Contract " + $json.contract + " ended " + $json.ended }}',
		},
	}),
	items: [{ client_id: 2, contract: 'C-1001', ended: '2026-11-30' }],
});
book.passing('returnAll', {
	seed: { client: names(250) },
	steps: client('getMany', { returnAll: true }),
});
book.passing('batchCreate', {
	steps: client('create', { name: '={{ $json.name }}' }),
	items: names(60),
});

// The agent finds a ticket with the node as its tool (version 1.2: Limit 10 unless set, the
// default only a tool has), then answers from what it found.
const model = await startFakeChatModel((request) => {
	const results = request.messages.filter((message) => message.role === 'tool');
	if (results.length === 0) return { tool: /^Find_tickets$/, arguments: { search: 'VPN' } };
	const found = JSON.parse(results[0].content);
	return { content: `Found ${found.length} ticket(s): ${found[0].summary}.` };
});
const openAi = scriptedModelCredential(model, 'credOpenAiCompat1');
const agentFlow = (halo) =>
	agentWorkflow({
		id: 'wfCompatAgent001',
		name: 'Agent finds a ticket',
		prompt: 'Which ticket is about the VPN?',
		// 3: the newest AI Agent n8n 1.123 has (2.x has 3.1 too).
		agentVersion: 3,
		modelCredential: openAi,
		tools: [findTicketsTool(halo, { id: 'tool', typeVersion: 1.2 })],
	});
book.built('agent', {
	seed: {
		tickets: [
			{ summary: 'Printer offline', client_id: 1, status_id: 1 },
			...Array.from({ length: 12 }, (_, index) => ({
				summary: `VPN drops at site ${index + 1}`,
				client_id: 2,
				status_id: 2,
			})),
		],
	},
	credentials: [openAi],
	build: agentFlow,
});

// Imported with the rest, activated once `n8n start` runs.
const hooks = tenantCase(book.sandbox, book.suite, 'hooks');
const hookFlow = triggerWorkflow({
	name: 'Ticket events',
	credential: hooks.cred,
	type: WEBHOOK_TRIGGER,
	parameters: { events: ['ticketLogged'] },
});
book.suite.add(undefined, hookFlow);

let server;
before(
	async () => {
		await book.run();
		const port = await freeN8nPort();
		server = await startN8nServer(book.suite, {
			port,
			env: { WEBHOOK_URL: `http://127.0.0.1:${port}/` },
		});
	},
	{ timeout: 600_000 },
);
after(async () => {
	await server?.stop();
	await model.close();
	await book.close();
});

/** A type file the editor loads (n8n serves them to a logged-in user only). */
async function typeFile(name) {
	const response = await fetch(`${server.url}/types/${name}`, {
		headers: { cookie: server.cookie },
	});
	assert.equal(response.status, 200, name);
	return response.json();
}

test(`n8n ${N8N_VERSION} loads the packed nodes: the action node, its tool form, both triggers and the credential`, async () => {
	const nodeTypes = new Set((await typeFile('nodes.json')).map((type) => type.name));
	for (const name of [
		'CUSTOM.haloPsaComplete',
		'CUSTOM.haloPsaCompleteTool',
		'CUSTOM.haloPsaCompleteTrigger',
		'CUSTOM.haloPsaCompletePollingTrigger',
	])
		assert.ok(nodeTypes.has(name), `${name} is offered`);
	const credentialTypes = await typeFile('credentials.json');
	assert.ok(credentialTypes.some((type) => type.name === CREDENTIAL_TYPE));
});

test("The seed's Client › Update sends the changed fields and outputs the saved client", () => {
	const [request] = book.api('seedExample');
	assert.deepEqual(request.body, [
		{ id: 2, inactive: true, notes: 'Contract C-1001 ended 2026-11-30' },
	]);
	const [updated] = book.output('seedExample');
	assert.deepEqual([updated.id, updated.inactive], [2, true]);
});

test('Return All pages through 250 clients in 3 requests of 100', () => {
	const pages = book.api('returnAll').map((request) => request.query.page_no);
	assert.deepEqual(pages.sort(), ['1', '2', '3']);
	assert.equal(book.output('returnAll').length, 250);
});

test('A create of 60 items goes as 2 POST arrays, each result paired with its item', () => {
	assert.deepEqual(
		book.api('batchCreate').map((request) => request.body.length),
		[50, 10],
	);
	const items = book.items('batchCreate');
	assert.equal(items.length, 60);
	items.forEach((item, index) => assert.deepEqual(item.pairedItem, { item: index }));
});

test('The AI Agent calls the node as a tool: a search for 10 tickets, and answers from them', () => {
	const [search] = book.api('agent');
	assert.equal(search.path, '/api/Tickets');
	assert.equal(search.query.search, 'VPN');
	assert.equal(search.query.page_size, '10', "the tool's Limit default");
	const [answer] = book.output('agent', undefined, 'AI Agent');
	assert.equal(answer.output, 'Found 11 ticket(s): VPN drops at site 1.');
});

test("n8n's credential test connects", async () => {
	const { cred } = book.cases.get('seedExample');
	assert.deepEqual(
		await server.rest('POST', '/credentials/test', {
			credentials: { id: cred.id, name: cred.name, type: cred.type, data: cred.data },
		}),
		{ status: 'OK', message: 'Connection successful!' },
	);
});

test('Activating the webhook trigger makes one Halo webhook subscribed to its event', async () => {
	await n8nRest(server).activate(hookFlow.id);
	// n8n 2.41 publishes an activated workflow through a queue of its own: the trigger's
	// activation may end just after the REST call answers.
	await waitFor(
		'the trigger to make its webhook',
		() => hooks.tenant.records('notification').length > 0,
	);
	await sleep(500);
	const webhooks = hooks.tenant.records('webhook');
	assert.equal(webhooks.length, 1);
	assert.equal(webhooks[0].url, `${server.url}/webhook/${hookFlow.nodes[0].webhookId}/webhook`);
	assert.deepEqual(
		hooks.tenant.records('notification').map((row) => [row.webhook_id, row.eventno]),
		[[webhooks[0].id, 3]],
	);
});

const PACKAGE_DIR = join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete');

/**
 * What n8n's loader for an installed community package (n8n-core's PackageDirectoryLoader: the
 * `n8n` section of package.json, each file it names) finds in a package folder, run by the
 * line's own Node and n8n-core.
 */
function loadAsInstalled(packageDir) {
	const script = `
		const { PackageDirectoryLoader } = require(${JSON.stringify(join(ENV_DIR, 'node_modules', 'n8n-core'))});
		const loader = new PackageDirectoryLoader(${JSON.stringify(packageDir)});
		loader.loadAll().then(
			() => console.log(JSON.stringify({
				nodes: loader.types.nodes.map((type) => type.name),
				credentials: loader.types.credentials.map((type) => type.name),
				icons: loader.types.nodes.flatMap((type) => Object.values(type.iconUrl ?? {})),
			})),
			(error) => console.log(JSON.stringify({ error: error.message })),
		);`;
	const run = spawnSync(NODE24, ['-e', script], { encoding: 'utf8' });
	const last = run.stdout.trim().split('\n').pop();
	return JSON.parse(last || JSON.stringify({ error: run.stderr.slice(-500) }));
}

/** A copy of the unpacked tarball, changed by `change(dir)`, for the loader to fail on. */
function brokenCopy(change) {
	const dir = join(mkdtempSync(join(tmpdir(), 'halo-package-')), 'n8n-nodes-halopsa-complete');
	cpSync(PACKAGE_DIR, dir, { recursive: true });
	change(dir);
	return dir;
}

test("n8n's loader for installed packages finds the three nodes, the credential and their icons in the tarball; a wrong n8n entry or a missing file fails it", () => {
	const loaded = loadAsInstalled(PACKAGE_DIR);
	assert.deepEqual(loaded.nodes?.sort(), [
		'haloPsaComplete',
		'haloPsaCompletePollingTrigger',
		'haloPsaCompleteTrigger',
	]);
	assert.deepEqual(loaded.credentials, [CREDENTIAL_TYPE]);
	assert.equal(loaded.icons.length, 6);
	for (const icon of loaded.icons) {
		const file = icon.replace(/^icons\/n8n-nodes-halopsa-complete\//, '');
		assert.ok(existsSync(join(PACKAGE_DIR, file)), `${file} is shipped`);
	}

	const wrongEntry = brokenCopy((dir) => {
		const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		manifest.n8n.nodes[0] = manifest.n8n.nodes[0].replace('dist/', 'build/');
		writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
	});
	const missingFile = brokenCopy((dir) =>
		rmSync(join(dir, 'dist', 'nodes', 'HaloPsaComplete', 'description.js')),
	);
	try {
		for (const broken of [wrongEntry, missingFile]) {
			const result = loadAsInstalled(broken);
			assert.ok(
				result.error || !result.nodes?.includes('haloPsaComplete'),
				`the loader must fail on ${broken}: ${JSON.stringify(result).slice(0, 200)}`,
			);
		}
	} finally {
		for (const broken of [wrongEntry, missingFile]) rmSync(join(broken, '..'), { recursive: true });
	}
});
