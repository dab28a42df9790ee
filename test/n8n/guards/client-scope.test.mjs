// Allowed Clients (issue 30) inside real n8n against the sandbox, with two clients' records: a
// resource of each kind (its own client_id: Ticket, Site; the client itself; through a parent:
// Action; reference data: Ticket Status; unprovable: API Request, Run SQL, KB Article) by list,
// by id, by create, update and delete, on a credential allowed client 1 only. Nothing of client 2
// is read or written, and the error for client 2's record is the one for a record that does not
// exist.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from '../../harness/cases.mjs';

const book = await CaseBook.start('client-scope');
const op = (resource, operation, extra = {}) => ({ resource, operation, ...extra });
const step = (parameters) => ({ parameters, continueOnFail: true });
const ONE = { allowedClients: '1' };
const seed = {
	client: names(3),
	site: [
		{ name: 'Head Office', client_id: 1 },
		{ name: 'Rival HQ', client_id: 2 },
		{ name: 'Branch', client_id: 1 },
	],
	users: [
		{ name: 'Amy Own', client_id: 1, site_id: 1 },
		{ name: 'Rob Rival', client_id: 2, site_id: 2 },
	],
	tickets: [
		{ summary: 'Printer on fire', client_id: 1, site_id: 1 },
		{ summary: 'Rival secret merger', client_id: 2, site_id: 2 },
		{ summary: 'VPN drops', client_id: 1, site_id: 3 },
		{ summary: 'Third client issue', client_id: 3 },
	],
	actions: [
		{ ticket_id: 1, note: 'Own note', outcome: 'Private Note' },
		{ ticket_id: 2, note: 'Rival note: merger price', outcome: 'Private Note' },
	],
	kbarticle: [{ name: 'How to reset a password' }],
	attachment: [
		{ ticket_id: 1, filename: 'own.txt', data_base64: Buffer.from('own file').toString('base64') },
		{
			ticket_id: 2,
			filename: 'rival.txt',
			data_base64: Buffer.from('Rival merger').toString('base64'),
		},
	],
	status: [{ name: 'New' }, { name: 'In Progress' }],
};
const knobs = { sqlTables: { faults: [{ Faultid: 2, Symptom: 'Rival secret merger' }] } };

function scoped(name, parameters, { credentialFields = ONE, items, extraKnobs } = {}) {
	book.passing(name, {
		seed,
		knobs: { ...knobs, ...extraKnobs },
		credentialFields,
		steps: step(parameters),
		items,
	});
}

