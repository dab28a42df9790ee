// Issue 31: the webhook trigger catches up what Halo could not deliver. In a running n8n (`n8n
// start`) against the sandbox: tickets logged and changed while n8n is stopped (Halo's deliveries
// are refused) start the workflow once each when n8n is back, marked `deliveredBy: "catch-up"`;
// Halo resending them late starts nothing; a webhook Halo switched off is switched on again while
// the workflow runs, said so in n8n's log and in the next execution, and its missed events caught
// up; a restart between two catch-ups repeats nothing; a workflow saved on version 1 keeps today's
// behaviour. Catch-up runs every 6 s here (Catch-Up Interval 0.1 minutes; users get whole minutes).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startSandbox } from '../../../../sandbox/server.mjs';
import { N8nSuite, tenantCredential, startN8nServer } from '../../../harness/n8n.mjs';
import {
	WEBHOOK_TRIGGER,
	freeN8nPort,
	haloUser,
	n8nRest,
	printHaloLog,
	sleep,
	triggerWorkflow,
	waitFor,
} from '../../../harness/triggers.mjs';

const INTERVAL_MS = 6_000;
const sandbox = await startSandbox();
const halo = sandbox.addTenant('catchup');
const old = sandbox.addTenant('catchupv1');
const credentialOf = (tenant) => tenantCredential(sandbox, tenant);
const haloCredential = credentialOf(halo);
const oldCredential = credentialOf(old);
const flow = triggerWorkflow({
	name: 'Tickets, caught up',
	credential: haloCredential,
	type: WEBHOOK_TRIGGER,
	typeVersion: 2,
	parameters: {
		events: ['ticketLogged', 'ticketUpdated'],
		options: { catchUpIntervalMinutes: INTERVAL_MS / 60_000 },
	},
});
const oldFlow = triggerWorkflow({
	name: 'Tickets, version 1',
	credential: oldCredential,
	type: WEBHOOK_TRIGGER,
	parameters: { events: ['ticketLogged'] },
});
const suite = new N8nSuite('webhook-catch-up');
suite.add(haloCredential, flow);
suite.add(oldCredential, oldFlow);

const port = await freeN8nPort();
const serverOptions = { port, env: { WEBHOOK_URL: `http://127.0.0.1:${port}/` } };
let server;
let n8n;
let user;
let oldUser;

before(async () => {
	await suite.importAll();
	server = await startN8nServer(suite, serverOptions);
	n8n = n8nRest(server);
	user = await haloUser(sandbox, halo.name);
	oldUser = await haloUser(sandbox, old.name);
});
after(async () => {
	printHaloLog(server);
	await server?.stop();
	await sandbox.close();
});

/** Catch-up's reads: the ticket list asked for what changed since a time, by n8n. */
const catchUpReads = (tenant, who) =>
	tenant
		.apiRequests()
		.filter(
			(entry) =>
				entry.token !== who.token &&
				entry.method === 'GET' &&
				entry.route === '/api/tickets' &&
				entry.query.lastupdatefromdate !== undefined,
		);

/** Every item the trigger gave, execution by execution (finished ones, oldest first). */
async function emitted(workflow) {
	const executions = (await n8n.executions(workflow.id)).filter(
		(execution) => !['new', 'running'].includes(execution.status),
	);
	assert.deepEqual(
		executions.map((execution) => execution.status),
		executions.map(() => 'success'),
	);
	return Promise.all(executions.map((execution) => n8n.output(execution.id)));
}

/** Waits until the trigger has given `count` executions, then two more catch-ups to see none follows. */
async function settled(workflow, count, tenant, who) {
	await waitFor(
		`${count} executions of ${workflow.name}`,
		async () => (await emitted(workflow)).length >= count,
		{ timeoutMs: 45_000 },
	);
	const reads = catchUpReads(tenant, who).length;
	await waitFor('two more catch-ups', () => catchUpReads(tenant, who).length >= reads + 2, {
		timeoutMs: 45_000,
	});
	await sleep(1000);
	const executions = await emitted(workflow);
	assert.equal(executions.length, count, JSON.stringify(executions, null, 1).slice(0, 3000));
	return executions;
}

const summaries = (items) => items.map((item) => item.ticket.summary);

