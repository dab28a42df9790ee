// Time and calendars: Timesheet, Timesheet Event, Appointment, Schedule, Workday, Holiday and
// Timeslot, every operation inside real n8n against the HaloPSA sandbox, in one n8n boot. Where
// Halo's behaviour is unknown (the Timesheet list's shape) the case runs against each possible answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId } from '../../harness/cases.mjs';
import {
	lifecycle,
	lifecycleRequests as checkLifecycle,
	op,
	step,
} from '../../harness/lifecycle.mjs';
import { defineResourceCases, testResourceCases } from '../../harness/resource-cases.mjs';

const book = await CaseBook.start('time');
const cases = new Proxy({}, { get: (_, name) => book.cases.get(name) });

function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}

const on =
	(resource) =>
	(operation, extra = {}) => ({ resource, operation, ...extra });
const timesheet = on('timesheet');
const timesheetEvent = on('timesheetEvent');

// ── Timesheet: bare array or `timesheets` wrapper, and no DELETE ──────────────────────────────
const timesheets = [
	{
		agent_id: 4,
		agent_name: 'Ann',
		date: '2024-05-01T00:00:00',
		target_hours: 7.5,
		actual_hours: 6,
	},
	{ agent_id: 4, agent_name: 'Ann', date: '2024-05-02T00:00:00', target_hours: 7.5 },
	{ agent_id: 5, agent_name: 'Bob', date: '2024-05-01T00:00:00', target_hours: 8 },
];
define(
	'tsCreate',
	{},
	timesheet('create', {
		agent_id: 4,
		date: '2024-05-03T00:00:00',
		additionalFields: { target_hours: 7.5, colour: '#00AA00', timesheet_manager: 9 },
	}),
);
define(
	'tsGet',
	{ seed: { timesheet: timesheets } },
	timesheet('get', { timesheetId: byId(3), options: { agent_id: 5, date: '2024-05-01' } }),
);
for (const shape of ['array', 'wrapper']) {
	const knobs =
		shape === 'wrapper'
			? { listShapes: { timesheet: { list: 'wrapper', listKey: 'timesheets' } } }
			: {};
	define(
		`tsGetMany-${shape}`,
		{ seed: { timesheet: timesheets }, knobs },
		timesheet('getMany', { limit: 10, filters: { agent_id: 4 } }),
	);
	define(
		`tsGetManyDate-${shape}`,
		{ seed: { timesheet: timesheets }, knobs },
		timesheet('getMany', { returnAll: true, filters: { date: '2024-05-01' } }),
	);
}
define(
	'tsClear',
	{ seed: { timesheet: timesheets } },
	timesheet('update', {
		timesheetId: byId(1),
		updateFields: { actual_hours: 0, agent_name: '', date: '2024-05-05T00:00:00' },
	}),
);
// A workflow saved with Delete (from another node or hand-written JSON) fails with the reason.
define(
	'tsDelete',
	{ seed: { timesheet: timesheets } },
	timesheet('delete', { timesheetId: byId(1) }),
	{ continueOnFail: true },
);

// ── Timesheet Event ───────────────────────────────────────────────────────────────────────────
const events = [
	{
		agent_id: 4,
		subject: 'Call',
		start_date: '2024-05-01T09:00:00',
		end_date: '2024-05-01T10:00:00',
		note: 'n',
		ticket_id: 12,
	},
	{
		agent_id: 5,
		subject: 'Visit',
		start_date: '2024-05-01T11:00:00',
		end_date: '2024-05-01T13:00:00',
	},
	{
		agent_id: 6,
		subject: 'Admin',
		start_date: '2024-05-01T09:30:00',
		end_date: '2024-05-01T10:30:00',
	},
	{
		agent_id: 4,
		subject: 'Next day',
		start_date: '2024-05-02T09:00:00',
		end_date: '2024-05-02T10:00:00',
	},
];
define(
	'teCreate',
	{},
	timesheetEvent('create', {
		agent_id: 4,
		additionalFields: {
			subject: 'Site visit',
			start_date: '2024-05-01T09:00:00',
			end_date: '2024-05-01T10:30:00',
			timetaken: 1.5,
			ticket_id: 12,
			event_type: 0,
		},
	}),
);
define(
	'teGet',
	{ seed: { timesheetevent: events } },
	timesheetEvent('get', { timesheetEventId: byId(2), options: { includedetails: true } }),
);
define(
	'teGetMany',
	{ seed: { timesheetevent: events } },
	timesheetEvent('getMany', {
		returnAll: true,
		filters: {
			agents: '4, 5',
			start_date: '2024-05-01T00:00:00',
			end_date: '2024-05-01T23:59:59',
			utcoffset: 0,
		},
	}),
);
define(
	'teClear',
	{ seed: { timesheetevent: events } },
	timesheetEvent('update', { timesheetEventId: byId(1), updateFields: { note: '', ticket_id: 0 } }),
);
define(
	'teDelete',
	{ seed: { timesheetevent: events } },
	timesheetEvent('delete', { timesheetEventId: byId(2) }),
);

