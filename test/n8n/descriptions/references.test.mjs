// Issue 8 inside real n8n: fields that name another record take a picked record (a resource
// locator or a dropdown value), a plain number saved before they were pickers, or an expression,
// and send Halo the same id; custom fields set by label, checked against their type; Simplify
// (node version 1.1) and custom fields by label on output. Every case runs against its own
// sandbox tenant; assertions read what Halo received and what n8n output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId } from '../../harness/cases.mjs';

const book = await CaseBook.start('references');
const rl = (mode, value) => ({ __rl: true, mode, value: String(value) });
const ticket = (operation, extra = {}) => ({ resource: 'ticket', operation, ...extra });
const desk = [
	{ summary: 'Printer offline', client_id: 1, status_id: 1, agent_id: 4 },
	{ summary: 'VPN drops', client_id: 2, status_id: 3, agent_id: 4 },
	{ summary: 'Email bounce', client_id: 2, status_id: 9, agent_id: 5 },
];

// Saved before these fields were pickers: plain numbers and plain expressions, as version 1 saved them.
book.passing('savedPlain', {
	seed: { tickets: desk },
	steps: {
		parameters: ticket('update', {
			ticketId: byId(2),
			updateFields: { status_id: 9, agent_id: '={{ $json.agent }}', client_id: 3 },
		}),
	},
	items: [{ agent: 5 }],
});
// Picked in the editor: "From list" and "By ID" locators, a locator holding an expression, a
// dropdown value, a category's text.
book.passing('picked', {
	seed: { tickets: desk },
	steps: {
		parameters: ticket('update', {
			ticketId: byId(1),
			updateFields: {
				client_id: rl('list', 2),
				site_id: rl('id', 3),
				agent_id: rl('id', '={{ $json.agent }}'),
				status_id: 9,
				priority_id: '={{ $json.priority }}',
				category_1: 'Hardware>Printer',
			},
		}),
	},
	items: [{ agent: 5, priority: 2 }],
});
book.passing('requiredLocator', {
	seed: { client: [{ name: 'Acme' }, { name: 'Bolt' }] },
	steps: {
		parameters: {
			resource: 'site',
			operation: 'create',
			name: 'Bolt HQ',
			client_id: rl('list', 2),
		},
	},
});
book.passing('requiredLocatorEmpty', {
	seed: { client: [{ name: 'Acme' }] },
	steps: {
		parameters: { resource: 'site', operation: 'create', name: 'HQ', client_id: rl('list', '') },
		continueOnFail: true,
	},
});
book.passing('filterLocator', {
	seed: { tickets: desk },
	steps: {
		parameters: ticket('getMany', {
			returnAll: true,
			filters: { client_id: rl('list', 2), status_id: 3, agent_id: rl('list', '') },
		}),
	},
});
book.passing('emptyLocator', {
	seed: { tickets: desk },
	steps: {
		parameters: ticket('update', { ticketId: byId(1), updateFields: { agent_id: rl('list', '') } }),
		continueOnFail: true,
	},
});

// Custom fields: Halo's ticket field definitions (FieldInfo usage 1), one of a client (usage 2).
const fieldInfo = [
	{
		id: 11,
		name: 'CFTier',
		label: 'Contract Tier',
		type: 2,
		usage: 1,
		values: [
			{ id: 1, name: 'Silver' },
			{ id: 2, name: 'Gold' },
		],
	},
	{ id: 12, name: 'CFRenewal', label: 'Renewal Date', type: 4, inputtype: 0, usage: 1 },
	{ id: 13, name: 'CFSeats', label: 'Seats', type: 0, inputtype: 1, usage: 1 },
	{ id: 14, name: 'CFManaged', label: 'Managed', type: 6, usage: 1 },
	{ id: 21, name: 'CFRegion', label: 'Region', type: 0, usage: 2 },
];
const picked = (field, value) => ({ field, value });
book.passing('customFields', {
	seed: { tickets: desk, fieldinfo: fieldInfo },
	steps: {
		parameters: ticket('update', {
			ticketId: byId('={{ $json.id }}'),
			updateFields: {
				customFieldValues: {
					field: [
						picked(11, 'gold'),
						picked('={{ $json.renewal }}', '2026-05-01T10:00:00Z'),
						picked('cfseats', '12'),
						picked(14, 'yes'),
					],
				},
				customfields: '[{"id": 13, "value": 1}, {"id": 99, "value": "kept"}]',
			},
			options: { batchSize: 1 },
		}),
	},
	items: [
		{ id: 1, renewal: 'Renewal Date' },
		{ id: 2, renewal: 12 },
	],
});
book.passing('customFieldsBad', {
	seed: { tickets: desk, fieldinfo: fieldInfo },
	steps: {
		parameters: ticket('update', {
			ticketId: byId(1),
			updateFields: {
				customFieldValues: { field: [picked('={{ $json.field }}', '={{ $json.value }}')] },
			},
		}),
		continueOnFail: true,
	},
	items: [
		{ field: 'Contract Tier', value: 'Platinum' },
		{ field: 'Seats', value: 'many' },
		{ field: 'Region', value: 'North' },
		{ field: 'Managed', value: 'perhaps' },
		{ field: 'Renewal Date', value: 'next spring' },
	],
});
book.passing('customFieldsCreate', {
	seed: { fieldinfo: fieldInfo },
	steps: {
		parameters: ticket('create', {
			summary: 'New',
			additionalFields: { customFieldValues: { field: [picked('Contract Tier', 'Silver')] } },
		}),
	},
});