test('Activation remembers where Halo stands and emits nothing; a delivered ticket starts the workflow once, not again at catch-up', async () => {
	await halo.insert('tickets', [{ summary: 'Before activation' }]);
	await n8n.activate(flow.id);
	await n8n.activate(oldFlow.id);
	// The first look only learns the highest ticket id: what changed before activation is the past.
	await waitFor('the first look', () =>
		halo
			.apiRequests()
			.some((entry) => entry.route === '/api/tickets' && entry.query.order === 'id'),
	);
	await user.save('/Tickets', [{ summary: 'Live 1', client_id: 1 }]);
	const [items] = await settled(flow, 1, halo, user);
	assert.deepEqual(summaries(items), ['Live 1']);
	assert.equal(items[0].deliveredBy, 'webhook');
	assert.equal(items[0].eventName, 'Ticket Logged');
});

test('Tickets logged and changed while n8n is stopped start the workflow once each when it is back, oldest first; Halo resending them late starts nothing', async () => {
	const [live] = halo.records('tickets').filter((ticket) => ticket.summary === 'Live 1');
	await server.stop();
	const refusedFrom = halo.deliveries.length;
	await user.save('/Tickets', [{ summary: 'Missed 1', client_id: 1 }]);
	await sleep(1100);
	await user.save('/Tickets', [{ summary: 'Missed 2', client_id: 1 }]);
	await sleep(1100);
	await user.save('/Tickets', [{ id: live.id, summary: 'Live 1, changed while n8n was down' }]);
	await oldUser.save('/Tickets', [{ summary: 'Missed by version 1', client_id: 1 }]);
	await sandbox.webhooks.idle();
	const refused = halo.deliveries.slice(refusedFrom);
	assert.equal(refused.length, 3);
	assert.ok(refused.every((delivery) => delivery.error && delivery.status === undefined));

	server = await startN8nServer(suite, serverOptions);
	n8n = n8nRest(server);
	const executions = await settled(flow, 2, halo, user);
	const caught = executions[1];
	assert.deepEqual(summaries(caught), [
		'Missed 1',
		'Missed 2',
		'Live 1, changed while n8n was down',
	]);
	assert.deepEqual(
		caught.map((item) => [item.deliveredBy, item.eventName, item.eventNumber, item.objectType]),
		[
			['catch-up', 'Ticket Logged', 3, 'ticket'],
			['catch-up', 'Ticket Logged', 3, 'ticket'],
			['catch-up', 'Ticket Updated', 19, 'ticket'],
		],
	);
	assert.deepEqual(
		caught.map((item) => item.objectId),
		caught.map((item) => item.ticket.id),
	);
	assert.deepEqual(
		caught.map((item) => [item.ticket.summary, item.ticket.last_update, item.timestamp]),
		caught.map((item) => {
			const ticket = halo.record('tickets', item.ticket.id);
			return [ticket.summary, ticket.last_update, ticket.last_update];
		}),
		'each ticket as Halo holds it now',
	);

	// An administrator resends the failed deliveries from Halo's log: n8n takes them (200), and
	// starts nothing, since catch-up already started the workflow for those changes.
	const resent = await Promise.all(refused.map((entry) => sandbox.webhooks.redeliver(halo, entry)));
	assert.deepEqual(
		resent.map((entry) => entry.status),
		[200, 200, 200],
	);
	await settled(flow, 2, halo, user);

	// Version 1 keeps today's behaviour: no catch-up, so the missed ticket starts nothing.
	assert.deepEqual(catchUpReads(old, oldUser), []);
	assert.deepEqual(await emitted(oldFlow), []);
});

