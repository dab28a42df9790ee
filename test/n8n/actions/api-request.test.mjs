// API Request that knows Halo's document (issue 19), inside real n8n against the sandbox: the
// Path picked from the document (node version 1.2) or typed, its {id} filled from a field of its
// own and checked, documented query parameters, Return All over a list path; and what the editor
// asks n8n for (the path search, the methods of the picked path, the documented query parameters,
// a POST's body skeleton), through n8n's own REST routes on a running n8n.
// And API Request as typed (issue 9): query parameters, Return All over a list, POST and DELETE,
// paths that leave /api refused, Halo's errors, rate limiting and token shared.
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, names } from '../../harness/cases.mjs';
import { NODE_TYPE, startN8nServer } from '../../harness/n8n.mjs';

const DOCUMENT = JSON.parse(
	readFileSync(new URL('../../../schema/halo-index.json', import.meta.url), 'utf8'),
);
const book = await CaseBook.start('api-request');
const rl = (mode, value) => ({ __rl: true, mode, value });
const call = (extra) => ({ resource: 'customApiCall', operation: 'request', ...extra });
const v12 = (parameters, extra = {}) => ({ parameters, typeVersion: 1.2, ...extra });
const GUID = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const step = (parameters, extra = {}) => ({ parameters, ...extra });
const failing = (parameters) => step(parameters, { continueOnFail: true });

const audit = [
	{ ticket_id: 7, table_name: 'Faults', value: 'New', username: 'Ann' },
	{ ticket_id: 7, table_name: 'Faults', value: 'In Progress', username: 'Bob' },
	{ ticket_id: 8, table_name: 'Faults', value: 'Closed', username: 'Ann' },
];
const logRows = Array.from({ length: 250 }, (_, index) => ({
	distributionlists_id: 3,
	action: 1,
	emailsubject: `Newsletter ${String(index + 1).padStart(3, '0')}`,
}));

book.passing('pickedWithId', {
	seed: { audit },
	steps: v12(
		call({
			path: rl('list', '/Audit/{id}'),
			pathId: '2',
			query: { documented: [{ name: 'includedetails', value: 'true' }] },
		}),
	),
});
book.passing('pickedGuid', {
	seed: { webhookevent: [{ id: GUID(5), webhook_id: GUID(9) }] },
	steps: v12(call({ path: rl('list', '/WebhookEvent/{id}'), pathId: GUID(5) })),
});
const badIds = ['0', '-3', '1.5', 'abc', '', '2/../../auth'];
book.passing('pickedIdRefused', {
	seed: { audit },
	items: badIds.map((id) => ({ id })),
	steps: v12(call({ path: rl('list', '/Audit/{id}'), pathId: '={{ $json.id }}' }), {
		continueOnFail: true,
	}),
});
book.passing('guidRefused', {
	seed: { webhookevent: [{ id: GUID(5), webhook_id: GUID(9) }] },
	steps: v12(call({ path: rl('list', '/WebhookEvent/{id}'), pathId: '5' }), {
		continueOnFail: true,
	}),
});
book.passing('typedPath', {
	seed: { tickets: [{ summary: 'One' }, { summary: 'Two' }] },
	steps: v12(
		call({
			path: rl('path', 'api/Tickets/2'),
			query: { parameter: [{ name: 'includedetails', value: 'true' }] },
		}),
	),
});
book.passing('typedTemplate', {
	seed: { tickets: [{ summary: 'One' }, { summary: 'Two' }] },
	steps: v12(call({ path: rl('path', '/Tickets/{id}'), pathId: '1' })),
});
// Saved with version 1.1: Path is text, as before.
book.passing('savedText', {
	seed: { assettype: [{ name: 'Laptop' }, { name: 'Server' }] },
	steps: { parameters: call({ path: '/AssetType' }), typeVersion: 1.1 },
});
book.passing('returnAll', {
	seed: { distributionlistslog: logRows },
	knobs: { listShapes: { distributionlistslog: { list: 'wrapper', listKey: 'records' } } },
	steps: v12(call({ path: rl('list', '/DistributionListsLog'), returnAll: true })),
});
book.passing('post', {
	steps: v12(
		call({
			method: 'POST',
			path: rl('list', '/DistributionListsLog'),
			body: '[{"distributionlists_id": 3, "emailsubject": "Hello"}]',
		}),
	),
});

