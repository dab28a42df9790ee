// Reliability (issue 7): the sandbox injects each fault Halo or the network can produce, and the
// node, inside real n8n, neither loses an item nor writes anything twice, with Continue On Fail
// on and off. Reads, deletes and updates are retried; a create is never sent again once Halo
// may have processed it, and the item says so, naming the record. No secret ever shows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from '../../harness/cases.mjs';

const book = await CaseBook.start('faults');
const SECRET_WORDS = ['faults-secret', 'hook-pass-7731'];
const fast = { timeoutSeconds: 2 };
const clientStep = (operation, extra = {}, continueOnFail = true) => ({
	parameters: { resource: 'client', operation, ...extra },
	continueOnFail,
});
const getEach = (continueOnFail = true) =>
	clientStep('get', { clientId: byId('={{ $json.id }}') }, continueOnFail);
const threeIds = [{ id: 1 }, { id: 2 }, { id: 3 }];
const createEach = (continueOnFail = true) =>
	clientStep('create', { name: '={{ $json.name }}' }, continueOnFail);
const onItem2 = (fault) => ({ method: 'GET', route: '/api/client/2', times: 1, ...fault });
const onCreate = (fault) => ({ method: 'POST', route: '/api/client', times: 1, ...fault });

// Reads are retried through every fault and every item comes out.
const READ_FAULTS = {
	read500: { status: 500, body: { ClassName: 'System.Exception', Message: 'Deadlock' } },
	read502: { status: 502, body: 'Bad Gateway' },
	read503: { status: 503, body: 'Service Unavailable' },
	read504: { status: 504, body: 'Gateway Timeout' },
	readResetBefore: { fault: 'resetBefore' },
	readResetAfter: { fault: 'resetAfter' },
	readHang: { fault: 'hang' },
	readTruncated: { fault: 'truncated' },
	readHtml: { fault: 'html', status: 502 },
};
for (const [name, fault] of Object.entries(READ_FAULTS)) {
	book.passing(name, {
		seed: { client: names(3) },
		knobs: { failures: [onItem2(fault)] },
		credentialFields: fast,
		steps: getEach(),
		items: threeIds,
	});
	book.passing(`${name}Strict`, {
		seed: { client: names(3) },
		knobs: { failures: [onItem2(fault)] },
		credentialFields: fast,
		steps: getEach(false),
		items: threeIds,
	});
}
book.passing('readStorm429', {
	seed: { client: names(8) },
	knobs: { rateLimit: { max: 2, windowMs: 1000, retryAfterSeconds: 1 } },
	steps: getEach(false),
	items: Array.from({ length: 8 }, (_, index) => ({ id: index + 1 })),
});
book.passing('readPersistent500', {
	seed: { client: names(3) },
	knobs: {
		failures: [
			{
				method: 'GET',
				route: '/api/client/2',
				status: 500,
				body: { ClassName: 'System.Exception', Message: 'Deadlock' },
			},
		],
	},
	steps: getEach(),
	items: threeIds,
});
book.failing('readPersistent500Stops', {
	seed: { client: names(3) },
	knobs: {
		failures: [{ method: 'GET', route: '/api/client/2', status: 503, body: 'Service Unavailable' }],
	},
	steps: getEach(false),
	items: threeIds,
});

// Updates and deletes are safe to repeat.
book.passing('updateResetAfter', {
	seed: { client: names(3) },
	knobs: { failures: [onCreate({ fault: 'resetAfter' })] },
	steps: clientStep(
		'update',
		{ clientId: byId('={{ $json.id }}'), updateFields: { notes: 'checked' } },
		false,
	),
	items: threeIds,
});
book.passing('deleteResetAfter', {
	seed: { client: names(3) },
	knobs: {
		failures: [{ method: 'DELETE', route: '/api/client/2', times: 1, fault: 'resetAfter' }],
	},
	steps: clientStep('delete', { clientId: byId('={{ $json.id }}') }, false),
	items: threeIds,
});