// Own client_id: Ticket
scoped('ticketList', op('ticket', 'getMany', { returnAll: true }));
scoped(
	'ticketListForeignFilter',
	op('ticket', 'getMany', { returnAll: true, filters: { client_id: 2 } }),
);
scoped('ticketGetOwn', op('ticket', 'get', { ticketId: byId(1) }));
scoped('ticketGetForeign', op('ticket', 'get', { ticketId: byId(2) }));
scoped('ticketGetMissing', op('ticket', 'get', { ticketId: byId(99) }));
scoped(
	'ticketUpdateOwn',
	op('ticket', 'update', { ticketId: byId(1), updateFields: { summary: 'Printer out' } }),
);
scoped(
	'ticketUpdateForeign',
	op('ticket', 'update', { ticketId: byId(2), updateFields: { summary: 'Hacked' } }),
);
scoped(
	'ticketUpdateMissing',
	op('ticket', 'update', { ticketId: byId(99), updateFields: { summary: 'Hacked' } }),
);
scoped(
	'ticketUpdateMove',
	op('ticket', 'update', { ticketId: byId(1), updateFields: { client_id: 2 } }),
);
scoped('ticketDeleteForeign', op('ticket', 'delete', { ticketId: byId(2) }));
scoped('ticketDeleteMissing', op('ticket', 'delete', { ticketId: byId(99) }));
scoped('ticketDeleteOwn', op('ticket', 'delete', { ticketId: byId(3) }));
scoped(
	'ticketCreateOwn',
	op('ticket', 'create', { summary: 'New own', additionalFields: { client_id: 1 } }),
);
scoped(
	'ticketCreateForeign',
	op('ticket', 'create', { summary: 'New rival', additionalFields: { client_id: 2 } }),
);
scoped('ticketCreateNoClient', op('ticket', 'create', { summary: 'Whose?' }));
scoped(
	'ticketCreateBySite',
	op('ticket', 'create', { summary: 'By site', additionalFields: { site_id: 3 } }),
);
scoped(
	'ticketCreateByForeignSite',
	op('ticket', 'create', { summary: 'By rival site', additionalFields: { site_id: 2 } }),
);
scoped(
	'ticketCreateForeignUser',
	op('ticket', 'create', { summary: 'Mixed', additionalFields: { client_id: 1, user_id: 2 } }),
);
// A batch of creates and of updates, one item of client 2: that item alone fails
scoped(
	'ticketCreateBatch',
	op('ticket', 'create', {
		summary: '={{ $json.summary }}',
		additionalFields: { client_id: '={{ $json.client }}' },
	}),
	{
		items: [
			{ summary: 'Batch own', client: 1 },
			{ summary: 'Batch rival', client: 2 },
			{ summary: 'Batch own 2', client: 1 },
		],
	},
);
scoped(
	'ticketUpdateBatch',
	op('ticket', 'update', {
		ticketId: byId('={{ $json.id }}'),
		updateFields: { summary: '={{ $json.summary }}' },
	}),
	{
		items: [
			{ id: 1, summary: 'Own renamed' },
			{ id: 2, summary: 'Rival renamed' },
			{ id: 3, summary: 'Own renamed 2' },
		],
	},
);
// Deletes and notes run item by item: the tickets' clients are learnt in one read first
scoped('ticketDeleteMany', op('ticket', 'delete', { ticketId: byId('={{ $json.id }}') }), {
	items: [{ id: 1 }, { id: 2 }, { id: 3 }],
});
scoped(
	'addNoteMany',
	op('ticket', 'addNote', {
		ticketId: byId('={{ $json.id }}'),
		outcome: 'Private Note',
		note: 'Hi',
	}),
	{ items: [{ id: 1 }, { id: 2 }, { id: 3 }] },
);
// Create or Update: the match is read within the allowed client
scoped(
	'siteUpsertForeignName',
	op('site', 'upsert', { matchOn: 'name', name: 'Rival HQ', client_id: 1 }),
);
// Preview of an update of another client's record: refused as in a run
scoped(
	'previewForeign',
	op('ticket', 'update', { ticketId: byId(2), updateFields: { summary: 'x' }, preview: true }),
);
// Own client_id without a many-clients filter: Site, with two allowed clients (one list each)
scoped('siteListTwo', op('site', 'getMany', { returnAll: true }), {
	credentialFields: { allowedClients: '1, 3' },
});
scoped('ticketListTwo', op('ticket', 'getMany', { returnAll: true }), {
	credentialFields: { allowedClients: '1, 3' },
});
// Halo ignores the filter: the rows of other clients it returns anyway are dropped
scoped('siteListIgnored', op('site', 'getMany', { returnAll: true }), {
	extraKnobs: { ignoredFilters: ['client_id'] },
});
// The client itself
scoped('clientList', op('client', 'getMany', { returnAll: true }));
scoped('clientGetForeign', op('client', 'get', { clientId: byId(2) }));
scoped('clientGetMissing', op('client', 'get', { clientId: byId(99) }));
scoped(
	'clientUpdateOwn',
	op('client', 'update', { clientId: byId(1), updateFields: { notes: 'ok' } }),
);
scoped('clientCreate', op('client', 'create', { name: 'New client' }));
// Through a parent: Action, through its ticket
scoped('actionListOwn', op('action', 'getMany', { ticket_id: 1, returnAll: true }));
scoped('actionListForeign', op('action', 'getMany', { ticket_id: 2, returnAll: true }));
scoped('actionGetForeign', op('action', 'get', { actionId: byId(2), ticket_id: 2 }));
scoped('actionGetMissing', op('action', 'get', { actionId: byId(99), ticket_id: 2 }));
scoped(
	'addNoteOwn',
	op('ticket', 'addNote', { ticketId: byId(1), outcome: 'Private Note', note: 'Hello' }),
);
scoped(
	'addNoteForeign',
	op('ticket', 'addNote', { ticketId: byId(2), outcome: 'Private Note', note: 'Hello' }),
);
scoped(
	'addNoteMissing',
	op('ticket', 'addNote', { ticketId: byId(99), outcome: 'Private Note', note: 'Hello' }),
);
scoped(
	'downloadOwn',
	op('attachment', 'download', { attachmentId: byId(1), binaryPropertyName: 'file' }),
);
scoped(
	'downloadForeign',
	op('attachment', 'download', { attachmentId: byId(2), binaryPropertyName: 'file' }),
);
scoped(
	'downloadMissing',
	op('attachment', 'download', { attachmentId: byId(99), binaryPropertyName: 'file' }),
);
// Reference data
scoped('statusList', op('ticketStatus', 'getMany', { returnAll: true }));
scoped('statusCreate', op('ticketStatus', 'create', { name: 'Waiting on rival' }));
// Unprovable
scoped('apiGet', op('customApiCall', 'request', { method: 'GET', path: '/Tickets' }));
scoped('sql', op('report', 'runSql', { sql: 'SELECT Faultid, Symptom FROM Faults' }));
scoped('kbList', op('kbArticle', 'getMany', { returnAll: true }));
scoped('badScope', op('ticket', 'get', { ticketId: byId(1) }), {
	credentialFields: { allowedClients: '1, acme' },
});
// Unscoped, for comparison: everything as before
scoped('unscopedList', op('ticket', 'getMany', { returnAll: true }), { credentialFields: {} });

