// The one request function without n8n: its retries and error wording against a mocked HTTP
// helper, on fake time (no test waits for real), and the checks before anything is sent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeApiError, NodeOperationError } from '../support/n8nWorkflow.mts';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { haloApiRequest } from '../../../nodes/HaloPsaComplete/transport/index.ts';
import type { HaloRequest } from '../../../nodes/HaloPsaComplete/transport/index.ts';
import {
	asExecuteFunctions,
	byId,
	fakeExecuteFunctions,
	httpError,
	plainClient,
	runNode,
} from '../support/fakeNode.mts';
import type { Respond, SentRequest } from '../support/fakeNode.mts';
import { withFakeTime } from '../support/fakeTime.mts';
import { nodeError, text } from '../support/assertions.mts';

function request(
	respond: Respond,
	halo: HaloRequest,
	credentials?: ICredentialDataDecryptedObject,
): { requests: SentRequest[]; run: () => Promise<unknown> } {
	const { context, requests } = fakeExecuteFunctions({ parameters: {}, respond, credentials });
	return { requests, run: () => haloApiRequest(plainClient(asExecuteFunctions(context)), halo) };
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
		assert.match(text(error.description), /Request: POST \/api\/Client$/);
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
			nodeError(readOutcome.error).message,
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
			nodeError(createOutcome.error).message,
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
		const cases: [number, unknown, string][] = [
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
				assert.match(
					text(error.description),
					/^Client › Get, item 1\. .*Request: GET \/api\/Client\/7$/,
				);
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
