// Ticket work (issue 9): actions, the ticket shortcuts, attachments and users, every operation, and
// Create or Update (upsert by a matching field), executed inside real n8n against the HaloPSA
// sandbox.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, fileItem } from './harness/cases.mjs';

const book = await CaseBook.start('actions-attachments-users-upsert');
const op = (resource, operation, extra = {}) => ({ resource, operation, ...extra });
const step = (parameters, extra = {}) => ({ parameters, ...extra });
const failing = (parameters) => step(parameters, { continueOnFail: true });

const tickets = (count) =>
	Array.from({ length: count }, (_, index) => ({ summary: `Ticket ${index + 1}`, status_id: 1 }));
// Bytes that are not text, so any re-encoding on the way would show.
const PNG = Buffer.from([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x10, 0x80, 0x7f, 0x00, 0x01,
	0x02, 0x03,
]);
const PDF = Buffer.concat([
	Buffer.from('%PDF-1.4\n'),
	Buffer.from(Array.from({ length: 300 }, (_, index) => index % 256)),
]);
const big = (megabytes) => Buffer.alloc(Math.round(megabytes * 1024 * 1024), 0xab);

// --- Action ---------------------------------------------------------------------------------
book.passing('actionCreate', {
	seed: { tickets: tickets(1) },
	steps: step(
		op('action', 'create', {
			ticket_id: 1,
			outcome: 'Private Note',
			additionalFields: {
				note: 'RMM alert cleared',
				hiddenfromuser: true,
				timetaken: 0.25,
				chargerate: 2,
				sendemail: false,
			},
		}),
	),
});
book.passing('actionCreateNewStatus', {
	seed: { tickets: tickets(1) },
	steps: step(
		op('action', 'create', {
			ticket_id: 1,
			outcome: 'Email User',
			additionalFields: { note: 'Waiting on you', new_status: 3, hiddenfromuser: false },
		}),
	),
});
book.passing('actionCreateNoTicket', {
	seed: { tickets: tickets(1) },
	steps: failing(op('action', 'create', { ticket_id: 0, outcome: 'Private Note' })),
});
book.passing('actionCreateUnknownTicket', {
	seed: { tickets: tickets(1) },
	steps: failing(op('action', 'create', { ticket_id: 42, outcome: 'Private Note' })),
});
const actionRows = [
	{
		ticket_id: 1,
		outcome: 'Private Note',
		note: 'private',
		hiddenfromuser: true,
		who_type: 1,
		datetime: '2026-03-01T10:00:00Z',
	},
	{
		ticket_id: 1,
		outcome: 'Email User',
		note: 'public by agent',
		hiddenfromuser: false,
		who_type: 1,
		datetime: '2026-03-02T10:00:00Z',
	},
	{
		ticket_id: 1,
		outcome: 'Status Change',
		note: 'system',
		hiddenfromuser: false,
		who_type: 1,
		action_systemid: 4,
		datetime: '2026-03-03T10:00:00Z',
	},
	{
		ticket_id: 1,
		outcome: 'Email',
		note: 'from the user',
		hiddenfromuser: false,
		who_type: 2,
		datetime: '2026-03-04T10:00:00Z',
	},
	{
		ticket_id: 1,
		outcome: 'Email User',
		note: 'too early',
		hiddenfromuser: false,
		who_type: 1,
		datetime: '2025-12-30T10:00:00Z',
	},
	{
		ticket_id: 2,
		outcome: 'Email User',
		note: 'other ticket',
		hiddenfromuser: false,
		who_type: 1,
		datetime: '2026-03-02T10:00:00Z',
	},
];
book.passing('actionGet', {
	seed: { tickets: tickets(2), actions: actionRows },
	steps: step(
		op('action', 'get', { actionId: byId(2), ticket_id: 1, options: { includedetails: true } }),
	),
});
book.passing('actionGetOtherTicket', {
	seed: { tickets: tickets(2), actions: actionRows },
	steps: failing(op('action', 'get', { actionId: byId(2), ticket_id: 2 })),
});
book.passing('actionGetMany', {
	seed: { tickets: tickets(2), actions: actionRows },
	steps: step(
		op('action', 'getMany', {
			ticket_id: 1,
			returnAll: true,
			filters: {
				agentonly: true,
				excludesys: true,
				excludeprivate: true,
				startdate: '2026-01-01T00:00:00',
				enddate: '2026-12-31T00:00:00',
			},
		}),
	),
});
book.passing('actionGetManyLimit', {
	seed: { tickets: tickets(2), actions: actionRows },
	steps: step(op('action', 'getMany', { ticket_id: 1, limit: 2 })),
});
book.passing('actionUpdate', {
	seed: { tickets: tickets(2), actions: actionRows },
	steps: step(
		op('action', 'update', {
			actionId: byId(1),
			ticket_id: 1,
			updateFields: { note: 'edited', hiddenfromuser: false },
		}),
	),
});
book.passing('actionDelete', {
	seed: { tickets: tickets(2), actions: actionRows },
	steps: step(op('action', 'delete', { actionId: byId(3), ticket_id: 1 })),
});
book.passing('actionDeleteNoTicket', {
	seed: { tickets: tickets(2), actions: actionRows },
	steps: failing(op('action', 'delete', { actionId: byId(3), ticket_id: 0 })),
});

