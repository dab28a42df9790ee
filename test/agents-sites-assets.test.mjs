// Agent, Site, Field Info and Asset, every operation, executed inside real n8n against the HaloPSA
// sandbox. One n8n boot runs every workflow; each case has its own sandbox tenant and request log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from './harness/cases.mjs';

const book = await CaseBook.start('agents-sites-assets');

/** One HaloPSA step per case; failures are expected only through Continue On Fail. */
function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}

const agent = (operation, extra = {}) => ({ resource: 'agent', operation, ...extra });
const site = (operation, extra = {}) => ({ resource: 'site', operation, ...extra });
const fieldInfo = (operation, extra = {}) => ({ resource: 'fieldInfo', operation, ...extra });
const asset = (operation, extra = {}) => ({ resource: 'asset', operation, ...extra });

// ── Agent: a bare-array list without pageinate ──────────────────────────────────────────────
define(
	'agentCreate',
	{},
	agent('create', {
		name: 'Ann Tech',
		additionalFields: {
			email: 'ann@example.org',
			surname: 'Tech',
			isdisabled: false,
			teams: '[{"team_id": 3}]',
		},
	}),
);
define(
	'agentGet',
	{ seed: { agent: [{ name: 'Ann Tech', email: 'ann@example.org' }] } },
	agent('get', {
		agentId: byId(1),
		options: {
			includedetails: true,
			getholidayallowance: true,
			clientidoverride: '5',
			loadcache: false,
		},
	}),
);
for (const arrayListsPage of [false, true]) {
	const knobs = { arrayListsPage };
	define(
		`agentAll-${arrayListsPage}`,
		{ seed: { agent: names(130, 'Agent') }, knobs },
		agent('getMany', { returnAll: true }),
	);
	define(
		`agentLimit-${arrayListsPage}`,
		{ seed: { agent: names(30, 'Agent') }, knobs },
		agent('getMany', { limit: 5 }),
	);
}
define(
	'agentFilters',
	{
		seed: {
			agent: [
				{ name: 'Ann', email: 'ann@example.org' },
				{ name: 'Bob', email: 'bob@other.net' },
				{ name: 'Cy', email: 'cy@example.org' },
			],
		},
	},
	agent('getMany', {
		returnAll: true,
		filters: { search: 'example.org', includedisabled: true, teams: '3, 4', domain: 'opps' },
	}),
);
define(
	'agentClear',
	{ seed: { agent: [{ name: 'Ann Tech', surname: 'Tech', isdisabled: true, linemanager: 4 }] } },
	agent('update', {
		agentId: byId(1),
		updateFields: { surname: '', isdisabled: false, linemanager: 0 },
	}),
);
define(
	'agentDelete',
	{ seed: { agent: names(3, 'Agent') } },
	agent('delete', { agentId: byId(2) }),
);
define(
	'agentUnknown',
	{ seed: { agent: names(1, 'Agent') } },
	agent('get', { agentId: byId('={{ $json.id }}') }),
	{
		items: [{ id: 1 }, { id: 999 }],
		continueOnFail: true,
	},
);

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

// ── Field Info: a bare-array list with neither paging nor search ───────────────────────────
define(
	'fieldInfoCreate',
	{},
	fieldInfo('create', {
		name: 'CFTier',
		additionalFields: {
			label: 'Tier',
			type: 2,
			usage: 2,
			new_values: 'Gold,Silver',
			mandatory: true,
		},
	}),
);
define(
	'fieldInfoGet',
	{ seed: { fieldinfo: [{ name: 'CFTier', label: 'Tier', type: 2, usage: 2 }] } },
	fieldInfo('get', {
		fieldInfoId: byId(1),
		options: { getlookupvalues: true, entityid: 4, includedetails: false },
	}),
);
const fieldDefinitions = [
	{ name: 'CFTicketCode', label: 'Code', usage: 1 },
	{ name: 'CFRegion', label: 'Region', usage: 3 },
	{ name: 'CFTier', label: 'Tier', usage: 2 },
	{ name: 'CFFloor', label: 'Floor', usage: 3 },
];
define(
	'fieldInfoFilters',
	{ seed: { fieldinfo: fieldDefinitions } },
	fieldInfo('getMany', { returnAll: true, filters: { typeid: 3, includevalues: true } }),
);
define(
	'fieldInfoLimit',
	{ seed: { fieldinfo: fieldDefinitions } },
	fieldInfo('getMany', { limit: 2 }),
);
define(
	'fieldInfoClear',
	{
		seed: {
			fieldinfo: [
				{ name: 'CFTier', label: 'Tier', hint: 'Pick one', mandatory: true, characterlimit: 20 },
			],
		},
	},
	fieldInfo('update', {
		fieldInfoId: byId(1),
		updateFields: { hint: '', mandatory: false, characterlimit: 0 },
	}),
);
define(
	'fieldInfoDelete',
	{ seed: { fieldinfo: fieldDefinitions } },
	fieldInfo('delete', { fieldInfoId: byId(4) }),
);

