// Batching and pairing, through the node's execute: creates and updates of consecutive items go to
// Halo as POST arrays of Batch Size, each saved record goes back to its own item, a rejected batch
// is narrowed down to its bad items, and nothing that Halo may have saved is sent twice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { attribute, holdsSentValues } from '../../../nodes/HaloPsaComplete/actions/batch.ts';
import type { WriteRequest } from '../../../nodes/HaloPsaComplete/actions/batch.ts';
import { byId, httpError, runNode } from '../support/fakeNode.mts';
import type { Respond, SentRequest } from '../support/fakeNode.mts';
import { withFakeTime } from '../support/fakeTime.mts';
import { member, nodeError, pairedIndex, records, text } from '../support/assertions.mts';

const NAMES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
const items = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, index) => ({ json: { index } }));
const createClient =
	(options: INodeParameters = {}) =>
	(itemIndex: number): INodeParameters => ({
		resource: 'client',
		operation: 'create',
		name: NAMES[itemIndex],
		options,
	});
const updateClient = (itemIndex: number): INodeParameters => ({
	resource: 'client',
	operation: 'update',
	clientId: byId(String(40 + itemIndex)),
	updateFields: { name: NAMES[itemIndex] },
});
/** Halo's answer to a POST array: each element saved, with an id. */
const saveAll = ({ body }: SentRequest) =>
	records(body).map((record, index) => ({ id: record.id ?? 100 + index, ...record }));
/** What each sent POST array held, by one value of each record (its name, say). */
const sentValues = (requests: SentRequest[], key: string) =>
	requests.map((request) => records(request.body).map((record) => record[key]));
/** The connection reset after Halo did the work: the answer is lost. */
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

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
		assert.deepEqual(sentValues(two.requests, 'name'), [
			['Alpha', 'Bravo'],
			['Charlie', 'Delta'],
			['Echo'],
		]);
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
			output.map((item) => [item.json.name, pairedIndex(item)]),
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
			output.map((item) => [item.json.id, pairedIndex(item)]),
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
		assert.deepEqual(sentValues(requests, 'name'), [['Alpha', 'Bravo', 'Charlie'], ['Charlie']]);
		assert.equal(output.length, 3);
		assert.equal(output[0].json.outcome, 'uncertain');
		assert.match(text(output[0].json.error), /^HaloPSA may have created client "Alpha"/);
		assert.match(
			text(output[0].json.error),
			/It was not sent again, so that nothing is created twice/,
		);
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
		assert.deepEqual(sentValues(requests, 'id'), [
			[40, 41, 42],
			[40, 42],
		]);
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
				if (records(request.body).some((record) => record.name === 'Charlie'))
					throw httpError(400, 'Invalid client');
				return saveAll(request);
			},
		});
		assert.deepEqual(
			sentValues(requests, 'name').map((names) => names.join('+')),
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
			output.map((item) => [item.json.outcome, pairedIndex(item)]),
			[
				['uncertain', 0],
				['uncertain', 1],
				['uncertain', 2],
			],
		);
		assert.match(
			text(output[1].json.error),
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
			output.map((item) => [item.json.outcome, member(item.json.sent, 'name'), item.pairedItem]),
			[
				['unconfirmed', 'Alpha', { item: 0 }],
				['batchAnswer', undefined, [{ item: 0 }, { item: 1 }, { item: 2 }]],
				['unconfirmed', 'Bravo', { item: 1 }],
				['unconfirmed', 'Charlie', { item: 2 }],
			],
		);
		assert.deepEqual(output[1].json.answer, [{ id: 1 }]);
		assert.match(
			text(output[0].json.message),
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
			(thrown) => {
				const error = nodeError(thrown);
				assert.equal(error.message, 'HaloPSA rejected the request: name: Bad.');
				assert.match(text(error.description), /^Client › Create, item 2\./);
				return true;
			},
		);
	});
});

/**
 * A Halo that saves a POST array element by element with growing ids and stops at the first
 * element `refuse` answers for (its status and body), keeping what it saved; lists by id, newest
 * first. `lose(index)`: the answer to that request is lost after the work (a reset).
 */