// --- Ticket shortcuts -----------------------------------------------------------------------
const ticketSeven = [{ id: 7, summary: 'VPN drops', status_id: 2, agent_id: 1 }];
book.passing('addNote', {
	seed: { tickets: ticketSeven },
	steps: step(
		op('ticket', 'addNote', {
			ticketId: byId(7),
			outcome: 'Private Note',
			note: 'RMM alert cleared',
			options: { hiddenfromuser: true, timetaken: 0.5 },
		}),
	),
});
book.passing('changeStatus', {
	seed: { tickets: ticketSeven },
	steps: step(
		op('ticket', 'changeStatus', {
			ticketId: byId(7),
			new_status: 3,
			outcome: 'Private Note',
			options: { note: 'Waiting on the customer' },
		}),
	),
});
book.passing('assign', {
	seed: {
		tickets: ticketSeven,
		agent: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'On Call' }],
		team: [{ name: 'Desk' }, { name: 'On Call' }],
	},
	steps: step(op('ticket', 'assign', { ticketId: byId(7), options: { agent_id: 4, team_id: 2 } })),
});
book.passing('assignNobody', {
	seed: { tickets: ticketSeven },
	steps: failing(op('ticket', 'assign', { ticketId: byId(7) })),
});
book.passing('close', {
	seed: { tickets: ticketSeven },
	steps: step(
		op('ticket', 'close', { ticketId: byId(7), note: 'Replaced the router', outcome: 'Resolved' }),
	),
});
book.passing('recover', {
	seed: { tickets: [{ id: 5, summary: 'Deleted by mistake', deleted: true }] },
	steps: [
		step(op('ticket', 'recover', { ticketId: byId(5) })),
		step(op('ticket', 'get', { ticketId: byId(5) })),
	],
});

