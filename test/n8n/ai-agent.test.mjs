// The node as a tool of n8n's AI Agent (usableAsTool: n8n offers it as CUSTOM.haloPsaCompleteTool).
// The chat model is n8n's own OpenAI chat model node pointed at a scripted stand-in on 127.0.0.1
// (harness/fake-chat-model.mjs): no outside model is called. The script plays an agent that finds
// a ticket by name with Get Many, then closes it with Update; the test asserts what the model was
// offered (tool names, descriptions, parameters), what Halo (the sandbox) received, and the
// agent's answer. A second agent runs the toolset of docs/ai-agents.md (as printed there): it finds
// a client, a ticket and assets by name, reads the ticket's actions, logs time, changes the status,
// and names a ticket that does not exist.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox } from '../../sandbox/server.mjs';
import { ROOT } from '../../scripts/n8n-env.mjs';
import {
	TOOL_TYPE,
	agentWorkflow,
	findTicketsTool,
	haloTool,
	scriptedModelCredential,
} from '../harness/ai-agent.mjs';
import { startFakeChatModel } from '../harness/fake-chat-model.mjs';
import { CREDENTIAL_TYPE, N8nSuite, credential, nodeOutput } from '../harness/n8n.mjs';

const toolMessages = (request) => request.messages.filter((message) => message.role === 'tool');

const DESK_PROMPT = 'Acme says the VPN ticket is fixed: log 30 minutes on it and close it.';

/** The documented agent's script: one tool call per turn, each from what the tools answered. */
function deskScript(request) {
	const results = toolMessages(request).map((message) => message.content);
	const json = (index) => JSON.parse(results[index]);
	switch (results.length) {
		case 0:
			return { tool: /^Find_clients$/, arguments: { name: 'Acme' } };
		case 1:
			return { tool: /^Find_tickets$/, arguments: { search: 'VPN' } };
		case 2:
			return { tool: /^Read_ticket_actions$/, arguments: { ticket_id: json(1)[0].id } };
		case 3:
			return {
				tool: /^Log_time$/,
				arguments: { ticket_id: json(1)[0].id, work_done: 'Re-keyed the tunnel', hours: 0.5 },
			};
		case 4:
			return {
				tool: /^Change_status$/,
				arguments: { ticket_id: json(1)[0].id, status_id: 9, reason: 'Fixed, confirmed by Acme' },
			};
		case 5:
			return { tool: /^Find_assets$/, arguments: { search: 'LAP' } };
		case 6:
			return { tool: /^Read_ticket$/, arguments: { ticket_id: 999 } };
		default:
			return { content: `Logged 0.5 h on ticket ${json(1)[0].id} and closed it.` };
	}
}

/** The scripted model: search for the ticket, update what it found, then say what happened. */
function script(request) {
	if (request.messages.some((message) => message.content === DESK_PROMPT))
		return deskScript(request);
	const results = toolMessages(request);
	if (results.length === 0) return { tool: /^Find_tickets$/, arguments: { search: 'VPN' } };
	if (results.length === 1) {
		const [found] = JSON.parse(results[0].content);
		return { tool: /^Update_ticket$/, arguments: { ticket_id: found.id, status_id: 9 } };
	}
	const updated = JSON.parse(results[1].content)[0];
	return {
		content: `Closed ticket ${updated.id} (${updated.summary}); its status is now ${updated.status_id}.`,
	};
}

const sandbox = await startSandbox();
const model = await startFakeChatModel(script);
const desk = sandbox.addTenant('agent-desk', {
	seed: {
		client: [{ name: 'Acme Ltd' }, { name: 'Globex' }],
		tickets: [
			{ summary: 'Printer offline', client_id: 2, status_id: 1 },
			{ summary: 'VPN drops every hour', client_id: 1, status_id: 2, cost: 5 },
		],
		actions: [{ ticket_id: 2, note: 'Customer reports drops at 10:00', outcome: 'Phone call' }],
		asset: Array.from({ length: 12 }, (_, index) => ({
			inventory_number: `LAP-${String(index + 1).padStart(3, '0')}`,
			client_id: 1,
		})),
	},
});
const tenant = sandbox.addTenant('agent', {
	seed: {
		tickets: [
			{ summary: 'Printer offline', client_id: 1, status_id: 1, cost: 3 },
			{ summary: 'VPN drops every hour', client_id: 2, status_id: 3, cost: 5 },
		],
	},
});
const suite = new N8nSuite('ai-agent');
const halo = credential({
	name: 'HaloPSA agent',
	url: sandbox.url,
	tenant: 'agent',
	clientId: 'agent-client',
	clientSecret: 'agent-secret',
});
const openAi = scriptedModelCredential(model, 'credOpenAiFake01');