function elementByElementHalo({
	refuse = () => undefined,
	lose = () => false,
	seed = [],
}: {
	refuse?: (element: IDataObject) => { status: number; body?: unknown } | undefined;
	lose?: (index: number) => boolean;
	seed?: IDataObject[];
} = {}) {
	const kept: IDataObject[] = seed.map((record, index) => ({ id: index + 1, ...record }));
	let nextId = kept.length + 1;
	const respond: Respond = (request, index) => {
		if (request.method === 'GET') {
			const rows = [...kept].sort((a, b) => Number(b.id) - Number(a.id));
			return {
				record_count: rows.length,
				clients: rows.slice(0, Number(request.qs?.page_size ?? request.qs?.count ?? 100)),
			};
		}
		const saved: IDataObject[] = [];
		for (const element of records(request.body)) {
			const refusal = refuse(element);
			if (refusal) throw httpError(refusal.status, refusal.body ?? '');
			const record = { ...element, id: nextId++ };
			kept.push(record);
			saved.push(record);
		}
		if (lose(index)) throw reset();
		return saved;
	};
	return {
		records: kept,
		respond,
		add: (record: IDataObject) => kept.push({ ...record, id: nextId++ }),
	};
}

const createNamed =
	(names: string[], options: INodeParameters = {}) =>
	(itemIndex: number): INodeParameters => ({
		resource: 'client',
		operation: 'create',
		name: names[itemIndex],
		options,
	});
const named = (count: number, prefix = 'C') =>
	Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);

