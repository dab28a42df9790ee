// Ticket, Ticket Status and Ticket Type, every operation, executed inside real n8n against the
// HaloPSA sandbox.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startSandbox } from '../../../sandbox/server.mjs';
import { N8nSuite, nodeOutput } from '../../harness/n8n.mjs';
import { byId, caseWorkflow, tenantCase } from '../../harness/cases.mjs';

const sandbox = await startSandbox();
const suite = new N8nSuite('ticket');
const cases = {};

function define(name, options, steps, items) {
	const ctx = tenantCase(sandbox, suite, name, options);
	ctx.flow = caseWorkflow(suite, ctx, name, steps, items);
	cases[name] = ctx;
}

const ticket = (operation, extra = {}) => ({ resource: 'ticket', operation, ...extra });
const ticketStatus = (operation, extra = {}) => ({ resource: 'ticketStatus', operation, ...extra });
const ticketType = (operation, extra = {}) => ({ resource: 'ticketType', operation, ...extra });
const summaries = (count) =>
	Array.from({ length: count }, (_, index) => ({
		summary: `Ticket ${String(index + 1).padStart(3, '0')}`,
	}));

// A small service desk: who, what state, and when, to filter on.
const desk = [
	{
		summary: 'Printer offline',
		client_id: 1,
		status_id: 1,
		tickettype_id: 1,
		agent_id: 4,
		dateoccurred: '2026-03-02T09:00:00Z',
		last_update: '2026-03-02T10:00:00Z',
	},
	{
		summary: 'VPN drops',
		client_id: 2,
		status_id: 3,
		tickettype_id: 2,
		agent_id: 4,
		dateoccurred: '2026-03-10T09:00:00Z',
		last_update: '2026-04-20T08:00:00Z',
	},
	{
		summary: 'Printer jam',
		client_id: 2,
		status_id: 9,
		tickettype_id: 1,
		agent_id: 5,
		dateoccurred: '2026-03-15T09:00:00Z',
		last_update: '2026-03-16T10:00:00Z',
	},
	{
		summary: 'New starter laptop',
		client_id: 2,
		status_id: 3,
		tickettype_id: 2,
		agent_id: 5,
		dateoccurred: '2026-04-05T09:00:00Z',
		last_update: '2026-04-25T08:00:00Z',
	},
	{
		summary: 'Email bounce',
		client_id: 3,
		status_id: 9,
		tickettype_id: 3,
		agent_id: 4,
		dateoccurred: '2026-02-20T09:00:00Z',
		last_update: '2026-02-21T10:00:00Z',
	},
];

