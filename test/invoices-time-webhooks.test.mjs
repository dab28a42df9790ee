// Invoice, Timesheet, Timesheet Event, Webhook and Webhook Event, every operation, executed inside
// real n8n against the HaloPSA sandbox. One n8n boot runs every workflow; each case has its own
// sandbox tenant and request log. Where Halo's behaviour is unknown (the void route, the
// Timesheet and Webhook Event list shapes) the case runs against each possible answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { startSandbox } from '../sandbox/server.mjs';
import { EXTENSION_DIR, N8nSuite, nodeOutput } from './harness/n8n.mjs';
import { byId, caseWorkflow, tenantCase } from './harness/cases.mjs';

const sandbox = await startSandbox();
const suite = new N8nSuite('invoices-time-webhooks');
const cases = {};

function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	const ctx = tenantCase(sandbox, suite, name, options);
	ctx.flow = caseWorkflow(suite, ctx, name, { parameters, continueOnFail }, items);
	cases[name] = ctx;
}

const on =
	(resource) =>
	(operation, extra = {}) => ({ resource, operation, ...extra });
const invoice = on('invoice');
const timesheet = on('timesheet');
const timesheetEvent = on('timesheetEvent');
const webhook = on('webhook');
const webhookEvent = on('webhookEvent');

const GUID_A = '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12';
const GUID_B = '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const EVENT_A = 'b7e1c2d3-4f5a-4b6c-9d7e-8f9a0b1c2d3e';
const EVENT_B = 'c8f2d3e4-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const GUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ── Invoice ───────────────────────────────────────────────────────────────────────────────────
const invoices = [
	{ client_id: 2, reference: 'INV-A', notes_1: 'first', sitenumber: 4, hideinvoice: true },
	{ client_id: 3, reference: 'INV-B' },
	{ client_id: 2, reference: 'INV-C', posted: true },
];
define(
	'invCreate',
	{},
	invoice('create', {
		client_id: 7,
		additionalFields: {
			reference: 'PO-77',
			duedate: '2024-06-30T00:00:00',
			hideinvoice: false,
			lines: '[{"item_shortdescription": "Support", "qty_order": 2, "unit_price": 90}]',
		},
	}),
);
define(
	'invGet',
	{ seed: { invoice: invoices } },
	invoice('get', { invoiceId: byId(2), options: { includedetails: true } }),
);
define(
	'invGetMany',
	{ seed: { invoice: invoices } },
	invoice('getMany', {
		limit: 10,
		filters: {
			client_id: 2,
			postedonly: false,
			order: 'reference',
			orderdesc: true,
			client_ids: '2, 3',
			paymentstatuses: '0,1',
		},
	}),
);
define(
	'invClear',
	{ seed: { invoice: invoices } },
	invoice('update', {
		invoiceId: byId(1),
		updateFields: { notes_1: '', hideinvoice: false, sitenumber: 0 },
	}),
);
define(
	'invDelete',
	{ seed: { invoice: invoices } },
	invoice('delete', { invoiceId: byId(3), options: { bypass_accounts_sync: true } }),
);
define(
	'invUpdateLines',
	{ seed: { invoice: invoices } },
	invoice('updateLines', {
		lines:
			'[{"ihid": 1, "item_shortdescription": "Support", "qty_order": 2, "unit_price": 90}, {"ihid": 2, "item_shortdescription": "Licence", "qty_order": 1, "unit_price": 12.5}]',
	}),
);
define(
	'invUpdateLinesBadJson',
	{ seed: { invoice: invoices } },
	invoice('updateLines', { lines: '[{"ihid": 1,' }),
	{ continueOnFail: true },
);
// Void, both ways Halo may answer: a newer Halo's own route, or (2024-09) no route, so an update.
define(
	'invVoidRoute',
	{ seed: { invoice: invoices }, knobs: { invoiceVoidRoute: true } },
	invoice('void', { invoiceId: byId(2) }),
);
define('invVoidNoRoute', { seed: { invoice: invoices } }, invoice('void', { invoiceId: byId(2) }));
define(
	'invVoid405',
	{
		seed: { invoice: invoices },
		knobs: {
			failures: [
				{
					method: 'POST',
					route: /\/void$/,
					status: 405,
					body: "The requested resource does not support http method 'POST'.",
				},
			],
		},
	},
	invoice('void', { invoiceId: byId(2) }),
);
define(
	'invVoidUnknown',
	{ seed: { invoice: invoices } },
	invoice('void', { invoiceId: byId(999) }),
	{ continueOnFail: true },
);
define(
	'invVoidUnknownWithRoute',
	{ seed: { invoice: invoices }, knobs: { invoiceVoidRoute: true } },
	invoice('void', { invoiceId: byId(999) }),
	{
		continueOnFail: true,
	},
);
define(
	'invVoidServerError',
	{
		seed: { invoice: invoices },
		knobs: {
			invoiceVoidRoute: true,
			failures: [
				{
					method: 'POST',
					route: /\/void$/,
					status: 400,
					body: { ClassName: 'System.Exception', Message: 'Posted invoices cannot be voided' },
				},
			],
		},
	},
	invoice('void', { invoiceId: byId(3) }),
	{ continueOnFail: true },
);