// --- Attachment -----------------------------------------------------------------------------
book.passing('upload', {
	seed: { tickets: tickets(3) },
	items: [
		fileItem(
			{ subject: 'Invoice' },
			{ bytes: PDF, fileName: 'report.pdf', mimeType: 'application/pdf' },
		),
	],
	steps: step(
		op('attachment', 'upload', {
			ticket_id: 3,
			binaryPropertyName: 'data',
			options: { note: 'From the email' },
		}),
	),
});
book.passing('uploadToAction', {
	seed: {
		tickets: tickets(3),
		actions: [
			{ ticket_id: 3, outcome: 'Email' },
			{ ticket_id: 3, outcome: 'Email' },
		],
	},
	items: [
		fileItem(
			{},
			{ property: 'attachment_0', bytes: PNG, fileName: 'scan.png', mimeType: 'image/png' },
		),
	],
	steps: step(
		op('attachment', 'upload', {
			ticket_id: 3,
			binaryPropertyName: 'attachment_0',
			options: { action_id: 2, filename: 'renamed.png' },
		}),
	),
});
book.passing('uploadTooLarge', {
	seed: { tickets: tickets(1) },
	items: [
		fileItem(
			{},
			{ bytes: Buffer.alloc(5000, 1), fileName: 'big.bin', mimeType: 'application/octet-stream' },
		),
	],
	steps: failing(op('attachment', 'upload', { ticket_id: 1, maxFileSizeMb: 0.001 })),
});
book.passing('uploadNoBinary', {
	seed: { tickets: tickets(1) },
	items: [{ no: 'file' }],
	steps: failing(op('attachment', 'upload', { ticket_id: 1 })),
});
const scan = {
	ticket_id: 1,
	filename: 'scan.png',
	content_type: 'image/png',
	data_base64: PNG.toString('base64'),
};
// Download, then upload what n8n holds: the bytes Halo receives back are the bytes it sent.
const roundTrip = [
	step(op('attachment', 'download', { attachmentId: byId(1), binaryPropertyName: 'file' })),
	step(op('attachment', 'upload', { ticket_id: 2, binaryPropertyName: 'file' })),
];
book.passing('download', { seed: { tickets: tickets(2), attachment: [scan] }, steps: roundTrip });
book.passing('downloadJson', {
	seed: { tickets: tickets(2), attachment: [scan] },
	knobs: { attachmentAnswer: 'json' },
	steps: roundTrip,
});
book.passing('downloadChunked', {
	seed: { tickets: tickets(2), attachment: [scan] },
	knobs: { attachmentChunked: true },
	steps: roundTrip,
});
const bigFile = {
	ticket_id: 1,
	filename: 'backup.zip',
	content_type: 'application/zip',
	data_base64: big(3).toString('base64'),
};
const downloadBig = failing(
	op('attachment', 'download', { attachmentId: byId(1), maxFileSizeMb: 1 }),
);
book.passing('downloadTooLarge', {
	seed: { tickets: tickets(1), attachment: [bigFile] },
	steps: downloadBig,
});
book.passing('downloadTooLargeChunked', {
	seed: { tickets: tickets(1), attachment: [bigFile] },
	knobs: { attachmentChunked: true },
	steps: downloadBig,
});
book.passing('downloadTooLargeJson', {
	seed: { tickets: tickets(1), attachment: [bigFile] },
	knobs: { attachmentAnswer: 'json' },
	steps: downloadBig,
});
book.passing('downloadBreaksOff', {
	seed: {
		tickets: tickets(1),
		attachment: [{ ...scan, data_base64: big(0.5).toString('base64') }],
	},
	knobs: { attachmentBreaksOff: true },
	steps: failing(op('attachment', 'download', { attachmentId: byId(1) })),
});
book.passing('downloadMissing', {
	seed: { tickets: tickets(1) },
	steps: failing(op('attachment', 'download', { attachmentId: byId(99) })),
});
const attachments = [
	{ ticket_id: 1, filename: 'a.txt', data_base64: Buffer.from('a').toString('base64') },
	{
		ticket_id: 1,
		action_id: 5,
		filename: 'b.txt',
		data_base64: Buffer.from('b').toString('base64'),
	},
	{
		ticket_id: 2,
		action_id: 5,
		filename: 'c.txt',
		data_base64: Buffer.from('c').toString('base64'),
	},
];
book.passing('attachmentGetMany', {
	seed: { tickets: tickets(2), attachment: attachments },
	steps: step(
		op('attachment', 'getMany', { ticket_id: 1, returnAll: true, filters: { action_id: 5 } }),
	),
});
book.passing('attachmentGetManyTicket', {
	seed: { tickets: tickets(2), attachment: attachments },
	steps: step(op('attachment', 'getMany', { ticket_id: 1, returnAll: true })),
});
book.passing('attachmentDelete', {
	seed: { tickets: tickets(2), attachment: attachments },
	steps: step(op('attachment', 'delete', { attachmentId: byId(2) })),
});

// --- User -----------------------------------------------------------------------------------
const users = [
	{ name: 'Jo Bloggs', emailaddress: 'jo@acme.example', site_id: 1, client_id: 1 },
	{ name: 'Sam Smith', emailaddress: 'sam@acme.example', site_id: 1, client_id: 1, inactive: true },
	{ name: 'Kim Lee', emailaddress: 'kim@bolt.example', site_id: 2, client_id: 2 },
];
book.passing('userCreate', {
	steps: step(
		op('user', 'create', {
			name: 'Jo Bloggs',
			site_id: 2,
			additionalFields: {
				emailaddress: 'jo@acme.example',
				phonenumber: '0123 456',
				isimportantcontact: true,
			},
		}),
	),
});
book.passing('userCreateNoSite', {
	steps: failing(op('user', 'create', { name: 'Jo Bloggs', site_id: 0 })),
});
book.passing('userGet', {
	seed: { users },
	steps: step(op('user', 'get', { userId: byId(3), options: { includedetails: true } })),
});
book.passing('userGetMany', {
	seed: { users },
	steps: step(
		op('user', 'getMany', {
			returnAll: true,
			filters: { client_id: 1, search: 'acme.example', includeinactive: true },
		}),
	),
});
book.passing('userUpdate', {
	seed: { users },
	steps: step(
		op('user', 'update', {
			userId: byId(1),
			updateFields: { emailaddress: 'jo.bloggs@acme.example', inactive: true },
		}),
	),
});
book.passing('userDelete', {
	seed: { users },
	steps: step(op('user', 'delete', { userId: byId(2) })),
});

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
const items = (name, node) => book.items(name, undefined, node);