before(async () => {
	await book.run();
});
after(async () => {
	await book.close();
});

const sent = (name) => book.api(name).map((request) => `${request.method} ${request.path}`);
const requests = (name) => book.api(name);
const output = (name) => book.output(name);
const errorOf = (name) => {
	const [item] = output(name);
	return item && { error: item.error, description: item.description };
};
/** Nothing of client 2 in what n8n output. */
function nothingOfClient2(name) {
	const text = JSON.stringify(output(name));
	assert.doesNotMatch(text, /Rival|merger/i, `${name}: nothing of client 2 reaches the output`);
}
function nothingWritten(name) {
	assert.deepEqual(
		requests(name).filter((request) => request.method !== 'GET'),
		[],
		`${name}: nothing is written`,
	);
}

test('Ticket list: narrowed with client_id, only client 1 tickets come out', () => {
	const [list] = requests('ticketList');
	assert.equal(String(list.query.client_id), '1');
	assert.deepEqual(
		output('ticketList')
			.map((row) => row.summary)
			.sort(),
		['Printer on fire', 'VPN drops'],
	);
	assert.equal(output('unscopedList').length, 4);
});

test('Ticket list filtered by another client: empty, and nothing is sent', () => {
	assert.deepEqual(sent('ticketListForeignFilter'), []);
	assert.deepEqual(output('ticketListForeignFilter'), []);
});

test('A record of another client is answered word for word as a record that does not exist', () => {
	assert.equal(output('ticketGetOwn')[0].summary, 'Printer on fire');
	for (const [foreign, missing] of [
		['ticketGetForeign', 'ticketGetMissing'],
		['ticketUpdateForeign', 'ticketUpdateMissing'],
		['ticketDeleteForeign', 'ticketDeleteMissing'],
		['clientGetForeign', 'clientGetMissing'],
		['actionGetForeign', 'actionGetMissing'],
		['addNoteForeign', 'addNoteMissing'],
		['downloadForeign', 'downloadMissing'],
	]) {
		const a = errorOf(foreign);
		const b = errorOf(missing);
		assert.ok(a?.error, `${foreign} fails`);
		assert.equal(
			a.error.replace(/\b2\b/g, 'N'),
			b.error.replace(/\b99\b/g, 'N'),
			`${foreign} and ${missing} say the same`,
		);
		assert.equal(
			(a.description ?? '').replace(/\b2\b/g, 'N'),
			(b.description ?? '').replace(/\b99\b/g, 'N'),
		);
		nothingOfClient2(foreign);
		nothingWritten(foreign);
	}
});