const flow = agentWorkflow({
	id: 'wfAiAgentTool001',
	name: 'Agent closes a ticket',
	prompt: 'The VPN ticket is fixed: close it.',
	modelCredential: openAi,
	tools: [
		findTicketsTool(halo),
		haloTool(
			'Update ticket',
			[520, 200],
			{
				resource: 'ticket',
				operation: 'update',
				ticketId: {
					__rl: true,
					mode: 'id',
					value: "={{ $fromAI('ticket_id', 'ID of the ticket to change', 'number') }}",
				},
				updateFields: {
					status_id: "={{ $fromAI('status_id', 'ID of the new status: 9 is Closed', 'number') }}",
				},
			},
			halo,
		),
	],
});
const deskHalo = credential({
	name: 'HaloPSA for agents (Read and write)',
	url: sandbox.url,
	tenant: desk.name,
	clientId: desk.apps[0].clientId,
	clientSecret: desk.apps[0].clientSecret,
	accessLevel: 'readWrite',
});

/** docs/ai-agents.md's agent workflow: its tool nodes as printed, our node type and credential. */
function documentedTools() {
	const page = readFileSync(join(ROOT, 'docs', 'ai-agents.md'), 'utf8');
	const flows = [...page.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) =>
		JSON.parse(match[1]),
	);
	const agentFlow = flows.find((candidate) => candidate.name === 'HaloPSA service desk agent');
	return agentFlow.nodes
		.filter((node) => node.type === 'n8n-nodes-halopsa-complete.haloPsaCompleteTool')
		.map((node) => ({
			...node,
			id: `desk-${node.name.replaceAll(' ', '-')}`,
			type: TOOL_TYPE,
			credentials: { [CREDENTIAL_TYPE]: { id: deskHalo.id, name: deskHalo.name } },
		}));
}
const deskTools = documentedTools();
const deskFlow = agentWorkflow({
	id: 'wfAiAgentDesk001',
	name: 'Agent works the service desk with the documented tools',
	prompt: DESK_PROMPT,
	modelCredential: openAi,
	tools: deskTools,
	idPrefix: 'desk-',
});

suite.add(halo);
suite.add(deskHalo);
suite.add(openAi, flow, deskFlow);

let execution;
let deskExecution;
before(
	async () => {
		const batch = await suite.importAndRun([flow, deskFlow]);
		execution = batch.results.get(flow.id);
		deskExecution = batch.results.get(deskFlow.id);
		if (!execution || !deskExecution)
			throw new Error(
				`the agent workflow failed: ${JSON.stringify(batch.summary)}\n${batch.run.stderr.slice(-3000)}\n${batch.run.stdout.slice(-3000)}`,
			);
	},
	{ timeout: 600_000 },
);
after(async () => {
	await model.close();
	await sandbox.close();
});

/** The model requests of one agent run, told apart by its prompt. */
const requestsOf = (desk) =>
	model.requests.filter(
		(request) => request.messages.some((message) => message.content === DESK_PROMPT) === desk,
	);

test('The agent is offered the node as tools, described by their actions, with the parameters it must fill', () => {
	const [first] = requestsOf(false);
	const tools = Object.fromEntries(first.tools.map((tool) => [tool.function.name, tool.function]));
	assert.deepEqual(Object.keys(tools).sort(), ['Find_tickets', 'Update_ticket']);
	assert.equal(tools.Find_tickets.description, 'Get many tickets in HaloPSA Complete');
	assert.equal(tools.Update_ticket.description, 'Update a ticket in HaloPSA Complete');
	assert.equal(tools.Update_ticket.parameters.properties.ticket_id.type, 'number');
	assert.equal(
		tools.Update_ticket.parameters.properties.status_id.description,
		'ID of the new status: 9 is Closed',
	);
	assert.equal(tools.Find_tickets.parameters.properties.search.type, 'string');
});

test('The agent finds the ticket by name, then closes it: Halo received the search and the update', () => {
	const requests = tenant.apiRequests();
	const search = requests.find(
		(request) => request.method === 'GET' && request.path === '/api/Tickets',
	);
	assert.equal(search.query.search, 'VPN');
	const writes = requests.filter((request) => request.method === 'POST');
	assert.deepEqual(
		writes.map((request) => request.body),
		[[{ id: 2, status_id: 9 }]],
	);
	assert.equal(tenant.record('tickets', 2).status_id, 9);
	assert.equal(tenant.record('tickets', 1).status_id, 1);
});