// Creates: sent again only when Halo provably never had them.
const CREATE_UNKNOWN = {
	create500: { status: 500, body: { ClassName: 'System.Exception', Message: 'Timeout expired' } },
	create504: { status: 504, body: 'Gateway Timeout' },
	createResetBefore: { fault: 'resetBefore' },
	createResetAfter: { fault: 'resetAfter' },
	createHang: { fault: 'hang' },
	createTruncated: { fault: 'truncated' },
};
for (const [name, fault] of Object.entries(CREATE_UNKNOWN)) {
	book.passing(name, {
		knobs: { failures: [onCreate(fault)] },
		credentialFields: fast,
		steps: createEach(),
		items: names(3),
	});
	book.passing(`${name}Strict`, {
		knobs: { failures: [onCreate(fault)] },
		credentialFields: fast,
		steps: createEach(false),
		items: names(3),
	});
}
book.failing('createResetAfterStops', {
	knobs: { failures: [onCreate({ fault: 'resetAfter' })] },
	steps: createEach(false),
	items: names(3),
});
book.passing('create429', {
	knobs: { failures: [onCreate({ status: 429, body: 'Rate Limit Reached' })] },
	steps: createEach(false),
	items: names(3),
});
book.passing('createTokenExpired', {
	knobs: { expireTokensAfterRequests: 0 },
	steps: createEach(false),
	items: names(3),
});
book.passing('authServerDown', {
	knobs: { tokenFailure: { status: 503, times: 2 } },
	steps: createEach(false),
	items: names(3),
});

// Secrets: a webhook's password and the credential's secret never show, whatever fails.
book.passing('webhookPassword', {
	steps: {
		parameters: {
			resource: 'webhook',
			operation: 'create',
			name: 'Alerts',
			additionalFields: {
				authentication_type: 1,
				basic_username: 'n8n',
				basic_password: 'hook-pass-7731',
			},
		},
	},
});
book.failing('secretsOnFailure', {
	knobs: {
		failures: [
			{
				method: 'POST',
				route: '/api/webhook',
				status: 400,
				body: { ClassName: 'System.Exception', Message: 'URL is required' },
			},
		],
	},
	steps: {
		parameters: {
			resource: 'webhook',
			operation: 'create',
			name: 'Alerts',
			additionalFields: { basic_password: 'hook-pass-7731' },
		},
	},
});

