// The polling trigger when more changes wait than one poll may read (Max Records per Poll), in a
// running n8n (`n8n start`) against the sandbox, polling every 15 s. n8n runs in Auckland's time
// zone, so a Halo time without a zone read as local time would be 13 hours off.
// - 250 changed tickets, at most 100 per poll: the polls emit them oldest first (last change, then
//   ID), each once, nothing lost, and each poll goes on from the last change the one before emitted;
//   25 of them share one last-change time across the page boundary.
// - 150 tickets changed in the same second (more than a page), 5 of them changed again between two
//   polls (they leave that second: the others move up a place).
// - 250 changed invoices (Halo's invoice list has no last-update filter), at most 100 per poll.
// - A tenant writing times with a space (`2026-03-31 09:00:00.123`): its changes come out once,
//   with a secret-bearing field masked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startSandbox } from '../../../../sandbox/server.mjs';
import { N8nSuite, tenantCredential, startN8nServer } from '../../../harness/n8n.mjs';
import {
	POLLING_TRIGGER,
	freeN8nPort,
	haloUser,
	n8nRest,
	triggerWorkflow,
	waitFor,
} from '../../../harness/triggers.mjs';

// Every 10 s: far enough apart for the 5 s that tell polls apart (polls()), near enough that
// three polls take half a minute.
const POLL_EVERY_10_SECONDS = {
	item: [0, 10, 20, 30, 40, 50].map((second) => ({
		mode: 'custom',
		cronExpression: `${second} * * * * *`,
	})),
};
const PER_POLL = 100;
const HOURS_AGO = Date.now() - 2 * 3_600_000;
const iso = (ms) => new Date(ms).toISOString().replace(/Z$/, '');
const spaced = (ms) => iso(ms).replace('T', ' ');
const many = (count, make) => Array.from({ length: count }, (_, index) => make(index + 1));

/** A fixed shuffle of 1..count, so that the order of change differs from the order of IDs. */
function shuffled(count) {
	const ids = many(count, (id) => id);
	let seed = 7;
	for (let index = ids.length - 1; index > 0; index--) {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		const other = seed % (index + 1);
		[ids[index], ids[other]] = [ids[other], ids[index]];
	}
	return ids;
}

const sandbox = await startSandbox();
const tenants = {
	tickets: sandbox.addTenant('backlogt', {
		seed: { tickets: many(250, (id) => ({ summary: `T${id}`, last_update: iso(HOURS_AGO) })) },
	}),
	second: sandbox.addTenant('backlogs', {
		seed: { tickets: many(150, (id) => ({ summary: `S${id}`, last_update: iso(HOURS_AGO) })) },
	}),
	invoices: sandbox.addTenant('backlogi', {
		seed: {
			invoice: many(250, (id) => ({
				client_id: 1,
				reference: `INV-${id}`,
				last_modified: iso(HOURS_AGO),
			})),
		},
	}),
	spaced: sandbox.addTenant('backlogz', {
		seed: { tickets: [{ summary: 'Old', last_update: spaced(HOURS_AGO) }] },
		knobs: { timeFormat: 'space' },
	}),
};
const credentials = Object.fromEntries(
	Object.entries(tenants).map(([key, tenant]) => [key, tenantCredential(sandbox, tenant)]),
);
const flows = Object.fromEntries(
	Object.entries({
		tickets: { resource: 'tickets', options: { overlapMinutes: 1, maxRecordsPerPoll: PER_POLL } },
		second: { resource: 'tickets', options: { overlapMinutes: 1, maxRecordsPerPoll: PER_POLL } },
		invoices: { resource: 'invoices', options: { overlapMinutes: 1, maxRecordsPerPoll: PER_POLL } },
		spaced: { resource: 'tickets', options: { overlapMinutes: 1 } },
	}).map(([key, parameters]) => [
		key,
		triggerWorkflow({
			name: `Backlog ${key}`,
			credential: credentials[key],
			type: POLLING_TRIGGER,
			parameters: { pollTimes: POLL_EVERY_10_SECONDS, event: 'newOrUpdated', ...parameters },
		}),
	]),
);
const suite = new N8nSuite('polling-backlog');
for (const key of Object.keys(tenants)) suite.add(credentials[key], flows[key]);

