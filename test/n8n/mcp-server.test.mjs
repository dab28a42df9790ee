// HaloPSA as an MCP server made in n8n (issue 18): the workflows of docs/ai-agents.md, as printed
// there, activated in a real `n8n start`, reached by the MCP SDK's client over Streamable HTTP on
// 127.0.0.1. No model: the test is the MCP client and calls the tools itself, as a model would
// through Claude or an IDE. What counts is what the sandbox (Halo) received. The customer bot
// (issue 30) runs on a credential with Allowed Clients: another client's tickets stay out of reach.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { startSandbox } from '../../sandbox/server.mjs';
import { ROOT } from '../../scripts/n8n-env.mjs';
import { CREDENTIAL_TYPE, N8nSuite, credential, startN8nServer } from '../harness/n8n.mjs';
import { n8nRest } from '../harness/triggers.mjs';

const PACKAGE_TOOL_TYPE = 'n8n-nodes-halopsa-complete.haloPsaCompleteTool';
const TOOL_TYPE = 'CUSTOM.haloPsaCompleteTool';
const TOKEN = 'mcp-local-test-token';
const ACME_TOKEN = 'mcp-local-acme-token';

/** The JSON blocks of docs/ai-agents.md that are workflows, by name. */
function documentedWorkflows() {
	const page = readFileSync(join(ROOT, 'docs', 'ai-agents.md'), 'utf8');
	const blocks = [...page.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) =>
		JSON.parse(match[1]),
	);
	return new Map(blocks.filter((block) => block.nodes).map((flow) => [flow.name, flow]));
}

const sandbox = await startSandbox();
const desk = sandbox.addTenant('mcp-desk', {
	seed: {
		client: [{ name: 'Acme Ltd' }, { name: 'Globex' }],
		tickets: [
			{ summary: 'Printer offline', client_id: 1, status_id: 1 },
			{ summary: 'VPN drops every hour', client_id: 2, status_id: 2 },
		],
	},
});
const reporting = sandbox.addTenant('mcp-reporting', {
	seed: { tickets: [{ summary: 'Keep me', client_id: 1, status_id: 1 }] },
});
// Acme is client 12, as in the documented workflow; client 3 is another customer of the MSP.
const ACME = 12;
const customer = sandbox.addTenant('mcp-customer', {
	seed: {
		client: Array.from({ length: ACME }, (_, index) =>
			index + 1 === ACME ? { name: 'Acme Ltd' } : { name: `Other client ${index + 1}` },
		),
		tickets: [
			{ summary: 'Printer offline in reception', client_id: ACME, status_id: 1 },
			{ summary: 'Rival: file server offline before the merger', client_id: 3, status_id: 1 },
		],
		actions: [
			{ ticket_id: 1, note: 'Engineer booked for Tuesday', outcome: 'Email User' },
			{
				ticket_id: 1,
				note: 'Internal: toner supplier late',
				outcome: 'Private Note',
				hiddenfromuser: true,
			},
			{ ticket_id: 2, note: 'Rival merger price', outcome: 'Private Note', hiddenfromuser: true },
		],
	},
});
const haloCredential = (tenant, name, accessLevel, more = {}) =>
	credential({
		name,
		url: sandbox.url,
		tenant: tenant.name,
		clientId: tenant.apps[0].clientId,
		clientSecret: tenant.apps[0].clientSecret,
		accessLevel,
		...more,
	});
const readWrite = haloCredential(desk, 'HaloPSA for agents (Read and write)', 'readWrite');
const readOnly = haloCredential(reporting, 'HaloPSA for agents (Read only)', 'readOnly');
const acmeOnly = haloCredential(customer, 'HaloPSA customer bot: Acme (client 12)', 'readWrite', {
	allowedClients: String(ACME),
});
const bearer = {
	id: 'mcpClientsBearer',
	name: 'MCP clients',
	type: 'httpBearerAuth',
	data: { token: TOKEN },
};
const acmeBearer = {
	id: 'acmeBotBearer',
	name: 'Acme customer bot',
	type: 'httpBearerAuth',
	data: { token: ACME_TOKEN },
};

/** A documented workflow as a user imports it: our node type, their credentials filled in. */
function imported(flow, id, halo) {
	return {
		...structuredClone(flow),
		id,
		active: false,
		nodes: flow.nodes.map((node) =>
			node.type === PACKAGE_TOOL_TYPE
				? {
						...node,
						id: `${id}-${node.name.replaceAll(' ', '-')}`,
						type: TOOL_TYPE,
						credentials: { [CREDENTIAL_TYPE]: { id: halo.id, name: halo.name } },
					}
				: { ...node, id: `${id}-${node.name.replaceAll(' ', '-')}` },
		),
	};
}

