// The transport without n8n: the retry policy's verdicts, the one request function's retries and
// error wording against a mocked HTTP helper, the rate limiter and Halo's paging, on fake timers
// where time matters (no test waits for real).
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { haloApiRequest } from '../../nodes/HaloPsaComplete/transport/index.ts';
import { haloList } from '../../nodes/HaloPsaComplete/transport/paging.ts';
import {
	limiterFor,
	RollingWindowLimiter,
} from '../../nodes/HaloPsaComplete/transport/rateLimiter.ts';
import {
	isRepeatable,
	transientWait,
	verdict,
} from '../../nodes/HaloPsaComplete/transport/retry.ts';
import {
	byId,
	fakeExecuteFunctions,
	httpError,
	runNode,
	plainClient,
} from './support/fakeNode.mjs';

// The sources load n8n-workflow through require (tsx compiles them to CommonJS): the same copy here.
const { NodeApiError, NodeOperationError } = createRequire(import.meta.url)('n8n-workflow');

const first = { rateLimited: 0, transient: 0, repeatable: true, interactive: false };

describe('retry verdicts', () => {
	test('only requests that cannot change Halo twice are repeatable: reads, deletes, all-update POSTs', () => {
		assert.equal(isRepeatable('GET', undefined), true);
		assert.equal(isRepeatable('DELETE', undefined), true);
		assert.equal(isRepeatable('POST', [{ id: 4, name: 'x' }, { id: '12' }]), true, 'updates');
		assert.equal(isRepeatable('POST', [{ id: 4 }, { name: 'new' }]), false, 'one create in it');
		assert.equal(isRepeatable('POST', [{ id: 0 }]), false, 'id 0 creates in Halo');
		// Halo creates on any id that is not a whole number of 1 or more (issue 16).
		for (const id of ['0', -1, false, {}, [], '', 'abc', '1.5', ' 7', '0x10', 1.5])
			assert.equal(isRepeatable('POST', [{ id }]), false, `id ${JSON.stringify(id)} creates`);
		assert.equal(
			isRepeatable('POST', [{ id: '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12' }], 'string'),
			true,
			'a GUID on a GUID resource',
		);
		assert.equal(
			isRepeatable('POST', [{ id: '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12' }]),
			false,
			'a GUID where ids are numbers',
		);
		assert.equal(isRepeatable('POST', []), false);
		assert.equal(isRepeatable('POST', { id: 4 }), false, 'a bare object');
		assert.equal(isRepeatable('PUT', [{ id: 4 }]), false);
	});

	test('server errors and lost answers: reads retried with backoff, creates never', () => {
		for (const failure of [
			{ status: 500 },
			{ status: 502 },
			{ status: 503 },
			{ status: 504 },
			{ code: 'ECONNRESET' },
		]) {
			const read = verdict(failure, first);
			assert.equal(read.retry, true, JSON.stringify(failure));
			assert.ok(read.waitMs >= 500 && read.waitMs <= 1000, `first wait ${read.waitMs}`);
			assert.deepEqual(verdict(failure, { ...first, repeatable: false }), {
				retry: false,
				outcomeUnknown: true,
			});
			assert.deepEqual(verdict(failure, { ...first, transient: 4 }), {
				retry: false,
				outcomeUnknown: false,
			});
			assert.deepEqual(verdict(failure, { ...first, interactive: true }), {
				retry: false,
				outcomeUnknown: false,
			});
		}
	});

	test('a create is retried only when Halo never saw it: no connection, or 429', () => {
		const create = { ...first, repeatable: false };
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
			assert.equal(verdict({ code }, create).retry, true, code);
		assert.equal(verdict({ status: 429 }, create).retry, true);
		assert.equal(verdict({ code: 'ETIMEDOUT' }, create).retry, false);
	});

	test("429: backoff of about Halo's 5-minute window, or Retry-After up to a minute", () => {
		const waits = Array.from(
			{ length: 8 },
			(_, rateLimited) => verdict({ status: 429 }, { ...first, rateLimited }).waitMs,
		);
		assert.deepEqual(waits, [2000, 5000, 15000, 30000, 60000, 60000, 60000, 60000]);
		assert.deepEqual(verdict({ status: 429 }, { ...first, rateLimited: 8 }), {
			retry: false,
			outcomeUnknown: false,
		});
		assert.equal(verdict({ status: 429, retryAfter: '7' }, first).waitMs, 7000);
		assert.equal(verdict({ status: 429, retryAfter: '600' }, first).waitMs, 60000);
		assert.equal(verdict({ status: 429, retryAfter: 'soon' }, first).waitMs, 2000);
		assert.equal(verdict({ status: 429 }, { ...first, interactive: true }).retry, false);
	});

	test('client errors are final, and say nothing was done', () => {
		for (const status of [400, 401, 403, 404, 405, 409])
			assert.deepEqual(
				verdict({ status }, first),
				{ retry: false, outcomeUnknown: false },
				String(status),
			);
	});

	test('token failures: only an auth server that did not answer (or had an error) is asked again', () => {
		assert.equal(verdict({ token: { unreachable: true } }, first).retry, true);
		assert.equal(verdict({ token: { status: 503 } }, first).retry, true);
		assert.equal(
			verdict({ token: { status: 400, oauthError: 'invalid_client' } }, first).retry,
			false,
		);
		assert.equal(
			verdict({ token: { unreachable: true } }, { ...first, transient: 4 }).retry,
			false,
		);
	});

	test('transient backoff: the upper half of a doubling ceiling, capped at 30 s', () => {
		assert.equal(
			transientWait(0, () => 0),
			500,
		);
		assert.equal(
			transientWait(0, () => 1),
			1000,
		);
		assert.equal(
			transientWait(3, () => 0),
			4000,
		);
		assert.equal(
			transientWait(10, () => 1),
			30000,
		);
		assert.equal(
			transientWait(10, () => 0),
			15000,
		);
	});
});

