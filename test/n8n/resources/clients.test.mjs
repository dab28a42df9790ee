// Clients and what hangs under them: Client (every operation, its token and retries), Site and
// User (a client's contacts), executed inside real n8n against the HaloPSA sandbox. One n8n boot
// runs every workflow; each case has its own sandbox tenant and request log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from '../../harness/cases.mjs';

const book = await CaseBook.start('clients');
const client = (operation, extra = {}) => ({ resource: 'client', operation, ...extra });
const site = (operation, extra = {}) => ({ resource: 'site', operation, ...extra });
const op = (resource, operation, extra = {}) => ({ resource, operation, ...extra });
const step = (parameters, extra = {}) => ({ parameters, ...extra });
const failing = (parameters) => step(parameters, { continueOnFail: true });

/** One HaloPSA step per case; failures are expected only through Continue On Fail. */
function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}

// ── Client ──────────────────────────────────────────────────────────────────────────────────
book.passing('create', {
	steps: step(
		client('create', {
			name: 'Acme Ltd',
			additionalFields: { colour: '#E83C4A', notes: 'New MSA', toplevel_id: 2, inactive: false },
		}),
	),
});
book.passing('get', {
	seed: {
		client: [
			{ name: 'Acme', notes: 'VIP', customfields: [{ id: 7, name: 'CFtier', value: 'Gold' }] },
		],
	},
	steps: step(client('get', { clientId: byId(1), options: { includedetails: true } })),
});
book.passing('getManyLimit', {
	seed: { client: names(30) },
	steps: step(client('getMany', { limit: 5 })),
});
book.passing('getManyAll', {
	seed: { client: names(250) },
	steps: step(client('getMany', { returnAll: true })),
});
book.passing('getManyFilters', {
	seed: {
		client: [
			{ name: 'Beta Ops', toplevel_id: 2 },
			{ name: 'Alpha Ops', toplevel_id: 2, inactive: true },
			{ name: 'Gamma Ops', toplevel_id: 3 },
			{ name: 'Delta', toplevel_id: 2 },
		],
	},
	steps: step(
		client('getMany', {
			returnAll: true,
			filters: { search: 'ops', includeinactive: true, toplevel_id: 2, order: 'name' },
			moreFilters: { parameter: [{ name: 'sitefields', value: '3,4' }] },
		}),
	),
});
book.passing('seedExample', {
	seed: { client: [{ name: 'Acme', notes: '' }, { name: 'Bolt' }] },
	steps: step(
		client('update', {
			clientId: byId('={{ $json.client_id }}'),
			updateFields: {
				inactive: true,
				notes: '={{ "Contract " + $json.contract + " ended " + $json.ended }}',
			},
		}),
	),
	items: [{ client_id: 2, contract: 'C-1001', ended: '2026-11-30' }],
});
book.passing('colour', {
	seed: { client: [{ name: 'Acme', colour: '#000000' }] },
	steps: step(client('update', { clientId: byId(1), updateFields: { colour: '#E83C4A' } })),
});
book.passing('clear', {
	seed: { client: [{ name: 'Acme', notes: 'old note', inactive: true, toplevel_id: 5 }] },
	steps: step(
		client('update', {
			clientId: byId(1),
			updateFields: { notes: '', inactive: false, toplevel_id: 0 },
		}),
	),
});
book.passing('delete', {
	seed: { client: names(3) },
	steps: step(client('delete', { clientId: byId(3) })),
});
book.passing('listPicker', {
	seed: { client: names(3) },
	steps: step(
		client('get', {
			clientId: { __rl: true, mode: 'list', value: '2', cachedResultName: 'Client 002' },
		}),
	),
});
// Token reuse: a 3-item run and then a second execution of another workflow on the same credential.
book.passing('tokenReuse', {
	seed: { client: names(3) },
	steps: step(client('get', { clientId: byId('={{ $json.id }}') })),
	items: [{ id: 1 }, { id: 2 }, { id: 3 }],
});
const secondExecution = book.also('tokenReuse', 'tokenReuse second', {
	steps: step(client('getMany', { limit: 2 })),
});
book.passing('expiredMidRun', {
	seed: { client: names(3) },
	knobs: { expireTokensAfterRequests: 1 },
	steps: step(client('get', { clientId: byId('={{ $json.id }}') })),
	items: [{ id: 1 }, { id: 2 }, { id: 3 }],
});
book.passing('selfHosted', {
	seed: { client: names(2) },
	credentialFields: {
		hosting: 'selfHosted',
		tenant: '',
		url: `${book.sandbox.url}/api/`,
		authServerUrl: `${book.sandbox.url}/identity/`,
	},
	steps: step(client('getMany', { limit: 1 })),
});
book.passing('continueOnFail', {
	seed: { client: names(2) },
	steps: step(client('get', { clientId: byId('={{ $json.id }}') }), { continueOnFail: true }),
	items: [{ id: 1 }, { id: 999 }, { id: 2 }],
});
book.passing('noUpdateFields', {
	seed: { client: names(1) },
	steps: step(client('update', { clientId: byId(1) }), { continueOnFail: true }),
});
book.passing('badColour', {
	seed: { client: names(1) },
	steps: step(client('update', { clientId: byId(1), updateFields: { colour: 'red' } }), {
		continueOnFail: true,
	}),
});
book.passing('haloBadRequest', {
	knobs: {
		failures: [
			{
				method: 'POST',
				route: '/api/client',
				status: 400,
				body: { ClassName: 'System.Exception', Message: 'Toplevel 9 does not exist' },
			},
		],
	},
	steps: step(client('create', { name: 'X', additionalFields: { toplevel_id: 9 } }), {
		continueOnFail: true,
	}),
});
book.passing('rateLimited', {
	seed: { client: names(2) },
	knobs: { rateLimit: { max: 1, windowMs: 1500 } },
	steps: step(client('get', { clientId: byId('={{ $json.id }}') })),
	items: [{ id: 1 }, { id: 2 }],
});
book.passing('retryAfter', {
	seed: { client: names(2) },
	knobs: { rateLimit: { max: 1, windowMs: 800, retryAfterSeconds: 1 } },
	steps: step(client('get', { clientId: byId('={{ $json.id }}') })),
	items: [{ id: 1 }, { id: 2 }],
});
book.failing('unknownId', {
	seed: { client: names(1) },
	steps: step(client('get', { clientId: byId(999) })),
});