// ── Appointment ───────────────────────────────────────────────────────────────────────────────
book.passing('appointment', {
	seed: {
		appointment: [
			{
				subject: 'Standup',
				agent_id: 2,
				start_date: '2026-05-04T08:30:00Z',
				end_date: '2026-05-04T08:45:00Z',
			},
			{
				subject: 'Other agent',
				agent_id: 5,
				start_date: '2026-05-04T10:00:00Z',
				end_date: '2026-05-04T11:00:00Z',
			},
			{
				subject: 'Next week',
				agent_id: 2,
				start_date: '2026-05-11T10:00:00Z',
				end_date: '2026-05-11T11:00:00Z',
			},
		],
	},
	steps: lifecycle('appointment', {
		create: {
			subject: 'Site visit',
			start_date: '2026-05-04T09:00:00Z',
			end_date: '2026-05-04T11:00:00Z',
			additionalFields: { agent_id: 2, ticket_id: 7, appointment_location_free_text: 'Acme HQ' },
		},
		update: { end_date: '2026-05-04T12:00:00Z' },
		getMany: {
			filters: {
				agents: '2,3',
				start_date: '2026-05-04T00:00:00Z',
				end_date: '2026-05-04T23:59:59Z',
			},
		},
	}),
});
book.passing('appointmentKeepInExchange', {
	seed: {
		appointment: [
			{
				subject: 'Standup',
				agent_id: 2,
				start_date: '2026-05-04T08:30:00Z',
				end_date: '2026-05-04T08:45:00Z',
			},
		],
	},
	steps: step(
		op('appointment', 'delete', {
			appointmentId: byId(1),
			options: { ignoreexchangedelete: true },
		}),
	),
});

// ── Schedule, Workday, Holiday: create, get, get many, update and delete, as each path allows ──
// store: the sandbox's name for the records; seed: three records; listed: the ids the filters keep.
const RESOURCES = [
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
];
defineResourceCases(book, RESOURCES);

// ── Timeslot: a read-only list; Schedule has no Delete ────────────────────────────────────────
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
	'scheduleDelete',
	{},
	{ resource: 'schedule', operation: 'delete', scheduleId: byId(1) },
	{ continueOnFail: true },
);

before(() => book.run());
after(() => book.close());

const output = (name) => book.output(name);
const nodeOutput = (name, node) => book.output(name, undefined, node);
const api = (name) => book.api(name);
const lifecycleRequests = (name, path) => checkLifecycle(book, name, path);
const route = (request) => [request.method, request.path, request.status];

// ── Timesheet ─────────────────────────────────────────────────────────────────────────────────

test('Timesheet Create posts agent, date and the fields set', () => {
	const [request] = api('tsCreate');
	assert.deepEqual([request.method, request.path], ['POST', '/api/Timesheet']);
	assert.deepEqual(request.body, [
		{
			agent_id: 4,
			date: '2024-05-03T00:00:00',
			target_hours: 7.5,
			colour: '#00AA00',
			timesheet_manager: 9,
		},
	]);
	const [created] = output('tsCreate');
	assert.deepEqual([created.id, created.agent_id, created.colour], [1, 4, '#00AA00']);
});

test('Timesheet Get reads /Timesheet/{id} with its agent and date options', () => {
	const [request] = api('tsGet');
	assert.deepEqual(route(request), ['GET', '/api/Timesheet/3', 200]);
	assert.deepEqual(request.query, { agent_id: '5', date: '2024-05-01' });
	assert.deepEqual(
		output('tsGet').map((row) => row.agent_name),
		['Bob'],
	);
});

for (const shape of ['array', 'wrapper']) {
	test(`Timesheet Get Many reads a ${shape === 'array' ? 'bare array' : '`timesheets` wrapper'}, filtered, without paging`, () => {
		const [limited] = api(`tsGetMany-${shape}`);
		assert.deepEqual(limited.query, { agent_id: '4', count: '10' });
		assert.deepEqual(
			output(`tsGetMany-${shape}`).map((row) => row.date),
			['2024-05-01T00:00:00', '2024-05-02T00:00:00'],
		);
		const all = api(`tsGetManyDate-${shape}`);
		assert.equal(all.length, 1);
		assert.deepEqual(all[0].query, { date: '2024-05-01' });
		assert.deepEqual(
			output(`tsGetManyDate-${shape}`).map((row) => row.agent_name),
			['Ann', 'Bob'],
		);
	});
}

