// Work and assets (issue 10): Project and Opportunity (tickets underneath, with the ticket shortcuts),
// Release, Change Calendar, Schedule, Workday, Holiday, Timeslot, Asset Type, Asset Group, Asset
// Software, Software Licence, Service, Service Category and Service Status. Every operation of each
// runs at least once inside real n8n against the sandbox, in one n8n boot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId } from './harness/cases.mjs';

const book = await CaseBook.start('projects-schedules-catalogue');

function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}

const api = (name) => book.api(name);
const output = (name) => book.output(name);
const record = (name, store, id) => book.tenant(name).record(store, id);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ── Project and Opportunity: tickets underneath, each path listing its own kind ──────────────
const KINDS = [
	{
		value: 'project',
		path: '/api/Projects',
		use: 'prjs',
		other: 'opps',
		extra: { projecttimebudget: 40, projectinternaltask: false },
	},
	{
		value: 'opportunity',
		path: '/api/Opportunities',
		use: 'opps',
		other: 'prjs',
		extra: { oppvalue: 12000, oppconversionprobability: 60 },
	},
];

for (const kind of KINDS) {
	const op = (operation, extra = {}) => ({ resource: kind.value, operation, ...extra });
	const own = (row) => ({ ...row, use: kind.use });
	const mixed = [
		own({ summary: 'Office move', client_id: 2 }),
		{ summary: 'Printer offline', client_id: 2 },
		{ summary: 'Other kind', client_id: 2, use: kind.other },
		own({ summary: 'Network refresh', client_id: 3 }),
		own({ summary: 'Phone system', client_id: 2 }),
	];
	const v = kind.value;
	define(
		`${v}Create`,
		{},
		op('create', {
			summary: 'Office move',
			additionalFields: { client_id: 2, tickettype_id: 5, ...kind.extra },
		}),
	);
	define(
		`${v}Get`,
		{ seed: { tickets: mixed } },
		op('get', { [`${v}Id`]: byId(1), options: { includedetails: true, includechildids: true } }),
	);
	define(
		`${v}GetMany`,
		{ seed: { tickets: mixed } },
		op('getMany', { returnAll: true, filters: { client_id: 2 } }),
	);
	define(
		`${v}Update`,
		{ seed: { tickets: mixed } },
		op('update', {
			[`${v}Id`]: byId(1),
			updateFields: { summary: 'Office move (phase 2)', ...kind.extra },
		}),
	);
	define(
		`${v}Delete`,
		{ seed: { tickets: mixed } },
		op('delete', { [`${v}Id`]: byId(4), options: { reason: 'Duplicate' } }),
	);
	define(
		`${v}AddNote`,
		{ seed: { tickets: mixed } },
		op('addNote', {
			[`${v}Id`]: byId(1),
			outcome: 'Private Note',
			note: 'Kick-off held',
			options: { timetaken: 1.5 },
		}),
	);
	define(
		`${v}ChangeStatus`,
		{ seed: { tickets: mixed } },
		op('changeStatus', { [`${v}Id`]: byId(1), new_status: 2, outcome: 'Status Change' }),
	);
	define(
		`${v}Assign`,
		{ seed: { tickets: mixed } },
		op('assign', { [`${v}Id`]: byId(1), options: { agent_id: 4 } }),
	);
	define(
		`${v}Close`,
		{ seed: { tickets: mixed } },
		op('close', { [`${v}Id`]: byId(1), note: 'Delivered', outcome: 'Closed' }),
	);
	define(
		`${v}Recover`,
		{ seed: { tickets: [own({ summary: 'Office move', deleted: true })] } },
		op('recover', { [`${v}Id`]: byId(1) }),
	);
}