// One-shot requests (issue 26.1): Halo saves, then the answer is lost (a gateway's 504 after the
// work, or the connection dropped). What Halo did once is never asked for again, and the item says
// what Halo may have done and what to check. A 429 (never processed) is still waited out.
const after504 = (route) => ({
	method: 'POST',
	route,
	times: 1,
	fault: 'errorAfter',
	status: 504,
	body: 'Gateway Timeout',
});
const afterReset = (route) => ({ method: 'POST', route, times: 1, fault: 'resetAfter' });
const quotes = { client: names(1), quotation: [{ client_id: 1, title: 'Laptops' }] };
const convert = (continueOnFail = true) => ({
	parameters: { resource: 'quotation', operation: 'convertToSalesOrder', quotationId: byId(1) },
	continueOnFail,
});
const welcomeUsers = {
	client: names(1),
	users: ['Jo', 'Sam', 'Kim'].map((name) => ({ name, site_id: 1, client_id: 1 })),
};
const welcome = (continueOnFail = true) => ({
	parameters: {
		resource: 'user',
		operation: 'update',
		userId: byId('={{ $json.id }}'),
		updateFields: { sendwelcomeemail: true },
	},
	continueOnFail,
});
const emailedActions = {
	tickets: [{ summary: 'Printer', status_id: 1 }],
	actions: [1, 2].map((index) => ({
		ticket_id: 1,
		outcome: 'Note',
		note: `Note ${index}`,
		who_type: 1,
	})),
};
const emailAction = (continueOnFail = true) => ({
	parameters: {
		resource: 'action',
		operation: 'update',
		actionId: byId('={{ $json.id }}'),
		ticket_id: 1,
		updateFields: { sendemail: true },
	},
	continueOnFail,
});
const apiPost = (path, body, continueOnFail = true) => ({
	parameters: { resource: 'customApiCall', operation: 'request', method: 'POST', path, body },
	continueOnFail,
});
book.passing('convert504', {
	seed: quotes,
	knobs: { failures: [after504('/api/quotation')] },
	steps: convert(),
});
book.failing('convert504Stops', {
	seed: quotes,
	knobs: { failures: [after504('/api/quotation')] },
	steps: convert(false),
});
book.passing('convertReset', {
	seed: quotes,
	knobs: { failures: [afterReset('/api/quotation')] },
	steps: convert(),
});
book.passing('convert429', {
	seed: quotes,
	knobs: {
		failures: [
			{
				method: 'POST',
				route: '/api/quotation',
				times: 1,
				status: 429,
				body: 'Rate Limit Reached',
			},
		],
	},
	steps: convert(false),
});
book.passing('welcome504', {
	seed: welcomeUsers,
	knobs: { failures: [after504('/api/users')] },
	steps: welcome(),
	items: [{ id: 1 }, { id: 2 }, { id: 3 }],
});
book.failing('welcomeResetStops', {
	seed: welcomeUsers,
	knobs: { failures: [afterReset('/api/users')] },
	steps: welcome(false),
	items: [{ id: 1 }, { id: 2 }, { id: 3 }],
});
book.passing('actionEmail504', {
	seed: emailedActions,
	knobs: { failures: [after504('/api/actions')] },
	steps: emailAction(),
	items: [{ id: 1 }, { id: 2 }],
});
book.failing('actionEmail504Stops', {
	seed: emailedActions,
	knobs: { failures: [after504('/api/actions')] },
	steps: emailAction(false),
	items: [{ id: 1 }, { id: 2 }],
});
book.passing('apiConvert504', {
	seed: quotes,
	knobs: { failures: [after504('/api/quotation')] },
	steps: apiPost('/Quotation', '[{"id": 1, "_create_so": true}]'),
});
book.failing('apiWelcomeResetStops', {
	seed: welcomeUsers,
	knobs: { failures: [afterReset('/api/users')] },
	steps: apiPost('/Users', '[{"id": 2, "sendwelcomeemail": true}]', false),
});
// A `_` flag docs/one-shot.md does not know counts as one-shot; a reviewed one does not.
book.passing('apiUnknownFlag504', {
	seed: { client: names(1) },
	knobs: { failures: [after504('/api/client')] },
	steps: apiPost('/Client', '[{"id": 1, "_newhaloflag": true}]'),
});
book.passing('apiRepeatableFlag504', {
	seed: { client: names(1) },
	knobs: { failures: [after504('/api/client')] },
	steps: apiPost('/Client', '[{"id": 1, "name": "Renamed", "_dont_fire_automations": true}]'),
});

/** Where in a JSON value a text occurs, for a failure message that says where to look. */
function pathsTo(value, needle, path = '$') {
	if (typeof value === 'string') return value.includes(needle) ? [path] : [];
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, child]) => pathsTo(child, needle, `${path}.${key}`));
}

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const statuses = (name) => api(name).map((request) => request.status);

for (const name of Object.keys(READ_FAULTS)) {
	test(`Read through a fault (${name}): retried, every item out, in order`, () => {
		const items = book.items(name);
		assert.deepEqual(
			items.map((item) => [item.pairedItem.item, item.json.id]),
			[
				[0, 1],
				[1, 2],
				[2, 3],
			],
		);
		const toItem2 = api(name).filter((request) => request.path === '/api/Client/2');
		assert.equal(toItem2.length, 2, `${name}: item 2 asked twice`);
		assert.equal(toItem2[1].status, 200);
	});
}

for (const name of Object.keys(READ_FAULTS)) {
	test(`Read through a fault without Continue On Fail (${name}): the run succeeds, every item out`, () => {
		assert.deepEqual(
			book.output(`${name}Strict`).map((row) => row.id),
			[1, 2, 3],
		);
	});
}

test('A 429 storm slows the run down; nothing fails', () => {
	assert.ok(statuses('readStorm429').includes(429));
	assert.deepEqual(
		book.output('readStorm429').map((row) => row.id),
		[1, 2, 3, 4, 5, 6, 7, 8],
	);
});

