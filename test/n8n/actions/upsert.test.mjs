// Create or Update (upsert), inside real n8n against the HaloPSA sandbox: the match through Halo's
// search and an exact comparison, several matches, Match Within, by email and by tag, the cap on
// candidates, a record created earlier in the run found; the match stays inside the item's parents
// (a site's client, a user's site, an asset's client and type); a matched id 0 fails its item.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook } from '../../harness/cases.mjs';
import { op, step } from '../../harness/lifecycle.mjs';

const book = await CaseBook.start('upsert');
const failing = (parameters) => step(parameters, { continueOnFail: true });

// --- Create or Update -----------------------------------------------------------------------
book.passing('upsertClientCreated', {
	seed: { client: [{ name: 'Acme Ltd' }] },
	steps: step(
		op('client', 'upsert', { name: 'Acme', additionalFields: { website: 'https://acme.example' } }),
	),
});
book.passing('upsertClientUpdated', {
	seed: { client: [{ name: 'Acme' }, { name: 'Acme Ltd' }, { name: 'Bolt' }] },
	steps: step(op('client', 'upsert', { name: ' acme', additionalFields: { notes: 'Renewed' } })),
});
book.passing('upsertClientInactive', {
	seed: { client: [{ name: 'Acme', inactive: true }] },
	steps: step(op('client', 'upsert', { name: 'Acme', additionalFields: { inactive: false } })),
});
book.passing('upsertClientSeveral', {
	seed: { client: [{ name: 'Acme' }, { name: 'ACME' }, { name: 'Acme Ltd' }] },
	steps: failing(op('client', 'upsert', { name: 'Acme' })),
});
book.passing('upsertSiteWithin', {
	seed: {
		client: [{ name: 'Acme' }, { name: 'Bolt' }],
		site: [
			{ name: 'Head Office', client_id: 1 },
			{ name: 'Head Office', client_id: 2 },
		],
	},
	steps: step(
		op('site', 'upsert', {
			name: 'Head Office',
			client_id: 2,
			matchFilters: { client_id: 2 },
			additionalFields: { phonenumber: '555 0100' },
		}),
	),
});
book.passing('upsertUserEmail', {
	seed: {
		users: [
			{ name: 'Jo', emailaddress: 'jo@acme.example', site_id: 1 },
			{ name: 'Bojo', emailaddress: 'bojo@acme.example', site_id: 1 },
		],
	},
	items: [
		{ email: 'jo@acme.example', name: 'Jo Bloggs' },
		{ email: 'new@acme.example', name: 'New Starter' },
	],
	steps: step(
		op('user', 'upsert', {
			matchOn: 'emailaddress',
			name: '={{ $json.name }}',
			site_id: 1,
			additionalFields: { emailaddress: '={{ $json.email }}' },
		}),
	),
});
book.passing('upsertUserNoEmail', {
	seed: { users: [{ name: 'Jo', emailaddress: 'jo@acme.example', site_id: 1 }] },
	steps: failing(op('user', 'upsert', { matchOn: 'emailaddress', name: 'Jo', site_id: 1 })),
});
book.passing('upsertAssetTag', {
	seed: {
		asset: [
			{ inventory_number: 'A-100', client_id: 1, assettype_id: 1, key_field: 'old' },
			{ inventory_number: 'A-1000', client_id: 1, assettype_id: 1 },
		],
	},
	items: [
		{ tag: 'A-100', host: 'PC-100' },
		{ tag: 'A-101', host: 'PC-101' },
		{ tag: 'A-101', host: 'PC-101b' },
	],
	steps: step(
		op('asset', 'upsert', {
			matchOn: 'inventory_number',
			assettype_id: 1,
			client_id: 1,
			additionalFields: { inventory_number: '={{ $json.tag }}', key_field: '={{ $json.host }}' },
		}),
	),
});
book.passing('upsertOtherField', {
	seed: {
		asset: [
			{ inventory_number: 'A-1', key_field: 'SN123', client_id: 1, assettype_id: 1 },
			{ inventory_number: 'A-2', key_field: 'SN1234', client_id: 1, assettype_id: 1 },
		],
	},
	steps: step(
		op('asset', 'upsert', {
			matchOn: '__other',
			matchField: 'key_field',
			matchFilter: 'search',
			assettype_id: 1,
			client_id: 1,
			additionalFields: { key_field: 'SN123', notes: 'Seen by RMM' },
		}),
	),
});
book.passing('upsertTooBroad', {
	seed: {
		client: [{ name: 'Acme' }],
		site: Array.from({ length: 205 }, (_, index) => ({
			name: `Office ${index + 1}`,
			client_id: 1,
		})),
	},
	steps: failing(op('site', 'upsert', { name: 'Office', client_id: 1 })),
});