// ── The other resources: create, get, get many, update and delete, as each path allows ──────
// store: the sandbox's name for the records; seed: three records; listed: the ids the filters keep.
const RESOURCES = [
	{
		value: 'release',
		path: '/api/Release',
		store: 'release',
		paged: true,
		create: {
			name: '2.4.0',
			additionalFields: { product_id: 3, major_version_number: 2, public_note: 'Faster sync' },
		},
		created: { name: '2.4.0', product_id: 3, major_version_number: 2, public_note: 'Faster sync' },
		seed: [
			{ name: '2.3.0', product_id: 3 },
			{ name: '1.0.0', product_id: 4 },
			{ name: '2.4.0', product_id: 3 },
		],
		getOptions: { includedetails: true },
		filters: { product_id: 3 },
		listed: [1, 3],
		update: { major_version_number: 3, note: '' },
	},
	{
		value: 'schedule',
		path: '/api/Schedule',
		store: 'schedule',
		noDelete: true,
		create: {
			subject: 'Monthly patching',
			additionalFields: {
				requesttype: 3,
				agentid: 2,
				recurrencepattern: 2,
				startdate: '2026-01-05T09:00:00',
			},
		},
		created: {
			subject: 'Monthly patching',
			requesttype: 3,
			agentid: 2,
			recurrencepattern: 2,
			startdate: '2026-01-05T09:00:00',
		},
		seed: [
			{ subject: 'Backups check', type: 1 },
			{ subject: 'Patching', type: 2 },
			{ subject: 'Licence review', type: 1 },
		],
		getOptions: { includedetails: true },
		filters: { type: 1 },
		listed: [1, 3],
		update: { subject: 'Weekly patching', weeklyrecurrenceweeks: 1 },
	},
	{
		value: 'workday',
		path: '/api/Workday',
		store: 'workday',
		create: {
			name: 'UK office',
			additionalFields: { timezone: 'Europe/London', incsaturday: false, alldayssame: true },
		},
		created: {
			name: 'UK office',
			timezone: 'Europe/London',
			incsaturday: false,
			alldayssame: true,
		},
		seed: [{ name: 'UK office' }, { name: 'US office' }, { name: '24x7' }],
		getOptions: { includedetails: true },
		filters: { showholidays: true },
		listed: [1, 2, 3],
		update: { incsunday: true, summary: '' },
	},
	{
		value: 'holiday',
		path: '/api/Holiday',
		store: 'holiday',
		guid: true,
		create: {
			name: 'New Year’s Day',
			date: '2027-01-01T00:00:00',
			additionalFields: { workday_id: 1, allday: true },
		},
		created: { name: 'New Year’s Day', date: '2027-01-01T00:00:00', workday_id: 1, allday: true },
		seed: [
			{
				id: '6f1c2b4e-1d2a-4c1b-9a55-1f0e2d3c4b5a',
				name: 'Boxing Day',
				date: '2026-12-26T00:00:00',
				workday_id: 1,
			},
			{
				id: '7a2d3c5f-2e3b-4d2c-8b66-2a1f3e4d5c6b',
				name: 'Christmas Day',
				date: '2026-12-25T00:00:00',
				workday_id: 2,
			},
			{
				id: '8b3e4d6a-3f4c-4e3d-9c77-3b2a4f5e6d7c',
				name: 'Easter Monday',
				date: '2026-04-06T00:00:00',
				workday_id: 1,
			},
		],
		getOptions: { includedetails: true },
		filters: { workdayid: 1, start_date: '2026-12-01T00:00:00' },
		listed: ['6f1c2b4e-1d2a-4c1b-9a55-1f0e2d3c4b5a'],
		update: { allday: false, duration: 4 },
	},
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
	{
		value: 'service',
		path: '/api/Service',
		store: 'service',
		paged: true,
		create: {
			name: 'Email',
			additionalFields: {
				service_category_id: 2,
				trackstatus: true,
				summary: 'Mailboxes and calendars',
			},
		},
		created: {
			name: 'Email',
			service_category_id: 2,
			trackstatus: true,
			summary: 'Mailboxes and calendars',
		},
		seed: [
			{ name: 'Email', service_category_id: 2 },
			{ name: 'VPN', service_category_id: 3 },
			{ name: 'Email archive', service_category_id: 4 },
		],
		getOptions: { includedetails: true, user_id: 5 },
		filters: { service_category_ids: '2,4', search: 'email' },
		listed: [1, 3],
		update: { showinusercatalog: false, note: '' },
	},
	{
		value: 'serviceCategory',
		path: '/api/ServiceCategory',
		store: 'servicecategory',
		create: { name: 'Communication', additionalFields: { seq: 1, important: true } },
		created: { name: 'Communication', seq: 1, important: true },
		seed: [{ name: 'Communication' }, { name: 'Security' }, { name: 'Hardware' }],
		getOptions: { includedetails: true },
		filters: { include_parent_name: true },
		listed: [1, 2, 3],
		update: { parent_id: 2, summary: '' },
	},
	{
		value: 'serviceStatus',
		path: '/api/ServiceStatus',
		store: 'servicestatus',
		paged: true,
		create: {
			service_id: 3,
			status: 2,
			additionalFields: { message_public: 'Email is slow for some users' },
		},
		created: { service_id: 3, status: 2, message_public: 'Email is slow for some users' },
		seed: [
			{ service_id: 3, status: 1 },
			{ service_id: 4, status: 1 },
			{ service_id: 3, status: 2 },
		],
		getOptions: { includedetails: true },
		filters: { service_id: 3 },
		listed: [1, 3],
		update: { status: 0, message_internal: '' },
	},
];