test('A read that keeps failing gives up after 5 tries and names operation, item, status and what to do', () => {
	assert.equal(
		api('readPersistent500').filter((request) => request.path === '/api/Client/2').length,
		5,
	);
	const items = book.items('readPersistent500');
	assert.deepEqual(
		items.map((item) => item.pairedItem.item),
		[0, 1, 2],
	);
	assert.equal(items[1].json.error, 'HaloPSA had a server error (500): try again later');
	assert.equal(items[1].json.httpCode, '500');
	assert.match(
		items[1].json.description,
		/^Client › Get, item 2\. HaloPSA said: Deadlock\. Request: GET \/api\/Client\/2$/,
	);
	assert.deepEqual([items[0].json.id, items[2].json.id], [1, 3]);
});

test('Without Continue On Fail a read that keeps failing stops the run at that item', () => {
	const error = book.failure('readPersistent500Stops').data.resultData.error;
	assert.equal(error.message, 'HaloPSA had a server error (503): try again later');
	assert.equal(
		api('readPersistent500Stops').filter((request) => request.path === '/api/Client/3').length,
		0,
	);
});

test('An update whose answer was lost is sent again (safe: it names its record)', () => {
	const posts = api('updateResetAfter').filter((request) => request.method === 'POST');
	assert.equal(posts.length, 2);
	assert.deepEqual(posts[0].body, posts[1].body);
	assert.equal(book.output('updateResetAfter').length, 3);
	assert.equal(book.tenant('updateResetAfter').records('client').length, 3);
});

test('A delete whose answer was lost is sent again; "not found" then means it worked', () => {
	assert.deepEqual(
		api('deleteResetAfter')
			.filter((request) => request.path === '/api/Client/2')
			.map((request) => request.status),
		[200, 404],
	);
	assert.deepEqual(
		book.output('deleteResetAfter'),
		[1, 2, 3].map((id) => ({ id, deleted: true })),
	);
	assert.equal(book.tenant('deleteResetAfter').records('client').length, 0);
});

for (const name of Object.keys(CREATE_UNKNOWN)) {
	test(`Create with an unknown outcome (${name}): never sent again, each item says so and names its record`, () => {
		const posts = api(name).filter((request) => request.method === 'POST');
		assert.equal(posts.length, 1, `${name}: one POST`);
		const items = book.items(name);
		assert.deepEqual(
			items.map((item) => item.pairedItem.item),
			[0, 1, 2],
		);
		items.forEach((item, index) =>
			assert.match(
				item.json.error,
				new RegExp(
					`^HaloPSA may have created client "Client 00${index + 1}", but .*not sent again`,
				),
			),
		);
		assert.match(items[0].json.description, /^Client › Create, item 1\./);
		const saved = book
			.tenant(name)
			.records('client')
			.map((record) => record.name);
		assert.equal(new Set(saved).size, saved.length, 'no duplicates');
	});
}

for (const name of Object.keys(CREATE_UNKNOWN)) {
	test(`Create with an unknown outcome, without Continue On Fail (${name}): the run stops at item 1, nothing sent twice`, () => {
		assert.match(book.batchError(`${name}Strict`) ?? '', /^Client › Create, item 1\./);
		assert.equal(api(`${name}Strict`).filter((request) => request.method === 'POST').length, 1);
		const saved = book
			.tenant(`${name}Strict`)
			.records('client')
			.map((record) => record.name);
		assert.equal(new Set(saved).size, saved.length, 'no duplicates');
	});
}

test('Create whose answer was lost, without Continue On Fail: the run stops, nothing is created twice', () => {
	const error = book.failure('createResetAfterStops').data.resultData.error;
	assert.match(
		error.message,
		/^HaloPSA may have created client "Client 001", but no answer came \(connection closed\)/,
	);
	assert.deepEqual(
		book
			.tenant('createResetAfterStops')
			.records('client')
			.map((record) => record.name),
		['Client 001', 'Client 002', 'Client 003'],
	);
});