const many = (count, marked) =>
	Array.from({ length: count }, (_, index) => ({
		distributionlists_id: 3,
		emailsubject: index + 1 === marked ? 'REJECT me' : `Mail ${index + 1}`,
	}));
book.passing('postBatches', {
	steps: v12(
		call({
			method: 'POST',
			path: rl('list', '/DistributionListsLog'),
			body: JSON.stringify(many(120)),
		}),
	),
});
book.passing('postBatchRolledBack', {
	knobs: {
		batchRollsBack: true,
		rejectWhere: { field: 'emailsubject', includes: 'REJECT', message: 'Mailbox is full' },
	},
	steps: v12(
		call({
			method: 'POST',
			path: rl('list', '/DistributionListsLog'),
			body: JSON.stringify(many(120, 75)),
		}),
		{ continueOnFail: true },
	),
});
book.passing('postBatchFails', {
	knobs: { rejectWhere: { field: 'emailsubject', includes: 'REJECT', message: 'Mailbox is full' } },
	steps: v12(
		call({
			method: 'POST',
			path: rl('list', '/DistributionListsLog'),
			body: JSON.stringify(many(120, 75)),
		}),
		{ continueOnFail: true },
	),
});

const hook = {
	id: GUID(1),
	name: 'n8n',
	url: 'https://example.test/hook',
	basic_username: 'n8n',
	basic_password: 'hunter2',
};
book.passing('secretMasked', {
	seed: { webhook: [hook] },
	steps: [
		v12(call({ path: rl('list', '/Webhook/{id}'), pathId: GUID(1) })),
		v12(call({ path: rl('list', '/Webhook'), returnAll: true }), { name: 'Halo list' }),
	],
});

// The docs page's worked examples (docs/resources/customApiCall.md), as a user would set them up.
book.passing('docsAuditOfTicket', {
	seed: { tickets: [{ summary: 'Printer offline' }] },
	steps: v12(
		call({
			path: rl('list', '/Tickets/{id}'),
			pathId: '1',
			query: { documented: [{ name: 'include_auditing', value: 'true' }] },
		}),
	),
});
const typeFields = [
	{ fieldid: 44, fieldname: 'Summary', technew: 1 },
	{ fieldid: 45, fieldname: 'Asset', technew: 0 },
];
book.passing('docsTicketTypeField', {
	seed: { tickettype: [{ name: 'Incident', fields: typeFields }] },
	steps: [
		v12(
			call({
				path: rl('list', '/TicketType/{id}'),
				pathId: '1',
				query: { documented: [{ name: 'includedetails', value: 'true' }] },
			}),
		),
		v12(
			call({
				method: 'POST',
				path: rl('list', '/TicketType'),
				body: '={{ [{ id: $json.id, fields: $json.fields.map(f => f.fieldid === 45 ? { ...f, technew: 2 } : f) }] }}',
			}),
		),
	],
});

