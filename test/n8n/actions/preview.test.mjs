// Preview (Dry Run), issue 21, inside real n8n against the sandbox. Every write kind runs twice on
// two tenants seeded alike: once as a preview, once for real. The preview's tenant receives no
// write, only the reads that decide one; each preview item names the requests it would send; and
// the real run sends exactly those requests, request by request, batches included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { CaseBook, byId, fileItem, names } from '../../harness/cases.mjs';

const book = await CaseBook.start('preview');
const op = (resource, operation, extra = {}) => ({ resource, operation, ...extra });
const GUID = '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const fieldinfo = [
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
	{ id: 13, name: 'CFSeats', label: 'Seats', type: 0, inputtype: 1, usage: 1 },
	{ id: 14, name: 'CFManaged', label: 'Managed', type: 6, usage: 1 },
];
const seed = {
	client: names(3),
	tickets: [
		{ summary: 'Printer on fire', client_id: 1, customfields: [{ id: 14, value: true }] },
		{ summary: 'VPN down', client_id: 2 },
	],
	invoice: [
		{ client_id: 1, reference: 'INV-A' },
		{ client_id: 2, reference: 'INV-B' },
	],
	webhook: [{ id: GUID, name: 'Onboard user', type: 1 }],
	fieldinfo,
};
const knobs = { invoiceVoidRoute: true };
const PDF = '%PDF-1.4 preview';

/** The write kinds of issue 21: parameters, and the input items. */
const KINDS = {
	create: {
		parameters: op('client', 'create', {
			name: '={{ $json.name }}',
			additionalFields: { notes: '={{ $json.notes }}' },
			options: { batchSize: 2 },
		}),
		items: [
			{ name: 'North Ltd', notes: 'one' },
			{ name: 'South Ltd', notes: 'two' },
			{ name: 'East Ltd', notes: 'three' },
		],
	},
	update: {
		parameters: op('client', 'update', {
			clientId: byId('={{ $json.id }}'),
			updateFields: { inactive: true },
		}),
		items: [{ id: 1 }, { id: 2 }, { id: 3 }],
	},
	customFields: {
		parameters: op('ticket', 'update', {
			ticketId: byId(1),
			updateFields: {
				customFieldValues: {
					field: [
						{ field: 'Contract Tier', value: 'Gold' },
						{ field: 'Seats', value: '12' },
					],
				},
			},
		}),
	},
	upsert: {
		parameters: op('client', 'upsert', { matchOn: 'name', name: '={{ $json.name }}' }),
		items: [{ name: 'Client 002' }, { name: 'Brand New Ltd' }],
	},
	delete: {
		parameters: op('client', 'delete', { clientId: byId('={{ $json.id }}') }),
		items: [{ id: 3 }, { id: 2 }],
	},
	addNote: {
		parameters: op('ticket', 'addNote', {
			ticketId: byId(1),
			outcome: 'Private Note',
			note: 'Checked the toner',
		}),
	},
	changeStatus: {
		parameters: op('ticket', 'changeStatus', {
			ticketId: byId(2),
			new_status: 3,
			outcome: 'Private Note',
			options: { note: 'Waiting on the customer' },
		}),
	},
	close: {
		parameters: op('ticket', 'close', { ticketId: byId(1), note: 'Fixed', outcome: 'Resolved' }),
	},
	void: { parameters: op('invoice', 'void', { invoiceId: byId(2) }) },
	updateLines: {
		parameters: op('invoice', 'updateLines', {
			lines: '[{"ihid": 1, "item_shortdescription": "Support", "qty_order": 2, "unit_price": 90}]',
		}),
	},
	runbook: {
		parameters: op('webhook', 'executeRunbook', {
			webhookId: byId(GUID),
			options: { custom_parameters: '{"ticket_id": 1, "name": "Ann New"}' },
		}),
	},
	upload: {
		parameters: op('attachment', 'upload', {
			ticket_id: 1,
			binaryPropertyName: 'data',
			options: { note: 'From the email' },
		}),
		items: [
			fileItem(
				{ subject: 'Invoice' },
				{ bytes: PDF, fileName: 'report.pdf', mimeType: 'application/pdf' },
			),
		],
	},
	apiPost: {
		parameters: op('customApiCall', 'request', {
			method: 'POST',
			path: '/Client',
			query: { parameter: [{ name: 'note', value: 'preview' }] },
			body: '[{"name": "Made by API Request"}]',
		}),
	},
	apiDelete: {
		parameters: op('customApiCall', 'request', { method: 'DELETE', path: '/api/Client/1' }),
	},
};