test('Creates are sent again after a 429, an expired token or an auth server outage (Halo never had them)', () => {
	assert.deepEqual(statuses('create429'), [429, 200]);
	for (const name of ['create429', 'createTokenExpired', 'authServerDown']) {
		assert.deepEqual(
			book.output(name).map((row) => row.name),
			['Client 001', 'Client 002', 'Client 003'],
			name,
		);
		assert.equal(book.tenant(name).records('client').length, 3, name);
	}
	assert.deepEqual(statuses('createTokenExpired'), [401, 200]);
	assert.deepEqual(
		book
			.tenant('authServerDown')
			.tokenRequests()
			.map((request) => request.status),
		[503, 503, 200],
	);
});

test('A webhook password sent to Halo never comes back out of the node', () => {
	assert.equal(api('webhookPassword')[0].body[0].basic_password, 'hook-pass-7731');
	const [webhook] = book.output('webhookPassword');
	assert.equal(webhook.basic_password, '********');
});

test('No secret, token or Authorization header in errors, items, execution data or n8n logs', () => {
	const tokens = [...book.sandbox.tenants.values()].flatMap((tenant) => [...tenant.tokens.keys()]);
	assert.ok(tokens.length > 10);
	const secrets = [...SECRET_WORDS, ...tokens];
	// The workflow itself keeps what the user typed into the node (n8n stores parameters as they
	// are); everything the node produced, and every log line, is searched.
	const failedData = book.failure('secretsOnFailure').data;
	assert.deepEqual(pathsTo(failedData.resultData, 'hook-pass-7731'), []);
	assert.equal(
		pathsTo(failedData.resultData, '********').length > 0,
		true,
		'the error keeps the node, its password masked',
	);
	const produced = (execution) => JSON.stringify(execution.data.resultData);
	const places = {
		'failed execution': produced(book.failure('secretsOnFailure')),
		'failed run log': book.failureLog('secretsOnFailure'),
		'batch executions': JSON.stringify([...book.batch.results.values()].map(produced)),
		'batch log': `${book.batch.run.stdout}\n${book.batch.run.stderr}`,
	};
	for (const [place, text] of Object.entries(places)) {
		for (const secret of secrets)
			assert.ok(!text.includes(secret), `${place} shows ${secret.slice(0, 6)}…`);
		assert.doesNotMatch(text, /Bearer [0-9a-f]{8}/, place);
	}
	assert.match(book.failure('secretsOnFailure').data.resultData.error.message, /URL is required/);
});

// --- One-shot requests ----------------------------------------------------------------------
const posts = (name, path) =>
	api(name).filter((request) => request.method === 'POST' && request.path === path);

test('Convert to Sales Order after a 504 once Halo converted: sent once, one sales order, the item says what to check', () => {
	assert.equal(posts('convert504', '/api/Quotation').length, 1);
	assert.equal(book.tenant('convert504').records('salesorder').length, 1);
	const [item] = book.items('convert504');
	assert.equal(item.pairedItem.item, 0);
	assert.match(
		item.json.error,
		/^HaloPSA may have converted quotation 1 to a sales order, but it answered 504\. It was not sent again, so that this is not done twice: check the sales orders of quotation 1/,
	);
});

test('Convert to Sales Order after a 504, without Continue On Fail: the run stops with the same words, one sales order', () => {
	assert.equal(posts('convert504Stops', '/api/Quotation').length, 1);
	assert.equal(book.tenant('convert504Stops').records('salesorder').length, 1);
	assert.match(
		book.failure('convert504Stops').data.resultData.error.message,
		/^HaloPSA may have converted quotation 1 to a sales order, but it answered 504.*check the sales orders of quotation 1/,
	);
});

test('Convert to Sales Order whose connection dropped after the work: sent once, one sales order', () => {
	assert.equal(posts('convertReset', '/api/Quotation').length, 1);
	assert.equal(book.tenant('convertReset').records('salesorder').length, 1);
	assert.match(
		book.output('convertReset')[0].error,
		/^HaloPSA may have converted quotation 1 to a sales order, but no answer came \(connection closed\)/,
	);
});