test('New tool nodes return simplified records to the model; the agent answers from them', () => {
	const found = JSON.parse(toolMessages(requestsOf(false)[1])[0].content);
	assert.deepEqual(
		found.map((row) => row.summary),
		['VPN drops every hour'],
	);
	// Simplify is on for version 1.1: fields such as cost stay out of the model's context.
	assert.equal(found[0].cost, undefined);
	const [item] = nodeOutput(execution, 'AI Agent');
	assert.equal(item.json.output, 'Closed ticket 2 (VPN drops every hour); its status is now 9.');
	assert.equal(requestsOf(false).length, 3);
});

test('The documented toolset: the agent sees eight tools, each asking only for what $fromAI leaves to it', () => {
	const [first] = requestsOf(true);
	const tools = Object.fromEntries(first.tools.map((tool) => [tool.function.name, tool.function]));
	assert.deepEqual(Object.keys(tools).sort(), [
		'Add_note',
		'Change_status',
		'Find_assets',
		'Find_clients',
		'Find_tickets',
		'Log_time',
		'Read_ticket',
		'Read_ticket_actions',
	]);
	const inputs = (name) => Object.keys(tools[name].parameters.properties).sort();
	assert.deepEqual(inputs('Log_time'), ['hours', 'ticket_id', 'work_done']);
	assert.deepEqual(inputs('Change_status'), ['reason', 'status_id', 'ticket_id']);
	assert.deepEqual(inputs('Read_ticket_actions'), ['ticket_id']);
	assert.equal(tools.Log_time.parameters.properties.hours.type, 'number');
	assert.equal(tools.Add_note.description, 'Add a note to a ticket in HaloPSA Complete');
});

test('The documented toolset: found by name, time logged and status changed as private actions; Halo received exactly those writes', () => {
	const requests = desk.apiRequests();
	const reads = requests.filter((request) => request.method === 'GET');
	assert.deepEqual(
		reads.map((request) => [request.path, request.query.search ?? request.query.ticket_id]),
		[
			['/api/Client', 'Acme'],
			['/api/Tickets', 'VPN'],
			['/api/Actions', '2'],
			['/api/Asset', 'LAP'],
			['/api/Tickets/999', undefined],
		],
	);
	const writes = requests.filter((request) => request.method !== 'GET');
	assert.deepEqual(
		writes.map((request) => [request.method, request.path, request.body]),
		[
			[
				'POST',
				'/api/Actions',
				[
					{
						outcome: 'Private Note',
						note: 'Re-keyed the tunnel',
						hiddenfromuser: true,
						timetaken: 0.5,
						ticket_id: 2,
					},
				],
			],
			[
				'POST',
				'/api/Actions',
				[
					{
						new_status: 9,
						outcome: 'Private Note',
						note: 'Fixed, confirmed by Acme',
						ticket_id: 2,
					},
				],
			],
		],
	);
	assert.equal(desk.record('tickets', 2).status_id, 9);
	assert.equal(desk.record('tickets', 1).status_id, 1);
	const [item] = nodeOutput(deskExecution, 'AI Agent');
	assert.equal(item.json.output, 'Logged 0.5 h on ticket 2 and closed it.');
});

test('The documented toolset answers an agent can use: simplified records, 10 at a time with a note when more may match, a missing ticket in one actionable sentence', () => {
	const results = toolMessages(requestsOf(true).at(-1)).map((message) => message.content);
	const [ticket] = JSON.parse(results[1]);
	assert.equal(ticket.summary, 'VPN drops every hour');
	assert.equal(ticket.cost, undefined, 'Simplify is on in tool mode');
	const assets = JSON.parse(results[5]);
	assert.equal(assets.length, 11);
	assert.deepEqual(
		assets.slice(0, 10).map((asset) => asset.inventory_number),
		Array.from({ length: 10 }, (_, index) => `LAP-${String(index + 1).padStart(3, '0')}`),
	);
	assert.deepEqual(assets[10], {
		more: 'More assets may match than the 10 returned: narrow the search with the filters, or ask for a higher limit.',
	});
	const assetList = desk.apiRequests().find((request) => request.path === '/api/Asset');
	assert.equal(assetList.query.page_size, '10');
	assert.match(
		results[6],
		/No Ticket with ID 999 exists in HaloPSA — use Ticket › Get Many to find the ID/,
		results[6],
	);
});
