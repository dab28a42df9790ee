// The polling trigger in a running n8n (`n8n start`, workflows activated through n8n's REST API)
// against the sandbox, with Halo's clock 40 s behind n8n's. n8n polls at least once a minute per
// poll time; four poll times (seconds 0, 15, 30 and 45 of each minute) make it poll every 15 s.
// Across four polls, with changes between them (two pages of them) and during one (after its
// first page is read), every change comes out exactly once, and nothing that happened before
// activation does. The editor's Test step (a manual run) gives a sample.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startSandbox } from '../../../../sandbox/server.mjs';
import { N8nSuite, tenantCredential, startN8nServer } from '../../../harness/n8n.mjs';
import {
	POLLING_TRIGGER,
	freeN8nPort,
	haloUser,
	n8nRest,
	sleep,
	triggerWorkflow,
	waitFor,
} from '../../../harness/triggers.mjs';

const SKEW_MS = -40_000;
const POLL_EVERY_15_SECONDS = {
	item: [0, 15, 30, 45].map((second) => ({
		mode: 'custom',
		cronExpression: `${second} * * * * *`,
	})),
};
const POLL_PERIOD_MS = 15_000;
/**
 * Waits, if need be, until a scheduled poll has just started (half a second to 3 s after it), so
 * that what follows has over 10 s before the next one: an activation just before a scheduled poll
 * would meet it (two reads where the test counts one), or run so close to it that the two read as
 * one poll.
 */
async function justAfterScheduledPoll() {
	const intoPeriod = Date.now() % POLL_PERIOD_MS;
	if (intoPeriod >= 500 && intoPeriod <= 3_000) return;
	await sleep((POLL_PERIOD_MS - intoPeriod + 500) % POLL_PERIOD_MS);
}
const haloTime = (offsetMs) =>
	new Date(Date.now() + SKEW_MS + offsetMs).toISOString().replace(/Z$/, '');

const sandbox = await startSandbox();
const seedTickets = () => [
	{ summary: 'Old 1', last_update: haloTime(-3_600_000) },
	{ summary: 'Old 2', last_update: haloTime(-3_600_000) },
	// Changed a minute before activation: inside the first read's overlap, and still the past.
	{ summary: 'Changed just before activation', last_update: haloTime(-60_000) },
];
const tenants = {
	all: sandbox.addTenant('pollall', {
		seed: { tickets: seedTickets() },
		knobs: { clockSkewMs: SKEW_MS },
	}),
	new: sandbox.addTenant('pollnew', {
		seed: { tickets: seedTickets() },
		knobs: { clockSkewMs: SKEW_MS },
	}),
	invoices: sandbox.addTenant('pollinv', {
		seed: {
			invoice: [{ client_id: 1, reference: 'INV-OLD', last_modified: haloTime(-3_600_000) }],
		},
		knobs: { clockSkewMs: SKEW_MS },
	}),
};
const credentials = Object.fromEntries(
	Object.entries(tenants).map(([key, tenant]) => [key, tenantCredential(sandbox, tenant)]),
);
const flow = (name, key, parameters) =>
	triggerWorkflow({
		name,
		credential: credentials[key],
		type: POLLING_TRIGGER,
		parameters: { pollTimes: POLL_EVERY_15_SECONDS, ...parameters },
	});
const flows = {
	all: flow('Tickets new or updated', 'all', {
		resource: 'tickets',
		event: 'newOrUpdated',
		options: { overlapMinutes: 1 },
	}),
	new: flow('New tickets', 'new', {
		resource: 'tickets',
		event: 'new',
		options: { overlapMinutes: 1 },
	}),
	// Invoices: Halo's list has no last-update filter; read newest first by last_modified.
	invoices: flow('Updated invoices', 'invoices', { resource: 'invoices', event: 'updated' }),
};
const suite = new N8nSuite('trigger-polling');
for (const key of Object.keys(tenants)) suite.add(credentials[key], flows[key]);

let server;
let n8n;
const users = {};
let manualSample;
let manualState;

before(async () => {
	await suite.importAll();
	server = await startN8nServer(suite, { port: await freeN8nPort() });
	n8n = n8nRest(server);
	// The editor's Test step on the trigger: a manual run of the workflow up to it.
	const run = await server.rest('POST', `/workflows/${flows.all.id}/run`, {
		triggerToStartFrom: { name: 'Halo Trigger' },
		destinationNode: { nodeName: 'Halo Trigger', mode: 'inclusive' },
	});
	await waitFor(
		'the manual run',
		async () => (await server.rest('GET', `/executions/${run.executionId}`)).finished,
	);
	manualSample = await n8n.output(run.executionId);
	manualState = JSON.stringify(
		(await server.rest('GET', `/workflows/${flows.all.id}`)).staticData ?? null,
	);
	for (const tenant of Object.values(tenants)) tenant.clearLog();
	for (const [key, tenant] of Object.entries(tenants))
		users[key] = await haloUser(sandbox, tenant.name);
});
after(async () => {
	await server?.stop();
	await sandbox.close();
});