// ── Asset: a wrapper list that pages; asset-type values travel as `fields` ──────────────────
define(
	'assetCreate',
	{},
	asset('create', {
		assettype_id: 4,
		client_id: 2,
		additionalFields: {
			site_id: 7,
			inventory_number: 'LAP-001',
			key_field: 'lap-001.acme.local',
			use: 'asset',
			fields: '[{"id": 31, "value": "SN-123"}, {"id": 32, "value": "16 GB"}]',
			customfields: '[{"id": 12, "value": "Gold"}]',
		},
	}),
);
define(
	'assetGet',
	{
		seed: {
			asset: [
				{
					inventory_number: 'LAP-001',
					client_id: 2,
					assettype_id: 4,
					customfields: [{ id: 12, name: 'CFtier', value: 'Gold' }],
				},
			],
		},
	},
	asset('get', {
		assetId: byId(1),
		options: {
			includedetails: true,
			includeactivity: true,
			includeallowedstatus: true,
			includediagramdetails: true,
			includehierarchy: false,
			assettype_id: 4,
		},
	}),
);
const assets = [
	{ inventory_number: 'LAP-001', client_id: 2, assettype_id: 4 },
	{ inventory_number: 'LAP-002', client_id: 2, assettype_id: 4, inactive: true },
	{ inventory_number: 'SRV-001', client_id: 2, assettype_id: 5 },
	{ inventory_number: 'LAP-003', client_id: 3, assettype_id: 4 },
	{ inventory_number: 'LAP-004', client_id: 2, assettype_id: 4 },
];
define(
	'assetFilters',
	{ seed: { asset: assets } },
	asset('getMany', {
		returnAll: true,
		filters: { client_id: 2, assettype_id: 4, includeinactive: true, assettypes: '4,5' },
	}),
);
define(
	'assetLimit',
	{ seed: { asset: assets } },
	asset('getMany', { limit: 2, filters: { search: 'lap' } }),
);
define(
	'assetUpdate',
	{
		seed: {
			asset: [
				{
					inventory_number: 'LAP-001',
					client_id: 2,
					assettype_id: 4,
					notes: 'Spare',
					fields: [{ id: 31, value: 'SN-123' }],
				},
			],
		},
	},
	asset('update', {
		assetId: byId(1),
		updateFields: { fields: '[{"id": 31, "value": "SN-999"}]', inactive: true, notes: '' },
	}),
);
define('assetDelete', { seed: { asset: assets } }, asset('delete', { assetId: byId(5) }));
define(
	'assetBadJson',
	{ seed: { asset: assets } },
	asset('update', { assetId: byId(1), updateFields: { fields: '[{"id": 31,' } }),
	{
		continueOnFail: true,
	},
);

before(() => book.run());
after(() => book.close());

const items = (name) => book.items(name);
const output = (name) => book.output(name);
const api = (name) => book.api(name);
const record = (name, resource, id) => book.tenant(name).record(resource, id);

// ── Agent ───────────────────────────────────────────────────────────────────────────────────

test('Agent Create posts a one-element array under Halo’s Uname names and outputs the saved agent', () => {
	const [request] = api('agentCreate');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/Agent');
	assert.deepEqual(request.body, [
		{
			name: 'Ann Tech',
			email: 'ann@example.org',
			surname: 'Tech',
			isdisabled: false,
			teams: [{ team_id: 3 }],
		},
	]);
	const [created] = output('agentCreate');
	assert.equal(created.id, 1);
	assert.equal(created.email, 'ann@example.org');
	assert.deepEqual(record('agentCreate', 'agent', 1).teams, [{ team_id: 3 }]);
});

test('Agent Get sends every option set, false included', () => {
	const [request] = api('agentGet');
	assert.equal(request.method, 'GET');
	assert.equal(request.path, '/api/Agent/1');
	assert.deepEqual(request.query, {
		includedetails: 'true',
		getholidayallowance: 'true',
		clientidoverride: '5',
		loadcache: 'false',
	});
	assert.equal(output('agentGet')[0].name, 'Ann Tech');
});