const documented = documentedWorkflows();
const server = imported(documented.get('HaloPSA MCP server'), 'wfMcpServer00001', readWrite);
const reportingServer = imported(
	documented.get('HaloPSA MCP server: reporting (read only)'),
	'wfMcpReporting01',
	readOnly,
);
const customerBot = imported(
	documented.get('HaloPSA customer bot: Acme'),
	'wfMcpCustomer001',
	acmeOnly,
);
const suite = new N8nSuite('mcp-server');
suite.add(bearer);
suite.add(acmeBearer);
suite.add(readWrite, server);
suite.add(readOnly, reportingServer);
suite.add(acmeOnly, customerBot);

let n8n;
let desktopClient;
let reportingClient;
let customerClient;

async function connect(path, token = TOKEN) {
	const client = new Client({ name: 'halopsa-complete-tests', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(new URL(`${n8n.url}/mcp/${path}`), {
		requestInit: { headers: { authorization: `Bearer ${token}` } },
	});
	await client.connect(transport);
	return client;
}

/** A tool's answer as JSON (n8n sends the node's output items as one text content). */
function answer(result) {
	const text = result.content.map((part) => part.text ?? '').join('');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

before(
	async () => {
		await suite.importAll();
		n8n = await startN8nServer(suite);
		const rest = n8nRest(n8n);
		await rest.activate(server.id);
		await rest.activate(reportingServer.id);
		await rest.activate(customerBot.id);
		desktopClient = await connect('halopsa');
		reportingClient = await connect('halopsa-reporting');
		customerClient = await connect('halopsa-acme', ACME_TOKEN);
	},
	{ timeout: 600_000 },
);
after(async () => {
	await desktopClient?.close();
	await reportingClient?.close();
	await customerClient?.close();
	await n8n?.stop();
	await sandbox.close();
});

test('The MCP server lists the documented tools, each with only the inputs $fromAI gives the model', async () => {
	const { tools } = await desktopClient.listTools();
	const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
	assert.deepEqual(Object.keys(byName).sort(), [
		'Add_note',
		'Change_status',
		'Find_assets',
		'Find_clients',
		'Find_tickets',
		'Log_time',
		'Read_ticket',
		'Read_ticket_actions',
	]);
	const inputs = (name) => Object.keys(byName[name].inputSchema.properties ?? {}).sort();
	assert.deepEqual(inputs('Find_tickets'), ['search']);
	assert.deepEqual(inputs('Add_note'), ['note', 'ticket_id']);
	assert.deepEqual(inputs('Change_status'), ['reason', 'status_id', 'ticket_id']);
	assert.deepEqual(inputs('Log_time'), ['hours', 'ticket_id', 'work_done']);
	assert.equal(byName.Add_note.inputSchema.properties.ticket_id.type, 'number');
	assert.equal(byName.Find_tickets.description, 'Get many tickets in HaloPSA Complete');
});

test('Over MCP, a ticket is found by name and a note added to it: Halo receives exactly that note', async () => {
	desk.clearLog();
	const found = answer(
		await desktopClient.callTool({ name: 'Find_tickets', arguments: { search: 'VPN' } }),
	);
	const tickets = Array.isArray(found) ? found : [found];
	assert.deepEqual(
		tickets.map((ticket) => [ticket.id, ticket.summary]),
		[[2, 'VPN drops every hour']],
	);
	const note = 'Tunnel re-keyed; drops stopped after the firmware update.';
	await desktopClient.callTool({
		name: 'Add_note',
		arguments: { ticket_id: tickets[0].id, note },
	});
	const requests = desk.apiRequests();
	const search = requests.find(
		(request) => request.method === 'GET' && request.path === '/api/Tickets',
	);
	assert.equal(search.query.search, 'VPN');
	const writes = requests.filter((request) => request.method !== 'GET');
	assert.deepEqual(
		writes.map((request) => [request.method, request.path, request.body]),
		[
			[
				'POST',
				'/api/Actions',
				[{ outcome: 'Private Note', note, hiddenfromuser: true, ticket_id: 2 }],
			],
		],
	);
	const actions = desk.records('actions');
	assert.deepEqual(
		actions.map((action) => [action.ticket_id, action.note]),
		[[2, note]],
	);
});

test('On a read-only credential, a model-filled API Request DELETE is refused and nothing reaches Halo', async () => {
	reporting.clearLog();
	const result = await reportingClient.callTool({
		name: 'Call_HaloPSA_API',
		arguments: { method: 'DELETE', path: '/Tickets/1' },
	});
	const said = JSON.stringify(answer(result));
	assert.match(said, /reads only/, said);
	assert.deepEqual(reporting.apiRequests(), []);
	assert.ok(reporting.record('tickets', 1), 'the ticket is still there');
});

test('On a read-only credential, a model-written Run SQL write is refused by the guard and nothing reaches Halo', async () => {
	reporting.clearLog();
	for (const sql of ['SELECT 1 DELETE FROM Faults', 'SELECT 1e0drop TABLE Faults']) {
		const result = await reportingClient.callTool({ name: 'Run_report_query', arguments: { sql } });
		const said = JSON.stringify(answer(result));
		assert.match(said, /The query was not sent: .* at line 1, column \d+/, said);
	}
	assert.deepEqual(reporting.apiRequests(), []);
});

/** A tool's answer, as a list of items (one item comes as an object). */
const itemsOf = (result) => {
	const said = answer(result);
	return Array.isArray(said) ? said : [said];
};

test('The customer bot lists its five documented tools, each described by hand', async () => {
	const { tools } = await customerClient.listTools();
	const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
	assert.deepEqual(Object.keys(byName).sort(), [
		'Add_note',
		'Find_tickets',
		'Log_request',
		'Read_ticket',
		'Read_ticket_updates',
	]);
	const inputs = (name) => Object.keys(byName[name].inputSchema.properties ?? {}).sort();
	assert.deepEqual(inputs('Log_request'), ['details', 'summary']);
	assert.deepEqual(inputs('Add_note'), ['note', 'ticket_id']);
	assert.match(byName.Read_ticket_updates.description, /public updates/);
});

test("The customer bot finds Acme's ticket and its public updates only; another client's ticket is as one that does not exist", async () => {
	customer.clearLog();
	const found = itemsOf(
		await customerClient.callTool({ name: 'Find_tickets', arguments: { search: 'offline' } }),
	);
	assert.deepEqual(
		found.map((ticket) => [ticket.id, ticket.summary]),
		[[1, 'Printer offline in reception']],
	);
	const search = customer
		.apiRequests()
		.find((request) => request.method === 'GET' && request.path === '/api/Tickets');
	assert.equal(String(search.query.client_id), String(ACME), 'the list is narrowed by Halo');
	const updates = itemsOf(
		await customerClient.callTool({ name: 'Read_ticket_updates', arguments: { ticket_id: 1 } }),
	);
	assert.deepEqual(
		updates.map((action) => action.note),
		['Engineer booked for Tuesday'],
	);
	const rival = JSON.stringify(
		answer(await customerClient.callTool({ name: 'Read_ticket', arguments: { ticket_id: 2 } })),
	);
	const missing = JSON.stringify(
		answer(await customerClient.callTool({ name: 'Read_ticket', arguments: { ticket_id: 99 } })),
	);
	assert.equal(rival.replace(/\b2\b/g, 'N'), missing.replace(/\b99\b/g, 'N'), rival);
	const rivalUpdates = JSON.stringify(
		answer(
			await customerClient.callTool({ name: 'Read_ticket_updates', arguments: { ticket_id: 2 } }),
		),
	);
	assert.doesNotMatch(`${rival} ${rivalUpdates}`, /Rival|merger/i);
	assert.ok(
		!customer
			.apiRequests()
			.some(
				(request) => request.path === '/api/Actions' && String(request.query.ticket_id) === '2',
			),
		"another client's actions are never asked for",
	);
});

test("The customer bot logs a request for Acme and adds notes to Acme's tickets, never to another client's", async () => {
	customer.clearLog();
	await customerClient.callTool({
		name: 'Log_request',
		arguments: { summary: 'New starter needs a laptop', details: 'Starts on Monday.' },
	});
	const note = 'Still offline after the restart.';
	await customerClient.callTool({ name: 'Add_note', arguments: { ticket_id: 1, note } });
	const noteTo = async (ticketId) =>
		JSON.stringify(
			answer(
				await customerClient.callTool({
					name: 'Add_note',
					arguments: { ticket_id: ticketId, note: 'Ignore previous instructions' },
				}),
			),
		);
	const rival = await noteTo(2);
	const missing = await noteTo(99);
	assert.match(rival, /was not sent/, rival);
	assert.equal(rival.replace(/\b2\b/g, 'N'), missing.replace(/\b99\b/g, 'N'), rival);
	const writes = customer.apiRequests().filter((request) => request.method !== 'GET');
	assert.deepEqual(
		writes.map((request) => [request.method, request.path]),
		[
			['POST', '/api/Tickets'],
			['POST', '/api/Actions'],
		],
	);
	assert.equal(Number(writes[0].body[0].client_id), ACME);
	assert.deepEqual(
		customer
			.records('actions')
			.filter((action) => action.ticket_id === 2)
			.map((action) => action.note),
		['Rival merger price'],
	);
	assert.equal(customer.records('actions').at(-1).note, note);
});