// Create or Update stays inside its parents (issue 26): the parent ids Create needs narrow the
// match, in Halo's filter and on every row (these tenants' lists ignore the filter, as Halo may).
const twoClients = [
	{ id: 5, name: 'Acme' },
	{ id: 9, name: 'Bolt' },
];
book.passing('upsertSiteOtherClient', {
	seed: { client: twoClients, site: [{ id: 1, name: 'Main Office', client_id: 9 }] },
	knobs: { ignoredFilters: ['client_id'] },
	steps: step(
		op('site', 'upsert', {
			name: 'Main Office',
			client_id: 5,
			additionalFields: { phonenumber: '555 0105' },
		}),
	),
});
// The list rows leave the client out (only a read shows it): each candidate is read first.
book.passing('upsertSiteClientRead', {
	seed: {
		client: twoClients,
		site: [
			{ id: 1, name: 'Main Office', client_id: 9 },
			{ id: 2, name: 'Main Office', client_id: 5 },
		],
	},
	knobs: {
		ignoredFilters: ['client_id'],
		listShapes: { site: { detailOnly: ['customfields', 'client_id'] } },
	},
	steps: failing(
		op('site', 'upsert', {
			name: 'Main Office',
			client_id: 5,
			additionalFields: { phonenumber: '555 0105' },
		}),
	),
});
// A site whose client not even a read shows: never guessed, whether to update or to create.
book.passing('upsertSiteClientUnknown', {
	seed: { client: twoClients, site: [{ id: 1, name: 'Main Office' }] },
	knobs: { ignoredFilters: ['client_id'] },
	steps: failing(op('site', 'upsert', { name: 'Main Office', client_id: 5 })),
});
book.passing('upsertUserOtherSite', {
	seed: {
		site: [
			{ id: 2, name: 'Head Office', client_id: 5 },
			{ id: 7, name: 'Depot', client_id: 9 },
		],
		users: [{ id: 1, name: 'Jo', emailaddress: 'jo@acme.example', site_id: 7 }],
	},
	knobs: { ignoredFilters: ['site_id'] },
	steps: failing(
		op('user', 'upsert', {
			matchOn: 'emailaddress',
			name: 'Jo Bloggs',
			site_id: 2,
			additionalFields: { emailaddress: 'jo@acme.example' },
		}),
	),
});
book.passing('upsertAssetOtherParents', {
	seed: {
		asset: [
			{ id: 1, inventory_number: 'A-1', client_id: 5, assettype_id: 3, key_field: 'type 3' },
			{ id: 2, inventory_number: 'A-1', client_id: 9, assettype_id: 2, key_field: 'client 9' },
			{ id: 3, inventory_number: 'A-2', client_id: 5, assettype_id: 2, key_field: 'own' },
		],
	},
	knobs: { ignoredFilters: ['client_id', 'assettype_id'] },
	items: [{ tag: 'A-1' }, { tag: 'A-2' }],
	steps: step(
		op('asset', 'upsert', {
			matchOn: 'inventory_number',
			assettype_id: 2,
			client_id: 5,
			additionalFields: { inventory_number: '={{ $json.tag }}', key_field: 'synced' },
		}),
	),
});
// A matching row with id 0: Halo would take the "update" for a create.
book.passing('upsertMatchedIdZero', {
	seed: { client: twoClients, site: [{ id: 0, name: 'Main Office', client_id: 5 }] },
	steps: failing(op('site', 'upsert', { name: 'Main Office', client_id: 5 })),
});
book.failing('upsertMatchedIdZeroStops', {
	seed: { client: twoClients, site: [{ id: 0, name: 'Main Office', client_id: 5 }] },
	steps: step(op('site', 'upsert', { name: 'Main Office', client_id: 5 })),
});

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const output = (name) => book.output(name);

// --- Create or Update -----------------------------------------------------------------------
test('Create or Update: no exact match creates (a partial name match is not one), found through Halo’s search', () => {
	const [find, create] = api('upsertClientCreated');
	assert.equal(find.method, 'GET');
	assert.equal(find.path, '/api/Client');
	assert.equal(find.query.search, 'Acme');
	assert.equal(find.query.search_name_only, 'true');
	assert.equal(find.query.includeinactive, 'true');
	assert.deepEqual(create.body, [{ website: 'https://acme.example', name: 'Acme' }]);
	const [saved] = output('upsertClientCreated');
	assert.equal(saved.upsertOutcome, 'created');
	assert.equal(saved.id, 2);
	assert.equal(book.tenant('upsertClientCreated').records('client').length, 2);
});