for (const arrayListsPage of [false, true]) {
	test(`Agent Get Many, Return All, bare array (arrayListsPage ${arrayListsPage}): one request, no pageinate, every agent`, () => {
		const requests = api(`agentAll-${arrayListsPage}`);
		assert.deepEqual(
			requests.map((request) => [request.path, request.query]),
			[['/api/Agent', {}]],
		);
		const rows = output(`agentAll-${arrayListsPage}`);
		assert.equal(rows.length, 130);
		assert.equal(new Set(rows.map((row) => row.id)).size, 130);
	});

	test(`Agent Get Many, Limit 5, bare array (arrayListsPage ${arrayListsPage}): one request with count=5`, () => {
		const requests = api(`agentLimit-${arrayListsPage}`);
		assert.deepEqual(
			requests.map((request) => request.query),
			[{ count: '5' }],
		);
		assert.deepEqual(
			output(`agentLimit-${arrayListsPage}`).map((row) => row.name),
			['Agent 001', 'Agent 002', 'Agent 003', 'Agent 004', 'Agent 005'],
		);
	});
}

test('Agent Get Many sends its filters under their HaloPSA names', () => {
	const [request] = api('agentFilters');
	assert.deepEqual(request.query, {
		search: 'example.org',
		includedisabled: 'true',
		teams: '3,4',
		domain: 'opps',
	});
	assert.deepEqual(
		output('agentFilters').map((row) => row.name),
		['Ann', 'Cy'],
	);
});

test('Agent Update sends empty string, false and 0 so fields can be cleared', () => {
	const [request] = api('agentClear');
	assert.deepEqual(request.body, [{ id: 1, surname: '', isdisabled: false, linemanager: 0 }]);
	assert.equal(output('agentClear')[0].surname, '');
	const saved = record('agentClear', 'agent', 1);
	assert.equal(saved.isdisabled, false);
	assert.equal(saved.linemanager, 0);
});

test('Agent Delete sends DELETE /Agent/{id} and outputs { id, deleted: true }', () => {
	const [request] = api('agentDelete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/Agent/2');
	assert.deepEqual(output('agentDelete'), [{ id: 2, deleted: true }]);
	assert.equal(record('agentDelete', 'agent', 2), undefined);
	assert.ok(record('agentDelete', 'agent', 1));
});