// --- Custom API Call ------------------------------------------------------------------------
book.passing('customGet', {
	seed: { assettype: [{ name: 'Laptop' }, { name: 'Lapdesk' }, { name: 'Server' }] },
	steps: step(
		call({
			method: 'GET',
			path: '/AssetType',
			query: { parameter: [{ name: 'search', value: 'lap' }] },
		}),
	),
});
book.passing('customGetOne', {
	seed: { tickets: [{ summary: 'One' }, { summary: 'Two' }] },
	steps: step(call({ path: 'api/Tickets/2' })),
});
book.passing('customReturnAll', {
	seed: { client: [...names(250), { name: 'Gone', inactive: true }] },
	steps: step(
		call({
			path: '/api/Client',
			returnAll: true,
			listKey: 'clients',
			query: { parameter: [{ name: 'includeinactive', value: 'true' }] },
		}),
	),
});
book.passing('customPost', {
	steps: step(
		call({
			method: 'POST',
			path: '/AssetType',
			body: '[{"name": "Firewall", "colour": "#E83C4A"}]',
		}),
	),
});
book.passing('customDelete', {
	seed: { notification: [{ webhook_id: 'x' }, { webhook_id: 'y' }] },
	steps: step(call({ method: 'DELETE', path: '/Notification/2' })),
});
const badPaths = [
	['https://evil.example/api/Client', /names a host/],
	['//evil.example/api/Client', /names a host/],
	['/Client/../../auth/token', /leaves \/api with "\." or "\.\." segments/],
	['/Client/%2e%2E/auth/token', /leaves \/api with "\." or "\.\." segments/],
	['/Client/x%2F..%2F..', /encodes a "\/"/],
	[
		'/Client?includeinactive=true',
		/has a query string: put query parameters under Query Parameters/,
	],
	['/Client\\..\\auth', /characters a path cannot carry/],
	['/Client//3', /empty segment/],
	['/api', /names no endpoint/],
	['', /Path is required/],
];
book.passing('customPathRefused', {
	seed: { client: names(2) },
	items: badPaths.map(([path]) => ({ path })),
	steps: failing(call({ path: '={{ $json.path }}' })),
});
book.passing('customHaloErrors', {
	seed: { tickets: [{ summary: 'One' }] },
	items: [
		{ method: 'GET', path: '/Tickets/999' },
		{ method: 'POST', path: '/Category', body: '[{"note": "no value"}]' },
	],
	steps: failing(
		call({ method: '={{ $json.method }}', path: '={{ $json.path }}', body: '={{ $json.body }}' }),
	),
});
book.passing('customBadJson', {
	steps: failing(call({ method: 'POST', path: '/Category', body: '{not json' })),
});
book.passing('customRateLimited', {
	seed: { tickets: [{ summary: 'One' }, { summary: 'Two' }] },
	knobs: { rateLimit: { max: 1, windowMs: 1500 } },
	items: [{ id: 1 }, { id: 2 }],
	steps: step(call({ path: '=/Tickets/{{ $json.id }}' })),
});

let server;
before(async () => {
	await book.run();
	server = await startN8nServer(book.suite);
});
after(async () => {
	await server?.stop();
	await book.close();
});

const api = (name) => book.api(name);
const output = (name) => book.output(name);

/** What the editor asks n8n for: a "From list" page or a dropdown's options. */
function editor(kind, parameterPath, methodName, parameters, extra = {}) {
	const cred = book.cases.get('post').cred;
	return server.rest(
		'POST',
		kind === 'search'
			? '/dynamic-node-parameters/resource-locator-results'
			: '/dynamic-node-parameters/options',
		{
			nodeTypeAndVersion: { name: NODE_TYPE, version: 1.2 },
			path: `parameters.${parameterPath}`,
			methodName,
			currentNodeParameters: call(parameters),
			credentials: { [cred.type]: { id: cred.id, name: cred.name } },
			...extra,
		},
	);
}
const search = (filter, paginationToken) =>
	editor(
		'search',
		'path',
		'apiRequestPathSearch',
		{ path: rl('list', '') },
		{
			filter,
			paginationToken,
		},
	);
const methods = (path) => editor('options', 'method', 'apiRequestMethods', { path });

test('A picked path with {id} sends exactly that request, with the documented query parameter', () => {
	const requests = api('pickedWithId');
	assert.equal(requests.length, 1);
	assert.equal(requests[0].method, 'GET');
	assert.equal(requests[0].path, '/api/Audit/2');
	assert.deepEqual(requests[0].query, { includedetails: 'true' });
	assert.deepEqual(
		output('pickedWithId').map((row) => [row.id, row.value]),
		[[2, 'In Progress']],
	);
	const [guid] = api('pickedGuid');
	assert.equal(guid.path, `/api/WebhookEvent/${GUID(5)}`);
	assert.equal(output('pickedGuid')[0].id, GUID(5));
});