test('Create or Update: exactly one match (case and spaces aside) is updated, inactive ones included', () => {
	const [, update] = api('upsertClientUpdated');
	assert.deepEqual(update.body, [{ notes: 'Renewed', name: ' acme', id: 1 }]);
	assert.equal(output('upsertClientUpdated')[0].upsertOutcome, 'updated');
	assert.equal(book.tenant('upsertClientUpdated').records('client').length, 3);
	assert.deepEqual(api('upsertClientInactive')[1].body, [{ inactive: false, name: 'Acme', id: 1 }]);
	assert.equal(output('upsertClientInactive')[0].upsertOutcome, 'updated');
});

test('Create or Update: several matches fail the item, listing them, and nothing is written', () => {
	const requests = api('upsertClientSeveral');
	assert.deepEqual(
		requests.map((request) => request.method),
		['GET'],
	);
	const [failure] = output('upsertClientSeveral');
	assert.equal(failure.error, '2 clients match Name "Acme": ID 1 (Acme), ID 2 (ACME)');
	assert.match(failure.description, /nothing was created or changed/);
});

test('Create or Update: Match Within narrows a site name to one client', () => {
	const [find, update] = api('upsertSiteWithin');
	assert.equal(find.query.client_id, '2');
	assert.equal(find.query.search, 'Head Office');
	assert.deepEqual(update.body, [{ phonenumber: '555 0100', name: 'Head Office', id: 2 }]);
	assert.equal(output('upsertSiteWithin')[0].upsertOutcome, 'updated');
	assert.equal(book.tenant('upsertSiteWithin').record('site', 1).phonenumber, undefined);
});

test('Create or Update a user by email: one updated, one created, in one run', () => {
	const requests = api('upsertUserEmail');
	assert.deepEqual(
		requests.map((request) => `${request.method} ${request.path}`),
		['GET /api/Users', 'POST /api/Users', 'GET /api/Users', 'POST /api/Users'],
	);
	assert.equal(requests[0].query.search, 'jo@acme.example');
	assert.equal(requests[0].query.site_id, '1');
	assert.deepEqual(requests[1].body, [
		{ emailaddress: 'jo@acme.example', name: 'Jo Bloggs', id: 1 },
	]);
	assert.deepEqual(requests[3].body, [
		{ emailaddress: 'new@acme.example', name: 'New Starter', site_id: 1 },
	]);
	assert.deepEqual(
		output('upsertUserEmail').map((row) => [row.id, row.upsertOutcome]),
		[
			[1, 'updated'],
			[3, 'created'],
		],
	);
	assert.equal(api('upsertUserNoEmail').length, 0);
	assert.equal(
		output('upsertUserNoEmail')[0].error,
		'Set Email Address (emailaddress): Create or Update matches on it',
	);
});

test('Create or Update an asset by tag: Halo’s exact filter; a record created earlier in the run is found', () => {
	const requests = api('upsertAssetTag');
	assert.deepEqual(
		requests.map((request) => request.method),
		['GET', 'POST', 'GET', 'POST', 'GET', 'POST'],
	);
	assert.equal(requests[0].query.inventory_number, 'A-100');
	assert.equal(requests[0].query.client_id, '1');
	assert.equal(requests[0].query.assettype_id, '1');
	assert.deepEqual(requests[1].body, [{ inventory_number: 'A-100', key_field: 'PC-100', id: 1 }]);
	assert.equal(requests[3].body[0].id, undefined);
	assert.equal(requests[5].body[0].id, 3, 'the asset created by item 2 is updated by item 3');
	assert.deepEqual(
		output('upsertAssetTag').map((row) => row.upsertOutcome),
		['updated', 'created', 'updated'],
	);
	assert.equal(book.tenant('upsertAssetTag').records('asset').length, 3);
});

test('Create or Update on another field: its filter parameter, then an exact comparison', () => {
	const [find, update] = api('upsertOtherField');
	assert.equal(find.query.search, 'SN123');
	assert.equal(update.body[0].id, 1);
	assert.equal(output('upsertOtherField')[0].upsertOutcome, 'updated');
});

test('Create or Update never downloads a whole list: a filter that leaves over 200 candidates fails', () => {
	const requests = api('upsertTooBroad');
	assert.ok(requests.every((request) => request.method === 'GET'));
	assert.ok(requests.length <= 3);
	assert.equal(
		output('upsertTooBroad')[0].error,
		"HaloPSA's search=Office finds more than 200 sites: too many to check one by one",
	);
});

// --- Create or Update stays inside its parents ----------------------------------------------------
const tenant = (name) => book.tenant(name);