/** Fake time: runs `work` while advancing the clock in steps; answers its result and the time that passed. */
async function withFakeTime(work) {
	mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
	try {
		let settled = false;
		const result = work().then(
			(value) => ({ value }),
			(error) => ({ error }),
		);
		result.finally(() => (settled = true));
		const started = Date.now();
		for (let step = 0; !settled && step < 100_000; step++) {
			await new Promise((resolve) => setImmediate(resolve));
			if (!settled) mock.timers.tick(50);
		}
		const outcome = await result;
		return { ...outcome, elapsed: Date.now() - started };
	} finally {
		mock.timers.reset();
	}
}

function request(respond, halo, credentials) {
	const { context, requests } = fakeExecuteFunctions({ parameters: {}, respond, credentials });
	return { requests, run: () => haloApiRequest(plainClient(context), halo) };
}

describe('the request function (retries and wording)', () => {
	test('a read answered 503 twice is asked again after backoff, then answers', async () => {
		const answers = [httpError(503, ''), httpError(503, ''), { id: 7 }];
		const { requests, run } = request(
			(_, index) => {
				if (answers[index] instanceof Error) throw answers[index];
				return answers[index];
			},
			{ method: 'GET', path: '/Client/7' },
		);
		const { value, error, elapsed } = await withFakeTime(run);
		assert.equal(error, undefined);
		assert.deepEqual(value, { id: 7 });
		assert.equal(requests.length, 3);
		assert.deepEqual(requests[0], { method: 'GET', path: '/api/Client/7' });
		assert.ok(elapsed >= 500 + 1000 && elapsed <= 1000 + 2000 + 200, `waited ${elapsed} ms`);
	});

	test('a create whose answer is lost (502) is not sent again, and says so', async () => {
		const { requests, run } = request(
			() => {
				throw httpError(502, '<html><title>Bad Gateway</title></html>');
			},
			{ method: 'POST', path: '/Client', body: [{ name: 'Acme' }] },
		);
		const { error } = await withFakeTime(run);
		assert.equal(requests.length, 1);
		assert.ok(error instanceof NodeApiError);
		assert.equal(
			error.message,
			'HaloPSA may have saved this request, but it answered 502. It was not sent again, so that nothing is saved twice: check HaloPSA before running it again',
		);
		assert.match(error.description, /Request: POST \/api\/Client$/);
	});

	test('429 waits for Retry-After, then the same request goes again', async () => {
		const { requests, run } = request(
			(_, index) => {
				if (index === 0) throw httpError(429, { message: 'Too many' }, { 'retry-after': '3' });
				return [{ id: 1 }];
			},
			{ method: 'POST', path: '/Client', body: [{ name: 'Acme' }] },
		);
		const { value, elapsed } = await withFakeTime(run);
		assert.deepEqual(value, [{ id: 1 }]);
		assert.equal(requests.length, 2);
		assert.deepEqual(requests[1], requests[0]);
		assert.ok(elapsed >= 3000 && elapsed < 3400, `waited ${elapsed} ms`);
	});

	test('a delete asked again after a lost answer counts "not found" as done', async () => {
		const { requests, run } = request(
			(_, index) => {
				throw index === 0
					? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
					: httpError(404, '');
			},
			{ method: 'DELETE', path: '/Client/7' },
		);
		const { value, error } = await withFakeTime(run);
		assert.equal(error, undefined);
		assert.equal(value, undefined);
		assert.equal(requests.length, 2);
	});

	test('an unreadable answer: a read is asked again twice, a create is not sent again', async () => {
		const html = '<html><head><title>Proxy Error</title></head></html>';
		const read = request(() => html, { method: 'GET', path: '/Client/7' });
		const readOutcome = await withFakeTime(read.run);
		assert.equal(read.requests.length, 3);
		assert.equal(
			readOutcome.error.message,
			'HaloPSA\'s answer could not be read (an HTML page instead of JSON ("Proxy Error")), several times: try again later',
		);
		const create = request(() => '[{"id": 1', {
			method: 'POST',
			path: '/Client',
			body: [{ name: 'x' }],
		});
		const createOutcome = await withFakeTime(create.run);
		assert.equal(create.requests.length, 1);
		assert.equal(
			createOutcome.error.message,
			'HaloPSA accepted the request (200), but its answer could not be read (JSON that is cut short or malformed). It was not sent again, so that nothing is saved twice: check the result in HaloPSA',
		);
	});

	test('a path that could leave /api is refused before any request', async () => {
		for (const [path, reason] of [
			['/Client/../Agent', 'it may not contain . or .. segments'],
			['//evil.example/x', 'it must start with a single /'],
			['/Client?x=1', 'it may not contain ?, #, \\, spaces or their encodings'],
		]) {
			const { requests, run } = request(() => ({}), { method: 'GET', path });
			await assert.rejects(run(), (error) => {
				assert.ok(error instanceof NodeOperationError);
				assert.equal(error.message, `Refused to send a request to "${path}": ${reason}`);
				return true;
			});
			assert.equal(requests.length, 0);
		}
	});

	test('a credential on a custom domain without a Tenant is named before any request', async () => {
		const { requests, run } = request(
			() => ({}),
			{ method: 'GET', path: '/Client' },
			{ url: 'https://halo.example.com', tenant: '' },
		);
		await assert.rejects(
			run(),
			/^NodeOperationError: Enter the Tenant in the HaloPSA credential: it cannot be read from https:\/\/halo\.example\.com/,
		);
		assert.equal(requests.length, 0);
	});

	test("error wording per status, with Halo's own words and the request", async () => {
		const cases = [
			[400, { message: 'Name is required' }, 'HaloPSA rejected the request: Name is required'],
			[
				401,
				'',
				'HaloPSA did not accept the credentials (401): check the client ID, the client secret and the tenant',
			],
			[
				403,
				'',
				'HaloPSA refused access (403): the API application lacks permission for this, or the scope does not include it',
			],
			[404, '', 'No Client with ID 7 exists in HaloPSA (404)'],
			[409, { Message: 'Locked' }, 'HaloPSA answered 409: Locked'],
		];
		for (const [status, body, message] of cases) {
			const run = runNode({
				parameters: { resource: 'client', operation: 'get', clientId: byId('7') },
				respond: () => {
					throw httpError(status, body);
				},
			});
			await assert.rejects(run, (error) => {
				assert.ok(error instanceof NodeApiError, String(status));
				assert.equal(error.message, message);
				assert.equal(error.httpCode, String(status));
				assert.match(error.description, /^Client › Get, item 1\. .*Request: GET \/api\/Client\/7$/);
				return true;
			});
		}
	});

	test("Continue On Fail: the error becomes the item's output, paired, with its HTTP code", async () => {
		const { output } = await runNode({
			parameters: { resource: 'client', operation: 'get', clientId: byId('7') },
			continueOnFail: true,
			respond: () => {
				throw httpError(404, '');
			},
		});
		assert.equal(output.length, 1);
		assert.deepEqual(output[0].pairedItem, { item: 0 });
		assert.equal(output[0].json.error, 'No Client with ID 7 exists in HaloPSA (404)');
		assert.equal(output[0].json.httpCode, '404');
	});
});

