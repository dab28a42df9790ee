// Assets and their catalogue: Asset (asset-type fields), Field Info, Asset Type, Asset Group,
// Software Licence and Asset Software, every operation inside real n8n against the HaloPSA
// sandbox, in one n8n boot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId } from '../../harness/cases.mjs';
import { defineResourceCases, testResourceCases } from '../../harness/resource-cases.mjs';

const book = await CaseBook.start('assets');

/** One HaloPSA step per case; failures are expected only through Continue On Fail. */
function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}

const fieldInfo = (operation, extra = {}) => ({ resource: 'fieldInfo', operation, ...extra });
const asset = (operation, extra = {}) => ({ resource: 'asset', operation, ...extra });

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

// ── Asset Type, Asset Group, Software Licence: create, get, get many, update and delete ──────
// store: the sandbox's name for the records; seed: three records; listed: the ids the filters keep.
const RESOURCES = [
	{
		value: 'assetType',
		path: '/api/AssetType',
		store: 'assettype',
		create: {
			name: 'Laptop',
			additionalFields: { assetgroup_id: 2, tagprefix: 'LAP-', show_to_users: true },
		},
		created: { name: 'Laptop', assetgroup_id: 2, tagprefix: 'LAP-', show_to_users: true },
		seed: [
			{ name: 'Laptop', assetgroup_id: 2 },
			{ name: 'Server', assetgroup_id: 3 },
			{ name: 'Desktop', assetgroup_id: 2 },
		],
		getOptions: { includedetails: true, fieldsandlayoutonly: false },
		filters: { assetgroup_id: 2 },
		listed: [1, 3],
		update: { tagprefix: '', cost: 900 },
	},
	{
		value: 'assetGroup',
		path: '/api/AssetGroup',
		store: 'assetgroup',
		create: { name: 'Hardware', additionalFields: { sequence: 1, isfixedasset: true } },
		created: { name: 'Hardware', sequence: 1, isfixedasset: true },
		seed: [{ name: 'Hardware' }, { name: 'Software' }, { name: 'Peripherals' }],
		getOptions: { includedetails: true },
		filters: { istree: false },
		listed: [1, 2, 3],
		update: { memo: 'Physical kit', sequence: 0 },
	},
	{
		value: 'softwareLicence',
		path: '/api/SoftwareLicence',
		store: 'softwarelicence',
		paged: true,
		create: {
			name: 'Microsoft 365 Business Premium',
			client_id: 2,
			additionalFields: { count: 25, type: 1, autorenew: true },
		},
		created: {
			name: 'Microsoft 365 Business Premium',
			client_id: 2,
			count: 25,
			type: 1,
			autorenew: true,
		},
		seed: [
			{ name: 'Microsoft 365 E3', client_id: 2, type: 1 },
			{ name: 'Adobe Acrobat', client_id: 2, type: 0 },
			{ name: 'Microsoft 365 E5', client_id: 3, type: 1 },
		],
		getOptions: { includedetails: true },
		filters: { client_id: 2, licence_type: 1, search: 'microsoft' },
		listed: [1],
		update: { count: 30, notes: '' },
	},
];
defineResourceCases(book, RESOURCES);

define(
	'assetSoftwareFilters',
	{
		seed: {
			assetsoftware: [
				{ name: 'Chrome', did: 7, licence_id: 0 },
				{ name: 'Office', did: 7, licence_id: 5 },
				{ name: 'Office', did: 8, licence_id: 5 },
			],
		},
	},
	{
		resource: 'assetSoftware',
		operation: 'getMany',
		returnAll: true,
		filters: { device_id: 7, licence_id: 5 },
	},
);

before(() => book.run());
after(() => book.close());

const output = (name) => book.output(name);
const api = (name) => book.api(name);
const record = (name, resource, id) => book.tenant(name).record(resource, id);

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

// ── Asset Type, Asset Group, Software Licence ─────────────────────────────────────────────────
testResourceCases(book, RESOURCES);

test('Asset Software: Get Many filters by asset (device_id) and licence', () => {
	const [request] = api('assetSoftwareFilters');
	assert.deepEqual(
		[request.path, request.query],
		['/api/AssetSoftware', { device_id: '7', licence_id: '5' }],
	);
	assert.deepEqual(
		output('assetSoftwareFilters').map((row) => row.id),
		[2],
	);
});