// ---- Ticket ----
define(
	'create',
	{},
	{
		parameters: ticket('create', {
			summary: 'Printer offline',
			additionalFields: {
				details: 'Second floor printer shows offline',
				client_id: 12,
				site_id: 30,
				user_id: 77,
				tickettype_id: 2,
				status_id: 1,
				priority_id: 3,
				agent_id: 4,
				team_id: 2,
				category_1: 'Hardware>Printer',
				dateoccurred: '2026-03-02T09:00:00',
				isbillable: false,
				customfields: '[{"id": 141, "value": "Floor 2"}]',
			},
		}),
	},
);
define(
	'get',
	{
		seed: {
			tickets: [
				{
					summary: 'Printer offline',
					customfields: [{ id: 141, name: 'CFfloor', value: 'Floor 2' }],
				},
			],
		},
	},
	{
		parameters: ticket('get', {
			ticketId: byId(1),
			options: {
				includedetails: true,
				includelastaction: true,
				includeagent: true,
				include_auditing: true,
				includelinkedobjects: true,
				includeseenby: true,
				includechildids: true,
				includeparentsubject: true,
				nocache: true,
				ticketidonly: false,
				utcoffset: 60,
				assignedto: 4,
				email: 'amy@acme.example',
			},
		}),
	},
);
define(
	'getManyLimit',
	{ seed: { tickets: summaries(30) } },
	{ parameters: ticket('getMany', { limit: 5 }) },
);
define(
	'getManyAll',
	{ seed: { tickets: summaries(230) } },
	{ parameters: ticket('getMany', { returnAll: true }) },
);
define(
	'filterClientStatus',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('getMany', { returnAll: true, filters: { client_id: 2, status_id: 3 } }),
	},
);
define(
	'filterOpenOnly',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('getMany', { returnAll: true, filters: { open_only: true, agent_id: 4 } }),
	},
);
define(
	'filterDateRange',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('getMany', {
			returnAll: true,
			filters: {
				datesearch: 'dateoccured',
				startdate: '2026-03-01T00:00:00',
				enddate: '2026-03-31T23:59:59',
				order: 'dateoccurred',
				orderdesc: true,
			},
		}),
	},
);
define(
	'filterLastUpdated',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('getMany', {
			returnAll: true,
			filters: { lastupdatefromdate: '2026-04-01T00:00:00' },
		}),
	},
);
define(
	'filterSearch',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('getMany', { returnAll: true, filters: { search: 'printer' } }),
	},
);
define(
	'filterIdLists',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('getMany', {
			returnAll: true,
			filters: { status: '1, 9', requesttype: '1', closed_only: false },
		}),
	},
);
// Halo's /Tickets list filters by ticket type as requesttype_id; tickettype_id is only a record
// field, so Halo ignores it as a filter and answers the whole list.
define(
	'moreFilters',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('getMany', {
			returnAll: true,
			moreFilters: { parameter: [{ name: 'requesttype_id', value: '2' }] },
		}),
	},
);
define(
	'moreFiltersUnknown',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('getMany', {
			returnAll: true,
			moreFilters: { parameter: [{ name: 'tickettype_id', value: '2' }] },
		}),
	},
);
define(
	'update',
	{ seed: { tickets: desk } },
	{
		parameters: ticket('update', {
			ticketId: byId(2),
			updateFields: { status_id: 9, agent_id: 5, summary: 'VPN drops (fixed)' },
		}),
	},
);
define(
	'clear',
	{
		seed: {
			tickets: [
				{ summary: 'Laptop', details: 'Old notes', onhold: true, agent_id: 4, category_2: 'Dell' },
			],
		},
	},
	{
		parameters: ticket('update', {
			ticketId: byId(1),
			updateFields: { details: '', onhold: false, agent_id: 0, category_2: '' },
		}),
	},
);
// Delete, then list: the deleted ticket is listed with deleted=true and gone from the normal list.
define('delete', { seed: { tickets: summaries(3) } }, [
	{ parameters: ticket('delete', { ticketId: byId(3), options: { reason: 'Duplicate of #2' } }) },
	{ parameters: ticket('getMany', { returnAll: true, filters: { deleted: true } }) },
	{ parameters: ticket('getMany', { returnAll: true }) },
]);
define(
	'missingSummary',
	{},
	{ parameters: ticket('create', { summary: '  ' }), continueOnFail: true },
);
define(
	'badCustomFields',
	{},
	{
		parameters: ticket('create', {
			summary: 'X',
			additionalFields: { customfields: '[{"id": 1,' },
		}),
		continueOnFail: true,
	},
);
define(
	'unknownTicket',
	{ seed: { tickets: summaries(1) } },
	{ parameters: ticket('get', { ticketId: byId(99) }), continueOnFail: true },
);