// ── Timesheet: bare array or `timesheets` wrapper, and no DELETE ──────────────────────────────
const timesheets = [
	{
		agent_id: 4,
		agent_name: 'Ann',
		date: '2024-05-01T00:00:00',
		target_hours: 7.5,
		actual_hours: 6,
	},
	{ agent_id: 4, agent_name: 'Ann', date: '2024-05-02T00:00:00', target_hours: 7.5 },
	{ agent_id: 5, agent_name: 'Bob', date: '2024-05-01T00:00:00', target_hours: 8 },
];
define(
	'tsCreate',
	{},
	timesheet('create', {
		agent_id: 4,
		date: '2024-05-03T00:00:00',
		additionalFields: { target_hours: 7.5, colour: '#00AA00', timesheet_manager: 9 },
	}),
);
define(
	'tsGet',
	{ seed: { timesheet: timesheets } },
	timesheet('get', { timesheetId: byId(3), options: { agent_id: 5, date: '2024-05-01' } }),
);
for (const shape of ['array', 'wrapper']) {
	const knobs =
		shape === 'wrapper'
			? { listShapes: { timesheet: { list: 'wrapper', listKey: 'timesheets' } } }
			: {};
	define(
		`tsGetMany-${shape}`,
		{ seed: { timesheet: timesheets }, knobs },
		timesheet('getMany', { limit: 10, filters: { agent_id: 4 } }),
	);
	define(
		`tsGetManyDate-${shape}`,
		{ seed: { timesheet: timesheets }, knobs },
		timesheet('getMany', { returnAll: true, filters: { date: '2024-05-01' } }),
	);
}
define(
	'tsClear',
	{ seed: { timesheet: timesheets } },
	timesheet('update', {
		timesheetId: byId(1),
		updateFields: { actual_hours: 0, agent_name: '', date: '2024-05-05T00:00:00' },
	}),
);
// A workflow saved with Delete (from another node or hand-written JSON) fails with the reason.
define(
	'tsDelete',
	{ seed: { timesheet: timesheets } },
	timesheet('delete', { timesheetId: byId(1) }),
	{ continueOnFail: true },
);

// ── Timesheet Event ───────────────────────────────────────────────────────────────────────────
const events = [
	{
		agent_id: 4,
		subject: 'Call',
		start_date: '2024-05-01T09:00:00',
		end_date: '2024-05-01T10:00:00',
		note: 'n',
		ticket_id: 12,
	},
	{
		agent_id: 5,
		subject: 'Visit',
		start_date: '2024-05-01T11:00:00',
		end_date: '2024-05-01T13:00:00',
	},
	{
		agent_id: 6,
		subject: 'Admin',
		start_date: '2024-05-01T09:30:00',
		end_date: '2024-05-01T10:30:00',
	},
	{
		agent_id: 4,
		subject: 'Next day',
		start_date: '2024-05-02T09:00:00',
		end_date: '2024-05-02T10:00:00',
	},
];
define(
	'teCreate',
	{},
	timesheetEvent('create', {
		agent_id: 4,
		additionalFields: {
			subject: 'Site visit',
			start_date: '2024-05-01T09:00:00',
			end_date: '2024-05-01T10:30:00',
			timetaken: 1.5,
			ticket_id: 12,
			event_type: 0,
		},
	}),
);
define(
	'teGet',
	{ seed: { timesheetevent: events } },
	timesheetEvent('get', { timesheetEventId: byId(2), options: { includedetails: true } }),
);
define(
	'teGetMany',
	{ seed: { timesheetevent: events } },
	timesheetEvent('getMany', {
		returnAll: true,
		filters: {
			agents: '4, 5',
			start_date: '2024-05-01T00:00:00',
			end_date: '2024-05-01T23:59:59',
			utcoffset: 0,
		},
	}),
);
define(
	'teClear',
	{ seed: { timesheetevent: events } },
	timesheetEvent('update', { timesheetEventId: byId(1), updateFields: { note: '', ticket_id: 0 } }),
);
define(
	'teDelete',
	{ seed: { timesheetevent: events } },
	timesheetEvent('delete', { timesheetEventId: byId(2) }),
);

