// The node as a tool of n8n's AI Agent (usableAsTool: n8n offers it as CUSTOM.haloPsaCompleteTool).
// The chat model is n8n's own OpenAI chat model node pointed at a scripted stand-in on 127.0.0.1
// (harness/fake-chat-model.mjs): no outside model is called. The script plays an agent that finds
// a ticket by name with Get Many, then closes it with Update; the test asserts what the model was
// offered (tool names, descriptions, parameters), what Halo (the sandbox) received, and the
// agent's answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startSandbox } from '../sandbox/server.mjs';
import { startFakeChatModel } from './harness/fake-chat-model.mjs';
import { CREDENTIAL_TYPE, N8nSuite, credential, nodeOutput } from './harness/n8n.mjs';

const TOOL_TYPE = 'CUSTOM.haloPsaCompleteTool';

const toolMessages = (request) => request.messages.filter((message) => message.role === 'tool');

/** The scripted model: search for the ticket, update what it found, then say what happened. */
function script(request) {
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
const openAi = {
	id: 'credOpenAiFake01',
	name: 'Scripted model',
	type: 'openAiApi',
	data: { apiKey: 'sk-local-test', url: model.url },
};

const haloTool = (name, position, parameters) => ({
	id: name,
	name,
	type: TOOL_TYPE,
	typeVersion: 1.1,
	position,
	parameters: { descriptionType: 'auto', ...parameters },
	credentials: { [CREDENTIAL_TYPE]: { id: halo.id, name: halo.name } },
});

const flow = {
	id: 'wfAiAgentTool001',
	name: 'Agent closes a ticket',
	settings: { executionOrder: 'v1' },
	active: false,
	nodes: [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'agent',
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [220, 0],
			parameters: { promptType: 'define', text: 'The VPN ticket is fixed: close it.', options: {} },
		},
		{
			id: 'model',
			name: 'Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [120, 200],
			parameters: { model: { __rl: true, mode: 'id', value: 'fake-model' }, options: {} },
			credentials: { openAiApi: { id: openAi.id, name: openAi.name } },
		},
		haloTool('Find tickets', [320, 200], {
			resource: 'ticket',
			operation: 'getMany',
			filters: {
				search: "={{ $fromAI('search', 'Words from the ticket summary to look for', 'string') }}",
			},
		}),
		haloTool('Update ticket', [520, 200], {
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
		}),
	],
	connections: {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'Chat Model': {
			ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
		},
		'Find tickets': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		'Update ticket': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
	},
};
suite.add(halo);
suite.add(openAi, flow);

let execution;
before(
	async () => {
		await suite.importAll();
		const batch = await suite.executeBatch([flow]);
		execution = batch.results.get(flow.id);
		if (!execution)
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

test('The agent is offered the node as tools, described by their actions, with the parameters it must fill', () => {
	const [first] = model.requests;
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
	const found = JSON.parse(toolMessages(model.requests[1])[0].content);
	assert.deepEqual(
		found.map((row) => row.summary),
		['VPN drops every hour'],
	);
	// Simplify is on for version 1.1: fields such as cost stay out of the model's context.
	assert.equal(found[0].cost, undefined);
	const [item] = nodeOutput(execution, 'AI Agent');
	assert.equal(item.json.output, 'Closed ticket 2 (VPN drops every hour); its status is now 9.');
	assert.equal(model.requests.length, 3);
});