test('Timesheet Update sends 0 and empty string so fields can be cleared', () => {
	assert.deepEqual(api('tsClear')[0].body, [
		{ id: 1, actual_hours: 0, agent_name: '', date: '2024-05-05T00:00:00' },
	]);
	const [updated] = output('tsClear');
	assert.deepEqual([updated.actual_hours, updated.agent_name], [0, '']);
});

test('Timesheet Delete is refused with the reason, without calling Halo (Halo has no DELETE)', () => {
	assert.equal(api('tsDelete').length, 0);
	assert.match(output('tsDelete')[0].error, /HaloPSA has no way to delete a timesheet/);
	assert.ok(cases.tsDelete.tenant.record('timesheet', 1));
});

// ── Timesheet Event ───────────────────────────────────────────────────────────────────────────

test('Timesheet Event Create posts the agent and the fields set', () => {
	const [request] = api('teCreate');
	assert.deepEqual([request.method, request.path], ['POST', '/api/TimesheetEvent']);
	assert.deepEqual(request.body, [
		{
			agent_id: 4,
			subject: 'Site visit',
			start_date: '2024-05-01T09:00:00',
			end_date: '2024-05-01T10:30:00',
			timetaken: 1.5,
			ticket_id: 12,
			event_type: 0,
		},
	]);
	const [created] = output('teCreate');
	assert.deepEqual([created.id, created.subject], [1, 'Site visit']);
});

test('Timesheet Event Get reads /TimesheetEvent/{id}', () => {
	const [request] = api('teGet');
	assert.deepEqual(route(request), ['GET', '/api/TimesheetEvent/2', 200]);
	assert.deepEqual(request.query, { includedetails: 'true' });
	assert.deepEqual(
		output('teGet').map((row) => row.subject),
		['Visit'],
	);
});

test('Timesheet Event Get Many sends agents as a list and the date window', () => {
	const [request] = api('teGetMany');
	assert.deepEqual(request.query, {
		agents: '4,5',
		start_date: '2024-05-01T00:00:00',
		end_date: '2024-05-01T23:59:59',
		utcoffset: '0',
	});
	assert.deepEqual(
		output('teGetMany').map((row) => row.subject),
		['Call', 'Visit'],
	);
});

test('Timesheet Event Update clears the note and the ticket', () => {
	assert.deepEqual(api('teClear')[0].body, [{ id: 1, note: '', ticket_id: 0 }]);
	const record = cases.teClear.tenant.record('timesheetevent', 1);
	assert.deepEqual([record.note, record.ticket_id], ['', 0]);
	assert.equal(output('teClear')[0].note, '');
});

test('Timesheet Event Delete sends DELETE /TimesheetEvent/{id}', () => {
	assert.deepEqual(api('teDelete').map(route), [['DELETE', '/api/TimesheetEvent/2', 200]]);
	assert.deepEqual(output('teDelete'), [{ id: 2, deleted: true }]);
	assert.equal(cases.teDelete.tenant.record('timesheetevent', 2), undefined);
});

// ── Appointment ───────────────────────────────────────────────────────────────────────────────
test('Appointment: Create, Get, Update, Delete, Get Many by agents and date range', () => {
	const { id, create, update, list } = lifecycleRequests('appointment', 'Appointment');
	assert.deepEqual(create.body, [
		{
			agent_id: 2,
			ticket_id: 7,
			appointment_location_free_text: 'Acme HQ',
			subject: 'Site visit',
			start_date: '2026-05-04T09:00:00Z',
			end_date: '2026-05-04T11:00:00Z',
		},
	]);
	assert.deepEqual(update.body, [{ id, end_date: '2026-05-04T12:00:00Z' }]);
	assert.equal(list.query.agents, '2,3');
	assert.equal(list.query.start_date, '2026-05-04T00:00:00Z');
	assert.equal(list.query.end_date, '2026-05-04T23:59:59Z');
	assert.deepEqual(
		nodeOutput('appointment', 'Halo 5').map((row) => row.subject),
		['Standup'],
	);
	const [remove] = api('appointmentKeepInExchange');
	assert.deepEqual(remove.query, { ignoreexchangedelete: 'true' });
});

// ── Schedule, Workday, Holiday ────────────────────────────────────────────────────────────────
testResourceCases(book, RESOURCES);

test('Schedule has no Delete: Halo has none, so the node says so and sends nothing', () => {
	assert.equal(api('scheduleDelete').length, 0);
	const [item] = output('scheduleDelete');
	assert.equal(
		item.error,
		'HaloPSA’s API has no way to delete a schedule, so Schedule has no Delete operation.',
		JSON.stringify(item),
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