for (const [kind, { parameters, items }] of Object.entries(KINDS)) {
	book.passing(`${kind}Preview`, {
		seed,
		knobs,
		steps: { parameters: { ...parameters, preview: true } },
		items,
	});
	book.passing(`${kind}Real`, { seed, knobs, steps: { parameters }, items });
}
// Secrets are masked in a preview as in every output; a bad id fails the item as in a run.
book.passing('secretPreview', {
	steps: {
		parameters: op('webhook', 'create', {
			name: 'To n8n',
			additionalFields: {
				url: 'https://n8n.example.org/webhook/1',
				authentication_type: 1,
				basic_username: 'n8n',
				basic_password: 's3cret',
			},
			preview: true,
		}),
	},
});
book.passing('badIdPreview', {
	seed,
	steps: {
		parameters: op('client', 'update', {
			clientId: byId('={{ $json.id }}'),
			updateFields: { notes: 'x' },
			preview: true,
		}),
		continueOnFail: true,
	},
	items: [{ id: 'abc' }, { id: 1 }],
});
book.passing('badIdReal', {
	seed,
	steps: {
		parameters: op('client', 'update', {
			clientId: byId('={{ $json.id }}'),
			updateFields: { notes: 'x' },
		}),
		continueOnFail: true,
	},
	items: [{ id: 'abc' }, { id: 1 }],
});

// docs/preview.md's example: its two HaloPSA nodes, as pasted, on the items its Code node makes.
const docsExample = JSON.parse(
	/```json\n(\{\n {2}"name"[\s\S]*?)\n```/.exec(
		readFileSync(new URL('../../../docs/preview.md', import.meta.url), 'utf8'),
	)[1],
);
const exampleNode = (name) => docsExample.nodes.find((node) => node.name === name);
const exampleItems = [{ id: 2 }, { id: 3 }];
assert.match(exampleNode('Clients to deactivate').parameters.jsCode, /\{ id: 2 \}.*\{ id: 3 \}/);
for (const [name, node] of [
	['docsPreview', 'Preview'],
	['docsReal', 'Run for real'],
]) {
	book.passing(name, {
		seed,
		steps: { parameters: exampleNode(node).parameters, typeVersion: exampleNode(node).typeVersion },
		items: exampleItems,
	});
}

before(() => book.run());
after(() => book.close());

const asText = (query = {}) =>
	Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)]));
/** A request as the sandbox received it, in the preview's terms. */
const received = ({ method, path, query, body }) => ({
	method,
	path,
	query: asText(query),
	...(body === undefined || body === null || body === '' ? {} : { body }),
});
/** A request a preview item names, comparable with what the sandbox received. */
const named = ({ method, path, query, body }) => ({
	method,
	path,
	query: asText(query),
	...(body === undefined ? {} : { body }),
});

/** Every request the preview's items name, once each (a batch is named by each of its items), in order. */
function previewed(name) {
	const seen = new Map();
	for (const item of book.output(`${name}Preview`)) {
		assert.equal(item.preview, true, `${name}: every item is a preview`);
		for (const request of item.requests) {
			const key = JSON.stringify({ ...named(request), sent: request.sent });
			if (!seen.has(key)) seen.set(key, request);
		}
	}
	return [...seen.values()];
}

for (const kind of Object.keys(KINDS)) {
	test(`${kind}: the preview sends no write, and a real run sends exactly the writes it names`, () => {
		const previewTenant = book.api(`${kind}Preview`);
		assert.deepEqual(
			previewTenant.filter((request) => request.method !== 'GET'),
			[],
			'the preview changes nothing in HaloPSA',
		);
		const requests = previewed(kind);
		const writes = requests.filter((request) => !request.sent).map(named);
		const reads = requests.filter((request) => request.sent).map(named);
		assert.ok(writes.length > 0, 'the preview names the writes');
		// The reads the preview names are the ones it made, and a real run makes them too.
		assert.deepEqual(previewTenant.map(received), reads);
		const real = book.api(`${kind}Real`).map(received);
		assert.deepEqual(
			real.filter((request) => request.method !== 'GET'),
			writes,
		);
		assert.deepEqual(
			real.filter((request) => request.method === 'GET'),
			reads,
		);
		for (const item of book.output(`${kind}Real`))
			assert.equal(item.error, undefined, 'the real run succeeds');
	});
}