// --- Action ---------------------------------------------------------------------------------
test('Action Create posts the note with its outcome, visibility, time, charge rate and email choice', () => {
	const [request] = api('actionCreate');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/Actions');
	assert.deepEqual(request.body, [
		{
			ticket_id: 1,
			outcome: 'Private Note',
			note: 'RMM alert cleared',
			hiddenfromuser: true,
			timetaken: 0.25,
			chargerate: 2,
			sendemail: false,
		},
	]);
	const [created] = output('actionCreate');
	assert.equal(created.ticket_id, 1);
	assert.equal(created.note, 'RMM alert cleared');
	assert.ok(created.id >= 1);
});

test('Action Create with New Status ID moves the ticket to that status', () => {
	assert.equal(api('actionCreateNewStatus')[0].body[0].new_status, 3);
	assert.equal(book.tenant('actionCreateNewStatus').record('tickets', 1).status_id, 3);
});

test('Action Create without a ticket is refused before any request; an unknown ticket gets Halo’s 400', () => {
	assert.equal(api('actionCreateNoTicket').length, 0);
	assert.equal(
		output('actionCreateNoTicket')[0].error,
		'Ticket must be a record ID of 1 or more, not 0',
	);
	const [failure] = output('actionCreateUnknownTicket');
	assert.equal(failure.httpCode, '400');
	assert.match(failure.error, /ticket_id: Ticket 42 does not exist/);
});

test('Action Get reads the action through its ticket', () => {
	const [request] = api('actionGet');
	assert.equal(request.path, '/api/Actions/2');
	assert.deepEqual(request.query, { ticket_id: '1', includedetails: 'true' });
	assert.equal(output('actionGet')[0].note, 'public by agent');
	const [failure] = output('actionGetOtherTicket');
	assert.equal(api('actionGetOtherTicket')[0].query.ticket_id, '2');
	assert.equal(failure.error, 'No Action with ID 2 exists in HaloPSA (404)');
});

test('Action Get Many lists one ticket’s actions with the list’s filters', () => {
	const [request] = api('actionGetMany');
	assert.equal(request.path, '/api/Actions');
	assert.deepEqual(request.query, {
		ticket_id: '1',
		agentonly: 'true',
		excludesys: 'true',
		excludeprivate: 'true',
		startdate: '2026-01-01T00:00:00',
		enddate: '2026-12-31T00:00:00',
	});
	assert.deepEqual(
		output('actionGetMany').map((row) => row.note),
		['public by agent'],
	);
	const [limited] = api('actionGetManyLimit');
	assert.deepEqual(limited.query, { ticket_id: '1', count: '2' });
	assert.deepEqual(
		output('actionGetManyLimit').map((row) => row.id),
		[1, 2],
	);
});

test('Action Update sends the ticket with the changes; Delete sends ticket_id as Halo needs', () => {
	assert.deepEqual(api('actionUpdate')[0].body, [
		{ id: 1, ticket_id: 1, note: 'edited', hiddenfromuser: false },
	]);
	assert.equal(output('actionUpdate')[0].note, 'edited');
	const [request] = api('actionDelete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/Actions/3');
	assert.deepEqual(request.query, { ticket_id: '1' });
	assert.deepEqual(output('actionDelete'), [{ id: 3, deleted: true }]);
	assert.equal(book.tenant('actionDelete').record('actions', 3), undefined);
	assert.equal(api('actionDeleteNoTicket').length, 0);
	assert.equal(
		output('actionDeleteNoTicket')[0].error,
		'Ticket must be a record ID of 1 or more, not 0',
	);
});

