// The reference data tickets point at (issue 9): Team, Priority, Category, Outcome, SLA, Top Level,
// Canned Text, To-Do and Appointment, every operation inside real n8n against the HaloPSA sandbox.
// Most cases are one workflow: Create → Get → Update → Delete → Get Many, each step on the record
// the one before it output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId } from './harness/cases.mjs';
import { lifecycle, lifecycleRequests as checkLifecycle, op, step } from './harness/lifecycle.mjs';

const book = await CaseBook.start('reference-data');
const failing = (parameters) => step(parameters, { continueOnFail: true });

book.passing('team', {
	seed: {
		team: [
			{ name: 'Service Desk', department_id: 1 },
			{ name: 'Projects', department_id: 2 },
		],
	},
	steps: lifecycle('team', {
		create: {
			name: 'On Call',
			additionalFields: { department_id: 2, emailaddress: 'oncall@msp.example', forrequests: true },
		},
		get: { options: { includeagents: true } },
		update: { inactive: true, team_note: 'Nights and weekends' },
		getMany: { filters: { department_id: 2 } },
	}),
});
book.passing('priority', {
	seed: {
		priority: [
			{ name: 'P4 - Low', slaid: 1, priorityid: 4 },
			{ name: 'P4 - Low', slaid: 2, priorityid: 4 },
		],
	},
	steps: lifecycle('priority', {
		create: {
			name: 'P1 - Critical',
			slaid: 1,
			additionalFields: {
				priorityid: 1,
				responsetime: 1,
				responseunits: 'hours',
				fixtime: 4,
				fixunits: 'hours',
			},
		},
		get: { options: { includedetails: true } },
		update: { fixtime: 2 },
		getMany: { filters: { slaid: 1 } },
	}),
});
book.passing('priorityNoSla', {
	steps: failing(op('priority', 'create', { name: 'P1', slaid: 0 })),
});
book.passing('category', {
	seed: {
		category: [
			{ value: 'Hardware>Laptop', type_id: 1 },
			{ value: 'Billing', type_id: 2 },
		],
	},
	steps: lifecycle('category', {
		create: { value: 'Hardware>Printer', additionalFields: { type_id: 1, priority_id: 2 } },
		update: { note: 'Check the toner first' },
		getMany: { filters: { type_id: 1 } },
	}),
});
book.passing('outcome', {
	seed: { outcome: [{ outcome: 'Private Note' }, { outcome: 'Email User' }] },
	steps: lifecycle('outcome', {
		create: {
			outcome: 'Remote Session',
			additionalFields: { buttonname: 'Remote', hidefromuser: true, defaultmanhrs: 0.25 },
		},
		update: { hidden: true },
		getMany: { filters: { showhidden: true } },
	}),
});
book.passing('sla', {
	seed: { sla: [{ name: 'Standard' }] },
	steps: lifecycle('sla', {
		create: { name: 'Gold', additionalFields: { workday_id: 1, trackslafixbytime: true } },
		update: { name: 'Gold 24x7' },
		getMany: { filters: { showpriorities: true } },
	}),
});
book.passing('topLevel', {
	seed: { toplevel: [{ name: 'EMEA' }, { name: 'Americas' }] },
	steps: lifecycle('topLevel', {
		create: { name: 'APAC', additionalFields: { notes: 'Sydney office' } },
		get: { options: { include_teams: true } },
		update: { long_name: 'Asia Pacific' },
		getMany: { filters: { search: 'e' } },
	}),
});
// The top level list's answer is undocumented: a bare array works too.
book.passing('topLevelArray', {
	seed: { toplevel: [{ name: 'EMEA' }, { name: 'Americas' }] },
	knobs: { listShapes: { toplevel: { list: 'array' } } },
	steps: step(op('topLevel', 'getMany', { limit: 10 })),
});
book.passing('cannedText', {
	seed: {
		cannedtext: [
			{ name: 'Hello', text: 'Hello,', agent_id: 3 },
			{ name: 'Bye', text: 'Regards', agent_id: 4 },
		],
	},
	steps: lifecycle('cannedText', {
		create: {
			name: 'Thanks',
			additionalFields: { text: 'Thanks for getting in touch.', restriction_type: 3, agent_id: 3 },
		},
		update: { text: 'Thank you for getting in touch.' },
		getMany: { filters: { agent_id: 3 } },
	}),
});
book.passing('toDo', {
	seed: {
		tickets: [{ summary: 'New starter' }, { summary: 'Leaver' }],
		todo: [
			{ ticket_id: 1, text: 'Order laptop' },
			{ ticket_id: 2, text: 'Disable account' },
		],
	},
	steps: [
		step(
			op('toDo', 'create', {
				ticket_id: 1,
				text: 'Create mailbox',
				additionalFields: { sequence: 2 },
			}),
		),
		step(
			op('toDo', 'update', {
				toDoId: byId('={{ $json.id }}'),
				updateFields: { done: true, done_by_id: 4 },
			}),
		),
		step(op('toDo', 'getMany', { ticket_id: 1, returnAll: true })),
	],
});
book.passing('toDoNoGetOrDelete', {
	seed: { todo: [{ ticket_id: 1, text: 'Order laptop' }] },
	steps: [
		failing(op('toDo', 'get', { toDoId: byId(1) })),
		failing(op('toDo', 'delete', { toDoId: byId(1) })),
	],
});
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

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const nodeOutput = (name, node) => book.output(name, undefined, node);

const lifecycleRequests = (name, path) => checkLifecycle(book, name, path);

