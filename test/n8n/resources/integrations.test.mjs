// Halo's integration points: Webhook (GUID ids end to end, Execute Runbook), Webhook Event (the
// delivery log) and Report (list, run, guarded SQL), every operation inside real n8n against the
// HaloPSA sandbox, in one n8n boot. Where Halo's behaviour is unknown (the Webhook Event list's
// wrapper key) the case runs against each possible answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId } from '../../harness/cases.mjs';
import { op, step } from '../../harness/lifecycle.mjs';

const book = await CaseBook.start('integrations');
const cases = new Proxy({}, { get: (_, name) => book.cases.get(name) });
const failing = (parameters) => step(parameters, { continueOnFail: true });

function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}

const on =
	(resource) =>
	(operation, extra = {}) => ({ resource, operation, ...extra });
const webhook = on('webhook');
const webhookEvent = on('webhookEvent');

const GUID_A = '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12';
const GUID_B = '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const EVENT_A = 'b7e1c2d3-4f5a-4b6c-9d7e-8f9a0b1c2d3e';
const EVENT_B = 'c8f2d3e4-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const GUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

const faults = [
	{ Faultid: 11, Symptom: 'Printer offline', Status: 1 },
	{ Faultid: 12, Symptom: 'VPN drops', Status: 2 },
];
const reports = [
	{ name: 'SLA breaches this week', sql: 'SELECT Faultid, Symptom FROM Faults WHERE Status = 1' },
	{ name: 'Open tickets', sql: 'SELECT * FROM Faults' },
	{ name: 'Broken report', sql: 'SELECT * FROM NoSuchTable' },
];

// --- Report ---------------------------------------------------------------------------------
book.passing('reportGetMany', {
	seed: { report: reports },
	steps: step(op('report', 'getMany', { returnAll: true, filters: { search: 'sla' } })),
});
book.passing('reportRun', {
	seed: { report: reports },
	knobs: { sqlTables: { faults } },
	steps: step(
		op('report', 'run', {
			reportId: byId(1),
			options: {
				reportingperiodstartdate: '2026-05-01T00:00:00Z',
				reportingperiodenddate: '2026-05-08T00:00:00Z',
			},
		}),
	),
});
book.passing('reportRunRowsAtTop', {
	seed: { report: reports },
	knobs: { sqlTables: { faults }, reportRowsAt: 'top' },
	steps: step(op('report', 'run', { reportId: byId(2) })),
});
book.passing('reportRunLoadError', {
	seed: { report: reports },
	knobs: { sqlTables: { faults } },
	steps: failing(op('report', 'run', { reportId: byId(3) })),
});
const goodQueries = [
	// A ";" and DROP inside quoted text are data, not statements.
	"SELECT Faultid, Symptom FROM Faults WHERE Symptom <> 'it''s; DROP TABLE Faults'",
	'WITH recent AS (SELECT Faultid FROM Faults) SELECT * FROM recent;',
	'select [Faultid], [Delete] from [Faults]',
];
book.passing('runSql', {
	knobs: { sqlTables: { faults } },
	items: goodQueries.map((sql) => ({ sql })),
	steps: step(op('report', 'runSql', { sql: '={{ $json.sql }}' })),
});
// What the guard (guards/sqlGuard.ts, tested alone in test/unit/guards/sqlGuard.test.mts) refuses
// here, in real n8n, before any request: each reason names what it found and where.
const KEYWORD = 'does more than read (a statement keyword)';
const refused = [
	["INSERT INTO Faults (Symptom) VALUES ('x')", `"INSERT" at line 1, column 1 ${KEYWORD}`],
	['UPDATE Faults SET Status = 9', `"UPDATE" at line 1, column 1 ${KEYWORD}`],
	['DELETE FROM Faults', `"DELETE" at line 1, column 1 ${KEYWORD}`],
	["EXEC xp_cmdshell 'dir'", `"EXEC" at line 1, column 1 ${KEYWORD}`],
	['SELECT 1; DELETE FROM Faults', `"DELETE" at line 1, column 11 ${KEYWORD}`],
	['SELECT 1 DELETE FROM Faults', `"DELETE" at line 1, column 10 ${KEYWORD}`],
	[
		'SELECT 1 -- harmless?\nDELETE FROM Faults',
		'it has a comment ("--") at line 1, column 10; remove comments before running',
	],
	[
		'SELECT 1 /* ; */ DROP TABLE Faults',
		'it has a comment ("/*") at line 1, column 10; remove comments before running',
	],
	['WITH x AS (SELECT 1 AS a) DELETE FROM Faults', `"DELETE" at line 1, column 27 ${KEYWORD}`],
	['SELECT * INTO FaultsCopy FROM Faults', '"INTO" at line 1, column 10 writes rows into a table'],
	[
		"SELECT * FROM Faults WHERE Symptom = 'unfinished",
		'it has quoted text opened at line 1, column 38 that is never closed',
	],
	[
		"SELECT * FROM OPENROWSET(BULK 'c:\\\\x', SINGLE_CLOB) AS f",
		'"OPENROWSET" at line 1, column 15 reads from outside the database',
	],
	['SELECT dbo.sp_helpfile()', '"SP_HELPFILE" at line 1, column 12 is a stored procedure'],
	// The shapes issue 18 saw reach POST /api/Report through the word-list guard.
	[
		'SELECT 1e0drop TABLE Faults',
		'a number runs straight into a word ("1e0drop") at line 1, column 8; put a space between them',
	],
	['SELECT 1 WHILE 1 = 1 SELECT 2', `"WHILE" at line 1, column 10 ${KEYWORD}`],
	['SELECT 1 RECEIVE TOP (1) * FROM ExpenseQueue', `"RECEIVE" at line 1, column 10 ${KEYWORD}`],
	['SELECT 1 END CONVERSATION @h', `"CONVERSATION" at line 1, column 14 ${KEYWORD}`],
	[
		'SELECT NEXT VALUE FOR dbo.TicketNumbers',
		'"NEXT" at line 1, column 8 advances a sequence (NEXT VALUE FOR)',
	],
	[
		"SELECT 1 OPEN MASTER KEY DECRYPTION BY PASSWORD = 'x'",
		`"OPEN" at line 1, column 10 ${KEYWORD}`,
	],
	['SELECT 1 ADD SIGNATURE TO dbo.p BY CERTIFICATE c', `"ADD" at line 1, column 10 ${KEYWORD}`],
	[
		'SELECT 1\u00a0DELETE FROM Faults',
		'it has the character U+00A0 at line 1, column 9 outside quotes; only plain spaces, tabs and line breaks may separate words',
	],
	['   ', 'the query is empty'],
];
book.passing('runSqlRefused', {
	items: refused.map(([sql]) => ({ sql })),
	steps: failing(op('report', 'runSql', { sql: '={{ $json.sql }}' })),
});
book.passing('runSqlLoadError', {
	knobs: { sqlTables: { faults } },
	steps: failing(op('report', 'runSql', { sql: 'SELECT * FROM Nowhere' })),
});