// ---- Ticket Status ----
const statuses = [
	'New',
	'In Progress',
	'Waiting',
	'Resolved',
	'Pending Close',
	'On Hold',
	'Scheduled',
	'Triage',
	'Closed',
].map((name) => ({ name }));
define(
	'statusCreate',
	{},
	{
		parameters: ticketStatus('create', {
			name: 'Waiting on Vendor',
			additionalFields: {
				shortname: 'WOV',
				colour: '#E8A33C',
				sequence: 0,
				slaaction: 'hold',
				showonquickchange: false,
				type: 1,
			},
		}),
	},
);
define(
	'statusGet',
	{ seed: { status: statuses } },
	{
		parameters: ticketStatus('get', { ticketStatusId: byId(2), options: { includedetails: true } }),
	},
);
define(
	'statusGetManyLimit',
	{ seed: { status: statuses } },
	{ parameters: ticketStatus('getMany', { limit: 3 }) },
);
define(
	'statusGetManyAll',
	{ seed: { status: statuses } },
	{ parameters: ticketStatus('getMany', { returnAll: true, filters: { excludeclosed: true } }) },
);
define(
	'statusUpdate',
	{ seed: { status: statuses } },
	{
		parameters: ticketStatus('update', {
			ticketStatusId: byId(3),
			updateFields: { name: 'Waiting on Customer', colour: '#3CA55C', showonquickchange: false },
		}),
	},
);
define(
	'statusDelete',
	{ seed: { status: statuses } },
	{ parameters: ticketStatus('delete', { ticketStatusId: byId(8) }) },
);

// ---- Ticket Type ----
const types = [
	{ name: 'Incident' },
	{ name: 'Service Request' },
	{ name: 'Legacy Fault', inactive: true },
	{ name: 'Change' },
];
define(
	'typeCreate',
	{},
	{
		parameters: ticketType('create', {
			name: 'Onboarding',
			additionalFields: {
				default_summary: 'New starter',
				default_team: 'Service Desk',
				default_priority: 3,
				enduserscanselect: true,
				agentscanselect: false,
				default_category_2: 'HR',
			},
		}),
	},
);
define(
	'typeGet',
	{ seed: { tickettype: types } },
	{
		parameters: ticketType('get', {
			ticketTypeId: byId(2),
			options: { includedetails: true, includeconfig: true, ticket_id: 5 },
		}),
	},
);
define(
	'typeGetManyLimit',
	{ seed: { tickettype: types } },
	{ parameters: ticketType('getMany', { limit: 2 }) },
);
define(
	'typeGetManyInactive',
	{ seed: { tickettype: types } },
	{ parameters: ticketType('getMany', { returnAll: true, filters: { showinactive: true } }) },
);
define(
	'typeUpdate',
	{
		seed: {
			tickettype: [
				{ name: 'Incident', default_summary: 'Something broke', sequence: 4, inactive: true },
			],
		},
	},
	{
		parameters: ticketType('update', {
			ticketTypeId: byId(1),
			updateFields: { default_summary: '', sequence: 0, inactive: false },
		}),
	},
);
define(
	'typeDelete',
	{ seed: { tickettype: types } },
	{ parameters: ticketType('delete', { ticketTypeId: byId(4) }) },
);

let batch;

before(async () => {
	batch = await suite.importAndRun(Object.values(cases).map((ctx) => ctx.flow));
});

after(() => sandbox.close());

function output(name, nodeName = 'Halo') {
	const execution = batch.results.get(cases[name].flow.id);
	assert.ok(
		execution,
		`${name} did not finish successfully: ${JSON.stringify(batch.summary?.summary?.errors ?? [])}`,
	);
	return nodeOutput(execution, nodeName).map((item) => item.json);
}

const api = (name) => cases[name].tenant.apiRequests();
const only = (name) => {
	const requests = api(name);
	assert.equal(requests.length, 1, `${name}: expected one request, got ${requests.length}`);
	return requests[0];
};

test('Ticket Create posts a one-element array with every field set, custom fields as JSON', () => {
	const request = only('create');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/Tickets');
	assert.deepEqual(request.body, [
		{
			summary: 'Printer offline',
			details: 'Second floor printer shows offline',
			client_id: 12,
			site_id: 30,
			user_id: 77,
			tickettype_id: 2,
			status_id: 1,
			priority_id: 3,
			agent_id: 4,
			team_id: 2,
			category_1: 'Hardware>Printer',
			dateoccurred: '2026-03-02T09:00:00',
			isbillable: false,
			customfields: [{ id: 141, value: 'Floor 2' }],
		},
	]);
	const [created] = output('create');
	assert.equal(created.id, 1);
	assert.equal(created.summary, 'Printer offline');
	assert.equal(created.isbillable, false);
	assert.equal(cases.create.tenant.record('tickets', 1).client_id, 12);
});