// ── Webhook: GUID ids end to end, Execute Runbook ─────────────────────────────────────────────
const webhooks = [
	{
		id: GUID_A,
		name: 'Ticket sync',
		type: 0,
		url: 'https://hooks.example.org/a',
		note: 'old note',
	},
	{ id: GUID_B, name: 'Onboard user', type: 1 },
];
define(
	'whCreate',
	{},
	webhook('create', {
		name: 'New tickets to ops',
		additionalFields: {
			url: 'https://hooks.example.org/new',
			type: 0,
			method: 0,
			content_type: 'application/json',
			authentication_type: 1,
			basic_username: 'halo',
			basic_password: 's3cret',
			active: true,
			events: '[{"eventno": 3}]',
			payload_type: 0,
			batch_method: 1,
			batch_delay_seconds: 60,
			batch_limit: 10,
		},
	}),
);
define(
	'whGet',
	{ seed: { webhook: webhooks } },
	webhook('get', { webhookId: byId(GUID_B), options: { includedetails: true } }),
);
define(
	'whGetMany',
	{ seed: { webhook: webhooks } },
	webhook('getMany', { returnAll: true, filters: { type: 0, isazureautomation: false } }),
);
define(
	'whClear',
	{ seed: { webhook: webhooks } },
	webhook('update', {
		webhookId: byId(GUID_A),
		updateFields: { note: '', active: false, batch_limit: 0 },
	}),
);
define('whDelete', { seed: { webhook: webhooks } }, webhook('delete', { webhookId: byId(GUID_A) }));
// Variables named like webhook settings (name, url, id) must reach the runbook, not the webhook.
define(
	'whRunbook',
	{ seed: { webhook: webhooks } },
	webhook('executeRunbook', {
		webhookId: byId(GUID_B),
		_test: false,
		options: {
			custom_parameters:
				'{"ticket_id": 42, "name": "Ann New", "url": "https://elsewhere.example.org", "id": "not-this-one"}',
		},
	}),
);
define(
	'whRunbookDefaults',
	{ seed: { webhook: webhooks } },
	webhook('executeRunbook', { webhookId: byId(GUID_B) }),
);
define(
	'whRunbookBadParameters',
	{ seed: { webhook: webhooks } },
	webhook('executeRunbook', {
		webhookId: byId(GUID_B),
		options: { custom_parameters: '[1, 2]' },
	}),
	{ continueOnFail: true },
);
define(
	'whRunbookNotRunbook',
	{ seed: { webhook: webhooks } },
	webhook('executeRunbook', { webhookId: byId(GUID_A) }),
	{ continueOnFail: true },
);
define(
	'whUnknown',
	{ seed: { webhook: webhooks } },
	webhook('get', { webhookId: byId('00000000-0000-4000-8000-000000000000') }),
	{ continueOnFail: true },
);

// ── Webhook Event: the delivery log; GUID ids; wrapper key unknown; no DELETE ─────────────────
const deliveries = [
	{
		id: EVENT_A,
		webhook_id: GUID_A,
		integration_method_id: 3,
		responsestatus: 200,
		responsebody: 'ok',
		error: false,
	},
	{ id: EVENT_B, webhook_id: GUID_A, integration_method_id: 4, responsestatus: 500, error: true },
	{ webhook_id: GUID_B, integration_method_id: 3, responsestatus: 200 },
];
define(
	'weCreate',
	{},
	webhookEvent('create', {
		webhook_id: GUID_A,
		additionalFields: {
			responsestatus: 202,
			requestbody: '{"ticket_id": 5}',
			error: false,
			timestamp: '2024-05-01T09:00:00',
		},
	}),
);
define(
	'weGet',
	{ seed: { webhookevent: deliveries } },
	webhookEvent('get', { webhookEventId: byId(EVENT_B), options: { includedetails: true } }),
);
for (const listKey of ['webhookevents', 'events']) {
	const knobs = { listShapes: { webhookevent: { listKey } } };
	define(
		`weGetMany-${listKey}`,
		{ seed: { webhookevent: deliveries }, knobs },
		webhookEvent('getMany', {
			limit: 10,
			filters: { webhook_id: GUID_A, integrationmethod_id: 3 },
		}),
	);
}
define(
	'weClear',
	{ seed: { webhookevent: deliveries } },
	webhookEvent('update', {
		webhookEventId: byId(EVENT_A),
		updateFields: { responsebody: '', error: false, responsestatus: 0 },
	}),
);
define(
	'weDelete',
	{ seed: { webhookevent: deliveries } },
	webhookEvent('delete', { webhookEventId: byId(EVENT_A) }),
	{ continueOnFail: true },
);