// ── Site: a wrapper list that pages ─────────────────────────────────────────────────────────
define(
	'siteCreate',
	{},
	site('create', {
		name: 'Head Office',
		client_id: 4,
		additionalFields: {
			phonenumber: '+44 20 7946 0000',
			colour: '#1A7F37',
			customfields: '[{"id": 12, "value": "North"}]',
		},
	}),
);
define(
	'siteGet',
	{
		seed: {
			site: [
				{
					name: 'Head Office',
					client_id: 4,
					customfields: [{ id: 12, name: 'CFregion', value: 'North' }],
				},
			],
		},
	},
	site('get', {
		siteId: byId(1),
		options: { includedetails: true, includeactivity: true, tickettype_id: 3 },
	}),
);
define(
	'siteAll',
	{ seed: { site: names(230, 'Site').map((row) => ({ ...row, client_id: 1 })) } },
	site('getMany', { returnAll: true }),
);
define(
	'siteLimit',
	{ seed: { site: names(30, 'Site').map((row) => ({ ...row, client_id: 1 })) } },
	site('getMany', { limit: 5 }),
);
define(
	'siteFilters',
	{
		seed: {
			site: [
				{ name: 'North Depot', client_id: 2 },
				{ name: 'South Depot', client_id: 2, inactive: true },
				{ name: 'East Depot', client_id: 3 },
				{ name: 'Head Office', client_id: 2 },
			],
		},
	},
	site('getMany', {
		returnAll: true,
		filters: {
			search: 'depot',
			client_id: 2,
			includeinactive: true,
			order: 'name',
			orderdesc: true,
		},
	}),
);
define(
	'siteClear',
	{
		seed: {
			site: [{ name: 'Head Office', client_id: 4, notes: 'Old note', inactive: true, sla_id: 6 }],
		},
	},
	site('update', { siteId: byId(1), updateFields: { notes: '', inactive: false, sla_id: 0 } }),
);
define('siteDelete', { seed: { site: names(3, 'Site') } }, site('delete', { siteId: byId(3) }));
define(
	'siteUpdateUnknown',
	{ seed: { site: names(1, 'Site') } },
	site('update', { siteId: byId(77), updateFields: { name: 'Moved' } }),
	{
		continueOnFail: true,
	},
);