test('Create or Update a site: another client’s site of that name is not matched nor changed; one is created under client 5', () => {
	const [find, create] = api('upsertSiteOtherClient');
	assert.equal(find.method, 'GET');
	assert.equal(find.query.client_id, '5');
	assert.equal(find.query.search, 'Main Office');
	assert.deepEqual(create.body, [{ phonenumber: '555 0105', name: 'Main Office', client_id: 5 }]);
	assert.equal(api('upsertSiteOtherClient').length, 2);
	const other = tenant('upsertSiteOtherClient').record('site', 1);
	assert.equal(other.client_id, 9);
	assert.equal(other.phonenumber, undefined);
	const [saved] = output('upsertSiteOtherClient');
	assert.equal(saved.upsertOutcome, 'created');
	assert.equal(tenant('upsertSiteOtherClient').record('site', saved.id).client_id, 5);
});

test('Create or Update a site whose list rows leave the client out: each is read, only client 5’s updated, without client_id', () => {
	const requests = api('upsertSiteClientRead');
	assert.deepEqual(
		requests.map((request) => `${request.method} ${request.path}`),
		['GET /api/Site', 'GET /api/Site/1', 'GET /api/Site/2', 'POST /api/Site'],
	);
	assert.deepEqual(requests[3].body, [{ phonenumber: '555 0105', name: 'Main Office', id: 2 }]);
	assert.equal(output('upsertSiteClientRead')[0].upsertOutcome, 'updated');
	assert.equal(tenant('upsertSiteClientRead').record('site', 1).client_id, 9);
	assert.equal(tenant('upsertSiteClientRead').record('site', 1).phonenumber, undefined);
	assert.equal(tenant('upsertSiteClientRead').records('site').length, 2);
});

test('Create or Update a site whose client not even a read shows: the item fails, nothing is written', () => {
	assert.ok(api('upsertSiteClientUnknown').every((request) => request.method === 'GET'));
	assert.equal(
		output('upsertSiteClientUnknown')[0].error,
		'HaloPSA does not show the Client (client_id) of site ID 1 (Main Office), so it cannot tell whether it is the one to update',
	);
	assert.equal(tenant('upsertSiteClientUnknown').records('site').length, 1);
});

test('Create or Update a user: another site’s user with that email is not matched nor moved; one is created at site 2', () => {
	const [find, create] = api('upsertUserOtherSite');
	assert.equal(find.query.site_id, '2');
	assert.deepEqual(create.body, [
		{ emailaddress: 'jo@acme.example', name: 'Jo Bloggs', site_id: 2 },
	]);
	assert.equal(api('upsertUserOtherSite').length, 2);
	const before = tenant('upsertUserOtherSite').record('users', 1);
	assert.equal(before.site_id, 7);
	assert.equal(before.name, 'Jo');
	const [saved] = output('upsertUserOtherSite');
	assert.equal(saved.upsertOutcome, 'created');
	assert.equal(tenant('upsertUserOtherSite').record('users', saved.id).site_id, 2);
});

test('Create or Update an asset: same tag under another client or type is not matched nor changed; its own is updated without them', () => {
	const requests = api('upsertAssetOtherParents');
	assert.deepEqual(
		requests.map((request) => request.method),
		['GET', 'POST', 'GET', 'POST'],
	);
	for (const find of [requests[0], requests[2]]) {
		assert.equal(find.query.client_id, '5');
		assert.equal(find.query.assettype_id, '2');
	}
	assert.deepEqual(requests[1].body, [
		{ inventory_number: 'A-1', key_field: 'synced', assettype_id: 2, client_id: 5 },
	]);
	assert.deepEqual(requests[3].body, [{ inventory_number: 'A-2', key_field: 'synced', id: 3 }]);
	assert.deepEqual(
		output('upsertAssetOtherParents').map((row) => row.upsertOutcome),
		['created', 'updated'],
	);
	const assets = tenant('upsertAssetOtherParents');
	assert.equal(assets.record('asset', 1).key_field, 'type 3');
	assert.equal(assets.record('asset', 2).key_field, 'client 9');
	assert.equal(assets.record('asset', 2).client_id, 9);
	assert.equal(assets.records('asset').length, 4);
});

test('Create or Update: a matching row with id 0 is no update; the item fails (Continue On Fail on and off), nothing is written', () => {
	const message =
		'The site that matches Name "Main Office" has no ID to update it by: its ID must be a whole number of 1 or more, not "0"';
	assert.deepEqual(
		api('upsertMatchedIdZero').map((request) => request.method),
		['GET'],
	);
	assert.equal(output('upsertMatchedIdZero')[0].error, message);
	assert.equal(tenant('upsertMatchedIdZero').records('site').length, 1);
	const error = book.failure('upsertMatchedIdZeroStops').data.resultData.error;
	assert.equal(error.message, message);
	assert.deepEqual(
		api('upsertMatchedIdZeroStops').map((request) => request.method),
		['GET'],
	);
	assert.equal(tenant('upsertMatchedIdZeroStops').records('site').length, 1);
});