let server;
let n8n;
before(async () => {
	await suite.importAll();
	server = await startN8nServer(suite, {
		port: await freeN8nPort(),
		env: { TZ: 'Pacific/Auckland', GENERIC_TIMEZONE: 'Pacific/Auckland' },
	});
	n8n = n8nRest(server);
});
after(async () => {
	await server?.stop();
	await sandbox.close();
});

/** Items of each execution the trigger started, in execution order. */
async function emitted(key) {
	const executions = (await n8n.executions(flows[key].id)).filter(
		(execution) => !['new', 'running'].includes(execution.status),
	);
	assert.deepEqual(
		executions.filter((execution) => execution.status !== 'success'),
		[],
		`${key}: every execution succeeded`,
	);
	return Promise.all(executions.map((execution) => n8n.output(execution.id)));
}

/** The trigger's list reads, split into polls (a poll's requests come within a few seconds). */
function polls(key, route) {
	const reads = tenants[key]
		.apiRequests()
		.filter(
			(entry) => entry.method === 'GET' && entry.route === route && entry.query.page_size === '100',
		);
	const groups = [];
	for (const entry of reads) {
		const last = groups.at(-1)?.at(-1);
		if (last && entry.at - last.at < 5_000) groups.at(-1).push(entry);
		else groups.push([entry]);
	}
	return groups;
}

const versionOf = (field) => (item) => `${item.id}@${item[field]}`;
const byChange = (field) => (a, b) =>
	Date.parse(`${a[field].replace(' ', 'T')}Z`) - Date.parse(`${b[field].replace(' ', 'T')}Z`) ||
	a.id - b.id;

/** Waits until `count` items came out, then one more poll, so that a late duplicate would show. */
async function allOut(key, route, count) {
	await waitFor(
		`${count} items of ${key}`,
		async () => (await emitted(key)).flat().length >= count,
		{ timeoutMs: 150_000, everyMs: 1000 },
	);
	const seen = polls(key, route).length;
	await waitFor(`one more poll of ${key}`, () => polls(key, route).length > seen, {
		timeoutMs: 45_000,
	});
	await new Promise((resolve) => setTimeout(resolve, 3000));
	return emitted(key);
}

const running = {};

test('250 changes waiting, 100 per poll: oldest first across polls, each once, the watermark at the last one emitted', async () => {
	for (const key of ['second', 'invoices', 'spaced']) {
		running[key] = cases[key]();
		running[key].catch(() => {});
	}
	const tenant = tenants.tickets;
	await n8n.activate(flows.tickets.id);
	assert.equal(polls('tickets', '/api/tickets').length, 1, 'activation read the recent past');
	// Changes in an order unrelated to the IDs, 100 ms apart; 25 of them (positions 90 to 114, across
	// the boundary of the first page) at one and the same time.
	const base = Date.now() - 45_000;
	shuffled(250).forEach((id, position) => {
		const at = position >= 90 && position < 115 ? base + 90 * 100 : base + position * 100;
		tenant.record('tickets', id).last_update = iso(at);
	});
	const expected = tenant
		.records('tickets')
		.map((row) => ({ ...row }))
		.sort(byChange('last_update'));

	const outputs = await allOut('tickets', '/api/tickets', 250);
	assert.ok(outputs.length >= 3, `three polls at least (${outputs.length})`);
	assert.ok(outputs.every((items) => items.length <= PER_POLL));
	const items = outputs.flat();
	assert.deepEqual(items.map(versionOf('last_update')), expected.map(versionOf('last_update')));

	// Each poll after one that stopped early starts at the last change that one emitted: its first
	// read is the first after the execution the poll before started (that poll's reads all came
	// before it).
	const started = (await n8n.executions(flows.tickets.id)).map((execution) =>
		Date.parse(execution.startedAt),
	);
	const reads = tenants.tickets
		.apiRequests()
		.filter((entry) => entry.method === 'GET' && entry.route === '/api/tickets');
	for (let index = 0; index < outputs.length - 1; index++) {
		const lastEmitted = outputs[index].at(-1).last_update;
		const following = reads.find((entry) => entry.at > started[index]).query;
		assert.equal(
			following.lastupdatefromdate,
			`${lastEmitted.slice(0, 19)}Z`,
			`poll ${index + 2} starts at the second of the last change poll ${index + 1} emitted`,
		);
		assert.equal(following.order, 'last_update');
		assert.equal(following.orderdesc, 'false');
		assert.equal(following.order2, 'id');
	}
});