before(() => book.run());
after(() => book.close());

const output = (name) => book.output(name);
const api = (name) => book.api(name);
const route = (request) => [request.method, request.path, request.status];

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

// --- Report ---------------------------------------------------------------------------------
test('Report Get Many lists reports, paged, with the search', () => {
	const [request] = api('reportGetMany');
	assert.equal(request.path, '/api/Report');
	assert.deepEqual(request.query, {
		search: 'sla',
		pageinate: 'true',
		page_size: '100',
		page_no: '1',
	});
	assert.deepEqual(
		output('reportGetMany').map((row) => row.name),
		['SLA breaches this week'],
	);
});

test('Report Run loads the report (loadreport) for the period and outputs each row as an item', () => {
	const [request] = api('reportRun');
	assert.equal(request.method, 'GET');
	assert.equal(request.path, '/api/Report/1');
	assert.deepEqual(request.query, {
		loadreport: 'true',
		reportingperiodstartdate: '2026-05-01T00:00:00Z',
		reportingperiodenddate: '2026-05-08T00:00:00Z',
	});
	assert.deepEqual(output('reportRun'), faults);
	assert.deepEqual(
		output('reportRunRowsAtTop'),
		faults,
		'rows at the top of the answer are read too',
	);
	assert.equal(
		output('reportRunLoadError')[0].error,
		"HaloPSA could not run report 3: Invalid object name 'NoSuchTable'.",
	);
});

test('Run SQL posts one read-only query with _loadreportonly and outputs its rows', () => {
	const requests = api('runSql');
	assert.equal(requests.length, goodQueries.length);
	requests.forEach((request, index) => {
		assert.equal(request.method, 'POST');
		assert.equal(request.path, '/api/Report');
		assert.deepEqual(request.body, [{ _loadreportonly: true, sql: goodQueries[index].trim() }]);
	});
	assert.deepEqual(output('runSql'), [...faults, ...faults, ...faults]);
	const rows = book.items('runSql');
	assert.deepEqual(
		rows.map((row) => row.pairedItem.item),
		[0, 0, 1, 1, 2, 2],
	);
});

test('Run SQL refuses anything but a single SELECT or WITH before any request, saying why', () => {
	assert.equal(api('runSqlRefused').length, 0);
	assert.deepEqual(
		output('runSqlRefused').map((row) => row.error),
		refused.map(([sql, reason]) =>
			sql.trim() === '' ? 'SQL Query is required' : `The query was not sent: ${reason}`,
		),
	);
	assert.equal(
		output('runSqlLoadError')[0].error,
		"HaloPSA could not run the query: Invalid object name 'Nowhere'.",
	);
});