// Output: Simplify (version 1.1 default on, version 1 keeps every field), Output Fields, custom fields by label.
const full = {
	summary: 'Printer offline',
	details: 'Paper jam',
	details_html: '<p>Paper jam</p>',
	client_id: 1,
	client_name: 'Acme',
	status_id: 1,
	agent_id: 4,
	cost: 12.5,
	estimate: 2,
	reportedby: 'Pat',
	customfields: [
		{ id: 11, name: 'CFTier', label: 'Contract Tier', type: 2, value: 2, display: 'Gold' },
		{ id: 13, name: 'CFSeats', label: 'Seats', type: 0, value: 12 },
	],
};
// Halo sends custom fields with a single record only with includedetails=true.
const getTicket = (extra, typeVersion) => ({
	parameters: ticket('get', {
		ticketId: byId(1),
		...extra,
		options: { includedetails: true, ...extra.options },
	}),
	typeVersion,
});
book.passing('simplifyNew', { seed: { tickets: [full] }, steps: getTicket({}, 1.1) });
book.passing('simplifySaved', { seed: { tickets: [full] }, steps: getTicket({}, 1) });
book.passing('simplifyOff', {
	seed: { tickets: [full] },
	steps: getTicket({ simplify: false }, 1.1),
});
book.passing('outputFields', {
	seed: { tickets: [full] },
	steps: getTicket({ options: { outputFields: 'cost, reportedby' } }, 1.1),
});
book.passing('onlyFields', {
	seed: { tickets: [full] },
	steps: getTicket({ simplify: false, options: { outputFields: 'summary,cost' } }, 1.1),
});
book.passing('byLabel', {
	seed: { tickets: [full] },
	steps: getTicket({ options: { customFieldsByLabel: true } }, 1.1),
});
book.passing('byLabelFull', {
	seed: { tickets: [full] },
	steps: getTicket({ options: { customFieldsByLabel: true } }, 1),
});
book.passing('simplifyMany', {
	seed: { tickets: [full, { ...full, summary: 'Second' }] },
	steps: { parameters: ticket('getMany', { returnAll: true }), typeVersion: 1.1 },
});

before(() => book.run(), { timeout: 600_000 });
after(() => book.close());

const api = (name) => book.api(name);
const output = (name) => book.output(name);
const posts = (name) => api(name).filter((request) => request.method === 'POST');

test('Saved plain numbers and plain expressions still send the same ids', () => {
	assert.deepEqual(
		posts('savedPlain').map((request) => request.body),
		[[{ id: 2, status_id: 9, agent_id: 5, client_id: 3 }]],
	);
	assert.equal(book.tenant('savedPlain').record('tickets', 2).status_id, 9);
});

test('Picked records (From list, By ID, a locator holding an expression), a dropdown value and a category reach Halo as plain values', () => {
	assert.deepEqual(
		posts('picked').map((request) => request.body),
		[
			[
				{
					id: 1,
					client_id: 2,
					site_id: 3,
					agent_id: 5,
					status_id: 9,
					priority_id: 2,
					category_1: 'Hardware>Printer',
				},
			],
		],
	);
	assert.equal(output('picked')[0].agent_id, 5);
});

test('A required locator sends the picked id; left empty it fails that item, naming the field', () => {
	assert.deepEqual(posts('requiredLocator')[0].body, [{ name: 'Bolt HQ', client_id: 2 }]);
	assert.equal(output('requiredLocator')[0].client_id, 2);
	assert.equal(api('requiredLocatorEmpty').length, 0);
	assert.equal(output('requiredLocatorEmpty')[0].error, 'Client is required');
});

