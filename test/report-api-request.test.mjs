// Reports (list, run, guarded SQL) and the Custom API Call (issue 9), inside real n8n against the
// HaloPSA sandbox: what Halo received, what n8n output, and what was refused before any request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from './harness/cases.mjs';

const book = await CaseBook.start('report-api-request');
const op = (resource, operation, extra = {}) => ({ resource, operation, ...extra });
const step = (parameters, extra = {}) => ({ parameters, ...extra });
const failing = (parameters) => step(parameters, { continueOnFail: true });
const call = (extra) => op('customApiCall', 'request', extra);

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
// What the guard (guards/sqlGuard.ts, tested alone in test/unit/sql-guard.test.mjs) refuses
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

// --- Custom API Call ------------------------------------------------------------------------
book.passing('customGet', {
	seed: { assettype: [{ name: 'Laptop' }, { name: 'Lapdesk' }, { name: 'Server' }] },
	steps: step(
		call({
			method: 'GET',
			path: '/AssetType',
			query: { parameter: [{ name: 'search', value: 'lap' }] },
		}),
	),
});
book.passing('customGetOne', {
	seed: { tickets: [{ summary: 'One' }, { summary: 'Two' }] },
	steps: step(call({ path: 'api/Tickets/2' })),
});
book.passing('customReturnAll', {
	seed: { client: [...names(250), { name: 'Gone', inactive: true }] },
	steps: step(
		call({
			path: '/api/Client',
			returnAll: true,
			listKey: 'clients',
			query: { parameter: [{ name: 'includeinactive', value: 'true' }] },
		}),
	),
});
book.passing('customPost', {
	steps: step(
		call({
			method: 'POST',
			path: '/AssetType',
			body: '[{"name": "Firewall", "colour": "#E83C4A"}]',
		}),
	),
});
book.passing('customDelete', {
	seed: { notification: [{ webhook_id: 'x' }, { webhook_id: 'y' }] },
	steps: step(call({ method: 'DELETE', path: '/Notification/2' })),
});
const badPaths = [
	['https://evil.example/api/Client', /names a host/],
	['//evil.example/api/Client', /names a host/],
	['/Client/../../auth/token', /leaves \/api with "\." or "\.\." segments/],
	['/Client/%2e%2E/auth/token', /leaves \/api with "\." or "\.\." segments/],
	['/Client/x%2F..%2F..', /encodes a "\/"/],
	[
		'/Client?includeinactive=true',
		/has a query string: put query parameters under Query Parameters/,
	],
	['/Client\\..\\auth', /characters a path cannot carry/],
	['/Client//3', /empty segment/],
	['/api', /names no endpoint/],
	['', /Path is required/],
];
book.passing('customPathRefused', {
	seed: { client: names(2) },
	items: badPaths.map(([path]) => ({ path })),
	steps: failing(call({ path: '={{ $json.path }}' })),
});
book.passing('customHaloErrors', {
	seed: { tickets: [{ summary: 'One' }] },
	items: [
		{ method: 'GET', path: '/Tickets/999' },
		{ method: 'POST', path: '/Category', body: '[{"note": "no value"}]' },
	],
	steps: failing(
		call({ method: '={{ $json.method }}', path: '={{ $json.path }}', body: '={{ $json.body }}' }),
	),
});
book.passing('customBadJson', {
	steps: failing(call({ method: 'POST', path: '/Category', body: '{not json' })),
});
book.passing('customRateLimited', {
	seed: { tickets: [{ summary: 'One' }, { summary: 'Two' }] },
	knobs: { rateLimit: { max: 1, windowMs: 1500 } },
	items: [{ id: 1 }, { id: 2 }],
	steps: step(call({ path: '=/Tickets/{{ $json.id }}' })),
});

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const output = (name) => book.output(name);

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

// --- Custom API Call ------------------------------------------------------------------------
test('Custom API Call GET sends the query parameters and outputs an array answer as items', () => {
	const [request] = api('customGet');
	assert.equal(request.method, 'GET');
	assert.equal(request.path, '/api/AssetType');
	assert.deepEqual(request.query, { search: 'lap' });
	assert.deepEqual(
		output('customGet').map((row) => row.name),
		['Laptop', 'Lapdesk'],
	);
	assert.equal(
		api('customGetOne')[0].path,
		'/api/Tickets/2',
		'a path given as api/… is the same call',
	);
	assert.deepEqual(
		output('customGetOne').map((row) => row.summary),
		['Two'],
	);
});

test('Custom API Call Return All pages a list endpoint and outputs its rows', () => {
	const requests = api('customReturnAll');
	assert.equal(requests.length, 3);
	for (const request of requests) {
		assert.equal(request.path, '/api/Client');
		assert.equal(request.query.includeinactive, 'true');
		assert.equal(request.query.page_size, '100');
	}
	assert.deepEqual(requests.map((request) => request.query.page_no).sort(), ['1', '2', '3']);
	assert.equal(output('customReturnAll').length, 251);
});

test('Custom API Call POST and DELETE send the method, path and JSON body as given', () => {
	const [post] = api('customPost');
	assert.equal(post.method, 'POST');
	assert.deepEqual(post.body, [{ name: 'Firewall', colour: '#E83C4A' }]);
	assert.equal(output('customPost')[0].name, 'Firewall');
	assert.equal(book.tenant('customPost').records('assettype').length, 1);
	const [remove] = api('customDelete');
	assert.equal(remove.method, 'DELETE');
	assert.equal(remove.path, '/api/Notification/2');
	assert.equal(book.tenant('customDelete').record('notification', 2), undefined);
});

test('Custom API Call refuses a path that leaves /api or names another host, before any request', () => {
	assert.equal(api('customPathRefused').length, 0);
	const errors = output('customPathRefused').map((row) => row.error);
	assert.equal(errors.length, badPaths.length);
	badPaths.forEach(([path, reason], index) =>
		assert.match(errors[index], reason, `${JSON.stringify(path)}: ${errors[index]}`),
	);
});

test('Custom API Call speaks Halo’s errors like every operation, and shares the rate limiting and token', () => {
	const [notFound, badRequest] = output('customHaloErrors');
	assert.equal(notFound.httpCode, '404');
	assert.equal(notFound.error, 'HaloPSA found no such record (404)');
	assert.equal(badRequest.httpCode, '400');
	assert.equal(
		badRequest.error,
		'HaloPSA rejected the request: [0].value: The value field is required.',
	);
	assert.equal(api('customBadJson').length, 0);
	assert.equal(output('customBadJson')[0].error, 'Body (JSON) is not valid JSON');
	const tenant = book.tenant('customRateLimited');
	assert.deepEqual(
		tenant.apiRequests().map((request) => [request.path, request.status]),
		[
			['/api/Tickets/1', 200],
			['/api/Tickets/2', 429],
			['/api/Tickets/2', 200],
		],
	);
	assert.equal(tenant.tokenRequests().length, 1);
	assert.deepEqual(
		output('customRateLimited').map((row) => row.summary),
		['One', 'Two'],
	);
});