test('Ticket Get sends every option that is set, false ones included', () => {
	const request = only('get');
	assert.equal(request.path, '/api/Tickets/1');
	assert.deepEqual(request.query, {
		includedetails: 'true',
		includelastaction: 'true',
		includeagent: 'true',
		include_auditing: 'true',
		includelinkedobjects: 'true',
		includeseenby: 'true',
		includechildids: 'true',
		includeparentsubject: 'true',
		nocache: 'true',
		ticketidonly: 'false',
		utcoffset: '60',
		assignedto: '4',
		email: 'amy@acme.example',
	});
	const [got] = output('get');
	assert.equal(got.summary, 'Printer offline');
	assert.deepEqual(
		got.customfields,
		[{ id: 141, name: 'CFfloor', value: 'Floor 2' }],
		'custom fields come with Include Details',
	);
});

test('Ticket Get Many with Limit 5 asks for one page of 5', () => {
	const request = only('getManyLimit');
	assert.equal(request.path, '/api/Tickets');
	assert.deepEqual(request.query, { pageinate: 'true', page_size: '5', page_no: '1' });
	assert.deepEqual(
		output('getManyLimit').map((row) => row.summary),
		['Ticket 001', 'Ticket 002', 'Ticket 003', 'Ticket 004', 'Ticket 005'],
	);
});

test('Ticket Get Many with Return All pages through 230 tickets, 100 at a time', () => {
	// Page 1 first; pages 2 and 3 go out together, so they may answer in either order.
	const asked = api('getManyAll').map((request) => [
		request.query.page_no,
		request.query.page_size,
	]);
	assert.deepEqual(asked[0], ['1', '100']);
	assert.deepEqual(asked.slice(1).sort(), [
		['2', '100'],
		['3', '100'],
	]);
	const rows = output('getManyAll');
	assert.equal(rows.length, 230);
	assert.deepEqual(
		rows.map((row) => row.id),
		Array.from({ length: 230 }, (_, index) => index + 1),
	);
	assert.equal(rows[229].summary, 'Ticket 230');
});

test('Ticket filters by client and status reach Halo as client_id and status_id', () => {
	const { query } = only('filterClientStatus');
	assert.equal(query.client_id, '2');
	assert.equal(query.status_id, '3');
	assert.deepEqual(
		output('filterClientStatus').map((row) => row.summary),
		['VPN drops', 'New starter laptop'],
	);
});

test('Ticket filter Open Only is sent as open_only and leaves closed tickets out', () => {
	const { query } = only('filterOpenOnly');
	assert.equal(query.open_only, 'true');
	assert.equal(query.agent_id, '4');
	assert.deepEqual(
		output('filterOpenOnly').map((row) => row.summary),
		['Printer offline', 'VPN drops'],
	);
});

test('Ticket date range: datesearch with startdate and enddate, sorted by order/orderdesc', () => {
	const { query } = only('filterDateRange');
	assert.equal(query.datesearch, 'dateoccured');
	assert.equal(query.startdate, '2026-03-01T00:00:00');
	assert.equal(query.enddate, '2026-03-31T23:59:59');
	assert.equal(query.order, 'dateoccurred');
	assert.equal(query.orderdesc, 'true');
	assert.deepEqual(
		output('filterDateRange').map((row) => row.summary),
		['Printer jam', 'VPN drops', 'Printer offline'],
	);
});

test('Ticket filter Last Updated After is sent as lastupdatefromdate', () => {
	const { query } = only('filterLastUpdated');
	assert.equal(query.lastupdatefromdate, '2026-04-01T00:00:00');
	assert.deepEqual(
		output('filterLastUpdated').map((row) => row.summary),
		['VPN drops', 'New starter laptop'],
	);
});