test('Team: Create, Get (with agents), Update, Delete, Get Many by department', () => {
	const { id, create, get, update, list } = lifecycleRequests('team', 'Team');
	assert.deepEqual(create.body, [
		{ department_id: 2, emailaddress: 'oncall@msp.example', forrequests: true, name: 'On Call' },
	]);
	assert.deepEqual(get.query, { includeagents: 'true' });
	assert.deepEqual(update.body, [{ id, inactive: true, team_note: 'Nights and weekends' }]);
	assert.deepEqual(list.query, { department_id: '2' });
	assert.deepEqual(
		nodeOutput('team', 'Halo 5').map((row) => row.name),
		['Projects'],
	);
});

test('Priority: GUID ids end to end; Get Many by SLA; a priority needs its SLA', () => {
	const { id, create, update, list } = lifecycleRequests('priority', 'Priority');
	assert.match(String(id), /^[0-9a-f-]{36}$/);
	assert.deepEqual(create.body, [
		{
			priorityid: 1,
			responsetime: 1,
			responseunits: 'hours',
			fixtime: 4,
			fixunits: 'hours',
			name: 'P1 - Critical',
			slaid: 1,
		},
	]);
	assert.deepEqual(update.body, [{ id, fixtime: 2 }]);
	assert.deepEqual(list.query, { slaid: '1' });
	assert.deepEqual(
		nodeOutput('priority', 'Halo 5').map((row) => [row.name, row.slaid]),
		[['P4 - Low', 1]],
	);
	assert.equal(api('priorityNoSla').length, 0);
	assert.equal(nodeOutput('priorityNoSla')[0].error, 'SLA must be a record ID of 1 or more, not 0');
});

test('Category: Create, Get, Update, Delete, Get Many by category field', () => {
	const { id, create, update, list } = lifecycleRequests('category', 'Category');
	assert.deepEqual(create.body, [{ type_id: 1, priority_id: 2, value: 'Hardware>Printer' }]);
	assert.deepEqual(update.body, [{ id, note: 'Check the toner first' }]);
	assert.deepEqual(list.query, { type_id: '1' });
	assert.deepEqual(
		nodeOutput('category', 'Halo 5').map((row) => row.value),
		['Hardware>Laptop'],
	);
	assert.equal(nodeOutput('category', 'Halo 2')[0].value, 'Hardware>Printer');
});

test('Outcome: Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update, list } = lifecycleRequests('outcome', 'Outcome');
	assert.deepEqual(create.body, [
		{ buttonname: 'Remote', hidefromuser: true, defaultmanhrs: 0.25, outcome: 'Remote Session' },
	]);
	assert.deepEqual(update.body, [{ id, hidden: true }]);
	assert.deepEqual(list.query, { showhidden: 'true' });
	assert.deepEqual(
		nodeOutput('outcome', 'Halo 5').map((row) => row.outcome),
		['Private Note', 'Email User'],
	);
});

test('SLA: Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update } = lifecycleRequests('sla', 'SLA');
	assert.deepEqual(create.body, [{ workday_id: 1, trackslafixbytime: true, name: 'Gold' }]);
	assert.deepEqual(update.body, [{ id, name: 'Gold 24x7' }]);
	assert.equal(nodeOutput('sla', 'Halo 3')[0].name, 'Gold 24x7');
	assert.deepEqual(
		nodeOutput('sla', 'Halo 5').map((row) => row.name),
		['Standard'],
	);
});

test('Top Level: Create, Get, Update, Delete, Get Many (paged wrapper, or a bare array)', () => {
	const { id, create, get, update, list } = lifecycleRequests('topLevel', 'TopLevel');
	assert.deepEqual(create.body, [{ notes: 'Sydney office', name: 'APAC' }]);
	assert.deepEqual(get.query, { include_teams: 'true' });
	assert.deepEqual(update.body, [{ id, long_name: 'Asia Pacific' }]);
	assert.deepEqual(list.query, { search: 'e', pageinate: 'true', page_size: '100', page_no: '1' });
	assert.deepEqual(
		nodeOutput('topLevel', 'Halo 5').map((row) => row.name),
		['EMEA', 'Americas'],
	);
	assert.deepEqual(
		nodeOutput('topLevelArray').map((row) => row.name),
		['EMEA', 'Americas'],
	);
});

test('Canned Text: Create, Get, Update, Delete, Get Many by agent', () => {
	const { id, create, update, list } = lifecycleRequests('cannedText', 'CannedText');
	assert.deepEqual(create.body, [
		{ text: 'Thanks for getting in touch.', restriction_type: 3, agent_id: 3, name: 'Thanks' },
	]);
	assert.deepEqual(update.body, [{ id, text: 'Thank you for getting in touch.' }]);
	assert.deepEqual(list.query, { agent_id: '3' });
	assert.deepEqual(
		nodeOutput('cannedText', 'Halo 5').map((row) => row.name),
		['Hello'],
	);
});

test('To-Do: Create, Update, Get Many for a ticket; Get and Delete, which Halo lacks, send nothing', () => {
	const [create, update, list] = api('toDo');
	assert.deepEqual(create.body, [{ sequence: 2, ticket_id: 1, text: 'Create mailbox' }]);
	assert.deepEqual(update.body, [{ id: 3, done: true, done_by_id: 4 }]);
	assert.deepEqual(list.query, { ticket_id: '1' });
	assert.deepEqual(
		nodeOutput('toDo', 'Halo 3').map((row) => [row.text, row.done]),
		[
			['Order laptop', false],
			['Create mailbox', true],
		],
	);
	assert.equal(api('toDoNoGetOrDelete').length, 0);
	assert.match(
		nodeOutput('toDoNoGetOrDelete', 'Halo')[0].error,
		/reads to-dos only as a ticket’s list, so To-Do has no Get/,
	);
	assert.match(nodeOutput('toDoNoGetOrDelete', 'Halo 2')[0].error, /has no way to delete a to-do/);
});

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
