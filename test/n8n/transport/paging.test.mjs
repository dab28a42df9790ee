// Paging, inside real n8n against the sandbox: every stop rule (no record_count, a list that
// ignores page_no, Limit across pages), bare-array lists, parallel and sequential page requests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, names } from '../../harness/cases.mjs';

const book = await CaseBook.start('paging');
const node = (resource, operation, extra = {}) => ({
	parameters: { resource, operation, ...extra },
	continueOnFail: true,
});

// Paging: every stop rule, and Limit across pages.
book.passing('noRecordCount', {
	seed: { client: names(250) },
	knobs: { omitRecordCount: true },
	steps: node('client', 'getMany', { returnAll: true }),
});
book.passing('repeatedPage', {
	seed: { client: names(250) },
	knobs: { omitRecordCount: true, ignorePageNo: true },
	steps: node('client', 'getMany', { returnAll: true }),
});
book.passing('limitOver100', {
	seed: { client: names(250) },
	steps: node('client', 'getMany', { limit: 150 }),
});
book.passing('limitEarlyStop', {
	seed: { client: names(1000) },
	steps: node('client', 'getMany', { limit: 250 }),
});
book.passing('arrayListsPage', {
	seed: { agent: names(250, 'Agent') },
	knobs: { arrayListsPage: true },
	steps: node('agent', 'getMany', { returnAll: true }),
});
book.passing('arrayListLimit', {
	seed: { agent: names(250, 'Agent') },
	knobs: { arrayListsPage: true },
	steps: node('agent', 'getMany', { limit: 30 }),
});
book.passing('concurrentPages', {
	seed: { client: names(1000) },
	knobs: { latencyMs: 150 },
	steps: node('client', 'getMany', { returnAll: true }),
});
book.passing('sequentialPages', {
	seed: { client: names(400) },
	knobs: { latencyMs: 50 },
	steps: node('client', 'getMany', { returnAll: true, options: { pageConcurrency: 1 } }),
});

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const output = (name) => book.output(name);
const pages = (name) => api(name).map((request) => Number(request.query.page_no));

test('No record_count: paging stops on the short page', () => {
	assert.deepEqual(pages('noRecordCount'), [1, 2, 3]);
	assert.equal(output('noRecordCount').length, 250);
});

test('A list that ignores page_no: paging stops on the repeated page, keeping no duplicates', () => {
	assert.deepEqual(pages('repeatedPage'), [1, 2]);
	const rows = output('repeatedPage');
	assert.equal(rows.length, 100);
	assert.equal(new Set(rows.map((row) => row.id)).size, 100);
});

test('Limit over 100 reads pages of 100 and stops at the limit', () => {
	assert.deepEqual(
		api('limitOver100').map((request) => request.query.page_size),
		['100', '100'],
	);
	assert.deepEqual(pages('limitOver100').sort(), [1, 2]);
	const rows = output('limitOver100');
	assert.equal(rows.length, 150);
	assert.deepEqual([rows[0].id, rows[149].id], [1, 150]);
});

test('With a Limit, no page past it is fetched, even with parallel pages', () => {
	assert.deepEqual(
		pages('limitEarlyStop').sort((a, b) => a - b),
		[1, 2, 3],
	);
	assert.equal(output('limitEarlyStop').length, 250);
});

test('Bare-array lists: Return All takes the whole array even where Halo would page it', () => {
	const requests = api('arrayListsPage');
	assert.equal(requests.length, 1);
	assert.equal(requests[0].query.pageinate, undefined);
	assert.equal(output('arrayListsPage').length, 250);
	assert.deepEqual(api('arrayListLimit')[0].query, { count: '30' });
	assert.equal(output('arrayListLimit').length, 30);
});

test('Return All reads the remaining pages in parallel and keeps Halo’s order', () => {
	const requests = api('concurrentPages');
	assert.equal(requests.length, 10);
	assert.equal(requests[0].query.page_no, '1');
	const rows = output('concurrentPages');
	assert.deepEqual(
		rows.map((row) => row.id),
		Array.from({ length: 1000 }, (_, index) => index + 1),
	);
	// Pages 2–6 go out together once page 1 answered; at most 5 are in flight at any time.
	const inFlight = (time) =>
		requests.filter((request) => request.at <= time && request.doneAt > time).length;
	const peak = Math.max(...requests.map((request) => inFlight(request.at)));
	assert.equal(peak, 5);
});

test('Parallel Page Requests 1 reads pages one by one', () => {
	const requests = api('sequentialPages');
	assert.deepEqual(
		requests.map((request) => Number(request.query.page_no)),
		[1, 2, 3, 4],
	);
	for (let index = 1; index < requests.length; index++)
		assert.ok(requests[index].at >= requests[index - 1].doneAt);
	assert.equal(output('sequentialPages').length, 400);
});
