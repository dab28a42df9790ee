// The webhook trigger's duplicate memory stays bounded (1000 event IDs per trigger node in the
// workflow's static data), within one batched delivery too: in a running n8n against the sandbox,
// Halo delivers 1200 events in one batch; each is one item, the stored memory holds the last 1000
// (it held all 1200 before), and the same batch delivered again starts nothing (this process's own
// memory, bounded at 10,000, still holds them all).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startSandbox } from '../sandbox/server.mjs';
import { N8nSuite, credential, startN8nServer } from './harness/n8n.mjs';
import {
	WEBHOOK_TRIGGER,
	freeN8nPort,
	haloUser,
	n8nRest,
	sleep,
	triggerWorkflow,
	waitFor,
} from './harness/triggers.mjs';

const BOUND = 1000;
const EVENTS = 1200;
const sandbox = await startSandbox();
const tenant = sandbox.addTenant('dedupe');
const haloCredential = credential({
	name: 'HaloPSA dedupe',
	url: sandbox.url,
	tenant: tenant.name,
	clientId: `${tenant.name}-client`,
	clientSecret: `${tenant.name}-secret`,
});
const flow = triggerWorkflow({
	name: 'One large batch',
	credential: haloCredential,
	type: WEBHOOK_TRIGGER,
	parameters: {
		events: ['ticketLogged'],
		options: { batch_method: 2, batch_limit: EVENTS },
	},
});
const suite = new N8nSuite('webhook-dedupe');
suite.add(haloCredential, flow);

let server;
let n8n;
let user;
before(async () => {
	await suite.importAll();
	server = await startN8nServer(suite, { port: await freeN8nPort() });
	n8n = n8nRest(server);
	user = await haloUser(sandbox, tenant.name);
});
after(async () => {
	await server?.stop();
	await sandbox.close();
});

async function outputs() {
	const executions = (await n8n.executions(flow.id)).filter(
		(execution) => !['new', 'running'].includes(execution.status),
	);
	assert.deepEqual(
		executions.map((execution) => execution.status),
		executions.map(() => 'success'),
	);
	return Promise.all(executions.map((execution) => n8n.output(execution.id)));
}

test('A delivery of 1200 events: one item each; the stored memory keeps the last 1000; the same batch again starts nothing', async () => {
	await n8n.activate(flow.id);
	await user.save(
		'/Tickets',
		Array.from({ length: EVENTS }, (_, index) => ({
			summary: `Ticket ${index + 1}`,
			client_id: 1,
			recaptcha_token: `captcha-${index + 1}`,
		})),
	);
	await waitFor('the batch', () => tenant.deliveries.length === 1);
	await sandbox.webhooks.idle();
	const [delivery] = tenant.deliveries;
	assert.equal(delivery.status, 200);
	assert.equal(delivery.body.length, EVENTS, 'one delivery carries every event');
	const ids = delivery.body.map((event) => event.id);

	await waitFor('its execution', async () => (await outputs()).length === 1, { timeoutMs: 30_000 });
	const [items] = await outputs();
	assert.deepEqual(
		items.map((item) => item.id),
		ids,
	);
	// The tickets' secret-bearing field is masked in the output (Include Secrets off).
	assert.ok(items.every((item) => item.ticket.recaptcha_token === '********'));
	assert.equal(delivery.body[0].ticket.recaptcha_token, 'captcha-1');

	const workflow = await server.rest('GET', `/workflows/${flow.id}`);
	const remembered = Object.keys(workflow.staticData?.['node:Halo Trigger']?.recentEvents ?? {});
	assert.equal(remembered.length, BOUND, 'the stored memory is bounded');
	assert.deepEqual(
		new Set(remembered),
		new Set(ids.slice(EVENTS - BOUND)),
		'it keeps the last ones',
	);

	// Halo sends the same batch again: nothing starts.
	const again = await sandbox.webhooks.redeliver(tenant, delivery);
	assert.equal(again.status, 200);
	await sleep(3000);
	assert.equal((await outputs()).length, 1);
	const after = await server.rest('GET', `/workflows/${flow.id}`);
	assert.equal(
		Object.keys(after.staticData?.['node:Halo Trigger']?.recentEvents ?? {}).length,
		BOUND,
	);
});
