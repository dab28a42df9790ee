// What a service desk is set up with: Agent, Team, Priority, Category, Outcome, SLA, Top Level,
// Canned Text, and the organisation (External Link, Address, Organisation, Role, Tag, Lookup,
// Custom Table, Distribution List, Ticket Template), every operation inside real n8n against the
// HaloPSA sandbox, in one n8n boot. Most cases are one workflow: Create → Get → Update → Delete →
// Get Many, each step on the record the one before it output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from '../../harness/cases.mjs';
import {
	lifecycle,
	lifecycleRequests as checkLifecycle,
	op,
	step,
} from '../../harness/lifecycle.mjs';

const book = await CaseBook.start('service-desk-setup');
const failing = (parameters) => step(parameters, { continueOnFail: true });

/** One HaloPSA step per case; failures are expected only through Continue On Fail. */
function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}
const agent = (operation, extra = {}) => ({ resource: 'agent', operation, ...extra });

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
book.passing('externalLink', {
	seed: {
		externallink: [
			{ table_id: 1, halo_id: 12, third_party_id: 'dev-881', module_id: 5 },
			{ table_id: 2, halo_id: 3, third_party_id: 'cust-7', module_id: 9 },
		],
	},
	steps: lifecycle('externalLink', {
		create: {
			table_id: 1,
			halo_id: 42,
			third_party_id: 'dev-902',
			additionalFields: { module_id: 5, third_party_url: 'https://rmm.example.com/devices/902' },
		},
		update: { third_party_desc: 'LAPTOP-902' },
		getMany: { filters: { module_id: 5 } },
	}),
});
// The external link list's wrapper key is a guess: a bare array works too.
book.passing('externalLinkArray', {
	seed: { externallink: [{ table_id: 1, halo_id: 12, third_party_id: 'dev-881' }] },
	knobs: { listShapes: { externallink: { list: 'array' } } },
	steps: step(op('externalLink', 'getMany', { limit: 10 })),
});
book.passing('address', {
	seed: {
		address: [
			{ line1: '1 High Street', site_id: 1 },
			{ line1: '9 Dock Road', site_id: 2 },
		],
	},
	steps: lifecycle('address', {
		create: {
			line1: 'Unit 4, Mill Lane',
			additionalFields: { line3: 'Leeds', postcode: 'LS1 4AB', site_id: 1, primary: true },
		},
		update: { inactive: true },
		getMany: { filters: { site_id: 1 } },
	}),
});
book.passing('organisation', {
	seed: { organisation: [{ name: 'Acme MSP' }] },
	steps: lifecycle('organisation', {
		create: {
			name: 'Acme Cloud',
			additionalFields: { email: 'hello@acmecloud.example', portalcolour: '#2C6ECB' },
		},
		update: { tax_number: 'GB123456789' },
	}),
});
book.passing('role', {
	seed: { roles: [{ name: 'Service Desk' }, { name: 'Finance' }] },
	steps: lifecycle('role', {
		create: { name: 'Night Shift', additionalFields: { notes: 'Agents on the overnight rota' } },
		get: { options: { isconfig: true } },
		update: { notes: 'Overnight rota' },
		getMany: { filters: { agentid: 2 } },
	}),
});
book.passing('tag', {
	seed: { tags: [{ text: 'vpn' }, { text: 'printing' }] },
	steps: lifecycle('tag', {
		create: { text: 'mfa', additionalFields: { add_to_kbid: 5 } },
		update: { text: 'multi-factor' },
	}),
});
book.passing('lookup', {
	seed: {
		lookup: [
			{ lookupid: 17, name: 'Gold' },
			{ lookupid: 17, name: 'Silver' },
			{ lookupid: 4, name: 'High' },
		],
	},
	steps: lifecycle('lookup', {
		create: { lookupid: 17, name: 'Platinum', additionalFields: { sequence: 1 } },
		update: { inactive: true },
		getMany: { filters: { lookupid: 17 } },
	}),
});
book.passing('customTable', {
	seed: { customtable: [{ name: 'Licences' }] },
	steps: lifecycle('customTable', {
		create: {
			name: 'Door Codes',
			additionalFields: { note: 'Site access codes', can_load_data: true },
		},
		update: { note: 'Site door and alarm codes' },
		getMany: { filters: { customonly: true } },
	}),
});
book.passing('distributionList', {
	seed: { distributionlists: [{ name: 'All Staff' }] },
	steps: lifecycle('distributionList', {
		create: {
			name: 'Outage Alerts',
			additionalFields: { mailbox_from: 2, addtheseusers: '[{"id": 12}, {"id": 14}]' },
		},
		update: { removetheseusers: '[{"id": 14}]' },
	}),
});
book.passing('ticketTemplate', {
	seed: {
		template: [
			{ name: 'New Starter', tickettype_id: 2 },
			{ name: 'Printer Fault', tickettype_id: 1 },
		],
	},
	steps: lifecycle('ticketTemplate', {
		create: {
			name: 'Leaver',
			additionalFields: {
				summary: 'Leaver: disable accounts',
				tickettype_id: 2,
				agent_id: 3,
				estimate: 1.5,
			},
		},
		get: { options: { includekbinfo: true } },
		update: { disabled: true },
		getMany: { filters: { ticket_type_id: 2 } },
	}),
});

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const items = (name) => book.items(name);
const output = (name) => book.output(name);
const nodeOutput = (name, node) => book.output(name, undefined, node);
const record = (name, resource, id) => book.tenant(name).record(resource, id);
const lifecycleRequests = (name, path) => checkLifecycle(book, name, path);
const PAGED = { pageinate: 'true', page_size: '100', page_no: '1' };

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