test('Ticket search is sent as search', () => {
	assert.equal(only('filterSearch').query.search, 'printer');
	assert.deepEqual(
		output('filterSearch').map((row) => row.summary),
		['Printer offline', 'Printer jam'],
	);
});

test('Ticket ID-list filters go as comma lists, and false is sent too', () => {
	const { query } = only('filterIdLists');
	assert.equal(query.status, '1,9');
	assert.equal(query.requesttype, '1');
	assert.equal(query.closed_only, 'false');
	assert.deepEqual(
		output('filterIdLists').map((row) => row.summary),
		['Printer offline', 'Printer jam'],
	);
});

test('Ticket More Filters sends any other parameter by its HaloPSA name', () => {
	assert.equal(only('moreFilters').query.requesttype_id, '2');
	assert.deepEqual(
		output('moreFilters').map((row) => row.summary),
		['VPN drops', 'New starter laptop'],
	);
});

test('A More Filters name Halo does not define is sent, and Halo (the sandbox) ignores it: the whole list', () => {
	assert.equal(only('moreFiltersUnknown').query.tickettype_id, '2');
	assert.deepEqual(
		output('moreFiltersUnknown').map((row) => row.summary),
		desk.map((row) => row.summary),
	);
});

test('Ticket Update posts [{id, …changes}] and outputs the saved ticket', () => {
	const request = only('update');
	assert.equal(request.path, '/api/Tickets');
	assert.deepEqual(request.body, [
		{ id: 2, status_id: 9, agent_id: 5, summary: 'VPN drops (fixed)' },
	]);
	const [updated] = output('update');
	assert.equal(updated.status_id, 9);
	assert.equal(updated.client_id, 2, 'fields not sent are kept');
});

test('Ticket Update sends empty string, false and 0 so fields can be cleared', () => {
	assert.deepEqual(only('clear').body, [
		{ id: 1, details: '', onhold: false, agent_id: 0, category_2: '' },
	]);
	const record = cases.clear.tenant.record('tickets', 1);
	assert.equal(record.details, '');
	assert.equal(record.onhold, false);
	assert.equal(record.agent_id, 0);
});

test('Ticket Delete sends the reason; the ticket is soft-deleted and only listed with deleted=true', () => {
	const [remove, deletedList, list] = api('delete');
	assert.equal(remove.method, 'DELETE');
	assert.equal(remove.path, '/api/Tickets/3');
	assert.deepEqual(remove.query, { reason: 'Duplicate of #2' });
	assert.deepEqual(output('delete'), [{ id: 3, deleted: true }]);
	assert.equal(cases.delete.tenant.record('tickets', 3).deleted, true);
	assert.equal(deletedList.query.deleted, 'true');
	assert.deepEqual(
		output('delete', 'Halo 2').map((row) => row.id),
		[3],
	);
	assert.equal(list.query.deleted, undefined);
	assert.deepEqual(
		output('delete', 'Halo 3').map((row) => row.id),
		[1, 2],
	);
});

test('Ticket Create without a summary fails before any request', () => {
	assert.equal(api('missingSummary').length, 0);
	assert.equal(output('missingSummary')[0].error, 'Summary is required');
});

test('Ticket custom fields that are not JSON are refused before any request', () => {
	assert.equal(api('badCustomFields').length, 0);
	assert.match(output('badCustomFields')[0].error, /Custom Fields \(JSON\) is not valid JSON/);
});

test('Ticket Get of an unknown ID is a clear 404 error item', () => {
	assert.equal(only('unknownTicket').path, '/api/Tickets/99');
	const [item] = output('unknownTicket');
	assert.equal(item.error, 'No Ticket with ID 99 exists in HaloPSA (404)');
	assert.equal(item.httpCode, '404');
});

test('Ticket Status Create posts an array, as every Halo create does', () => {
	const request = only('statusCreate');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/Status');
	assert.ok(Array.isArray(request.body), 'body is an array');
	assert.deepEqual(request.body, [
		{
			name: 'Waiting on Vendor',
			shortname: 'WOV',
			colour: '#E8A33C',
			sequence: 0,
			slaaction: 'hold',
			showonquickchange: false,
			type: 1,
		},
	]);
	const [created] = output('statusCreate');
	assert.equal(created.id, 1);
	assert.equal(created.slaaction, 'hold');
});