test('A webhook Halo switched off is switched on again while the workflow runs, said so in the log and the next execution, and its missed events caught up', async () => {
	const [webhook] = halo.records('webhook');
	webhook.active = false;
	await user.save('/Tickets', [{ summary: 'While switched off', client_id: 1 }]);
	await sandbox.webhooks.idle();
	const delivered = halo.deliveries.length;
	const executions = await settled(flow, 3, halo, user);
	assert.equal(halo.deliveries.length, delivered, 'a switched-off webhook delivers nothing');
	const [item] = executions[2];
	assert.deepEqual(
		[
			item.ticket.summary,
			item.deliveredBy,
			item.webhookRepair?.action,
			item.webhookRepair?.webhookId,
		],
		['While switched off', 'catch-up', 'reEnabled', webhook.id],
	);
	assert.deepEqual(
		halo.records('webhook').map((record) => [record.id, record.active]),
		[[webhook.id, true]],
		'the same webhook, switched on',
	);
	const switchedOn = halo
		.apiRequests()
		.filter((entry) => entry.method === 'POST' && entry.route === '/api/webhook');
	assert.deepEqual(switchedOn.at(-1).body, [{ id: webhook.id, active: true, disabled: false }]);
	assert.match(server.log(), /had switched off the webhook .*switched it on again/);

	// Halo delivers again, with the credentials it had.
	await user.save('/Tickets', [{ summary: 'After switching on', client_id: 1 }]);
	const [after] = (await settled(flow, 4, halo, user)).slice(3);
	assert.deepEqual(
		after.map((each) => [each.ticket.summary, each.deliveredBy, each.webhookRepair]),
		[['After switching on', 'webhook', undefined]],
	);
});

test('A restart between two catch-ups repeats nothing: what catch-up saved with the workflow, and Halo’s delivery log for what deliveries could not save', async () => {
	const before = (await emitted(flow)).length;
	await server.stop();
	const readsBefore = catchUpReads(halo, user).length;
	server = await startN8nServer(suite, serverOptions);
	n8n = n8nRest(server);
	await waitFor(
		'two catch-ups after the restart',
		() => catchUpReads(halo, user).length >= readsBefore + 2,
	);
	// Those catch-ups read again the tickets changed within their overlap (all of this file's),
	// and emitted none of them.
	const [first] = catchUpReads(halo, user).slice(readsBefore);
	const since = Date.parse(`${first.query.lastupdatefromdate}`);
	const reread = halo
		.records('tickets')
		.filter((ticket) => Date.parse(`${ticket.last_update}Z`) >= since);
	assert.ok(reread.length >= 5, `${reread.length} tickets read again`);
	await settled(flow, before, halo, user);
	// The cost of a look on a quiet tenant (README, docs/triggers/webhook.md): 3 requests, the
	// webhook, its subscriptions and one page of changed tickets.
	const looks = catchUpReads(halo, user).slice(readsBefore);
	const between = halo
		.apiRequests()
		.filter(
			(entry) =>
				entry.token !== user.token && entry.at > looks.at(-2).at && entry.at <= looks.at(-1).at,
		);
	assert.deepEqual(
		between
			.map((entry) => `${entry.method} ${entry.route.replace(/[0-9a-f-]{36}/, '{id}')}`)
			.sort(),
		['GET /api/notification', 'GET /api/tickets', 'GET /api/webhook/{id}'],
	);
	await n8n.deactivate(flow.id);
	await n8n.deactivate(oldFlow.id);
	assert.deepEqual(halo.records('webhook'), []);
	// A look under way may still finish; none starts after.
	await sleep(1500);
	const reads = catchUpReads(halo, user).length;
	// A look due at the interval would have come by now.
	await sleep(INTERVAL_MS + 2000);
	assert.equal(catchUpReads(halo, user).length, reads, 'no catch-up after deactivation');
});

test('Listening for a test event in the editor still works on a node that has trigger(): the test delivery runs the workflow with its event', async () => {
	// As the editor's "Listen for test event": n8n makes a test webhook in Halo and waits.
	const answer = await server.rest('POST', `/workflows/${oldFlow.id}/run`, {
		triggerToStartFrom: { name: 'Halo Trigger' },
	});
	assert.equal(answer.waitingForWebhook, true, JSON.stringify(answer));
	await waitFor('the test webhook in Halo', () =>
		old.records('webhook').some((webhook) => webhook.url.includes('/webhook-test/')),
	);
	await oldUser.save('/Tickets', [{ summary: 'Test event', client_id: 1 }]);
	const execution = await waitFor(
		'the test execution',
		async () =>
			(await n8n.executions(oldFlow.id)).find(
				(each) => each.mode === 'manual' && !['new', 'running'].includes(each.status),
			),
		{ timeoutMs: 30_000 },
	);
	assert.equal(execution.status, 'success');
	assert.deepEqual(
		(await n8n.output(execution.id)).map((item) => [item.eventName, item.ticket.summary]),
		[['Ticket Logged', 'Test event']],
	);
});