// --- User -----------------------------------------------------------------------------------
const users = [
	{ name: 'Jo Bloggs', emailaddress: 'jo@acme.example', site_id: 1, client_id: 1 },
	{ name: 'Sam Smith', emailaddress: 'sam@acme.example', site_id: 1, client_id: 1, inactive: true },
	{ name: 'Kim Lee', emailaddress: 'kim@bolt.example', site_id: 2, client_id: 2 },
];
book.passing('userCreate', {
	steps: step(
		op('user', 'create', {
			name: 'Jo Bloggs',
			site_id: 2,
			additionalFields: {
				emailaddress: 'jo@acme.example',
				phonenumber: '0123 456',
				isimportantcontact: true,
			},
		}),
	),
});
book.passing('userCreateNoSite', {
	steps: failing(op('user', 'create', { name: 'Jo Bloggs', site_id: 0 })),
});
book.passing('userGet', {
	seed: { users },
	steps: step(op('user', 'get', { userId: byId(3), options: { includedetails: true } })),
});
book.passing('userGetMany', {
	seed: { users },
	steps: step(
		op('user', 'getMany', {
			returnAll: true,
			filters: { client_id: 1, search: 'acme.example', includeinactive: true },
		}),
	),
});
book.passing('userUpdate', {
	seed: { users },
	steps: step(
		op('user', 'update', {
			userId: byId(1),
			updateFields: { emailaddress: 'jo.bloggs@acme.example', inactive: true },
		}),
	),
});
book.passing('userDelete', {
	seed: { users },
	steps: step(op('user', 'delete', { userId: byId(2) })),
});

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const output = (name, flow) => book.output(name, flow);
const record = (name, resource, id) => book.tenant(name).record(resource, id);

// ── Client ──────────────────────────────────────────────────────────────────────────────────
test('Create posts a one-element array with the fields set and outputs the saved client', () => {
	const [request] = api('create');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/Client');
	assert.deepEqual(request.body, [
		{ name: 'Acme Ltd', colour: '#E83C4A', notes: 'New MSA', toplevel_id: 2, inactive: false },
	]);
	const [created] = output('create');
	assert.equal(created.id, 1);
	assert.equal(created.name, 'Acme Ltd');
	assert.equal(book.tenant('create').record('client', 1).colour, '#E83C4A');
});

test('Get sends every option set (Include Details) and outputs the client with its details', () => {
	const [request] = api('get');
	assert.equal(request.path, '/api/Client/1');
	assert.deepEqual(request.query, { includedetails: 'true' });
	const [got] = output('get');
	assert.equal(got.name, 'Acme');
	assert.deepEqual(got.customfields, [{ id: 7, name: 'CFtier', value: 'Gold' }]);
});

test('Get Many with Limit 5 makes one request for 5 rows', () => {
	const requests = api('getManyLimit');
	assert.equal(requests.length, 1);
	assert.deepEqual(requests[0].query, { pageinate: 'true', page_size: '5', page_no: '1' });
	assert.deepEqual(
		output('getManyLimit').map((row) => row.name),
		['Client 001', 'Client 002', 'Client 003', 'Client 004', 'Client 005'],
	);
});

test('Get Many with Return All pages through 250 clients in 3 requests of at most 100', () => {
	const requests = api('getManyAll');
	// Page 1 first; pages 2 and 3 go out together, so they may answer in either order.
	const pagesAsked = requests.map((request) => [request.query.page_no, request.query.page_size]);
	assert.deepEqual(pagesAsked[0], ['1', '100']);
	assert.deepEqual(pagesAsked.slice(1).sort(), [
		['2', '100'],
		['3', '100'],
	]);
	const rows = output('getManyAll');
	assert.equal(rows.length, 250);
	assert.deepEqual(
		rows.map((row) => row.id),
		Array.from({ length: 250 }, (_, index) => index + 1),
	);
});