test('create: three items with Batch Size 2 preview as two POSTs, each item told its batch', () => {
	const items = book.output('createPreview');
	assert.deepEqual(
		items.map((item) => item.requests.map((request) => request.batch ?? null)),
		[
			[{ size: 2, position: 1, itemIndexes: [0, 1] }],
			[{ size: 2, position: 2, itemIndexes: [0, 1] }],
			[null],
		],
	);
	assert.deepEqual(items[2].requests[0].body, [{ notes: 'three', name: 'East Ltd' }]);
	assert.match(items[0].summary, /A real run would send 1 request that change/);
	assert.equal(items[0].operation, 'Client › Create');
	assert.equal(book.tenant('createPreview').records('client').length, 3);
	assert.equal(book.tenant('createReal').records('client').length, 6);
});

test('upsert: the preview makes the matching reads and says which record would be updated', () => {
	const [existing, fresh] = book.output('upsertPreview');
	assert.equal(existing.upsertOutcome, 'updated');
	assert.deepEqual(existing.matched, { id: 2, name: 'ID 2 (Client 002)' });
	assert.equal(fresh.upsertOutcome, 'created');
	assert.equal(fresh.matched, null);
	assert.deepEqual(
		book.output('upsertReal').map((item) => item.upsertOutcome),
		['updated', 'created'],
	);
});

test('custom fields: the preview shows the customfields array a real run posts', () => {
	const [preview] = book.output('customFieldsPreview');
	const [post] = book.api('customFieldsReal').filter((request) => request.method === 'POST');
	assert.deepEqual(preview.customfields, post.body[0].customfields);
	assert.deepEqual(
		preview.customfields.filter((field) => field.id !== 14),
		[
			{ id: 11, value: 2 },
			{ id: 13, value: 12 },
		],
	);
	// Merged with the ticket's current values, read for real (the record's own field 14 is kept).
	assert.deepEqual(
		preview.customfields.find((field) => field.id === 14),
		{ id: 14, value: true },
	);
	assert.ok(
		preview.requests.some(
			(request) => request.sent && request.method === 'GET' && request.path === '/api/Tickets/1',
		),
		'the current custom fields are read for real',
	);
	assert.deepEqual(book.tenant('customFieldsPreview').record('tickets', 1).customfields, [
		{ id: 14, value: true },
	]);
});

test('void: the preview says what a real run sends on a HaloPSA without the void route', () => {
	const [preview] = book.output('voidPreview');
	assert.equal(
		preview.ifRouteMissing,
		'If HaloPSA has no POST /api/Invoice/2/void route (404 or 405), a real run reads the record and sends POST /api/Invoice instead',
	);
	assert.equal(book.tenant('voidPreview').record('invoice', 2).voided, false);
	assert.equal(book.tenant('voidReal').record('invoice', 2).voided, true);
});

test('delete: the previewed records are all still there; the real run deleted them', () => {
	assert.equal(book.tenant('deletePreview').records('client').length, 3);
	assert.equal(book.tenant('deleteReal').records('client').length, 1);
});

test('A secret the user typed is masked in the preview, as in every output', () => {
	const [preview] = book.output('secretPreview');
	assert.equal(preview.requests[0].body[0].basic_password, '********');
	assert.doesNotMatch(JSON.stringify(preview), /s3cret/);
	assert.deepEqual(book.api('secretPreview'), []);
});

test('A bad id fails the item in a preview exactly as in a real run', () => {
	const preview = book.output('badIdPreview');
	const real = book.output('badIdReal');
	assert.equal(preview[0].error, real[0].error);
	assert.ok(preview[0].error);
	assert.equal(preview[1].preview, true);
	assert.deepEqual(book.api('badIdPreview'), []);
});

test('docs/preview.md: its two HaloPSA nodes differ only in Preview, and run as the page says', () => {
	const { preview, ...previewRest } = exampleNode('Preview').parameters;
	assert.equal(preview, true);
	assert.deepEqual(previewRest, exampleNode('Run for real').parameters);
	assert.deepEqual(book.api('docsPreview'), []);
	const [first] = book.output('docsPreview');
	assert.equal(first.operation, 'Client › Update');
	const [post] = book.api('docsReal');
	assert.deepEqual(received(post), named(first.requests[0]));
	assert.deepEqual(post.body, [
		{ id: 2, inactive: true },
		{ id: 3, inactive: true },
	]);
});