test('The {id} of a picked path is checked like every record id, before any request', () => {
	assert.equal(api('pickedIdRefused').length, 0);
	assert.deepEqual(
		output('pickedIdRefused').map((row) => row.error),
		badIds.map((id) =>
			id === ''
				? 'ID (the path’s {id}) is required'
				: `ID (the path’s {id}) must be a whole number of 1 or more, not "${id}"`,
		),
	);
	assert.equal(api('guidRefused').length, 0);
	assert.match(output('guidRefused')[0].error, /must be a GUID like .*, not "5"/);
});

test('A typed path still works: free text in By Path, and a saved version 1.1 text Path', () => {
	const [typed] = api('typedPath');
	assert.equal(typed.path, '/api/Tickets/2');
	assert.deepEqual(typed.query, { includedetails: 'true' });
	assert.equal(output('typedPath')[0].summary, 'Two');
	assert.equal(api('typedTemplate')[0].path, '/api/Tickets/1');
	const [saved] = api('savedText');
	assert.equal(saved.path, '/api/AssetType');
	assert.deepEqual(
		output('savedText').map((row) => row.name),
		['Laptop', 'Server'],
	);
});

test('Return All over a list path reads every page once and outputs the rows in order', () => {
	const requests = api('returnAll');
	assert.ok(requests.every((request) => request.path === '/api/DistributionListsLog'));
	assert.deepEqual(requests.map((request) => request.query.page_no).sort(), ['1', '2', '3']);
	assert.ok(requests.every((request) => request.query.page_size === '100'));
	assert.deepEqual(
		output('returnAll').map((row) => row.emailsubject),
		logRows.map((row) => row.emailsubject),
	);
});

test('A POST to a picked path sends the body as typed', () => {
	const [request] = api('post');
	assert.equal(request.method, 'POST');
	assert.equal(request.path, '/api/DistributionListsLog');
	assert.deepEqual(request.body, [{ distributionlists_id: 3, emailsubject: 'Hello' }]);
	assert.equal(output('post')[0].emailsubject, 'Hello');
});

test('A POST of more than 100 records goes in batches of 50; a failed batch says what was saved', () => {
	const sent = api('postBatches');
	assert.deepEqual(
		sent.map((request) => request.body.length),
		[50, 50, 20],
	);
	assert.deepEqual(
		sent.flatMap((request) => request.body),
		many(120),
	);
	assert.deepEqual(
		output('postBatches').map((row) => row.emailsubject),
		many(120).map((row) => row.emailsubject),
	);
	const tried = api('postBatchFails');
	assert.deepEqual(
		tried.map((request) => [request.body.length, request.status]),
		[
			[50, 200],
			[50, 400],
		],
	);
	// Halo saves a batch element by element up to the one it refuses (no rollback): records 1–74.
	const stored = book.tenant('postBatchFails').records('distributionlistslog');
	assert.deepEqual(
		stored.map((row) => row.emailsubject),
		many(74).map((row) => row.emailsubject),
	);
	assert.match(
		output('postBatchFails')[0].error,
		/^Records 51–100 of 120 failed: .*Mailbox is full/,
	);
	// A Halo that rolls the batch back keeps only the first: the same error either way.
	assert.equal(book.tenant('postBatchRolledBack').records('distributionlistslog').length, 50);
	assert.equal(api('postBatchRolledBack').length, 2);
	assert.match(output('postBatchRolledBack')[0].error, /^Records 51–100 of 120 failed: /);
});

test('An answer through API Request hides the secrets the resource hides (a webhook’s password)', () => {
	const [one] = output('secretMasked');
	assert.equal(one.basic_username, 'n8n');
	assert.equal(one.basic_password, '********');
	const listed = book.output('secretMasked', undefined, 'Halo list');
	assert.ok(listed.length >= 1);
	assert.ok(
		listed.every((row) => row.basic_password === undefined || row.basic_password === '********'),
	);
	assert.ok(!JSON.stringify(book.items('secretMasked')).includes('hunter2'));
});

test('The docs page’s examples send what the page says', () => {
	const [audit] = api('docsAuditOfTicket');
	assert.equal(audit.path, '/api/Tickets/1');
	assert.deepEqual(audit.query, { include_auditing: 'true' });
	const [read, write] = api('docsTicketTypeField');
	assert.equal(read.path, '/api/TicketType/1');
	assert.equal(write.method, 'POST');
	assert.equal(write.path, '/api/TicketType');
	assert.deepEqual(write.body, [
		{ id: 1, fields: [typeFields[0], { ...typeFields[1], technew: 2 }] },
	]);
});