test('Convert to Sales Order after a 429 (Halo did nothing): waited out and sent again, one sales order', () => {
	const sent = posts('convert429', '/api/Quotation');
	assert.equal(sent.length, 2);
	assert.equal(sent[0].status, 429);
	assert.ok(sent[1].status < 300, `then ${sent[1].status}`);
	const orders = book.tenant('convert429').records('salesorder');
	assert.equal(orders.length, 1);
	assert.equal(book.output('convert429')[0].salesorder_id, orders[0].id);
});

test('User update with Send Welcome Email after a 504: each user posted once, alone; item 1 says what to check, the others saved', () => {
	const sent = posts('welcome504', '/api/Users');
	assert.deepEqual(
		sent.map((request) => request.body.map((element) => element.id)),
		[[1], [2], [3]],
	);
	const items = book.items('welcome504');
	assert.deepEqual(
		items.map((item) => item.pairedItem.item),
		[0, 1, 2],
	);
	assert.match(
		items[0].json.error,
		/^HaloPSA may have sent the welcome email to end user 1 \(sendwelcomeemail\), but it answered 504\..*check with end user 1 whether the welcome email arrived/,
	);
	assert.deepEqual(
		items.slice(1).map((item) => [item.json.id, item.json.error]),
		[
			[2, undefined],
			[3, undefined],
		],
	);
});

test('User update with Send Welcome Email, connection dropped, without Continue On Fail: one POST, the run stops saying what to check', () => {
	assert.equal(posts('welcomeResetStops', '/api/Users').length, 1);
	assert.match(
		book.failure('welcomeResetStops').data.resultData.error.message,
		/^HaloPSA may have sent the welcome email to end user 1 \(sendwelcomeemail\), but no answer came/,
	);
});

test('Action update with Email the User after a 504: each action posted once; item 1 says to check the emails on its ticket', () => {
	const sent = posts('actionEmail504', '/api/Actions');
	assert.deepEqual(
		sent.map((request) => request.body.map((element) => element.id)),
		[[1], [2]],
	);
	const items = book.items('actionEmail504');
	assert.match(
		items[0].json.error,
		/^HaloPSA may have emailed ticket action 1 to the end user \(sendemail\), but it answered 504\..*check the emails on the ticket of ticket action 1/,
	);
	assert.equal(items[1].json.id, 2);
	assert.equal(items[1].json.error, undefined);
});

test('Action update with Email the User after a 504, without Continue On Fail: one POST, the run stops', () => {
	assert.equal(posts('actionEmail504Stops', '/api/Actions').length, 1);
	assert.match(
		book.failure('actionEmail504Stops').data.resultData.error.message,
		/^HaloPSA may have emailed ticket action 1 to the end user \(sendemail\), but it answered 504/,
	);
});

test('API Request POST of an id with _create_so after a 504: sent once, one sales order, judged as Quotation judges it', () => {
	assert.equal(posts('apiConvert504', '/api/Quotation').length, 1);
	assert.equal(book.tenant('apiConvert504').records('salesorder').length, 1);
	assert.match(
		book.output('apiConvert504')[0].error,
		/^HaloPSA may have converted quotation 1 to a sales order \(_create_so\), but it answered 504\..*check quotation 1 in HaloPSA/,
	);
});

test('API Request POST of an id with sendwelcomeemail, connection dropped, without Continue On Fail: one POST, the run stops', () => {
	assert.equal(posts('apiWelcomeResetStops', '/api/Users').length, 1);
	assert.match(
		book.failure('apiWelcomeResetStops').data.resultData.error.message,
		/^HaloPSA may have sent the welcome email to end user 2 \(sendwelcomeemail\), but no answer came/,
	);
});

test('API Request: a _ flag the reviewed list does not know counts as one-shot; a reviewed repeatable one is retried', () => {
	assert.equal(posts('apiUnknownFlag504', '/api/Client').length, 1);
	assert.match(
		book.output('apiUnknownFlag504')[0].error,
		/^HaloPSA may have acted on _newhaloflag for client 1 .*but it answered 504/,
	);
	const again = posts('apiRepeatableFlag504', '/api/Client');
	assert.equal(again.length, 2);
	assert.equal(again[0].status, 504);
	assert.ok(again[1].status < 300, `then ${again[1].status}`);
	assert.equal(book.output('apiRepeatableFlag504')[0].name, 'Renamed');
});