test('Get Many sends the filters under their HaloPSA names', () => {
	const [request] = api('getManyFilters');
	assert.equal(request.query.search, 'ops');
	assert.equal(request.query.includeinactive, 'true');
	assert.equal(request.query.toplevel_id, '2');
	assert.equal(request.query.order, 'name');
	assert.equal(request.query.sitefields, '3,4', 'a More Filters parameter is sent by name');
	assert.deepEqual(
		output('getManyFilters').map((row) => row.name),
		['Alpha Ops', 'Beta Ops'],
	);
});

test('Seed example: marking a client inactive with a note after its contract ends', () => {
	const [request] = api('seedExample');
	assert.deepEqual(request.body, [
		{ id: 2, inactive: true, notes: 'Contract C-1001 ended 2026-11-30' },
	]);
	const [updated] = output('seedExample');
	assert.equal(updated.id, 2);
	assert.equal(updated.inactive, true);
	assert.equal(updated.notes, 'Contract C-1001 ended 2026-11-30');
	assert.equal(book.tenant('seedExample').record('client', 1).inactive, false);
});

test('Update sends a colour as #RRGGBB', () => {
	assert.deepEqual(api('colour')[0].body, [{ id: 1, colour: '#E83C4A' }]);
	assert.equal(output('colour')[0].colour, '#E83C4A');
});

test('Update sends empty string, false and 0 so fields can be cleared', () => {
	assert.deepEqual(api('clear')[0].body, [{ id: 1, notes: '', inactive: false, toplevel_id: 0 }]);
	const record = book.tenant('clear').record('client', 1);
	assert.equal(record.notes, '');
	assert.equal(record.inactive, false);
});

test('Delete sends DELETE and outputs { id, deleted: true }', () => {
	const [request] = api('delete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/Client/3');
	assert.deepEqual(output('delete'), [{ id: 3, deleted: true }]);
	assert.equal(book.tenant('delete').record('client', 3), undefined);
});

test('A client picked "From list" is fetched by its id', () => {
	assert.equal(api('listPicker')[0].path, '/api/Client/2');
	assert.equal(output('listPicker')[0].name, 'Client 002');
});

test('One token serves a 3-item run and a second execution', () => {
	const tenant = book.tenant('tokenReuse');
	assert.equal(tenant.tokenRequests().length, 1);
	const requests = tenant.apiRequests();
	assert.equal(requests.length, 4);
	assert.equal(new Set(requests.map((request) => request.token)).size, 1);
	assert.deepEqual(
		output('tokenReuse').map((row) => row.id),
		[1, 2, 3],
	);
	assert.equal(output('tokenReuse', secondExecution).length, 2);
});

test('A 401 mid-run fetches one new token and retries that request once', () => {
	const tenant = book.tenant('expiredMidRun');
	assert.equal(tenant.tokenRequests().length, 2);
	assert.deepEqual(
		tenant.apiRequests().map((request) => [request.path, request.status]),
		[
			['/api/Client/1', 200],
			['/api/Client/2', 401],
			['/api/Client/2', 200],
			['/api/Client/3', 200],
		],
	);
	assert.deepEqual(
		output('expiredMidRun').map((row) => row.id),
		[1, 2, 3],
	);
});

test('Hosted tenant: the token call names the tenant', () => {
	const [token] = book.tenant('create').tokenRequests();
	assert.equal(token.path, '/auth/token');
	assert.deepEqual(token.query, { tenant: 'create' });
	assert.equal(token.form.grant_type, 'client_credentials');
	assert.equal(token.form.scope, 'all');
});

test('Self-hosted: URL with /api and an auth server elsewhere', () => {
	const tenant = book.tenant('selfHosted');
	const [token] = tenant.tokenRequests();
	assert.equal(token.path, '/identity/token');
	assert.deepEqual(token.query, {});
	assert.equal(tenant.apiRequests()[0].path, '/api/Client');
	assert.equal(output('selfHosted').length, 1);
});