test('Ticket Status Get sends Include Details', () => {
	const request = only('statusGet');
	assert.equal(request.path, '/api/Status/2');
	assert.deepEqual(request.query, { includedetails: 'true' });
	assert.equal(output('statusGet')[0].name, 'In Progress');
});

test('Ticket Status Get Many has a Limit, sent as count on the bare-array list', () => {
	const request = only('statusGetManyLimit');
	assert.equal(request.path, '/api/Status');
	assert.deepEqual(request.query, { count: '3' });
	assert.deepEqual(
		output('statusGetManyLimit').map((row) => row.name),
		['New', 'In Progress', 'Waiting'],
	);
});

test('Ticket Status Get Many with Return All and Exclude Closed', () => {
	assert.deepEqual(only('statusGetManyAll').query, { excludeclosed: 'true' });
	const rows = output('statusGetManyAll');
	assert.equal(rows.length, 8);
	assert.ok(!rows.some((row) => row.name === 'Closed'));
});

test('Ticket Status Update posts [{id, …}] too', () => {
	assert.deepEqual(only('statusUpdate').body, [
		{ id: 3, name: 'Waiting on Customer', colour: '#3CA55C', showonquickchange: false },
	]);
	assert.equal(output('statusUpdate')[0].name, 'Waiting on Customer');
});

test('Ticket Status Delete', () => {
	const request = only('statusDelete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/Status/8');
	assert.deepEqual(output('statusDelete'), [{ id: 8, deleted: true }]);
	assert.equal(cases.statusDelete.tenant.record('status', 8), undefined);
});

test('Ticket Type Create posts a one-element array', () => {
	const request = only('typeCreate');
	assert.equal(request.path, '/api/TicketType');
	assert.deepEqual(request.body, [
		{
			name: 'Onboarding',
			default_summary: 'New starter',
			default_team: 'Service Desk',
			default_priority: 3,
			enduserscanselect: true,
			agentscanselect: false,
			default_category_2: 'HR',
		},
	]);
	assert.equal(output('typeCreate')[0].name, 'Onboarding');
});

test('Ticket Type Get sends every option set', () => {
	const request = only('typeGet');
	assert.equal(request.path, '/api/TicketType/2');
	assert.deepEqual(request.query, {
		includedetails: 'true',
		includeconfig: 'true',
		ticket_id: '5',
	});
	assert.equal(output('typeGet')[0].name, 'Service Request');
});

test('Ticket Type Get Many: Limit as count; inactive types only with showinactive', () => {
	assert.deepEqual(only('typeGetManyLimit').query, { count: '2' });
	assert.deepEqual(
		output('typeGetManyLimit').map((row) => row.name),
		['Incident', 'Service Request'],
	);
	assert.deepEqual(only('typeGetManyInactive').query, { showinactive: 'true' });
	assert.deepEqual(
		output('typeGetManyInactive').map((row) => row.name),
		['Incident', 'Service Request', 'Legacy Fault', 'Change'],
	);
});

test('Ticket Type Update clears fields with empty string, 0 and false', () => {
	assert.deepEqual(only('typeUpdate').body, [
		{ id: 1, default_summary: '', sequence: 0, inactive: false },
	]);
	const record = cases.typeUpdate.tenant.record('tickettype', 1);
	assert.equal(record.default_summary, '');
	assert.equal(record.inactive, false);
});

test('Ticket Type Delete', () => {
	const request = only('typeDelete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/TicketType/4');
	assert.deepEqual(output('typeDelete'), [{ id: 4, deleted: true }]);
});

test('Each case asked for one token only', () => {
	for (const [name, ctx] of Object.entries(cases)) {
		if (ctx.tenant.apiRequests().length === 0) continue;
		assert.equal(ctx.tenant.tokenRequests().length, 1, name);
	}
});