test('External Link: Create, Get, Update, Delete, Get Many by module (paged wrapper, or a bare array)', () => {
	const { id, create, update, list } = lifecycleRequests('externalLink', 'ExternalLink');
	assert.deepEqual(create.body, [
		{
			table_id: 1,
			halo_id: 42,
			third_party_id: 'dev-902',
			module_id: 5,
			third_party_url: 'https://rmm.example.com/devices/902',
		},
	]);
	assert.deepEqual(update.body, [{ id, third_party_desc: 'LAPTOP-902' }]);
	assert.deepEqual(list.query, { module_id: '5', ...PAGED });
	assert.deepEqual(
		nodeOutput('externalLink', 'Halo 5').map((row) => row.third_party_id),
		['dev-881'],
	);
	assert.deepEqual(
		nodeOutput('externalLinkArray').map((row) => row.third_party_id),
		['dev-881'],
	);
});

test('Address: Create, Get, Update, Delete, Get Many by site', () => {
	const { id, create, update, list } = lifecycleRequests('address', 'Address');
	assert.deepEqual(create.body, [
		{ line1: 'Unit 4, Mill Lane', line3: 'Leeds', postcode: 'LS1 4AB', site_id: 1, primary: true },
	]);
	assert.deepEqual(update.body, [{ id, inactive: true }]);
	assert.deepEqual(list.query, { site_id: '1' });
	assert.deepEqual(
		nodeOutput('address', 'Halo 5').map((row) => row.line1),
		['1 High Street'],
	);
});

test('Organisation: Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update } = lifecycleRequests('organisation', 'Organisation');
	assert.deepEqual(create.body, [
		{ name: 'Acme Cloud', email: 'hello@acmecloud.example', portalcolour: '#2C6ECB' },
	]);
	assert.deepEqual(update.body, [{ id, tax_number: 'GB123456789' }]);
	assert.deepEqual(
		nodeOutput('organisation', 'Halo 5').map((row) => row.name),
		['Acme MSP'],
	);
});

test('Role: string ids end to end; Get with the configuration view; Get Many by agent', () => {
	const { id, create, get, update, list } = lifecycleRequests('role', 'Roles');
	assert.match(String(id), /^[0-9a-f-]{36}$/);
	assert.deepEqual(create.body, [{ name: 'Night Shift', notes: 'Agents on the overnight rota' }]);
	assert.deepEqual(get.query, { isconfig: 'true' });
	assert.deepEqual(update.body, [{ id, notes: 'Overnight rota' }]);
	assert.deepEqual(list.query, { agentid: '2' });
	assert.deepEqual(
		nodeOutput('role', 'Halo 5').map((row) => row.name),
		['Service Desk', 'Finance'],
	);
});

test('Tag: Create (on an article), Get, Update, Delete, Get Many', () => {
	const { id, create, update } = lifecycleRequests('tag', 'Tags');
	assert.deepEqual(create.body, [{ text: 'mfa', add_to_kbid: 5 }]);
	assert.deepEqual(update.body, [{ id, text: 'multi-factor' }]);
	assert.equal(nodeOutput('tag', 'Halo 3')[0].text, 'multi-factor');
	assert.deepEqual(
		nodeOutput('tag', 'Halo 5').map((row) => row.text),
		['vpn', 'printing'],
	);
});

test('Lookup: Create a value in a list, Get, Update, Delete, Get Many of one list', () => {
	const { id, create, update, list } = lifecycleRequests('lookup', 'Lookup');
	assert.deepEqual(create.body, [{ lookupid: 17, name: 'Platinum', sequence: 1 }]);
	assert.deepEqual(update.body, [{ id, inactive: true }]);
	assert.deepEqual(list.query, { lookupid: '17' });
	assert.deepEqual(
		nodeOutput('lookup', 'Halo 5').map((row) => row.name),
		['Gold', 'Silver'],
	);
});

test('Custom Table: Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update, list } = lifecycleRequests('customTable', 'CustomTable');
	assert.deepEqual(create.body, [
		{ name: 'Door Codes', note: 'Site access codes', can_load_data: true },
	]);
	assert.deepEqual(update.body, [{ id, note: 'Site door and alarm codes' }]);
	assert.deepEqual(list.query, { customonly: 'true' });
	assert.deepEqual(
		nodeOutput('customTable', 'Halo 5').map((row) => row.name),
		['Licences'],
	);
});

test('Distribution List: Create with members, Get, Update (remove a member), Delete, Get Many', () => {
	const { id, create, get, update } = lifecycleRequests('distributionList', 'DistributionLists');
	assert.deepEqual(create.body, [
		{ name: 'Outage Alerts', mailbox_from: 2, addtheseusers: [{ id: 12 }, { id: 14 }] },
	]);
	assert.deepEqual(get.query, {});
	assert.deepEqual(update.body, [{ id, removetheseusers: [{ id: 14 }] }]);
	assert.deepEqual(
		nodeOutput('distributionList', 'Halo 5').map((row) => row.name),
		['All Staff'],
	);
});

test('Ticket Template: Create, Get (with article info), Update, Delete, Get Many (paged) by ticket type', () => {
	const { id, create, get, update, list } = lifecycleRequests('ticketTemplate', 'Template');
	assert.deepEqual(create.body, [
		{
			name: 'Leaver',
			summary: 'Leaver: disable accounts',
			tickettype_id: 2,
			agent_id: 3,
			estimate: 1.5,
		},
	]);
	assert.deepEqual(get.query, { includekbinfo: 'true' });
	assert.deepEqual(update.body, [{ id, disabled: true }]);
	assert.deepEqual(list.query, { ticket_type_id: '2', ...PAGED });
	assert.deepEqual(
		nodeOutput('ticketTemplate', 'Halo 5').map((row) => row.name),
		['New Starter'],
	);
});
