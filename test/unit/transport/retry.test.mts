// The retry policy without n8n: which requests may be sent again, and the verdict after each kind
// of failure (what to wait, and whether Halo may have done the work).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import type { HttpFailure } from '../../../nodes/HaloPsaComplete/transport/failure.ts';
import {
	isRepeatable,
	transientWait,
	verdict,
} from '../../../nodes/HaloPsaComplete/transport/retry.ts';
import type { Attempt, Verdict } from '../../../nodes/HaloPsaComplete/transport/retry.ts';

const first: Attempt = { rateLimited: 0, transient: 0, repeatable: true, interactive: false };

/** A failure as the transport reads it; the tests name only what the verdict looks at. */
const failed = (failure: Omit<HttpFailure, 'message'>): HttpFailure => ({
	message: '',
	...failure,
});

/** The wait of a verdict to retry (undefined when it says not to). */
const waitOf = (judged: Verdict): number | undefined => (judged.retry ? judged.waitMs : undefined);

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
			failed({ status: 500 }),
			failed({ status: 502 }),
			failed({ status: 503 }),
			failed({ status: 504 }),
			failed({ code: 'ECONNRESET' }),
		]) {
			const read = verdict(failure, first);
			assert.equal(read.retry, true, JSON.stringify(failure));
			const wait = waitOf(read) ?? NaN;
			assert.ok(wait >= 500 && wait <= 1000, `first wait ${wait}`);
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
			assert.equal(verdict(failed({ code }), create).retry, true, code);
		assert.equal(verdict(failed({ status: 429 }), create).retry, true);
		assert.equal(verdict(failed({ code: 'ETIMEDOUT' }), create).retry, false);
	});

	test("429: backoff of about Halo's 5-minute window, or Retry-After up to a minute", () => {
		const waits = Array.from({ length: 8 }, (_, rateLimited) =>
			waitOf(verdict(failed({ status: 429 }), { ...first, rateLimited })),
		);
		assert.deepEqual(waits, [2000, 5000, 15000, 30000, 60000, 60000, 60000, 60000]);
		assert.deepEqual(verdict(failed({ status: 429 }), { ...first, rateLimited: 8 }), {
			retry: false,
			outcomeUnknown: false,
		});
		assert.equal(waitOf(verdict(failed({ status: 429, retryAfter: '7' }), first)), 7000);
		assert.equal(waitOf(verdict(failed({ status: 429, retryAfter: '600' }), first)), 60000);
		assert.equal(waitOf(verdict(failed({ status: 429, retryAfter: 'soon' }), first)), 2000);
		assert.equal(verdict(failed({ status: 429 }), { ...first, interactive: true }).retry, false);
	});

	test('client errors are final, and say nothing was done', () => {
		for (const status of [400, 401, 403, 404, 405, 409])
			assert.deepEqual(
				verdict(failed({ status }), first),
				{ retry: false, outcomeUnknown: false },
				String(status),
			);
	});

	test('token failures: only an auth server that did not answer (or had an error) is asked again', () => {
		assert.equal(verdict(failed({ token: { unreachable: true } }), first).retry, true);
		assert.equal(verdict(failed({ token: { status: 503 } }), first).retry, true);
		assert.equal(
			verdict(failed({ token: { status: 400, oauthError: 'invalid_client' } }), first).retry,
			false,
		);
		assert.equal(
			verdict(failed({ token: { unreachable: true } }), { ...first, transient: 4 }).retry,
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