// --- Ticket shortcuts -----------------------------------------------------------------------
test('Add Note posts an action on the ticket with its outcome, visibility and time taken', () => {
	const [request] = api('addNote');
	assert.equal(request.path, '/api/Actions');
	assert.deepEqual(request.body, [
		{
			outcome: 'Private Note',
			note: 'RMM alert cleared',
			hiddenfromuser: true,
			timetaken: 0.5,
			ticket_id: 7,
		},
	]);
	const [note] = output('addNote');
	assert.equal(note.ticket_id, 7);
	assert.equal(book.tenant('addNote').records('actions').length, 1);
});

test('Change Status posts an action with new_status and the note; the ticket moves', () => {
	assert.deepEqual(api('changeStatus')[0].body, [
		{ new_status: 3, outcome: 'Private Note', note: 'Waiting on the customer', ticket_id: 7 },
	]);
	assert.equal(book.tenant('changeStatus').record('tickets', 7).status_id, 3);
	assert.equal(output('changeStatus')[0].new_status, 3);
});

test('Assign updates the ticket’s agent and team; with neither it fails before any request', () => {
	const [request] = api('assign');
	assert.equal(request.path, '/api/Tickets');
	assert.deepEqual(request.body, [{ agent_id: 4, team_id: 2, id: 7 }]);
	assert.equal(output('assign')[0].agent_id, 4);
	assert.equal(book.tenant('assign').record('tickets', 7).team_id, 2);
	assert.equal(api('assignNobody').length, 0);
	assert.equal(
		output('assignNobody')[0].error,
		'Set Agent ID, Team ID or Team Name: Assign needs at least one of them',
	);
});

test('Close posts the closing note and outcome with the Closed status (9 unless set)', () => {
	assert.deepEqual(api('close')[0].body, [
		{ note: 'Replaced the router', outcome: 'Resolved', new_status: 9, ticket_id: 7 },
	]);
	assert.equal(book.tenant('close').record('tickets', 7).status_id, 9);
});

test('Recover restores a deleted ticket with _recover, after which it can be read again', () => {
	const [recover, get] = api('recover');
	assert.deepEqual(recover.body, [{ _recover: true, id: 5 }]);
	assert.equal(get.path, '/api/Tickets/5');
	assert.equal(get.status, 200);
	assert.equal(book.tenant('recover').record('tickets', 5).deleted, false);
	assert.equal(output('recover')[0].deleted, false);
});

// --- Attachment -----------------------------------------------------------------------------
test('Upload sends the binary file as data_base64 with its file name and content type', () => {
	const [request] = api('upload');
	assert.equal(request.path, '/api/Attachment');
	assert.deepEqual(request.body, [
		{
			note: 'From the email',
			ticket_id: 3,
			filename: 'report.pdf',
			content_type: 'application/pdf',
			data_base64: PDF.toString('base64'),
		},
	]);
	const [saved] = output('upload');
	assert.equal(saved.filename, 'report.pdf');
	assert.equal(saved.filesize, PDF.length);
	assert.equal(saved.data_base64, undefined, 'the file is not echoed into the item');
	assert.deepEqual(
		Buffer.from(book.tenant('upload').record('attachment', saved.id).data_base64, 'base64'),
		PDF,
	);
});

test('Upload to an action with another name, from another binary field', () => {
	const [element] = api('uploadToAction')[0].body;
	assert.equal(element.action_id, 2);
	assert.equal(element.filename, 'renamed.png');
	assert.equal(element.content_type, 'image/png');
	assert.deepEqual(Buffer.from(element.data_base64, 'base64'), PNG);
});

test('Upload refuses a file over Max File Size, and a missing binary field, before any request', () => {
	assert.equal(api('uploadTooLarge').length, 0);
	assert.equal(
		output('uploadTooLarge')[0].error,
		'The file "big.bin" in "data" is 4.9 KB, over the Max File Size of 1.0 KB: nothing was sent',
	);
	assert.equal(api('uploadNoBinary').length, 0);
	assert.match(output('uploadNoBinary')[0].error, /binary/i);
});

for (const name of ['download', 'downloadJson', 'downloadChunked']) {
	test(`Download (${name}) outputs the file with its name and type; uploaded again, Halo gets the same bytes`, () => {
		const [get, post] = api(name);
		assert.equal(get.method, 'GET');
		assert.equal(get.path, '/api/Attachment/1');
		const [downloaded] = items(name, 'Halo');
		assert.deepEqual(downloaded.json, {
			id: 1,
			filename: 'scan.png',
			content_type: 'image/png',
			filesize: PNG.length,
			...(name === 'downloadJson' ? { ticket_id: 1 } : {}),
		});
		assert.equal(downloaded.binary.file.fileName, 'scan.png');
		assert.equal(downloaded.binary.file.mimeType, 'image/png');
		const [element] = post.body;
		assert.equal(element.filename, 'scan.png');
		assert.equal(element.content_type, 'image/png');
		assert.deepEqual(Buffer.from(element.data_base64, 'base64'), PNG);
	});
}

