// Batching and pairing, through the node's execute: creates and updates of consecutive items go to
// Halo as POST arrays of Batch Size, each saved record goes back to its own item, a rejected batch
// is narrowed down to its bad items, and nothing that Halo may have saved is sent twice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { byId, httpError, runNode } from './support/fakeNode.mjs';

const NAMES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
const items = (count) => Array.from({ length: count }, (_, index) => ({ json: { index } }));
const createClient =
	(options = {}) =>
	(itemIndex) => ({
		resource: 'client',
		operation: 'create',
		name: NAMES[itemIndex],
		options,
	});
const updateClient = (itemIndex) => ({
	resource: 'client',
	operation: 'update',
	clientId: byId(String(40 + itemIndex)),
	updateFields: { name: NAMES[itemIndex] },
});
/** Halo's answer to a POST array: each element saved, with an id. */
const saveAll = ({ body }) =>
	body.map((record, index) => ({ id: record.id ?? 100 + index, ...record }));

describe('batching', () => {
	test('consecutive creates go as one POST array; each record is output with its own item', async () => {
		const { requests, output } = await runNode({
			items: items(3),
			parameters: createClient(),
			respond: saveAll,
		});
		assert.equal(requests.length, 1);
		assert.deepEqual(requests[0], {
			method: 'POST',
			path: '/api/Client',
			body: [{ name: 'Alpha' }, { name: 'Bravo' }, { name: 'Charlie' }],
		});
		assert.deepEqual(output, [
			{ json: { id: 100, name: 'Alpha' }, pairedItem: { item: 0 } },
			{ json: { id: 101, name: 'Bravo' }, pairedItem: { item: 1 } },
			{ json: { id: 102, name: 'Charlie' }, pairedItem: { item: 2 } },
		]);
	});

	test('Batch Size splits the run; 1 sends one request per item', async () => {
		const two = await runNode({
			items: items(5),
			parameters: createClient({ batchSize: 2 }),
			respond: saveAll,
		});
		assert.deepEqual(
			two.requests.map((request) => request.body.map((record) => record.name)),
			[['Alpha', 'Bravo'], ['Charlie', 'Delta'], ['Echo']],
		);
		const one = await runNode({
			items: items(3),
			parameters: createClient({ batchSize: 1 }),
			respond: saveAll,
		});
		assert.equal(one.requests.length, 3);
	});

	test('another operation in between sends the waiting batch first: Halo sees the items in order', async () => {
		const { requests, output } = await runNode({
			items: items(3),
			typeVersion: 1,
			parameters: (itemIndex) =>
				itemIndex === 1
					? { resource: 'client', operation: 'get', clientId: byId('9') }
					: createClient()(itemIndex),
			respond: (request) => (request.method === 'GET' ? { id: 9, name: 'Read' } : saveAll(request)),
		});
		assert.deepEqual(
			requests.map(
				(request) => `${request.method} ${request.path} ${JSON.stringify(request.body ?? null)}`,
			),
			[
				'POST /api/Client [{"name":"Alpha"}]',
				'GET /api/Client/9 null',
				'POST /api/Client [{"name":"Charlie"}]',
			],
		);
		assert.deepEqual(
			output.map((item) => [item.json.name, item.pairedItem.item]),
			[
				['Alpha', 0],
				['Read', 1],
				['Charlie', 2],
			],
		);
	});

	test('updates batch with their ids, and pair by order when the ids match', async () => {
		const { requests, output } = await runNode({
			items: items(2),
			parameters: (itemIndex) => ({
				resource: 'client',
				operation: 'update',
				clientId: byId(String(40 + itemIndex)),
				updateFields: { name: NAMES[itemIndex] },
			}),
			respond: saveAll,
		});
		assert.deepEqual(requests[0].body, [
			{ id: 40, name: 'Alpha' },
			{ id: 41, name: 'Bravo' },
		]);
		assert.deepEqual(
			output.map((item) => [item.json.id, item.pairedItem.item]),
			[
				[40, 0],
				[41, 1],
			],
		);
	});
});

