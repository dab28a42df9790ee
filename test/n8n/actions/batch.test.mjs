// Batched writes and the rate limiter (issue 6), inside real n8n: many items in one POST array,
// each result paired back to its item, bad items found without saving anything twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from '../../harness/cases.mjs';

const book = await CaseBook.start('batch');
const clientStep = (operation, extra = {}, stepOptions = {}) => ({
	parameters: { resource: 'client', operation, ...extra },
	...stepOptions,
});
const createByName = (options) =>
	clientStep('create', { name: '={{ $json.name }}', ...(options ? { options } : {}) });
const renameById = clientStep('update', {
	clientId: byId('={{ $json.id }}'),
	updateFields: { name: '={{ $json.name }}' },
});
const renames = (ids) => ids.map((id) => ({ id, name: `Renamed ${id}` }));

book.passing('create120', { steps: createByName(), items: names(120) });
book.passing('update60', {
	seed: { client: names(60) },
	steps: renameById,
	items: renames(Array.from({ length: 60 }, (_, index) => 60 - index)),
});
book.passing('batchSize1', { steps: createByName({ batchSize: 1 }), items: names(3) });
book.passing('badInMiddle', {
	seed: { client: names(5) },
	steps: { ...renameById, continueOnFail: true },
	items: renames([1, 2, 999, 4, 5]),
});
book.failing('badInMiddleStops', {
	seed: { client: names(5) },
	steps: renameById,
	items: renames([1, 2, 999, 4, 5]),
});
book.passing('bisect', {
	knobs: {
		rejectWhere: { field: 'name', includes: 'BAD', message: 'Client names may not contain BAD' },
	},
	steps: { ...createByName({ batchSize: 8 }), continueOnFail: true },
	items: [
		...names(8, 'Head'),
		...names(5),
		{ name: 'BAD client' },
		...names(2, 'Tail'),
		...names(3, 'After'),
	],
});
book.passing('unpaired', {
	knobs: { batchAnswer: 'first' },
	steps: createByName(),
	items: names(120),
});
book.passing('limiter', {
	seed: { client: names(7) },
	credentialFields: { rateLimitRequests: 3, rateLimitWindowSeconds: 2 },
	knobs: { rateLimit: { max: 3, windowMs: 2000 } },
	steps: clientStep('get', { clientId: byId('={{ $json.id }}') }),
	items: Array.from({ length: 7 }, (_, index) => ({ id: index + 1 })),
});

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);

test('Create of 120 items: 3 POST arrays of 50, 50 and 20, each result paired with its item', () => {
	const requests = api('create120');
	assert.deepEqual(
		requests.map((request) => request.body.length),
		[50, 50, 20],
	);
	assert.deepEqual(requests[0].body.slice(0, 2), [{ name: 'Client 001' }, { name: 'Client 002' }]);
	const items = book.items('create120');
	assert.equal(items.length, 120);
	items.forEach((item, index) => {
		assert.deepEqual(item.pairedItem, { item: index });
		assert.equal(item.json.name, `Client ${String(index + 1).padStart(3, '0')}`);
	});
	assert.equal(book.tenant('create120').records('client').length, 120);
});

test('Update of 60 items: 2 POST arrays, each saved record paired with its item by id', () => {
	const requests = api('update60');
	assert.deepEqual(
		requests.map((request) => request.body.length),
		[50, 10],
	);
	assert.deepEqual(requests[0].body[0], { id: 60, name: 'Renamed 60' });
	const items = book.items('update60');
	items.forEach((item, index) => {
		assert.equal(item.pairedItem.item, index);
		assert.equal(item.json.id, 60 - index);
		assert.equal(item.json.name, `Renamed ${60 - index}`);
	});
});

test('Batch Size 1 sends one request per item', () => {
	assert.deepEqual(
		api('batchSize1').map((request) => request.body.length),
		[1, 1, 1],
	);
	assert.equal(book.items('batchSize1').length, 3);
});