let batch;

before(async () => {
	batch = await suite.importAndRun(Object.values(cases).map((ctx) => ctx.flow));
});

after(() => sandbox.close());

function items(name) {
	const execution = batch.results.get(cases[name].flow.id);
	assert.ok(
		execution,
		`${name} did not finish successfully: ${JSON.stringify(batch.summary?.summary?.errors ?? batch.run.stderr.slice(-2000))}`,
	);
	return nodeOutput(execution);
}

const output = (name) => items(name).map((item) => item.json);
const api = (name) => cases[name].tenant.apiRequests();
const route = (request) => [request.method, request.path, request.status];

// ── Invoice ───────────────────────────────────────────────────────────────────────────────────

test('Invoice Create posts the client, the fields set and the lines, and outputs the saved invoice', () => {
	const [request] = api('invCreate');
	assert.deepEqual([request.method, request.path], ['POST', '/api/Invoice']);
	assert.deepEqual(request.body, [
		{
			client_id: 7,
			reference: 'PO-77',
			duedate: '2024-06-30T00:00:00',
			hideinvoice: false,
			lines: [{ item_shortdescription: 'Support', qty_order: 2, unit_price: 90 }],
		},
	]);
	const [created] = output('invCreate');
	assert.equal(created.id, 1);
	assert.equal(created.reference, 'PO-77');
	assert.equal(created.voided, false);
});

test('Invoice Get reads /Invoice/{id} with Include Details', () => {
	const [request] = api('invGet');
	assert.deepEqual(route(request), ['GET', '/api/Invoice/2', 200]);
	assert.deepEqual(request.query, { includedetails: 'true' });
	assert.deepEqual(
		output('invGet').map((row) => row.reference),
		['INV-B'],
	);
});

test('Invoice Get Many pages and sends its filters under their HaloPSA names', () => {
	const requests = api('invGetMany');
	assert.equal(requests.length, 1);
	assert.deepEqual(requests[0].query, {
		pageinate: 'true',
		page_size: '10',
		page_no: '1',
		client_id: '2',
		postedonly: 'false',
		order: 'reference',
		orderdesc: 'true',
		client_ids: '2,3',
		paymentstatuses: '0,1',
	});
	assert.deepEqual(
		output('invGetMany').map((row) => row.reference),
		['INV-C', 'INV-A'],
	);
});

test('Invoice Update sends empty string, false and 0 so fields can be cleared', () => {
	assert.deepEqual(api('invClear')[0].body, [
		{ id: 1, notes_1: '', hideinvoice: false, sitenumber: 0 },
	]);
	const [updated] = output('invClear');
	assert.deepEqual(
		[updated.id, updated.notes_1, updated.hideinvoice, updated.sitenumber],
		[1, '', false, 0],
	);
	assert.equal(cases.invClear.tenant.record('invoice', 1).notes_1, '');
});

test('Invoice Delete sends Bypass Accounts Sync and outputs { id, deleted: true }', () => {
	const [request] = api('invDelete');
	assert.deepEqual(route(request), ['DELETE', '/api/Invoice/3', 200]);
	assert.deepEqual(request.query, { bypass_accounts_sync: 'true' });
	assert.deepEqual(output('invDelete'), [{ id: 3, deleted: true }]);
	assert.equal(cases.invDelete.tenant.record('invoice', 3), undefined);
});

test('Invoice Update Lines posts the lines array as it was given and outputs the invoices changed', () => {
	const [request] = api('invUpdateLines');
	assert.deepEqual(route(request), ['POST', '/api/Invoice/updatelines', 200]);
	assert.deepEqual(request.body, [
		{ ihid: 1, item_shortdescription: 'Support', qty_order: 2, unit_price: 90 },
		{ ihid: 2, item_shortdescription: 'Licence', qty_order: 1, unit_price: 12.5 },
	]);
	const changed = output('invUpdateLines');
	assert.deepEqual(
		changed.map((row) => row.id),
		[1, 2],
	);
	assert.deepEqual(
		changed[1].lines.map((line) => line.item_shortdescription),
		['Licence'],
	);
	assert.equal(cases.invUpdateLines.tenant.record('invoice', 1).lines[0].unit_price, 90);
});