test('Update and delete of an allowed record: read first, then sent', () => {
	assert.deepEqual(sent('ticketUpdateOwn'), ['GET /api/Tickets/1', 'POST /api/Tickets']);
	assert.deepEqual(sent('ticketDeleteOwn'), ['GET /api/Tickets/3', 'DELETE /api/Tickets/3']);
	assert.equal(book.tenant('ticketUpdateOwn').record('tickets', 1).summary, 'Printer out');
});

test('A write that moves a record to another client, or names one, is refused', () => {
	assert.match(
		errorOf('ticketUpdateMove').error,
		/client 2, which is not one of the allowed clients/,
	);
	nothingWritten('ticketUpdateMove');
	assert.match(
		errorOf('ticketCreateForeign').error,
		/client 2, which is not one of the allowed clients/,
	);
	assert.deepEqual(sent('ticketCreateForeign'), []);
	assert.match(errorOf('ticketCreateNoClient').error, /must name one of the allowed clients/);
	assert.deepEqual(sent('ticketCreateNoClient'), []);
	assert.match(errorOf('ticketCreateByForeignSite').error, /the site it names \(site_id 2\)/);
	nothingWritten('ticketCreateByForeignSite');
	assert.match(errorOf('ticketCreateForeignUser').error, /the user it names \(user_id 2\)/);
	nothingWritten('ticketCreateForeignUser');
});

test('A create naming an allowed client, or only a site of one, is sent', () => {
	assert.deepEqual(sent('ticketCreateOwn'), ['POST /api/Tickets']);
	assert.equal(output('ticketCreateOwn')[0].summary, 'New own');
	assert.deepEqual(sent('ticketCreateBySite'), ['GET /api/Site/3', 'POST /api/Tickets']);
});

test('A batch with one item of another client: that item alone fails, the others are saved', () => {
	const created = output('ticketCreateBatch');
	assert.equal(created.length, 3);
	assert.equal(created[0].summary, 'Batch own');
	assert.match(created[1].error, /client 2, which is not one of the allowed clients/);
	assert.equal(created[2].summary, 'Batch own 2');
	const posts = requests('ticketCreateBatch').filter((request) => request.method === 'POST');
	assert.ok(posts.every((post) => JSON.stringify(post.body).includes('"client_id":1')));
	assert.ok(!posts.some((post) => JSON.stringify(post.body).includes('Batch rival')));
	// The three tickets' clients are read in one request, not one each.
	const reads = requests('ticketUpdateBatch').filter((request) => request.method === 'GET');
	assert.equal(reads.length, 1);
	assert.equal(reads[0].path, '/api/Tickets');
	assert.equal(String(reads[0].query.ticketids), '1,2,3');
	assert.equal(String(reads[0].query.client_id), '1');
	const updated = output('ticketUpdateBatch');
	assert.equal(updated[0].summary, 'Own renamed');
	assert.equal(updated[1].error, errorOf('ticketUpdateMissing').error.replace('99', '2'));
	assert.equal(updated[2].summary, 'Own renamed 2');
	assert.equal(
		book.tenant('ticketUpdateBatch').record('tickets', 2).summary,
		'Rival secret merger',
	);
});

test('Deletes and notes item by item: one read learns every ticket’s client, then only allowed ones are changed', () => {
	assert.deepEqual(sent('ticketDeleteMany'), [
		'GET /api/Tickets',
		'DELETE /api/Tickets/1',
		'DELETE /api/Tickets/3',
	]);
	assert.equal(String(requests('ticketDeleteMany')[0].query.ticketids), '1,2,3');
	const deleted = output('ticketDeleteMany');
	assert.equal(deleted[1].error, errorOf('ticketDeleteMissing').error.replace('99', '2'));
	assert.ok(book.tenant('ticketDeleteMany').record('tickets', 2));
	assert.deepEqual(sent('addNoteMany'), [
		'GET /api/Tickets',
		'POST /api/Actions',
		'POST /api/Actions',
	]);
	assert.match(output('addNoteMany')[1].error, /the ticket it names \(ticket_id 2\)/);
});