/** The list reads n8n made of a tenant: one per page, `page` being its number. */
const reads = (key, path) =>
	tenants[key]
		.apiRequests()
		.filter(
			(entry) =>
				entry.token !== users[key]?.token &&
				entry.method === 'GET' &&
				entry.route === path &&
				entry.query.page_size === '100',
		)
		.map((entry) => ({ page: Number(entry.query.page_no), at: entry.at, query: entry.query }));
const polls = (key, path = '/api/tickets') =>
	reads(key, path).filter((read) => read.page === 1).length;

/** Items of each execution the trigger started (the Test step's manual run apart), oldest first. */
async function emitted(key) {
	const executions = (await n8n.executions(flows[key].id)).filter(
		(execution) => execution.mode !== 'manual' && !['new', 'running'].includes(execution.status),
	);
	const failed = executions.filter((execution) => execution.status !== 'success');
	if (failed.length > 0) {
		const details = await Promise.all(
			failed.map((execution) => server.rest('GET', `/executions/${execution.id}`)),
		);
		throw new Error(
			`${key}: failed executions: ${details.map((detail) => String(detail.data).slice(0, 1500)).join('\n')}`,
		);
	}
	return Promise.all(executions.map((execution) => n8n.output(execution.id)));
}

async function waitForPoll(key, count, path) {
	await waitFor(`poll ${count} of ${key}`, () => polls(key, path) >= count, { timeoutMs: 45_000 });
}

/** Waits for the poll after `count` polls to be over (the next one has started, or time passed). */
async function waitForPollDone(key, count, path) {
	await waitForPoll(key, count + 1, path);
}

test('Test step (manual run) gives the most recently changed ticket as a sample, and keeps no watermark', () => {
	assert.equal(manualSample.length, 1);
	assert.equal(manualSample[0].summary, 'Changed just before activation');
	assert.doesNotMatch(manualState, /pollState/);
});

/** The cases that run alongside the first; each test awaits its own. */
const running = {};

test('Across four polls, with changes between and during them, each change comes out exactly once', async () => {
	running.new = newTicketsCase();
	running.invoices = invoicesCase();
	// Their failures are reported by their own tests.
	running.new.catch(() => {});
	running.invoices.catch(() => {});
	const user = users.all;
	const tenant = tenants.all;
	// During the first poll with changes: once its first page has been read, change a ticket that page
	// held (it moves to the top: later rows shift down a place), change an old one and log a new one.
	let duringPoll = false;
	tenant.knobs.onRequest = async (entry) => {
		if (
			duringPoll ||
			entry.token === user.token ||
			entry.query.page_no !== '2' ||
			entry.query.page_size !== '100'
		)
			return;
		duringPoll = true;
		await user.save('/Tickets', [
			{ id: 60, summary: 'Changed during the poll' },
			{ id: 2, status_id: 2 },
			{ summary: 'Logged during the poll' },
		]);
	};

	// Ticket 3 changed half a minute before activation (by n8n's clock; Halo stamps it 40 s earlier).
	await justAfterScheduledPoll();
	tenant.record('tickets', 3).last_update = haloTime(10_000);
	await n8n.activate(flows.all.id);
	assert.equal(polls('all'), 1, 'activation read the recent past');
	assert.equal(reads('all', '/api/tickets')[0].query.order, 'last_update');
	assert.deepEqual(await emitted('all'), [], 'and emitted none of it');
	const activatedAt = polls('all');

	// Between polls: 120 new tickets (two pages) and a change to an old one, in one request.
	const created = Array.from({ length: 120 }, (_, index) => ({
		summary: `New ${index + 1}`,
		client_id: 1,
	}));
	await user.save('/Tickets', [...created, { id: 1, summary: 'Old 1, changed' }]);

	// The 121 changes come out in the first poll after them. What changed while that poll read its
	// pages comes out in that same poll (read further on, after the rows already read) or in the
	// next one: each exactly once either way.
	const duringChanges = [
		[2, 'Old 2'],
		[60, 'Changed during the poll'],
		[124, 'Logged during the poll'],
	];
	await waitFor('the poll with the 121 changes', async () => (await emitted('all')).length >= 1, {
		timeoutMs: 45_000,
	});
	assert.ok(duringPoll, 'records changed while that poll read its pages');
	let outputs = await emitted('all');
	const firstIds = outputs[0].map((item) => item.id);
	for (const id of [1, ...Array.from({ length: 120 }, (_, index) => index + 4)])
		assert.ok(firstIds.includes(id), `change of ticket ${id} in the first poll`);
	const seenSoFar = async () =>
		(await emitted('all'))
			.flat()
			.filter((item) => duringChanges.some(([id]) => id === item.id))
			.map((item) => [item.id, item.summary]);
	await waitFor('the changes made during that poll', async () => (await seenSoFar()).length >= 3, {
		timeoutMs: 45_000,
	});
	assert.deepEqual(
		(await seenSoFar()).sort((x, y) => x[0] - y[0]),
		duringChanges,
		'each change made during the poll, once',
	);
	outputs = await emitted('all');
	// Ticket 60, new in the first batch and changed during the poll that read it, comes out as its
	// latest version, or as both versions: never one version twice.
	assert.deepEqual(
		[...new Set(outputs.flat().map((item) => item.id))].sort((x, y) => x - y),
		[1, 2, ...Array.from({ length: 121 }, (_, index) => index + 4)],
		'the 121 changes and the 3 made during the poll',
	);
	const firstRound = outputs.flat().length;
	assert.ok(firstRound === 123 || firstRound === 124, `${firstRound} items`);
	const settled = outputs.length;

	const pollsSoFar = polls('all');
	await user.save('/Tickets', [
		{ id: 1, summary: 'Old 1, changed again' },
		{ id: 3, status_id: 9 },
	]);
	await waitFor(
		'the poll with the next changes',
		async () => (await emitted('all')).length === settled + 1,
		{ timeoutMs: 45_000 },
	);
	outputs = await emitted('all');
	assert.deepEqual(
		outputs[settled].map((item) => [item.id, item.summary]).sort((a, b) => a[0] - b[0]),
		[
			[1, 'Old 1, changed again'],
			[3, 'Changed just before activation'],
		],
	);
	assert.ok(pollsSoFar - activatedAt >= 1);

	// Polls with nothing new start nothing; and no change ever came out twice.
	await waitForPollDone('all', polls('all'));
	assert.equal((await emitted('all')).length, settled + 1);
	const versions = (await emitted('all')).flat().map((item) => `${item.id}@${item.last_update}`);
	assert.equal(new Set(versions).size, versions.length, 'each version once');
	assert.equal(versions.length, firstRound + 2);
	// Where each poll starts reading never moves back. A poll's reads come within moments of each
	// other (it pages on by last change), polls 15 s apart: a gap of over 5 s starts a poll.
	const firstPages = reads('all', '/api/tickets').filter((read) => read.page === 1);
	const pollStarts = firstPages
		.filter((read, index) => index === 0 || read.at - firstPages[index - 1].at > 5_000)
		.map((read) => Date.parse(read.query.lastupdatefromdate));
	assert.ok(pollStarts.length >= 4, `${pollStarts.length} polls`);
	assert.ok(
		pollStarts.every((from, index) => index === 0 || from >= pollStarts[index - 1]),
		'the watermark only moves forward',
	);
});