test('Invoice Update Lines with broken JSON fails before any request', () => {
	assert.equal(api('invUpdateLinesBadJson').length, 0);
	assert.equal(output('invUpdateLinesBadJson')[0].error, 'Invoice Lines (JSON) is not valid JSON');
});

test('Void uses POST /Invoice/{id}/void where Halo has that route', () => {
	assert.deepEqual(api('invVoidRoute').map(route), [['POST', '/api/Invoice/2/void', 200]]);
	assert.equal(api('invVoidRoute')[0].body, undefined);
	const [voided] = output('invVoidRoute');
	assert.deepEqual([voided.id, voided.voided], [2, true]);
	assert.equal(cases.invVoidRoute.tenant.record('invoice', 2).voided, true);
});

for (const [name, status] of [
	['invVoidNoRoute', 404],
	['invVoid405', 405],
]) {
	test(`Void falls back to an update with voided: true when the route answers ${status}`, () => {
		const requests = api(name);
		assert.deepEqual(requests.map(route), [
			['POST', '/api/Invoice/2/void', status],
			['GET', '/api/Invoice/2', 200],
			['POST', '/api/Invoice', 201],
		]);
		assert.deepEqual(requests[2].body, [{ voided: true, id: 2 }]);
		const [voided] = output(name);
		assert.deepEqual([voided.id, voided.voided, voided.reference], [2, true, 'INV-B']);
		assert.equal(cases[name].tenant.record('invoice', 2).voided, true);
		assert.equal(cases[name].tenant.record('invoice', 1).voided, false);
	});
}

for (const name of ['invVoidUnknown', 'invVoidUnknownWithRoute']) {
	test(`Void of an unknown invoice fails naming it, and never posts an update (${name})`, () => {
		assert.deepEqual(api(name).map(route), [
			['POST', '/api/Invoice/999/void', 404],
			['GET', '/api/Invoice/999', 404],
		]);
		const [failed] = output(name);
		assert.equal(failed.error, 'No Invoice with ID 999 exists in HaloPSA (404)');
		assert.equal(failed.httpCode, '404');
		assert.equal(cases[name].tenant.records('invoice').length, invoices.length);
	});
}

test("Void does not fall back on other errors: Halo's 400 is shown as it is", () => {
	assert.deepEqual(api('invVoidServerError').map(route), [['POST', '/api/Invoice/3/void', 400]]);
	assert.equal(
		output('invVoidServerError')[0].error,
		'HaloPSA rejected the request: Posted invoices cannot be voided',
	);
	assert.equal(cases.invVoidServerError.tenant.record('invoice', 3).voided, false);
});

// ── Timesheet ─────────────────────────────────────────────────────────────────────────────────

test('Timesheet Create posts agent, date and the fields set', () => {
	const [request] = api('tsCreate');
	assert.deepEqual([request.method, request.path], ['POST', '/api/Timesheet']);
	assert.deepEqual(request.body, [
		{
			agent_id: 4,
			date: '2024-05-03T00:00:00',
			target_hours: 7.5,
			colour: '#00AA00',
			timesheet_manager: 9,
		},
	]);
	const [created] = output('tsCreate');
	assert.deepEqual([created.id, created.agent_id, created.colour], [1, 4, '#00AA00']);
});

test('Timesheet Get reads /Timesheet/{id} with its agent and date options', () => {
	const [request] = api('tsGet');
	assert.deepEqual(route(request), ['GET', '/api/Timesheet/3', 200]);
	assert.deepEqual(request.query, { agent_id: '5', date: '2024-05-01' });
	assert.deepEqual(
		output('tsGet').map((row) => row.agent_name),
		['Bob'],
	);
});

for (const shape of ['array', 'wrapper']) {
	test(`Timesheet Get Many reads a ${shape === 'array' ? 'bare array' : '`timesheets` wrapper'}, filtered, without paging`, () => {
		const [limited] = api(`tsGetMany-${shape}`);
		assert.deepEqual(limited.query, { agent_id: '4', count: '10' });
		assert.deepEqual(
			output(`tsGetMany-${shape}`).map((row) => row.date),
			['2024-05-01T00:00:00', '2024-05-02T00:00:00'],
		);
		const all = api(`tsGetManyDate-${shape}`);
		assert.equal(all.length, 1);
		assert.deepEqual(all[0].query, { date: '2024-05-01' });
		assert.deepEqual(
			output(`tsGetManyDate-${shape}`).map((row) => row.agent_name),
			['Ann', 'Bob'],
		);
	});
}