test('Continue On Fail: the bad item becomes an error item, the good ones go on, pairing kept', () => {
	const items = book.items('continueOnFail');
	assert.deepEqual(
		items.map((item) => item.pairedItem),
		[{ item: 0 }, { item: 1 }, { item: 2 }],
	);
	assert.equal(items[0].json.id, 1);
	assert.equal(items[1].json.error, 'No Client with ID 999 exists in HaloPSA (404)');
	assert.equal(items[1].json.httpCode, '404');
	assert.equal(items[2].json.id, 2);
});

test('Update with no fields fails clearly before any request', () => {
	assert.equal(api('noUpdateFields').length, 0);
	assert.match(output('noUpdateFields')[0].error, /at least one Update Field/);
});

test('A colour that is not #RRGGBB is refused before any request', () => {
	assert.equal(api('badColour').length, 0);
	assert.match(output('badColour')[0].error, /must be a colour like #E83C4A/);
});

test("A 400 shows HaloPSA's own message", () => {
	assert.equal(
		output('haloBadRequest')[0].error,
		'HaloPSA rejected the request: Toplevel 9 does not exist',
	);
});

test('A 429 is retried after backing off, and the run succeeds', () => {
	const statuses = api('rateLimited').map((request) => request.status);
	assert.deepEqual(statuses, [200, 429, 200]);
	assert.deepEqual(
		output('rateLimited').map((row) => row.id),
		[1, 2],
	);
});

test('A 429 with Retry-After waits as long as Halo asks (1 s here, not the 2 s default)', () => {
	const requests = api('retryAfter');
	assert.deepEqual(
		requests.map((request) => request.status),
		[200, 429, 200],
	);
	const waited = requests[2].at - requests[1].at;
	assert.ok(waited >= 950 && waited < 1900, `waited ${waited} ms`);
});

test('n8n CLI (import, execute --rawOutput): an unknown client id fails with a clear 404', () => {
	const failed = book.failure('unknownId');
	const error = failed.data.resultData.error;
	assert.equal(error.message, 'No Client with ID 999 exists in HaloPSA (404)');
	assert.equal(error.httpCode, '404');
	assert.equal(failed.data.resultData.lastNodeExecuted, 'Halo');
	assert.doesNotMatch(JSON.stringify(failed), /Bearer|access_token|secret/i);
	assert.deepEqual(
		api('unknownId').map((request) => [request.path, request.status]),
		[['/api/Client/999', 404]],
	);
});

// ── Site ────────────────────────────────────────────────────────────────────────────────────

test('Site Create posts name, client and the additional fields, custom fields as an array', () => {
	const [request] = api('siteCreate');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/Site');
	assert.deepEqual(request.body, [
		{
			phonenumber: '+44 20 7946 0000',
			colour: '#1A7F37',
			customfields: [{ id: 12, value: 'North' }],
			name: 'Head Office',
			client_id: 4,
		},
	]);
	const [created] = output('siteCreate');
	assert.equal(created.id, 1);
	assert.equal(created.client_id, 4);
	assert.equal(record('siteCreate', 'site', 1).name, 'Head Office');
});

test('Site Get sends every option set and outputs the site with its custom fields', () => {
	const [request] = api('siteGet');
	assert.equal(request.path, '/api/Site/1');
	assert.deepEqual(request.query, {
		includedetails: 'true',
		includeactivity: 'true',
		tickettype_id: '3',
	});
	const [got] = output('siteGet');
	assert.equal(got.name, 'Head Office');
	assert.deepEqual(got.customfields, [{ id: 12, name: 'CFregion', value: 'North' }]);
});

test('Site Get Many, Return All: 230 sites in 3 pages of at most 100', () => {
	const requests = api('siteAll');
	// Pages 2 and 3 go out together after page 1, so they may answer in either order.
	assert.deepEqual(
		requests.map((request) => request.query).sort((a, b) => Number(a.page_no) - Number(b.page_no)),
		[1, 2, 3].map((page) => ({ pageinate: 'true', page_size: '100', page_no: String(page) })),
	);
	const rows = output('siteAll');
	assert.equal(rows.length, 230);
	assert.equal(new Set(rows.map((row) => row.id)).size, 230);
	assert.equal(rows.at(-1).name, 'Site 230');
});

test('Site Get Many, Limit 5: one page of 5', () => {
	assert.deepEqual(
		api('siteLimit').map((request) => request.query),
		[{ pageinate: 'true', page_size: '5', page_no: '1' }],
	);
	assert.deepEqual(
		output('siteLimit').map((row) => row.id),
		[1, 2, 3, 4, 5],
	);
});

test('Site Get Many sends search, client, inactive and order filters under their HaloPSA names', () => {
	const [request] = api('siteFilters');
	assert.deepEqual(request.query, {
		search: 'depot',
		client_id: '2',
		includeinactive: 'true',
		order: 'name',
		orderdesc: 'true',
		pageinate: 'true',
		page_size: '100',
		page_no: '1',
	});
	assert.deepEqual(
		output('siteFilters').map((row) => row.name),
		['South Depot', 'North Depot'],
	);
});

test('Site Update sends empty string, false and 0 so fields can be cleared', () => {
	const [request] = api('siteClear');
	assert.deepEqual(request.body, [{ id: 1, notes: '', inactive: false, sla_id: 0 }]);
	const [updated] = output('siteClear');
	assert.equal(updated.notes, '');
	assert.equal(updated.sla_id, 0);
	assert.equal(record('siteClear', 'site', 1).inactive, false);
});

test('Site Delete sends DELETE /Site/{id} and outputs { id, deleted: true }', () => {
	const [request] = api('siteDelete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/Site/3');
	assert.deepEqual(output('siteDelete'), [{ id: 3, deleted: true }]);
	assert.equal(record('siteDelete', 'site', 3), undefined);
});

test("Site Update of an unknown id: Halo's 400 becomes an error item with Halo's words", () => {
	const [request] = api('siteUpdateUnknown');
	assert.deepEqual(
		[request.method, request.status, request.body],
		['POST', 400, [{ id: 77, name: 'Moved' }]],
	);
	const [failed] = output('siteUpdateUnknown');
	assert.match(failed.error, /^HaloPSA rejected the request: .*No record with id 77/);
	assert.equal(record('siteUpdateUnknown', 'site', 1).name, 'Site 001');
});

// --- User -----------------------------------------------------------------------------------
test('User Create posts the contact; without a site it fails before any request', () => {
	const [request] = api('userCreate');
	assert.equal(request.path, '/api/Users');
	assert.deepEqual(request.body, [
		{
			emailaddress: 'jo@acme.example',
			phonenumber: '0123 456',
			isimportantcontact: true,
			name: 'Jo Bloggs',
			site_id: 2,
		},
	]);
	assert.equal(output('userCreate')[0].id, 1);
	assert.equal(api('userCreateNoSite').length, 0);
	assert.equal(output('userCreateNoSite')[0].error, 'Site must be a record ID of 1 or more, not 0');
});

test('User Get, Get Many (client, search, inactive), Update and Delete', () => {
	const [get] = api('userGet');
	assert.equal(get.path, '/api/Users/3');
	assert.deepEqual(get.query, { includedetails: 'true' });
	assert.equal(output('userGet')[0].name, 'Kim Lee');
	const [list] = api('userGetMany');
	assert.equal(list.query.client_id, '1');
	assert.equal(list.query.search, 'acme.example');
	assert.equal(list.query.includeinactive, 'true');
	assert.equal(list.query.pageinate, 'true');
	assert.deepEqual(
		output('userGetMany').map((row) => row.name),
		['Jo Bloggs', 'Sam Smith'],
	);
	assert.deepEqual(api('userUpdate')[0].body, [
		{ id: 1, emailaddress: 'jo.bloggs@acme.example', inactive: true },
	]);
	assert.equal(book.tenant('userUpdate').record('users', 1).inactive, true);
	assert.equal(api('userDelete')[0].path, '/api/Users/2');
	assert.deepEqual(output('userDelete'), [{ id: 2, deleted: true }]);
});