const cases = {
	async second() {
		const tenant = tenants.second;
		const user = await haloUser(sandbox, tenant.name);
		await n8n.activate(flows.second.id);
		const at = iso(Date.now() - 30_000);
		for (const row of tenant.records('tickets')) row.last_update = at;
		await waitFor('the first poll', async () => (await emitted('second')).length >= 1, {
			timeoutMs: 45_000,
		});
		const first = (await emitted('second'))[0];
		// Between two polls, five tickets the first poll emitted change again: they leave that second.
		const changed = [3, 10, 50, 77, 99];
		await user.save(
			'/Tickets',
			changed.map((id) => ({ id, summary: `S${id}, changed` })),
		);
		const outputs = await allOut('second', '/api/tickets', 155);
		return { first, outputs, changed, at };
	},
	async invoices() {
		const tenant = tenants.invoices;
		await n8n.activate(flows.invoices.id);
		const base = Date.now() - 45_000;
		shuffled(250).forEach((id, position) => {
			tenant.record('invoice', id).last_modified = iso(base + position * 100);
		});
		const expected = tenant
			.records('invoice')
			.map((row) => ({ ...row }))
			.sort(byChange('last_modified'));
		const outputs = await allOut('invoices', '/api/invoice', 250);
		return { outputs, expected };
	},
	async spaced() {
		const tenant = tenants.spaced;
		const user = await haloUser(sandbox, tenant.name);
		await n8n.activate(flows.spaced.id);
		await user.save('/Tickets', [
			{ id: 1, summary: 'Old, changed' },
			{ summary: 'New one', recaptcha_token: 'captcha-secret' },
		]);
		const outputs = await allOut('spaced', '/api/tickets', 2);
		return { outputs, stored: tenant.records('tickets').map((row) => row.last_update) };
	},
};

test('150 tickets changed in one second, 5 of them again between polls: each version once, none lost', async () => {
	const { first, outputs, changed, at } = await running.second;
	assert.deepEqual(
		first.map((item) => item.id),
		many(100, (id) => id),
		'the first poll: the first 100 of that second, by ID',
	);
	const items = outputs.flat();
	const versions = items.map(versionOf('last_update'));
	assert.equal(new Set(versions).size, versions.length, 'no version twice');
	assert.deepEqual(
		items
			.filter((item) => item.last_update === at)
			.map((item) => item.id)
			.sort((a, b) => a - b),
		many(150, (id) => id),
		'every ticket of that second came out',
	);
	assert.deepEqual(
		items.filter((item) => item.last_update !== at).map((item) => item.summary),
		changed.map((id) => `S${id}, changed`),
		'and the five changed ones once more, with their new version',
	);
	const windows = tenants.second
		.apiRequests()
		.filter((entry) => entry.route === '/api/tickets' && entry.query.lastupdatetodate);
	assert.ok(windows.length > 0, "the second's later pages were read inside that second");
});

test('250 changed invoices (no date filter in Halo), 100 per poll: oldest first, each once', async () => {
	const { outputs, expected } = await running.invoices;
	assert.ok(outputs.length >= 3, `three polls at least (${outputs.length})`);
	assert.ok(outputs.every((items) => items.length <= PER_POLL));
	assert.deepEqual(
		outputs.flat().map(versionOf('last_modified')),
		expected.map(versionOf('last_modified')),
	);
});

test('Halo times written with a space and no zone are UTC (n8n in Auckland): each change once', async () => {
	const { outputs, stored } = await running.spaced;
	assert.ok(
		stored.every((time) => / \d\d:\d\d:\d\d/.test(time)),
		'the tenant writes a space',
	);
	assert.deepEqual(
		outputs.map((items) => items.map((item) => item.summary)),
		[['Old, changed', 'New one']],
	);
	// A secret-bearing field of the record is masked in the trigger's output (Include Secrets off).
	assert.equal(outputs[0][1].recaptcha_token, '********');
});
