// The Client resource, every operation, executed inside real n8n against the HaloPSA sandbox.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from './harness/cases.mjs';

const book = await CaseBook.start('client');
const client = (operation, extra = {}) => ({ resource: 'client', operation, ...extra });
const step = (parameters, extra = {}) => ({ parameters, ...extra });

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

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const output = (name, flow) => book.output(name, flow);

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