describe('every partial save told', () => {
	for (const status of [403, 404, 409]) {
		test(`a ${status} in the middle of a create batch: the creates Halo saved before it are found and output, the others say they may have been created`, async () => {
			const names = [
				...named(4, 'Head'),
				'Saved A',
				'Saved B',
				'Refused',
				'Never',
				...named(2, 'Tail'),
			];
			const halo = elementByElementHalo({
				refuse: (element) =>
					element.name === 'Refused' ? { status, body: 'No site with id 99' } : undefined,
			});
			const { requests, output } = await runNode({
				items: items(names.length),
				parameters: createNamed(names, { batchSize: 4 }),
				continueOnFail: true,
				respond: halo.respond,
			});
			assert.deepEqual(
				requests.map(
					(request) =>
						`${request.method} ${(Array.isArray(request.body) ? request.body.length : undefined) ?? request.qs?.order}`,
				),
				['POST 4', 'POST 4', 'POST 2', 'GET id'],
			);
			assert.equal(output.length, names.length);
			output.forEach((item, index) => assert.equal(pairedIndex(item), index));
			assert.deepEqual(
				output.slice(4, 6).map((item) => [item.json.name, item.json.id]),
				[
					['Saved A', 5],
					['Saved B', 6],
				],
			);
			for (const index of [6, 7]) {
				assert.equal(output[index].json.outcome, 'uncertain');
				assert.match(
					text(output[index].json.error),
					new RegExp(
						`^HaloPSA refused a batch of 4 clients without saying which one .*It may have created client "${names[index]}" before that, or refused it`,
					),
				);
			}
			assert.equal(halo.records.length, 8);
		});
	}

	test('a 404 in a create batch without Continue On Fail: the run stops and names every record Halo may have created', async () => {
		const names = ['One', 'Two', 'Refused', 'Four'];
		const halo = elementByElementHalo({
			refuse: (element) => (element.name === 'Refused' ? { status: 404, body: '' } : undefined),
		});
		await assert.rejects(
			runNode({ items: items(4), parameters: createNamed(names), respond: halo.respond }),
			(thrown) => {
				const error = nodeError(thrown);
				assert.match(
					error.message,
					/^HaloPSA refused a batch of 4 clients without saying which one/,
				);
				assert.match(error.message, /client "One"/);
				assert.match(
					text(error.description),
					/HaloPSA may have saved item 2 \(client "Two"\), item 3 \(client "Refused"\), item 4 \(client "Four"\)/,
				);
				return true;
			},
		);
		assert.equal(halo.records.length, 2);
	});

	test('a lost answer (reset) on a create batch without Continue On Fail names every record, not only the first', async () => {
		const halo = elementByElementHalo({ lose: (index) => index === 0 });
		await assert.rejects(
			runNode({
				items: items(3),
				parameters: createNamed(['Ann', 'Bob', 'Cy']),
				respond: halo.respond,
			}),
			(thrown) => {
				const error = nodeError(thrown);
				assert.match(error.message, /^HaloPSA may have created client "Ann", but no answer came/);
				assert.match(
					text(error.description),
					/HaloPSA may have saved item 2 \(client "Bob"\), item 3 \(client "Cy"\)/,
				);
				return true;
			},
		);
	});

	test('a lost answer with Continue On Fail: creates found between the fences are saved, each once', async () => {
		const names = [...named(2, 'Head'), 'Lost A', 'Lost B', ...named(2, 'Tail')];
		const halo = elementByElementHalo({ lose: (index) => index === 1 });
		const { output } = await runNode({
			items: items(6),
			parameters: createNamed(names, { batchSize: 2 }),
			continueOnFail: true,
			respond: halo.respond,
		});
		assert.deepEqual(
			output.map((item) => item.json.id ?? item.json.outcome),
			[1, 2, 3, 4, 5, 6],
		);
		assert.deepEqual(
			output.map((item) => item.json.name),
			names,
		);
	});

	test('no record this run created after a failed batch: its creates are not looked for, they say Halo may have created them', async () => {
		const names = [...named(2, 'Head'), 'Lost A', 'Lost B'];
		const halo = elementByElementHalo({ lose: (index) => index === 1 });
		const { requests, output } = await runNode({
			items: items(4),
			parameters: createNamed(names, { batchSize: 2 }),
			continueOnFail: true,
			respond: halo.respond,
		});
		assert.deepEqual(
			requests.map((request) => request.method),
			['POST', 'POST'],
		);
		assert.deepEqual(
			output.map((item) => item.json.outcome ?? item.json.id),
			[1, 2, 'uncertain', 'uncertain'],
		);
	});

	test('the look-up never gives one record to two items, nor someone else’s record to this run’s item', async () => {
		// Batch 2 holds two items named "Dup": Halo saved the first, then someone else created
		// "Other" (the name of batch 2's third item), then the answer was lost.
		const names = ['H1', 'H2', 'H3', 'Dup', 'Dup', 'Other', 'T1', 'T2', 'T3'];
		const halo = elementByElementHalo();
		const respond: Respond = (request, index) => {
			if (index !== 1) return halo.respond(request, index);
			halo.add({ name: 'Dup' });
			halo.add({ name: 'Other' });
			throw reset();
		};
		const { requests, output } = await runNode({
			items: items(9),
			parameters: createNamed(names, { batchSize: 3 }),
			continueOnFail: true,
			respond,
		});
		assert.deepEqual(
			requests.map((request) => request.method),
			['POST', 'POST', 'POST', 'GET'],
		);
		assert.deepEqual(
			output.map((item) => item.json.outcome ?? item.json.name),
			['H1', 'H2', 'H3', 'uncertain', 'uncertain', 'uncertain', 'T1', 'T2', 'T3'],
		);
	});

	test('the look-up reads only between the fences: a same-named record created after the run’s next create is not taken', async () => {
		const names = ['H1', 'Lost', 'T1'];
		const halo = elementByElementHalo();
		const respond: Respond = (request, index) => {
			if (index === 1) throw reset();
			const answer = halo.respond(request, index);
			// Someone else creates "Lost" right after this run's next create.
			if (index === 2) halo.add({ name: 'Lost' });
			return answer;
		};
		const { output } = await runNode({
			items: items(3),
			parameters: createNamed(names, { batchSize: 1 }),
			continueOnFail: true,
			respond,
		});
		assert.deepEqual(
			output.map((item) => item.json.outcome ?? item.json.name),
			['H1', 'uncertain', 'T1'],
		);
	});

	test('a later batch that may have saved records unseen leaves a waiting look-up uncertain: its record could pass for the waiting item’s', async () => {
		// Batch 2 [A, X] is refused at X (404, naming nothing): A is saved, X is not. Batch 3 [X, B]
		// saves both, then its answer is lost. Between the fences, batch 3's X would pass for batch
		// 2's X.
		const names = ['H1', 'H2', 'A', 'X', 'X', 'B', 'T1', 'T2'];
		const halo = elementByElementHalo();
		const respond: Respond = (request, index) => {
			if (index === 1) {
				halo.add({ name: 'A' });
				throw httpError(404, '');
			}
			if (index === 2) {
				halo.add({ name: 'X' });
				halo.add({ name: 'B' });
				throw reset();
			}
			return halo.respond(request, index);
		};
		const { output } = await runNode({
			items: items(8),
			parameters: createNamed(names, { batchSize: 2 }),
			continueOnFail: true,
			respond,
		});
		assert.deepEqual(
			output.map((item) => item.json.outcome ?? item.json.name),
			['H1', 'H2', 'uncertain', 'uncertain', 'uncertain', 'uncertain', 'T1', 'T2'],
		);
	});

	test('found creates stop at the first one not found: Halo saves in order', () => {
		const sent = ['A', 'B', 'C'].map((name, itemIndex) => ({ itemIndex, record: { name } }));
		const found = attribute(sent, [
			{ id: 7, name: 'A' },
			{ id: 9, name: 'C' },
		]);
		assert.deepEqual(
			[...found.keys()].map((request) => request.record.name),
			['A'],
		);
	});
});