describe('rate limiter', () => {
	test('a rolling window: a turn while fewer than the limit are in it, else the wait until the oldest leaves', () => {
		const limiter = new RollingWindowLimiter({ requests: 2, windowSeconds: 10 });
		assert.equal(typeof limiter.tryTake(0), 'object');
		const second = limiter.tryTake(1_000);
		assert.equal(typeof second, 'object');
		assert.equal(limiter.tryTake(2_000), 8_000);
		assert.equal(typeof limiter.tryTake(10_000), 'object', 'the first turn has left the window');
	});

	test('a turn counts from its answer (settle), never from its sending', () => {
		mock.timers.enable({ apis: ['Date'], now: 5_000 });
		try {
			const limiter = new RollingWindowLimiter({ requests: 1, windowSeconds: 10 });
			const turn = limiter.tryTake(0);
			limiter.settle(turn);
			assert.equal(limiter.tryTake(12_000), 3_000, 'answered at 5 s: free again at 15 s');
		} finally {
			mock.timers.reset();
		}
	});

	test('one limiter per Halo host (any case) and client ID, set to the latest limit', () => {
		const one = limiterFor('https://Acme.halopsa.com', 'limiter-a', 1, 60);
		assert.equal(limiterFor('https://acme.halopsa.com', 'limiter-a', 5, 60), one);
		assert.notEqual(limiterFor('https://acme.halopsa.com', 'limiter-b'), one);
		for (let turn = 0; turn < 5; turn++)
			assert.equal(typeof one.tryTake(0), 'object', `turn ${turn}`);
		assert.equal(typeof one.tryTake(0), 'number');
	});

	test("requests beyond the credential's limit wait for the window, without a 429", async () => {
		const { context, requests } = fakeExecuteFunctions({
			parameters: {},
			respond: () => ({}),
			credentials: { rateLimitRequests: 2, rateLimitWindowSeconds: 10 },
		});
		const sentAt = [];
		const { elapsed } = await withFakeTime(async () => {
			for (let index = 0; index < 3; index++) {
				await haloApiRequest(plainClient(context), { method: 'GET', path: '/Client' });
				sentAt.push(Date.now());
			}
		});
		assert.equal(requests.length, 3);
		assert.ok(elapsed >= 10_000 && elapsed < 10_500, `the third waited ${elapsed} ms`);
		assert.ok(sentAt[1] - sentAt[0] < 100, 'the second did not wait');
	});
});

describe('paging', () => {
	const rows = (from, count) => Array.from({ length: count }, (_, index) => ({ id: from + index }));

	function list(respond, listRequest) {
		const { context, requests } = fakeExecuteFunctions({ parameters: {}, respond });
		return { requests, run: () => haloList(plainClient(context), listRequest) };
	}

	test("record_count known: every page of 100 read, kept in Halo's order", async () => {
		const { requests, run } = list(
			({ qs }) => ({
				record_count: 250,
				clients: rows((qs.page_no - 1) * 100 + 1, qs.page_no === 3 ? 50 : 100),
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
			requests.map((sent) => sent.qs).sort((a, b) => a.page_no - b.page_no),
			[1, 2, 3].map((page_no) => ({ search: 'a', pageinate: true, page_size: 100, page_no })),
		);
	});

	test('a limit asks for no page past it', async () => {
		const { requests, run } = list(
			({ qs }) => ({
				record_count: 1000,
				clients: rows((qs.page_no - 1) * qs.page_size + 1, qs.page_size),
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
		const short = list(({ qs }) => (qs.page_no === 1 ? rows(1, 100) : rows(101, 7)), {
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