for (const resource of RESOURCES) {
	const v = resource.value;
	const op = (operation, extra = {}) => ({ resource: v, operation, ...extra });
	const firstId = resource.guid ? resource.seed[0].id : 1;
	const lastId = resource.guid ? resource.seed[2].id : 3;
	define(`${v}Create`, {}, op('create', resource.create));
	define(
		`${v}Get`,
		{ seed: { [resource.store]: resource.seed } },
		op('get', { [`${v}Id`]: byId(firstId), options: resource.getOptions }),
	);
	define(
		`${v}GetMany`,
		{ seed: { [resource.store]: resource.seed } },
		op('getMany', { returnAll: true, filters: resource.filters }),
	);
	define(`${v}Limit`, { seed: { [resource.store]: resource.seed } }, op('getMany', { limit: 2 }));
	define(
		`${v}Update`,
		{ seed: { [resource.store]: resource.seed } },
		op('update', { [`${v}Id`]: byId(firstId), updateFields: resource.update }),
	);
	if (!resource.noDelete)
		define(
			`${v}Delete`,
			{ seed: { [resource.store]: resource.seed } },
			op('delete', { [`${v}Id`]: byId(lastId) }),
		);
}

// ── Read-only lists: Change Calendar, Timeslot, Asset Software ──────────────────────────────
define(
	'changeCalendarAll',
	{ seed: { changecalendar: [{ name: 'Freeze: year end' }, { name: 'Firewall upgrade' }] } },
	{
		resource: 'changeCalendar',
		operation: 'getMany',
		returnAll: true,
	},
);
define(
	'timeslotFilters',
	{
		seed: {
			timeslot: [
				{ name: 'Morning', workday_id: 1 },
				{ name: 'Afternoon', workday_id: 1 },
				{ name: 'Night', workday_id: 2 },
			],
		},
	},
	{
		resource: 'timeslot',
		operation: 'getMany',
		returnAll: true,
		filters: { workday_id: 1, agent_id: 4 },
	},
);
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

// ── A change Halo refuses, and an operation Halo does not have ─────────────────────────────
define(
	'releaseUpdateUnknown',
	{ seed: { release: [{ name: '2.3.0' }] } },
	{
		resource: 'release',
		operation: 'update',
		releaseId: byId(77),
		updateFields: { name: '2.3.1' },
	},
	{
		continueOnFail: true,
	},
);
define(
	'scheduleDelete',
	{},
	{ resource: 'schedule', operation: 'delete', scheduleId: byId(1) },
	{ continueOnFail: true },
);

before(() => book.run());
after(() => book.close());

// ── Project and Opportunity ───────────────────────────────────────────────────────────────────