test('Timesheet Update sends 0 and empty string so fields can be cleared', () => {
	assert.deepEqual(api('tsClear')[0].body, [
		{ id: 1, actual_hours: 0, agent_name: '', date: '2024-05-05T00:00:00' },
	]);
	const [updated] = output('tsClear');
	assert.deepEqual([updated.actual_hours, updated.agent_name], [0, '']);
});

test('Timesheet Delete is refused with the reason, without calling Halo (Halo has no DELETE)', () => {
	assert.equal(api('tsDelete').length, 0);
	assert.match(output('tsDelete')[0].error, /HaloPSA has no way to delete a timesheet/);
	assert.ok(cases.tsDelete.tenant.record('timesheet', 1));
});

// ── Timesheet Event ───────────────────────────────────────────────────────────────────────────

test('Timesheet Event Create posts the agent and the fields set', () => {
	const [request] = api('teCreate');
	assert.deepEqual([request.method, request.path], ['POST', '/api/TimesheetEvent']);
	assert.deepEqual(request.body, [
		{
			agent_id: 4,
			subject: 'Site visit',
			start_date: '2024-05-01T09:00:00',
			end_date: '2024-05-01T10:30:00',
			timetaken: 1.5,
			ticket_id: 12,
			event_type: 0,
		},
	]);
	const [created] = output('teCreate');
	assert.deepEqual([created.id, created.subject], [1, 'Site visit']);
});

test('Timesheet Event Get reads /TimesheetEvent/{id}', () => {
	const [request] = api('teGet');
	assert.deepEqual(route(request), ['GET', '/api/TimesheetEvent/2', 200]);
	assert.deepEqual(request.query, { includedetails: 'true' });
	assert.deepEqual(
		output('teGet').map((row) => row.subject),
		['Visit'],
	);
});

test('Timesheet Event Get Many sends agents as a list and the date window', () => {
	const [request] = api('teGetMany');
	assert.deepEqual(request.query, {
		agents: '4,5',
		start_date: '2024-05-01T00:00:00',
		end_date: '2024-05-01T23:59:59',
		utcoffset: '0',
	});
	assert.deepEqual(
		output('teGetMany').map((row) => row.subject),
		['Call', 'Visit'],
	);
});

test('Timesheet Event Update clears the note and the ticket', () => {
	assert.deepEqual(api('teClear')[0].body, [{ id: 1, note: '', ticket_id: 0 }]);
	const record = cases.teClear.tenant.record('timesheetevent', 1);
	assert.deepEqual([record.note, record.ticket_id], ['', 0]);
	assert.equal(output('teClear')[0].note, '');
});

test('Timesheet Event Delete sends DELETE /TimesheetEvent/{id}', () => {
	assert.deepEqual(api('teDelete').map(route), [['DELETE', '/api/TimesheetEvent/2', 200]]);
	assert.deepEqual(output('teDelete'), [{ id: 2, deleted: true }]);
	assert.equal(cases.teDelete.tenant.record('timesheetevent', 2), undefined);
});

// ── Webhook ───────────────────────────────────────────────────────────────────────────────────

test('Webhook Create posts every setting under its HaloPSA name and outputs a GUID id', () => {
	const [request] = api('whCreate');
	assert.deepEqual([request.method, request.path], ['POST', '/api/Webhook']);
	assert.deepEqual(request.body, [
		{
			name: 'New tickets to ops',
			url: 'https://hooks.example.org/new',
			type: 0,
			method: 0,
			content_type: 'application/json',
			authentication_type: 1,
			basic_username: 'halo',
			basic_password: 's3cret',
			active: true,
			events: [{ eventno: 3 }],
			payload_type: 0,
			batch_method: 1,
			batch_delay_seconds: 60,
			batch_limit: 10,
		},
	]);
	const [created] = output('whCreate');
	assert.match(created.id, GUID_SHAPE);
	assert.equal(cases.whCreate.tenant.record('webhook', created.id).name, 'New tickets to ops');
});

test('Webhook Get reads /Webhook/{GUID}', () => {
	const [request] = api('whGet');
	assert.deepEqual(route(request), ['GET', `/api/Webhook/${GUID_B}`, 200]);
	assert.deepEqual(request.query, { includedetails: 'true' });
	assert.deepEqual(
		output('whGet').map((row) => [row.id, row.name]),
		[[GUID_B, 'Onboard user']],
	);
});

test('Webhook Get Many sends Type 0 (outbound) too, and reads the bare array', () => {
	const [request] = api('whGetMany');
	assert.deepEqual(request.query, { type: '0', isazureautomation: 'false' });
	assert.deepEqual(
		output('whGetMany').map((row) => row.id),
		[GUID_A],
	);
});