test('Create or Update matches within the allowed client: a name of client 2 creates anew for client 1', () => {
	const [match] = requests('siteUpsertForeignName');
	assert.equal(String(match.query.client_id), '1');
	const [site] = output('siteUpsertForeignName');
	assert.equal(site.client_id, 1);
	assert.equal(book.tenant('siteUpsertForeignName').record('site', 2).client_id, 2);
});

test("A preview of an update of another client's record: not found, as in a run", () => {
	assert.equal(errorOf('previewForeign').error, errorOf('ticketUpdateForeign').error);
	nothingWritten('previewForeign');
});

test('Several allowed clients: one list where Halo takes several ids, else one per client, merged', () => {
	const ticketLists = requests('ticketListTwo');
	assert.equal(ticketLists.length, 1);
	assert.equal(String(ticketLists[0].query.client_ids), '1,3');
	assert.deepEqual(
		output('ticketListTwo')
			.map((row) => row.summary)
			.sort(),
		['Printer on fire', 'Third client issue', 'VPN drops'],
	);
	assert.deepEqual(
		requests('siteListTwo').map((request) => String(request.query.client_id)),
		['1', '3'],
	);
	assert.deepEqual(
		output('siteListTwo')
			.map((row) => row.name)
			.sort(),
		['Branch', 'Head Office'],
	);
});

test('Rows of other clients that Halo returns anyway are dropped', () => {
	assert.deepEqual(
		output('siteListIgnored')
			.map((row) => row.name)
			.sort(),
		['Branch', 'Head Office'],
	);
});

test('The client itself: its list holds it alone, another is not found, none is created', () => {
	assert.deepEqual(
		output('clientList').map((row) => row.name),
		['Client 001'],
	);
	assert.deepEqual(sent('clientUpdateOwn'), ['POST /api/Client']);
	assert.match(errorOf('clientCreate').error, /no client is created/);
	assert.deepEqual(sent('clientCreate'), []);
});

test("Through a parent: an action list is read within an allowed ticket; another client's is empty", () => {
	assert.deepEqual(
		output('actionListOwn').map((row) => row.note),
		['Own note'],
	);
	assert.deepEqual(output('actionListForeign'), []);
	assert.ok(!sent('actionListForeign').some((line) => line.startsWith('GET /api/Actions')));
	nothingOfClient2('actionListForeign');
	assert.deepEqual(sent('addNoteOwn').at(-1), 'POST /api/Actions');
});

test("An attachment is downloaded once its ticket is known to be an allowed client's", () => {
	assert.deepEqual(sent('downloadOwn'), [
		'GET /api/Attachment/1',
		'GET /api/Tickets/1',
		'GET /api/Attachment/1',
	]);
	assert.equal(String(requests('downloadOwn')[0].query.includedetails), 'true');
	assert.equal(
		output('downloadOwn')[0].filename ?? output('downloadOwn')[0].fileName ?? 'own.txt',
		'own.txt',
	);
	assert.ok(!sent('downloadForeign').includes('GET /api/Tickets/1'));
	assert.equal(
		sent('downloadForeign').filter((line) => line === 'GET /api/Attachment/2').length,
		1,
	);
});

test('Reference data is read, never written', () => {
	assert.deepEqual(
		output('statusList').map((row) => row.name),
		['New', 'In Progress'],
	);
	assert.match(
		errorOf('statusCreate').error,
		/reference data of no client\) is read, never written/,
	);
	assert.deepEqual(sent('statusCreate'), []);
});

test('What cannot be proven is refused, with the reason, and nothing is sent', () => {
	assert.match(errorOf('apiGet').error, /API Request can call any path/);
	assert.match(errorOf('sql').error, /a report or a query can read any table/);
	assert.match(errorOf('kbList').error, /an article may be written for one client/);
	assert.match(errorOf('badScope').error, /hold what is not a client ID \(acme\)/);
	for (const name of ['apiGet', 'sql', 'kbList', 'badScope']) {
		assert.deepEqual(sent(name), [], `${name}: nothing sent`);
		assert.match(errorOf(name).description, /Allowed Clients/);
	}
});