describe('an update batch whose answer stays lost', () => {
	test('the transport sends it again; when every answer is lost each item says Halo may have updated it, each time it was sent', async () => {
		const { value, error } = await withFakeTime(() =>
			runNode({
				items: items(2),
				parameters: updateClient,
				continueOnFail: true,
				respond: () => {
					throw httpError(500, '');
				},
			}),
		);
		if (!value) throw error;
		const { requests, output } = value;
		assert.equal(requests.length, 5);
		assert.deepEqual(
			output.map((item) => [item.json.outcome, item.json.error]),
			[40, 41].map((id) => [
				'uncertain',
				`HaloPSA may have updated client ${id}, but it answered 500 each time it was sent. An update sets the same values again, so it is safe to run this item again once HaloPSA answers`,
			]),
		);
	});
});

describe('the look-up pairs only what is proven', () => {
	const create = (record: IDataObject, itemIndex = 0): WriteRequest => ({ itemIndex, record });
	test('exact values: a row that differs in any value it carries is no match; values the row leaves out prove nothing', () => {
		assert.equal(
			holdsSentValues({ name: 'Acme', phone: '1' }, { id: 5, name: 'Acme', phone: '1' }),
			true,
		);
		assert.equal(holdsSentValues({ name: 'Acme', phone: '1' }, { id: 5, name: 'Acme' }), true);
		assert.equal(
			holdsSentValues({ name: 'Acme', phone: '1' }, { id: 5, name: 'Acme', phone: '2' }),
			false,
		);
		assert.equal(holdsSentValues({ name: 'Acme' }, { id: 5, name: 'acme' }), false);
		assert.equal(
			holdsSentValues({ site_id: 3 }, { id: 5, site_id: 3 }),
			false,
			'no name: nothing to prove',
		);
		assert.equal(
			holdsSentValues({ name: 'Acme', site_id: '3' }, { id: 5, name: 'Acme', site_id: 3 }),
			true,
		);
	});

	test('as many alike items as rows pair in the order sent; fewer rows pair none; two rows for one item pair none', () => {
		const [a, b] = [create({ name: 'Dup' }, 0), create({ name: 'Dup' }, 1)];
		const found = attribute(
			[a, b],
			[
				{ id: 8, name: 'Dup' },
				{ id: 7, name: 'Dup' },
			],
		);
		assert.deepEqual([found.get(a)?.id, found.get(b)?.id], [7, 8]);
		assert.equal(attribute([a, b], [{ id: 7, name: 'Dup' }]).size, 0);
		const only = create({ name: 'One' });
		assert.equal(
			attribute(
				[only],
				[
					{ id: 7, name: 'One' },
					{ id: 9, name: 'One' },
				],
			).size,
			0,
		);
	});

	test('items that share a row unevenly pair none; pairs against the order sent pair none', () => {
		const wide = create({ name: 'X' }, 0);
		const narrow = create({ name: 'X', phone: '1' }, 1);
		assert.equal(attribute([wide, narrow], [{ id: 7, name: 'X', phone: '1' }]).size, 0);
		const first = create({ name: 'First' }, 0);
		const second = create({ name: 'Second' }, 1);
		assert.equal(
			attribute(
				[first, second],
				[
					{ id: 9, name: 'First' },
					{ id: 8, name: 'Second' },
				],
			).size,
			0,
		);
		assert.equal(
			attribute(
				[first, second],
				[
					{ id: 8, name: 'First' },
					{ id: 9, name: 'Second' },
				],
			).size,
			2,
		);
	});
});
