// Halo's paging without n8n: every page of a list read and kept in order, no page past a limit,
// the last page told without record_count, and lists that do not page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IDataObject } from 'n8n-workflow';

import { haloList } from '../../../nodes/HaloPsaComplete/transport/paging.ts';
import type { ListRequest } from '../../../nodes/HaloPsaComplete/transport/paging.ts';
import { asExecuteFunctions, fakeExecuteFunctions, plainClient } from '../support/fakeNode.mts';
import type { Respond, SentRequest } from '../support/fakeNode.mts';

describe('paging', () => {
	const rows = (from: number, count: number) =>
		Array.from({ length: count }, (_, index) => ({ id: from + index }));
	/** A query value of a sent request, as a number (the page asked for, its size). */
	const asked = (qs: IDataObject | undefined, name: string) => Number(qs?.[name]);

	function list(
		respond: Respond,
		listRequest: ListRequest,
	): { requests: SentRequest[]; run: () => Promise<IDataObject[]> } {
		const { context, requests } = fakeExecuteFunctions({ parameters: {}, respond });
		return { requests, run: () => haloList(plainClient(asExecuteFunctions(context)), listRequest) };
	}

	test("record_count known: every page of 100 read, kept in Halo's order", async () => {
		const { requests, run } = list(
			({ qs }) => ({
				record_count: 250,
				clients: rows((asked(qs, 'page_no') - 1) * 100 + 1, asked(qs, 'page_no') === 3 ? 50 : 100),
			}),
			{
				path: '/Client',
				listKey: 'clients',
				pages: true,
				qs: { search: 'a' },
			},
		);
		const result = await run();
		assert.deepEqual(
			result.map((row) => row.id),
			rows(1, 250).map((row) => row.id),
		);
		assert.deepEqual(
			requests.map((sent) => sent.qs).sort((a, b) => asked(a, 'page_no') - asked(b, 'page_no')),
			[1, 2, 3].map((page_no) => ({ search: 'a', pageinate: true, page_size: 100, page_no })),
		);
	});

	test('a limit asks for no page past it', async () => {
		const { requests, run } = list(
			({ qs }) => ({
				record_count: 1000,
				clients: rows(
					(asked(qs, 'page_no') - 1) * asked(qs, 'page_size') + 1,
					asked(qs, 'page_size'),
				),
			}),
			{
				path: '/Client',
				listKey: 'clients',
				pages: true,
				limit: 120,
			},
		);
		const result = await run();
		assert.equal(result.length, 120);
		assert.deepEqual(result.at(-1), { id: 120 });
		assert.equal(requests.length, 2);
	});

	test('without record_count: a short page is the last; a list that ignores paging stops at its repeat', async () => {
		const short = list(({ qs }) => (asked(qs, 'page_no') === 1 ? rows(1, 100) : rows(101, 7)), {
			path: '/Asset',
			pages: true,
		});
		assert.equal((await short.run()).length, 107);
		assert.equal(short.requests.length, 2);
		const ignoring = list(() => rows(1, 100), { path: '/Asset', pages: true });
		assert.equal((await ignoring.run()).length, 100);
		assert.equal(ignoring.requests.length, 2);
	});

	test('a list that does not page: one request, count = limit, rows cut to the limit', async () => {
		const { requests, run } = list(() => ({ statuses: rows(1, 30) }), {
			path: '/Status',
			pages: false,
			limit: 10,
			qs: { type: 1 },
		});
		assert.equal((await run()).length, 10);
		assert.deepEqual(requests, [
			{ method: 'GET', path: '/api/Status', qs: { type: 1, count: 10 } },
		]);
	});
});