test('The path search finds paths by entity and by fragment, each with its verbs', async () => {
	const audit = await search('audit');
	assert.deepEqual(
		audit.results.slice(0, 2).map((result) => result.name),
		['/Audit (GET, POST)', '/Audit/{id} (DELETE, GET)'],
	);
	assert.equal(audit.results[1].value, '/Audit/{id}');
	// /TicketType is filed under the entity RequestType, /TicketTypeField under RequestTypeField.
	const byEntity = (await search('RequestType')).results.map((result) => result.value);
	assert.ok(byEntity.includes('/TicketType'), byEntity.join(' '));
	assert.ok(byEntity.includes('/TicketTypeField'), byEntity.join(' '));
	const fragment = (await search('listslog')).results.map((result) => result.value);
	assert.deepEqual(fragment, ['/DistributionListsLog', '/DistributionListsLog/{id}']);
	assert.deepEqual((await search('/Audits')).results, []);
});

test('Every path of Halo’s document is reachable from the list, once', async () => {
	const seen = [];
	let token;
	do {
		const page = await search('', token);
		seen.push(...page.results.map((result) => result.value));
		token = page.paginationToken;
	} while (token && seen.length < 5000);
	const documented = Object.keys(DOCUMENT.paths);
	assert.equal(seen.length, documented.length);
	assert.deepEqual([...seen].sort(), [...documented].sort());
	// And each is found by searching its own text.
	for (const path of ['/TicketApproval/{id}&{seq}', '/Notify/AdobeAcrobat/{tenant}/{secret}'])
		assert.ok(
			(await search(path)).results.some((result) => result.value === path),
			path,
		);
});

test('Method offers the verbs of the picked path; a typed path keeps all five', async () => {
	const names = (options) => options.map((option) => option.value);
	assert.deepEqual(names(await methods(rl('list', '/Audit/{id}'))), ['DELETE', 'GET']);
	assert.deepEqual(names(await methods(rl('list', '/TicketTypeField'))), ['GET']);
	assert.deepEqual(names(await methods(rl('list', '/Audit'))), ['GET', 'POST']);
	const all = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];
	assert.deepEqual(names(await methods(rl('path', '/Audit/{id}'))), all);
	assert.deepEqual(names(await methods('/Audit')), all, 'a version 1.1 text path');
});

test('Query parameters are offered by name with their type, for the path and method', async () => {
	const options = await editor('options', 'query.documented[0].name', 'apiRequestQueryParameters', {
		path: rl('list', '/TicketType'),
		method: 'GET',
	});
	const documented = DOCUMENT.paths['/TicketType'].GET.split(' ');
	assert.deepEqual(options.map((option) => option.value).sort(), [...documented].sort());
	const byValue = Object.fromEntries(options.map((option) => [option.value, option.name]));
	assert.equal(byValue.client_id, 'client_id (integer)');
	assert.equal(byValue.anonanduser, 'anonanduser (boolean)');
	assert.equal(byValue.domain, 'domain (text)');
	// A typed concrete path finds its template: /Audit/9 → /Audit/{id}.
	const typed = await editor('options', 'query.documented[0].name', 'apiRequestQueryParameters', {
		path: rl('path', '/Audit/9'),
		method: 'GET',
	});
	assert.deepEqual(
		typed.map((option) => option.name),
		['includedetails (boolean)'],
	);
});

