// Reliability (issue 7): the sandbox injects each fault Halo or the network can produce, and the
// node, inside real n8n, neither loses an item nor writes anything twice, with Continue On Fail
// on and off. Reads, deletes and updates are retried; a create is never sent again once Halo
// may have processed it, and the item says so, naming the record. No secret ever shows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from './harness/cases.mjs';

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