for (const kind of KINDS) {
	const v = kind.value;
	test(`${v}: Create posts to ${kind.path}; the record is a ticket of its kind`, () => {
		const [request] = api(`${v}Create`);
		assert.deepEqual([request.method, request.path], ['POST', kind.path]);
		assert.deepEqual(request.body, [
			{ summary: 'Office move', client_id: 2, tickettype_id: 5, ...kind.extra },
		]);
		const [created] = output(`${v}Create`);
		assert.equal(created.id, 1);
		assert.equal(created.summary, 'Office move');
		assert.equal(record(`${v}Create`, 'tickets', 1).use, kind.use);
	});

	test(`${v}: Get reads ${kind.path}/{id} with the ticket options`, () => {
		const [request] = api(`${v}Get`);
		assert.deepEqual(
			[request.method, request.path, request.query],
			['GET', `${kind.path}/1`, { includedetails: 'true', includechildids: 'true' }],
		);
		assert.equal(output(`${v}Get`)[0].summary, 'Office move');
	});

	test(`${v}: Get Many pages through the tickets key and lists only its own kind`, () => {
		const requests = api(`${v}GetMany`);
		assert.ok(
			requests.every(
				(request) =>
					request.path === kind.path &&
					request.query.client_id === '2' &&
					request.query.pageinate === 'true',
			),
		);
		assert.deepEqual(
			output(`${v}GetMany`).map((row) => row.summary),
			['Office move', 'Phone system'],
		);
	});

	test(`${v}: Update posts the id and the changed fields to ${kind.path}`, () => {
		const [request] = api(`${v}Update`);
		assert.deepEqual([request.method, request.path], ['POST', kind.path]);
		assert.deepEqual(request.body, [{ id: 1, summary: 'Office move (phase 2)', ...kind.extra }]);
		assert.equal(record(`${v}Update`, 'tickets', 1).summary, 'Office move (phase 2)');
	});

	test(`${v}: Delete sends the reason; Halo keeps the record as deleted`, () => {
		const [request] = api(`${v}Delete`);
		assert.deepEqual(
			[request.method, request.path, request.query],
			['DELETE', `${kind.path}/4`, { reason: 'Duplicate' }],
		);
		assert.deepEqual(output(`${v}Delete`), [{ id: 4, deleted: true }]);
		assert.equal(record(`${v}Delete`, 'tickets', 4).deleted, true);
	});

	test(`${v}: Add Note posts an action naming it in ticket_id`, () => {
		const [request] = api(`${v}AddNote`);
		assert.deepEqual([request.method, request.path], ['POST', '/api/Actions']);
		assert.deepEqual(request.body, [
			{ ticket_id: 1, outcome: 'Private Note', note: 'Kick-off held', timetaken: 1.5 },
		]);
		assert.equal(output(`${v}AddNote`)[0].ticket_id, 1);
		assert.equal(book.tenant(`${v}AddNote`).records('actions').length, 1);
	});

	test(`${v}: Change Status moves it through an action's new_status`, () => {
		const [request] = api(`${v}ChangeStatus`);
		assert.deepEqual(request.body, [{ ticket_id: 1, new_status: 2, outcome: 'Status Change' }]);
		assert.equal(record(`${v}ChangeStatus`, 'tickets', 1).status_id, 2);
	});

	test(`${v}: Assign posts the agent to ${kind.path}`, () => {
		const [request] = api(`${v}Assign`);
		assert.deepEqual(
			[request.method, request.path, request.body],
			['POST', kind.path, [{ id: 1, agent_id: 4 }]],
		);
		assert.equal(record(`${v}Assign`, 'tickets', 1).agent_id, 4);
	});

	test(`${v}: Close moves it to Halo's Closed status with a note`, () => {
		const [request] = api(`${v}Close`);
		assert.deepEqual(request.body, [
			{ ticket_id: 1, note: 'Delivered', outcome: 'Closed', new_status: 9 },
		]);
		assert.equal(record(`${v}Close`, 'tickets', 1).status_id, 9);
	});

	test(`${v}: Recover posts _recover to ${kind.path}`, () => {
		const [request] = api(`${v}Recover`);
		assert.deepEqual([request.path, request.body], [kind.path, [{ _recover: true, id: 1 }]]);
		assert.equal(record(`${v}Recover`, 'tickets', 1).deleted, false);
	});
}

// ── The other resources ─────────────────────────────────────────────────────────────────────