test('Webhook Update keeps the GUID a string and clears fields', () => {
	assert.deepEqual(api('whClear')[0].body, [
		{ id: GUID_A, note: '', active: false, batch_limit: 0 },
	]);
	const [updated] = output('whClear');
	assert.deepEqual([updated.id, updated.note, updated.active], [GUID_A, '', false]);
});

test('Webhook Delete sends DELETE /Webhook/{GUID} and outputs the GUID', () => {
	assert.deepEqual(api('whDelete').map(route), [['DELETE', `/api/Webhook/${GUID_A}`, 200]]);
	assert.deepEqual(output('whDelete'), [{ id: GUID_A, deleted: true }]);
	assert.equal(cases.whDelete.tenant.record('webhook', GUID_A), undefined);
});

test('Execute Runbook starts the runbook with POST /Automation/{GUID}, the variables as the body; the webhook is untouched', () => {
	const variables = {
		ticket_id: 42,
		name: 'Ann New',
		url: 'https://elsewhere.example.org',
		id: 'not-this-one',
	};
	assert.deepEqual(api('whRunbook').map(route), [['POST', `/api/Automation/${GUID_B}`, 200]]);
	assert.deepEqual(api('whRunbook')[0].body, variables);
	const { tenant } = cases.whRunbook;
	assert.deepEqual(
		tenant.runbookRuns.map((run) => [run.runbook_id, run.body]),
		[[GUID_B, variables]],
	);
	assert.deepEqual(tenant.record('webhook', GUID_B), {
		active: true,
		events: [],
		id: GUID_B,
		name: 'Onboard user',
		type: 1,
	});
	assert.deepEqual(output('whRunbook'), [{ id: GUID_B, success: true }]);
});

test('Execute Runbook without variables posts no body, and never sends Test Mode (Halo has no place for it)', () => {
	const [request] = api('whRunbookDefaults');
	// The engine hands n8n {}; n8n sends an empty object as no body at all.
	assert.deepEqual(
		[...route(request), request.query, request.body],
		['POST', `/api/Automation/${GUID_B}`, 200, {}, undefined],
	);
	assert.deepEqual(
		cases.whRunbookDefaults.tenant.runbookRuns.map((run) => run.runbook_id),
		[GUID_B],
	);
	assert.equal(output('whRunbookDefaults').length, 1);
});

test('Execute Runbook on an outbound webhook (not a runbook) is a clear 404 and changes nothing', () => {
	assert.deepEqual(api('whRunbookNotRunbook').map(route), [
		['POST', `/api/Automation/${GUID_A}`, 404],
	]);
	assert.equal(
		output('whRunbookNotRunbook')[0].error,
		`No Webhook with ID ${GUID_A} exists in HaloPSA (404)`,
	);
	assert.deepEqual(cases.whRunbookNotRunbook.tenant.runbookRuns, []);
	assert.equal(cases.whRunbookNotRunbook.tenant.record('webhook', GUID_A).name, 'Ticket sync');
});

test('Execute Runbook refuses custom parameters that are not a JSON object', () => {
	assert.equal(api('whRunbookBadParameters').length, 0);
	assert.match(
		output('whRunbookBadParameters')[0].error,
		/^Custom Parameters \(JSON\) must be a JSON object/,
	);
});

test('An unknown webhook GUID fails with a clear 404', () => {
	const [failed] = output('whUnknown');
	assert.equal(
		failed.error,
		'No Webhook with ID 00000000-0000-4000-8000-000000000000 exists in HaloPSA (404)',
	);
	assert.equal(failed.httpCode, '404');
});

// ── Webhook Event ─────────────────────────────────────────────────────────────────────────────

test('Webhook Event Create posts the webhook GUID and fields, and outputs a GUID id', () => {
	const [request] = api('weCreate');
	assert.deepEqual([request.method, request.path], ['POST', '/api/WebhookEvent']);
	assert.deepEqual(request.body, [
		{
			webhook_id: GUID_A,
			responsestatus: 202,
			requestbody: '{"ticket_id": 5}',
			error: false,
			timestamp: '2024-05-01T09:00:00',
		},
	]);
	const [created] = output('weCreate');
	assert.match(created.id, GUID_SHAPE);
	assert.equal(created.webhook_id, GUID_A);
});

test('Webhook Event Get reads /WebhookEvent/{GUID}', () => {
	const [request] = api('weGet');
	assert.deepEqual(route(request), ['GET', `/api/WebhookEvent/${EVENT_B}`, 200]);
	assert.deepEqual(request.query, { includedetails: 'true' });
	assert.deepEqual(
		output('weGet').map((row) => [row.id, row.responsestatus]),
		[[EVENT_B, 500]],
	);
});