test('Agent Get of an unknown id becomes an error item under Continue On Fail; the good item goes on', () => {
	const result = items('agentUnknown');
	assert.deepEqual(
		result.map((item) => item.pairedItem),
		[{ item: 0 }, { item: 1 }],
	);
	assert.equal(result[0].json.name, 'Agent 001');
	assert.equal(result[1].json.error, 'No Agent with ID 999 exists in HaloPSA (404)');
	assert.deepEqual(
		api('agentUnknown').map((request) => [request.path, request.status]),
		[
			['/api/Agent/1', 200],
			['/api/Agent/999', 404],
		],
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

// ── Field Info ──────────────────────────────────────────────────────────────────────────────

test('Field Info Create posts proper fields, not one raw JSON object', () => {
	const [request] = api('fieldInfoCreate');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/FieldInfo');
	assert.deepEqual(request.body, [
		{
			label: 'Tier',
			type: 2,
			usage: 2,
			new_values: 'Gold,Silver',
			mandatory: true,
			name: 'CFTier',
		},
	]);
	const [created] = output('fieldInfoCreate');
	assert.equal(created.id, 1);
	assert.equal(created.label, 'Tier');
});

test('Field Info Get sends every option set, false included', () => {
	const [request] = api('fieldInfoGet');
	assert.equal(request.path, '/api/FieldInfo/1');
	assert.deepEqual(request.query, {
		getlookupvalues: 'true',
		entityid: '4',
		includedetails: 'false',
	});
	assert.equal(output('fieldInfoGet')[0].name, 'CFTier');
});

test('Field Info Get Many filters by Type ID in one request without paging', () => {
	assert.deepEqual(
		api('fieldInfoFilters').map((request) => [request.path, request.query]),
		[['/api/FieldInfo', { typeid: '3', includevalues: 'true' }]],
	);
	assert.deepEqual(
		output('fieldInfoFilters').map((row) => row.name),
		['CFRegion', 'CFFloor'],
	);
});

test('Field Info Get Many with Limit 2 sends count=2', () => {
	assert.deepEqual(
		api('fieldInfoLimit').map((request) => request.query),
		[{ count: '2' }],
	);
	assert.deepEqual(
		output('fieldInfoLimit').map((row) => row.name),
		['CFTicketCode', 'CFRegion'],
	);
});

test('Field Info Update sends empty string, false and 0 so a definition can be cleared', () => {
	assert.deepEqual(api('fieldInfoClear')[0].body, [
		{ id: 1, hint: '', mandatory: false, characterlimit: 0 },
	]);
	const saved = record('fieldInfoClear', 'fieldinfo', 1);
	assert.deepEqual([saved.hint, saved.mandatory, saved.characterlimit], ['', false, 0]);
	assert.equal(output('fieldInfoClear')[0].label, 'Tier');
});

test('Field Info Delete sends DELETE /FieldInfo/{id} and outputs { id, deleted: true }', () => {
	const [request] = api('fieldInfoDelete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/FieldInfo/4');
	assert.deepEqual(output('fieldInfoDelete'), [{ id: 4, deleted: true }]);
	assert.equal(record('fieldInfoDelete', 'fieldinfo', 4), undefined);
});

// ── Asset ───────────────────────────────────────────────────────────────────────────────────

test('Asset Create posts asset-type values as `fields` and custom fields as `customfields`', () => {
	const [request] = api('assetCreate');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/Asset');
	assert.deepEqual(request.body, [
		{
			site_id: 7,
			inventory_number: 'LAP-001',
			key_field: 'lap-001.acme.local',
			use: 'asset',
			fields: [
				{ id: 31, value: 'SN-123' },
				{ id: 32, value: '16 GB' },
			],
			customfields: [{ id: 12, value: 'Gold' }],
			assettype_id: 4,
			client_id: 2,
		},
	]);
	const [created] = output('assetCreate');
	assert.equal(created.id, 1);
	assert.deepEqual(created.fields, [
		{ id: 31, value: 'SN-123' },
		{ id: 32, value: '16 GB' },
	]);
});

test('Asset Get sends all six options, false included', () => {
	const [request] = api('assetGet');
	assert.equal(request.path, '/api/Asset/1');
	assert.deepEqual(request.query, {
		includedetails: 'true',
		includeactivity: 'true',
		includeallowedstatus: 'true',
		includediagramdetails: 'true',
		includehierarchy: 'false',
		assettype_id: '4',
	});
	const [got] = output('assetGet');
	assert.equal(got.inventory_number, 'LAP-001');
	assert.deepEqual(got.customfields, [{ id: 12, name: 'CFtier', value: 'Gold' }]);
});

test('Asset Get Many sends its filters under their HaloPSA names and pages', () => {
	const [request] = api('assetFilters');
	assert.deepEqual(request.query, {
		client_id: '2',
		assettype_id: '4',
		includeinactive: 'true',
		assettypes: '4,5',
		pageinate: 'true',
		page_size: '100',
		page_no: '1',
	});
	assert.deepEqual(
		output('assetFilters').map((row) => row.inventory_number),
		['LAP-001', 'LAP-002', 'LAP-004'],
	);
});

test('Asset Get Many with Limit 2 and a search asks for one page of 2', () => {
	assert.deepEqual(
		api('assetLimit').map((request) => request.query),
		[{ search: 'lap', pageinate: 'true', page_size: '2', page_no: '1' }],
	);
	assert.deepEqual(
		output('assetLimit').map((row) => row.inventory_number),
		['LAP-001', 'LAP-003'],
	);
});

test('Asset Update sends new asset-type values and clears notes', () => {
	// Halo replaces the whole `fields` array: the record's current values are read first (issue 16).
	const [read, write] = api('assetUpdate');
	assert.deepEqual(
		[read.method, read.path, read.query],
		['GET', '/api/Asset/1', { includedetails: 'true' }],
	);
	assert.deepEqual(write.body, [
		{ id: 1, fields: [{ id: 31, value: 'SN-999' }], inactive: true, notes: '' },
	]);
	const [updated] = output('assetUpdate');
	assert.deepEqual(updated.fields, [{ id: 31, value: 'SN-999' }]);
	assert.equal(updated.notes, '');
	assert.equal(record('assetUpdate', 'asset', 1).inactive, true);
});

test('Asset Delete sends DELETE /Asset/{id} and outputs { id, deleted: true }', () => {
	const [request] = api('assetDelete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/Asset/5');
	assert.deepEqual(output('assetDelete'), [{ id: 5, deleted: true }]);
	assert.equal(record('assetDelete', 'asset', 5), undefined);
});

test('Asset Update with asset-type fields that are not JSON is refused before any request', () => {
	assert.equal(api('assetBadJson').length, 0);
	assert.equal(output('assetBadJson')[0].error, 'Asset Type Fields (JSON) is not valid JSON');
});
