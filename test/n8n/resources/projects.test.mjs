// Projects and change: Project and Opportunity (tickets underneath, with the ticket shortcuts),
// Release, Change Calendar, and the service catalogue (Service, Service Category, Service Status).
// Every operation of each runs at least once inside real n8n against the sandbox, in one n8n boot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId } from '../../harness/cases.mjs';
import { defineResourceCases, testResourceCases } from '../../harness/resource-cases.mjs';

const book = await CaseBook.start('projects');

function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}

const api = (name) => book.api(name);
const output = (name) => book.output(name);
const record = (name, store, id) => book.tenant(name).record(store, id);

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
// ── Release and the service catalogue: create, get, get many, update and delete ─────────────
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
defineResourceCases(book, RESOURCES);

// ── Change Calendar: a read-only list ─────────────────────────────────────────────────────────
define(
	'changeCalendarAll',
	{ seed: { changecalendar: [{ name: 'Freeze: year end' }, { name: 'Firewall upgrade' }] } },
	{
		resource: 'changeCalendar',
		operation: 'getMany',
		returnAll: true,
	},
);

// ── A change Halo refuses ────────────────────────────────────────────────────────────────────
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

// ── Release and the service catalogue ─────────────────────────────────────────────────────────
testResourceCases(book, RESOURCES);

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
