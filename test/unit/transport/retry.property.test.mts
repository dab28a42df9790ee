// Property-based tests (fast-check) of the retry policy (transport/retry.ts): a create is never
// repeated once Halo may have had it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import fc from 'fast-check';

import { isRepeatable, verdict } from '../../../nodes/HaloPsaComplete/transport/retry.ts';
import { runs } from '../support/propertyRuns.mts';

/** Failures that say the request never reached Halo. */
const NEVER_SENT: Array<string | undefined> = ['ECONNREFUSED', 'ENOTFOUND'];

test('Retry policy: a create is never repeated once Halo may have had it', () => {
	const failureArb = fc.record({
		status: fc.option(fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503, 504), {
			nil: undefined,
		}),
		code: fc.option(
			fc.constantFrom('ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNABORTED'),
			{ nil: undefined },
		),
		message: fc.string(),
	});
	const bodyArb = fc.oneof(
		fc.constant(undefined),
		fc.array(fc.dictionary(fc.constantFrom('id', 'name'), fc.oneof(fc.integer(), fc.string())), {
			maxLength: 3,
		}),
	);
	fc.assert(
		fc.property(
			failureArb,
			fc.constantFrom('GET', 'POST', 'DELETE'),
			bodyArb,
			fc.nat(6),
			(failure, method, body, tries) => {
				const repeatable = isRepeatable(method, body);
				const next = verdict(failure, {
					rateLimited: tries,
					transient: tries,
					repeatable,
					interactive: false,
				});
				if (!next.retry) return;
				assert.ok(next.waitMs >= 0 && next.waitMs <= 60_000);
				const neverReached =
					failure.status === 429 ||
					(failure.status === undefined && NEVER_SENT.includes(failure.code));
				assert.ok(
					repeatable || neverReached,
					`retried a ${method} that may have been processed: ${JSON.stringify(failure)}`,
				);
			},
		),
		runs,
	);
});