for (const listKey of ['webhookevents', 'events']) {
	test(`Webhook Event Get Many pages and reads the list wrapped as "${listKey}"`, () => {
		const [request] = api(`weGetMany-${listKey}`);
		assert.deepEqual(request.query, {
			webhook_id: GUID_A,
			integrationmethod_id: '3',
			pageinate: 'true',
			page_size: '10',
			page_no: '1',
		});
		assert.deepEqual(
			output(`weGetMany-${listKey}`).map((row) => row.id),
			[EVENT_A],
		);
	});
}

test('Webhook Event Update keeps the GUID a string and clears fields', () => {
	assert.deepEqual(api('weClear')[0].body, [
		{ id: EVENT_A, responsebody: '', error: false, responsestatus: 0 },
	]);
	const [updated] = output('weClear');
	assert.deepEqual([updated.id, updated.responsebody, updated.responsestatus], [EVENT_A, '', 0]);
});

test('Webhook Event Delete is refused with the reason, without calling Halo (Halo has no DELETE)', () => {
	assert.equal(api('weDelete').length, 0);
	assert.match(output('weDelete')[0].error, /HaloPSA has no way to delete a webhook event/);
	assert.ok(cases.weDelete.tenant.record('webhookevent', EVENT_A));
});

// ── What the editor shows (the packed node's description) ──────────────────────────────────────

const require = createRequire(import.meta.url);
const { HaloPsaComplete } = require(
	join(
		EXTENSION_DIR,
		'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/HaloPsaComplete.node.js',
	),
);
const properties = new HaloPsaComplete().description.properties;

function operationsOf(resource) {
	const selector = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	return selector.options.map((option) => option.value).sort();
}

test('The editor offers exactly the operations Halo supports, and says why Delete is missing', () => {
	assert.deepEqual(operationsOf('invoice'), [
		'create',
		'delete',
		'get',
		'getMany',
		'update',
		'updateLines',
		'void',
	]);
	assert.deepEqual(operationsOf('timesheet'), ['create', 'get', 'getMany', 'update']);
	assert.deepEqual(operationsOf('timesheetEvent'), [
		'create',
		'delete',
		'get',
		'getMany',
		'update',
	]);
	assert.deepEqual(operationsOf('webhook'), [
		'create',
		'delete',
		'executeRunbook',
		'get',
		'getMany',
		'update',
	]);
	assert.deepEqual(operationsOf('webhookEvent'), ['create', 'get', 'getMany', 'update']);
	for (const [resource, text] of [
		['timesheet', 'delete a timesheet'],
		['webhookEvent', 'delete a webhook event'],
	]) {
		const notice = properties.find(
			(p) => p.type === 'notice' && p.displayOptions?.show?.resource?.includes(resource),
		);
		assert.match(notice.displayName, new RegExp(text));
	}
});

test('Webhook ids are picked as GUIDs and the Basic Auth password is masked', () => {
	const locator = properties.find((p) => p.name === 'webhookId');
	const byIdMode = locator.modes.find((mode) => mode.name === 'id');
	const pattern = new RegExp(byIdMode.validation[0].properties.regex);
	assert.ok(pattern.test(GUID_A));
	assert.ok(!pattern.test('42'));
	const webhookCreate = properties.find(
		(p) => p.name === 'additionalFields' && p.displayOptions.show.resource.includes('webhook'),
	);
	const password = webhookCreate.options.find((option) => option.name === 'basic_password');
	assert.deepEqual(password.typeOptions, { password: true });
});

test('No two top-level parameters share a name with different types (n8n keeps one value per name)', () => {
	// Different types under one name are allowed only where no node version shows both: a
	// parameter whose type changed in a new node version ({ lt: v } before, { gte: v } from v on).
	const versionGate = (property) => property.displayOptions?.show?.['@version']?.[0]?._cnd;
	const exclusive = (a, b) => {
		const [x, y] = [versionGate(a), versionGate(b)];
		return Boolean(x && y && ((x.lt && y.gte === x.lt) || (x.gte && y.lt === x.gte)));
	};
	const seen = new Map();
	for (const property of properties) {
		for (const other of seen.get(property.name) ?? []) {
			assert.ok(
				other.type === property.type || exclusive(other, property),
				`${property.name} is both ${other.type} and ${property.type}`,
			);
		}
		seen.set(property.name, [...(seen.get(property.name) ?? []), property]);
	}
});