// The other two cases run alongside the first (their own tenants and workflows): the test waits for
// polls, not for work, so running them one after another would only add minutes.
async function newTicketsCase() {
	const user = users.new;
	await n8n.activate(flows.new.id);
	await user.save('/Tickets', [
		{ summary: 'Brand new', client_id: 1 },
		{ id: 1, summary: 'Old 1, changed' },
	]);
	await waitFor('the new ticket', async () => (await emitted('new')).length === 1, {
		timeoutMs: 45_000,
	});
	await user.save('/Tickets', [
		{ id: 4, summary: 'Brand new, changed' },
		{ summary: 'Another new one' },
	]);
	await waitFor('the next new ticket', async () => (await emitted('new')).length === 2, {
		timeoutMs: 45_000,
	});
	await waitForPollDone('new', polls('new'));
	return emitted('new');
}

async function invoicesCase() {
	const user = users.invoices;
	await n8n.activate(flows.invoices.id);
	await user.save('/Invoice', [
		{ client_id: 1, reference: 'INV-NEW' },
		{ id: 1, reference: 'INV-OLD, changed' },
	]);
	await waitFor('the changed invoice', async () => (await emitted('invoices')).length === 1, {
		timeoutMs: 45_000,
	});
	await user.save('/Invoice', [{ id: 2, reference: 'INV-NEW, changed' }]);
	await waitFor('the next change', async () => (await emitted('invoices')).length === 2, {
		timeoutMs: 45_000,
	});
	await waitForPollDone('invoices', polls('invoices', '/api/invoice'), '/api/invoice');
	return emitted('invoices');
}

test('Trigger On New emits new tickets only, each once', async () => {
	const outputs = await running.new;
	assert.deepEqual(
		outputs.map((items) => items.map((item) => item.summary)),
		[['Brand new'], ['Another new one']],
	);
});

test('Invoices (no date filter in Halo): read oldest first, by position; Trigger On Updated emits changed invoices only', async () => {
	const outputs = await running.invoices;
	assert.deepEqual(
		outputs.map((items) => items.map((item) => item.reference)),
		[['INV-OLD, changed'], ['INV-NEW, changed']],
	);
	const read = reads('invoices', '/api/invoice').at(-1);
	assert.deepEqual(
		[read.query.order, read.query.orderdesc, read.query.lastupdatefromdate],
		['last_modified', 'false', undefined],
	);
});