test('A POST offers a skeleton of the entity’s fields, as an array, naming the entity', async () => {
	const [option, ...others] = await editor('options', 'bodySkeleton', 'apiRequestBodySkeleton', {
		path: rl('list', '/Audit'),
		method: 'POST',
	});
	assert.equal(others.length, 0);
	assert.equal(option.value, 'Audit');
	assert.match(option.name, /^POST \/Audit takes an array of Audit \(its 15 fields;/);
	const skeleton = JSON.parse(option.description);
	assert.ok(Array.isArray(skeleton) && skeleton.length === 1);
	const documentedFields = Object.entries(DOCUMENT.schemas.Audit)
		.filter(([type]) => ['integer', 'string', 'date-time', 'boolean', 'number'].includes(type))
		.flatMap(([, fields]) => fields.split(' '))
		.filter((field) => field !== 'id' && !field.startsWith('_'));
	assert.deepEqual(Object.keys(skeleton[0]).sort(), documentedFields.sort());
	assert.equal(skeleton[0].ticket_id, 0);
	assert.equal(skeleton[0].username, '');
	// A path whose POST takes no entity offers none.
	assert.deepEqual(
		await editor('options', 'bodySkeleton', 'apiRequestBodySkeleton', {
			path: rl('list', '/TicketTypeField'),
			method: 'POST',
		}),
		[],
	);
});

// --- Custom API Call ------------------------------------------------------------------------
test('Custom API Call GET sends the query parameters and outputs an array answer as items', () => {
	const [request] = api('customGet');
	assert.equal(request.method, 'GET');
	assert.equal(request.path, '/api/AssetType');
	assert.deepEqual(request.query, { search: 'lap' });
	assert.deepEqual(
		output('customGet').map((row) => row.name),
		['Laptop', 'Lapdesk'],
	);
	assert.equal(
		api('customGetOne')[0].path,
		'/api/Tickets/2',
		'a path given as api/… is the same call',
	);
	assert.deepEqual(
		output('customGetOne').map((row) => row.summary),
		['Two'],
	);
});

test('Custom API Call Return All pages a list endpoint and outputs its rows', () => {
	const requests = api('customReturnAll');
	assert.equal(requests.length, 3);
	for (const request of requests) {
		assert.equal(request.path, '/api/Client');
		assert.equal(request.query.includeinactive, 'true');
		assert.equal(request.query.page_size, '100');
	}
	assert.deepEqual(requests.map((request) => request.query.page_no).sort(), ['1', '2', '3']);
	assert.equal(output('customReturnAll').length, 251);
});

test('Custom API Call POST and DELETE send the method, path and JSON body as given', () => {
	const [post] = api('customPost');
	assert.equal(post.method, 'POST');
	assert.deepEqual(post.body, [{ name: 'Firewall', colour: '#E83C4A' }]);
	assert.equal(output('customPost')[0].name, 'Firewall');
	assert.equal(book.tenant('customPost').records('assettype').length, 1);
	const [remove] = api('customDelete');
	assert.equal(remove.method, 'DELETE');
	assert.equal(remove.path, '/api/Notification/2');
	assert.equal(book.tenant('customDelete').record('notification', 2), undefined);
});

test('Custom API Call refuses a path that leaves /api or names another host, before any request', () => {
	assert.equal(api('customPathRefused').length, 0);
	const errors = output('customPathRefused').map((row) => row.error);
	assert.equal(errors.length, badPaths.length);
	badPaths.forEach(([path, reason], index) =>
		assert.match(errors[index], reason, `${JSON.stringify(path)}: ${errors[index]}`),
	);
});

test('Custom API Call speaks Halo’s errors like every operation, and shares the rate limiting and token', () => {
	const [notFound, badRequest] = output('customHaloErrors');
	assert.equal(notFound.httpCode, '404');
	assert.equal(notFound.error, 'HaloPSA found no such record (404)');
	assert.equal(badRequest.httpCode, '400');
	assert.equal(
		badRequest.error,
		'HaloPSA rejected the request: [0].value: The value field is required.',
	);
	assert.equal(api('customBadJson').length, 0);
	assert.equal(output('customBadJson')[0].error, 'Body (JSON) is not valid JSON');
	const tenant = book.tenant('customRateLimited');
	assert.deepEqual(
		tenant.apiRequests().map((request) => [request.path, request.status]),
		[
			['/api/Tickets/1', 200],
			['/api/Tickets/2', 429],
			['/api/Tickets/2', 200],
		],
	);
	assert.equal(tenant.tokenRequests().length, 1);
	assert.deepEqual(
		output('customRateLimited').map((row) => row.summary),
		['One', 'Two'],
	);
});
