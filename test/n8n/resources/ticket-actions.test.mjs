// What is done on a ticket: Actions, the ticket shortcuts (Add Note, Change Status, Assign, Close,
// Recover), attachments (upload and download) and To-Dos, executed inside real n8n against the
// HaloPSA sandbox. One n8n boot runs every workflow; each case has its own sandbox tenant.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, fileItem } from '../../harness/cases.mjs';
import { op, step } from '../../harness/lifecycle.mjs';

const book = await CaseBook.start('ticket-actions');
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

// --- To-Do ----------------------------------------------------------------------------------
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

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const output = (name) => book.output(name);
const items = (name, node) => book.items(name, undefined, node);
const nodeOutput = (name, node) => book.output(name, undefined, node);

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

// --- To-Do ----------------------------------------------------------------------------------
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