describe('a rejected or unclear batch', () => {
	// Halo is taken to save a POST array element by element and to stop at the first element it
	// refuses, keeping what it saved before (docs/retries.md, "A batch Halo refuses").
	test('a 400 naming an element: it fails; a create before it is never sent again; the rest are', async () => {
		const { requests, output } = await runNode({
			items: items(3),
			parameters: createClient(),
			continueOnFail: true,
			respond: (request, index) => {
				if (index === 0) throw httpError(400, { errors: { '[1].name': ['The name is taken.'] } });
				return saveAll(request);
			},
		});
		assert.deepEqual(
			requests.map((request) => request.body.map((record) => record.name)),
			[['Alpha', 'Bravo', 'Charlie'], ['Charlie']],
		);
		assert.equal(output.length, 3);
		assert.equal(output[0].json.outcome, 'uncertain');
		assert.match(output[0].json.error, /^HaloPSA may have created client "Alpha"/);
		assert.match(output[0].json.error, /It was not sent again, so that nothing is created twice/);
		assert.equal(output[1].json.error, 'HaloPSA rejected the request: name: The name is taken.');
		assert.equal(output[1].json.httpCode, '400');
		assert.deepEqual(output[2], { json: { id: 100, name: 'Charlie' }, pairedItem: { item: 2 } });
		assert.deepEqual(
			output.map((item) => item.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
	});

	test('a 400 naming an element of a batch of updates: the updates around it are sent again', async () => {
		const { requests, output } = await runNode({
			items: items(3),
			parameters: updateClient,
			continueOnFail: true,
			respond: (request, index) => {
				if (index === 0) throw httpError(400, { errors: { '[1].name': ['Too long.'] } });
				return saveAll(request);
			},
		});
		assert.deepEqual(
			requests.map((request) => request.body.map((record) => record.id)),
			[
				[40, 41, 42],
				[40, 42],
			],
		);
		assert.deepEqual(
			output.map((item) => item.json.error ?? item.json.id),
			[40, 'HaloPSA rejected the request: name: Too long.', 42],
		);
	});

	test('a 400 naming no element, updates only: the batch is halved until the bad update is found', async () => {
		const { requests, output } = await runNode({
			items: items(4),
			parameters: updateClient,
			continueOnFail: true,
			respond: (request) => {
				if (request.body.some((record) => record.name === 'Charlie'))
					throw httpError(400, 'Invalid client');
				return saveAll(request);
			},
		});
		assert.deepEqual(
			requests.map((request) => request.body.map((record) => record.name).join('+')),
			['Alpha+Bravo+Charlie+Delta', 'Alpha+Bravo', 'Charlie+Delta', 'Charlie', 'Delta'],
		);
		assert.deepEqual(
			output.map((item) => item.json.error ?? item.json.name),
			['Alpha', 'Bravo', 'HaloPSA rejected the request: Invalid client', 'Delta'],
		);
	});

	test('a 400 naming no element in a batch of creates: nothing is sent again; each item says Halo may have created it or refused it', async () => {
		const { requests, output } = await runNode({
			items: items(3),
			parameters: createClient(),
			continueOnFail: true,
			respond: () => {
				throw httpError(400, 'Invalid client');
			},
		});
		assert.equal(requests.length, 1);
		assert.deepEqual(
			output.map((item) => [item.json.outcome, item.pairedItem.item]),
			[
				['uncertain', 0],
				['uncertain', 1],
				['uncertain', 2],
			],
		);
		assert.match(
			output[1].json.error,
			/^HaloPSA refused a batch of 3 clients without saying which one \(Invalid client\)\. It may have created client "Bravo" before that, or refused it\./,
		);
	});

	test('a lost answer to a batch of creates: each item fails naming its record, nothing is sent again', async () => {
		const { requests, output } = await runNode({
			items: items(2),
			parameters: createClient(),
			continueOnFail: true,
			respond: () => {
				throw httpError(502, '');
			},
		});
		assert.equal(requests.length, 1);
		assert.deepEqual(
			output.map((item) => item.json.error),
			[
				'HaloPSA may have created client "Alpha", but it answered 502. It was not sent again, so that nothing is created twice: check HaloPSA for it before running this item again',
				'HaloPSA may have created client "Bravo", but it answered 502. It was not sent again, so that nothing is created twice: check HaloPSA for it before running this item again',
			],
		);
	});

	test('an answer that cannot be paired: each item says what was sent, the answer goes with the first', async () => {
		const { requests, output } = await runNode({
			items: items(3),
			parameters: createClient(),
			respond: () => [{ id: 1 }],
		});
		assert.equal(requests.length, 1);
		assert.deepEqual(
			output.map((item) => [item.json.outcome, item.json.sent?.name, item.pairedItem]),
			[
				['unconfirmed', 'Alpha', { item: 0 }],
				['batchAnswer', undefined, [{ item: 0 }, { item: 1 }, { item: 2 }]],
				['unconfirmed', 'Bravo', { item: 1 }],
				['unconfirmed', 'Charlie', { item: 2 }],
			],
		);
		assert.deepEqual(output[1].json.answer, [{ id: 1 }]);
		assert.match(
			output[0].json.message,
			/^HaloPSA saved a batch of 3 clients but answered with 1 records/,
		);
	});

	test('without Continue On Fail the first failed item stops the run, and says which item it was', async () => {
		await assert.rejects(
			runNode({
				items: items(2),
				parameters: createClient(),
				respond: (request, index) => {
					if (index === 0) throw httpError(400, { errors: { '[1].name': ['Bad.'] } });
					return saveAll(request);
				},
			}),
			(error) => {
				assert.equal(error.message, 'HaloPSA rejected the request: name: Bad.');
				assert.match(error.description, /^Client › Create, item 2\./);
				return true;
			},
		);
	});
});