test('Download refuses a file over Max File Size with its size, whatever the answer’s form', () => {
	assert.equal(
		output('downloadTooLarge')[0].error,
		'Attachment 1 is 3.0 MB, over the Max File Size of 1.0 MB: it was not downloaded',
	);
	assert.equal(
		output('downloadTooLargeChunked')[0].error,
		'Attachment 1 is over the Max File Size of 1.0 MB: it was not downloaded',
	);
	assert.equal(
		output('downloadTooLargeJson')[0].error,
		'Attachment 1 is over the Max File Size of 1.0 MB: it was not downloaded',
	);
	for (const name of ['downloadTooLarge', 'downloadTooLargeChunked', 'downloadTooLargeJson'])
		assert.equal(items(name)[0].binary, undefined);
});

test('A download that breaks off fails its item: a file is never cut short', () => {
	const [failure] = items('downloadBreaksOff');
	assert.equal(failure.binary, undefined);
	assert.match(failure.json.error, /^Attachment 1 (did not arrive whole|arrived incomplete)/);
});

test('Download of an unknown attachment names it', () => {
	assert.equal(
		output('downloadMissing')[0].error,
		'No Attachment with ID 99 exists in HaloPSA (404)',
	);
});

test('Attachment Get Many lists a ticket’s (or an action’s) attachments, without file contents', () => {
	const [request] = api('attachmentGetMany');
	assert.equal(request.path, '/api/Attachment');
	assert.deepEqual(request.query, { ticket_id: '1', action_id: '5' });
	assert.deepEqual(
		output('attachmentGetMany').map((row) => row.filename),
		['b.txt'],
	);
	assert.deepEqual(
		output('attachmentGetManyTicket').map((row) => row.filename),
		['a.txt', 'b.txt'],
	);
	assert.ok(output('attachmentGetManyTicket').every((row) => row.data_base64 === undefined));
});

test('Attachment Delete', () => {
	const [request] = api('attachmentDelete');
	assert.equal(request.method, 'DELETE');
	assert.equal(request.path, '/api/Attachment/2');
	assert.deepEqual(output('attachmentDelete'), [{ id: 2, deleted: true }]);
	assert.equal(book.tenant('attachmentDelete').record('attachment', 2), undefined);
});

// --- User -----------------------------------------------------------------------------------
test('User Create posts the contact; without a site it fails before any request', () => {
	const [request] = api('userCreate');
	assert.equal(request.path, '/api/Users');
	assert.deepEqual(request.body, [
		{
			emailaddress: 'jo@acme.example',
			phonenumber: '0123 456',
			isimportantcontact: true,
			name: 'Jo Bloggs',
			site_id: 2,
		},
	]);
	assert.equal(output('userCreate')[0].id, 1);
	assert.equal(api('userCreateNoSite').length, 0);
	assert.equal(output('userCreateNoSite')[0].error, 'Site must be a record ID of 1 or more, not 0');
});

test('User Get, Get Many (client, search, inactive), Update and Delete', () => {
	const [get] = api('userGet');
	assert.equal(get.path, '/api/Users/3');
	assert.deepEqual(get.query, { includedetails: 'true' });
	assert.equal(output('userGet')[0].name, 'Kim Lee');
	const [list] = api('userGetMany');
	assert.equal(list.query.client_id, '1');
	assert.equal(list.query.search, 'acme.example');
	assert.equal(list.query.includeinactive, 'true');
	assert.equal(list.query.pageinate, 'true');
	assert.deepEqual(
		output('userGetMany').map((row) => row.name),
		['Jo Bloggs', 'Sam Smith'],
	);
	assert.deepEqual(api('userUpdate')[0].body, [
		{ id: 1, emailaddress: 'jo.bloggs@acme.example', inactive: true },
	]);
	assert.equal(book.tenant('userUpdate').record('users', 1).inactive, true);
	assert.equal(api('userDelete')[0].path, '/api/Users/2');
	assert.deepEqual(output('userDelete'), [{ id: 2, deleted: true }]);
});

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