for (const resource of RESOURCES) {
	const v = resource.value;
	const firstId = resource.guid ? resource.seed[0].id : 1;
	const lastId = resource.guid ? resource.seed[2].id : 3;

	test(`${v}: Create posts a one-element array to ${resource.path} and outputs the saved record`, () => {
		const [request] = api(`${v}Create`);
		assert.deepEqual([request.method, request.path], ['POST', resource.path]);
		assert.deepEqual(request.body, [resource.created]);
		const [created] = output(`${v}Create`);
		if (resource.guid) assert.match(created.id, GUID);
		else assert.equal(created.id, 1);
		assert.ok(record(`${v}Create`, resource.store, created.id));
	});

	test(`${v}: Get reads ${resource.path}/{id} with its options`, () => {
		const [request] = api(`${v}Get`);
		const query = Object.fromEntries(
			Object.entries(resource.getOptions).map(([key, value]) => [key, String(value)]),
		);
		assert.deepEqual(
			[request.method, request.path, request.query],
			['GET', `${resource.path}/${firstId}`, query],
		);
		assert.equal(output(`${v}Get`)[0].id, firstId);
	});

	test(`${v}: Get Many sends the filters and outputs the records Halo keeps`, () => {
		const requests = api(`${v}GetMany`);
		assert.ok(requests.length >= 1);
		for (const request of requests) {
			assert.equal(request.path, resource.path);
			for (const [key, value] of Object.entries(resource.filters))
				assert.equal(request.query[key], String(value), key);
			assert.equal(request.query.pageinate, resource.paged ? 'true' : undefined);
		}
		assert.deepEqual(
			output(`${v}GetMany`).map((row) => row.id),
			resource.listed,
		);
	});

	test(`${v}: Get Many with Limit 2 keeps two records`, () => {
		const [request] = api(`${v}Limit`);
		assert.deepEqual(
			request.query,
			resource.paged ? { pageinate: 'true', page_size: '2', page_no: '1' } : { count: '2' },
		);
		assert.equal(output(`${v}Limit`).length, 2);
	});

	test(`${v}: Update posts the id and the changed fields, cleared values included`, () => {
		const [request] = api(`${v}Update`);
		assert.deepEqual([request.method, request.path], ['POST', resource.path]);
		assert.deepEqual(request.body, [{ id: firstId, ...resource.update }]);
		const saved = record(`${v}Update`, resource.store, firstId);
		for (const [key, value] of Object.entries(resource.update))
			assert.equal(saved[key], value, key);
	});

	if (!resource.noDelete) {
		test(`${v}: Delete sends DELETE ${resource.path}/{id}`, () => {
			const [request] = api(`${v}Delete`);
			assert.deepEqual([request.method, request.path], ['DELETE', `${resource.path}/${lastId}`]);
			assert.deepEqual(output(`${v}Delete`), [{ id: lastId, deleted: true }]);
			assert.equal(record(`${v}Delete`, resource.store, lastId), undefined);
		});
	}
}

test('Schedule has no Delete: Halo has none, so the node says so and sends nothing', () => {
	assert.equal(api('scheduleDelete').length, 0);
	const [item] = output('scheduleDelete');
	assert.equal(
		item.error,
		'HaloPSA’s API has no way to delete a schedule, so Schedule has no Delete operation.',
		JSON.stringify(item),
	);
});

// ── Read-only lists ─────────────────────────────────────────────────────────────────────────

test('Change Calendar: Get Many reads the bare array, no paging', () => {
	assert.deepEqual(
		api('changeCalendarAll').map((request) => [request.method, request.path, request.query]),
		[['GET', '/api/ChangeCalendar', {}]],
	);
	assert.deepEqual(
		output('changeCalendarAll').map((row) => row.name),
		['Freeze: year end', 'Firewall upgrade'],
	);
});

test('Timeslot: Get Many filters by workday and agent', () => {
	const [request] = api('timeslotFilters');
	assert.deepEqual(
		[request.path, request.query],
		['/api/Timeslot', { workday_id: '1', agent_id: '4' }],
	);
	assert.deepEqual(
		output('timeslotFilters').map((row) => row.name),
		['Morning', 'Afternoon'],
	);
});

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

test("Release Update of an unknown id: Halo's 400 becomes an error item with Halo's words", () => {
	const [request] = api('releaseUpdateUnknown');
	assert.deepEqual(
		[request.method, request.status, request.body],
		['POST', 400, [{ id: 77, name: '2.3.1' }]],
	);
	const [item] = output('releaseUpdateUnknown');
	assert.match(
		item.error,
		/^HaloPSA rejected the request: .*No record with id 77/,
		JSON.stringify(item),
	);
	assert.equal(record('releaseUpdateUnknown', 'release', 1).name, '2.3.0');
});