test('Filters take picked records; an empty one is not sent', () => {
	const [request] = api('filterLocator');
	assert.equal(request.query.client_id, '2');
	assert.equal(request.query.status_id, '3');
	assert.equal(request.query.agent_id, undefined);
	assert.deepEqual(
		output('filterLocator').map((row) => row.summary),
		['VPN drops'],
	);
});

test('An update field left empty in its picker fails the item before any request', () => {
	assert.equal(api('emptyLocator').length, 0);
	assert.equal(
		output('emptyLocator')[0].error,
		'Agent is empty: pick an agent from the list, enter its ID, or remove the field',
	);
});

test('Custom fields set by label (or ID, or internal name) are checked and sent as customfields with the FieldInfo ids', () => {
	const writes = posts('customFields');
	assert.equal(writes.length, 2);
	// JSON entries stay; a field given both ways takes the picked value (13 → 12).
	const expected = [
		{ id: 13, value: 12 },
		{ id: 99, value: 'kept' },
		{ id: 11, value: 2 },
		{ id: 12, value: '2026-05-01' },
		{ id: 14, value: true },
	];
	assert.deepEqual(writes[0].body, [{ id: 1, customfields: expected }]);
	assert.deepEqual(writes[1].body, [{ id: 2, customfields: expected }]);
	// Halo's field definitions are read once for the run, for tickets only.
	const reads = api('customFields').filter((request) => request.path === '/api/FieldInfo');
	assert.equal(reads.length, 1);
	assert.deepEqual(reads[0].query, { typeid: '1', includevalues: 'true' });
	assert.deepEqual(posts('customFieldsCreate')[0].body, [
		{ summary: 'New', customfields: [{ id: 11, value: 1 }] },
	]);
});

test('A custom field value that does not fit its type fails its item with the field and the reason; nothing is sent', () => {
	assert.equal(posts('customFieldsBad').length, 0);
	assert.deepEqual(
		output('customFieldsBad').map((row) => row.error),
		[
			'Custom field "Contract Tier" (single selection) has no choice "Platinum"; its choices are "Silver", "Gold"',
			'Custom field "Seats" (text) must be a number, not "many"',
			'HaloPSA has no ticket custom field "Region"',
			'Custom field "Managed" (checkbox) is a checkbox: true or false, not "perhaps"',
			'Custom field "Renewal Date" (date) must be a date like 2026-03-31, not "next spring"',
		],
	);
	assert.match(
		output('customFieldsBad')[2].description,
		/Contract Tier, Renewal Date, Seats, Managed/,
	);
});

const SIMPLE_TICKET = [
	'id',
	'summary',
	'details',
	'client_id',
	'client_name',
	'status_id',
	'agent_id',
	'tickettype_id',
	'priority_id',
];

test('Simplify is on for new nodes (1.1): Get returns the fields people use; version 1 and Simplify off return every field', () => {
	const [simple] = output('simplifyNew');
	assert.deepEqual(
		Object.keys(simple).sort(),
		SIMPLE_TICKET.filter((key) => key in book.tenant('simplifyNew').record('tickets', 1)).sort(),
	);
	assert.equal(simple.summary, 'Printer offline');
	assert.equal(simple.cost, undefined);
	const [saved] = output('simplifySaved');
	assert.equal(saved.cost, 12.5);
	assert.equal(saved.details_html, '<p>Paper jam</p>');
	assert.deepEqual(output('simplifyOff')[0], saved);
	assert.ok(Array.isArray(saved.customfields));
});

test('Output Fields add to Simplify, or alone pick the fields returned', () => {
	const [more] = output('outputFields');
	assert.equal(more.cost, 12.5);
	assert.equal(more.reportedby, 'Pat');
	assert.equal(more.summary, 'Printer offline');
	assert.equal(more.details_html, undefined);
	assert.deepEqual(output('onlyFields')[0], { id: 1, summary: 'Printer offline', cost: 12.5 });
});

test('Custom fields by label: readable properties instead of the customfields array', () => {
	const [simple] = output('byLabel');
	assert.equal(simple['Contract Tier'], 'Gold');
	assert.equal(simple.Seats, 12);
	assert.equal(simple.customfields, undefined);
	const [full] = output('byLabelFull');
	assert.equal(full['Contract Tier'], 'Gold');
	assert.equal(full.cost, 12.5);
	assert.equal(full.customfields, undefined);
});

test('Get Many simplifies each record too', () => {
	const rows = output('simplifyMany');
	assert.deepEqual(
		rows.map((row) => row.summary),
		['Printer offline', 'Second'],
	);
	for (const row of rows) assert.equal(row.cost, undefined);
});