test('A batch Halo rejects for one bad item: only that item fails, with Halo’s words; the rest are saved once', () => {
	const requests = api('badInMiddle');
	assert.deepEqual(
		requests.map((request) => [request.status, request.body.map((element) => element.id)]),
		[
			[400, [1, 2, 999, 4, 5]],
			[200, [1, 2, 4, 5]],
		],
	);
	const items = book.items('badInMiddle');
	assert.deepEqual(
		items.map((item) => item.pairedItem.item),
		[0, 1, 2, 3, 4],
	);
	assert.equal(items[2].json.error, 'HaloPSA rejected the request: id: No record with id 999');
	assert.equal(items[2].json.httpCode, '400');
	assert.deepEqual([items[0].json.name, items[4].json.name], ['Renamed 1', 'Renamed 5']);
});

test('Without Continue On Fail the run stops at the bad item; items after it are not written', () => {
	const error = book.failure('badInMiddleStops').data.resultData.error;
	assert.equal(error.message, 'HaloPSA rejected the request: id: No record with id 999');
	const tenant = book.tenant('badInMiddleStops');
	assert.deepEqual(
		api('badInMiddleStops').map((request) => request.body.map((element) => element.id)),
		[
			[1, 2, 999, 4, 5],
			[1, 2],
		],
	);
	assert.deepEqual(
		tenant.records('client').map((record) => record.name),
		['Renamed 1', 'Renamed 2', 'Client 003', 'Client 004', 'Client 005'],
	);
});

test('A rejection that names no item: no create is sent again; those found in HaloPSA between the run’s own records are saved, the rest say they may be', () => {
	// Halo saves element by element and keeps what it saved (halo-behaviour.md#batch-no-rollback):
	// the five before the refused one are in Halo. The first batch's ids fence off older records and
	// the third batch's newer ones, so one list request finds them; the refused one and those after
	// it cannot be told apart and say so.
	const requests = api('bisect');
	assert.deepEqual(
		requests.map((request) => [request.method, request.status]),
		[
			['POST', 200],
			['POST', 400],
			['POST', 200],
			['GET', 200],
		],
	);
	assert.deepEqual(requests[3].query.order, 'id');
	const items = book.items('bisect');
	assert.equal(items.length, 19);
	assert.deepEqual(
		items.filter((item) => !item.json.error).map((item) => item.pairedItem.item),
		[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 18],
	);
	assert.equal(items[12].json.name, 'Client 005');
	for (const index of [13, 14, 15]) {
		assert.equal(items[index].json.outcome, 'uncertain');
		assert.match(
			items[index].json.error,
			/^HaloPSA refused a batch of 8 clients without saying which one \(Client names may not contain BAD\)\. It may have created client ".*" before that, or refused it\. It was not sent again/,
		);
	}
	const saved = book
		.tenant('bisect')
		.records('client')
		.map((record) => record.name);
	assert.equal(saved.length, 16);
	assert.equal(new Set(saved).size, 16);
});

test('A batch answer that cannot be paired: said plainly, nothing sent again, the rest one per request', () => {
	const requests = api('unpaired');
	assert.equal(requests[0].body.length, 50);
	assert.equal(requests.length, 1 + 70);
	assert.ok(requests.slice(1).every((request) => request.body.length === 1));
	const items = book.items('unpaired');
	const unconfirmed = items.filter((item) => item.json.outcome === 'unconfirmed');
	assert.equal(unconfirmed.length, 50);
	assert.match(
		unconfirmed[0].json.message,
		/saved a batch of 50 clients but answered with one record.*not sent again/,
	);
	assert.deepEqual(unconfirmed[3].json.sent, { name: 'Client 004' });
	const answer = items.find((item) => item.json.outcome === 'batchAnswer');
	assert.equal(answer.pairedItem.length, 50);
	const created = items.filter((item) => item.json.id !== undefined);
	assert.equal(created.length, 70);
	assert.equal(created[0].json.name, 'Client 051');
	const saved = book
		.tenant('unpaired')
		.records('client')
		.map((record) => record.name);
	assert.equal(saved.length, 120);
	assert.equal(new Set(saved).size, 120);
});

test('The rate limiter holds a rolling window: 7 requests at 3 per 2 s meet no 429', () => {
	const requests = api('limiter');
	assert.deepEqual(
		requests.map((request) => request.status),
		[200, 200, 200, 200, 200, 200, 200],
	);
	for (let index = 3; index < requests.length; index++) {
		const gap = requests[index].at - requests[index - 3].at;
		assert.ok(gap >= 1990, `request ${index + 1} went ${gap} ms after request ${index - 2}`);
	}
	assert.equal(book.items('limiter').length, 7);
});
