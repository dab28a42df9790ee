// The rate limiter without n8n: a rolling window per Halo host and client ID, whose turns count
// from their answers, and what a request beyond the credential's limit does (it waits, on fake time).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { haloApiRequest } from '../../../nodes/HaloPsaComplete/transport/index.ts';
import {
	limiterFor,
	RollingWindowLimiter,
} from '../../../nodes/HaloPsaComplete/transport/rateLimiter.ts';
import { asExecuteFunctions, fakeExecuteFunctions, plainClient } from '../support/fakeNode.mts';
import { mockTimers, withFakeTime } from '../support/fakeTime.mts';

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
		mockTimers.enable({ apis: ['Date'], now: 5_000 });
		try {
			const limiter = new RollingWindowLimiter({ requests: 1, windowSeconds: 10 });
			const turn = limiter.tryTake(0);
			assert.ok(typeof turn === 'object', 'a turn');
			limiter.settle(turn);
			assert.equal(limiter.tryTake(12_000), 3_000, 'answered at 5 s: free again at 15 s');
		} finally {
			mockTimers.reset();
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
			// An API application of its own: the limiter is process-wide, by host and client ID, and
			// the unit tier's other files run in this process.
			credentials: {
				clientId: 'unit-rate-limiter',
				rateLimitRequests: 2,
				rateLimitWindowSeconds: 10,
			},
		});
		const sentAt: number[] = [];
		const { elapsed } = await withFakeTime(async () => {
			for (let index = 0; index < 3; index++) {
				await haloApiRequest(plainClient(asExecuteFunctions(context)), {
					method: 'GET',
					path: '/Client',
				});
				sentAt.push(Date.now());
			}
		});
		assert.equal(requests.length, 3);
		assert.ok(elapsed >= 10_000 && elapsed < 10_500, `the third waited ${elapsed} ms`);
		assert.ok(sentAt[1] - sentAt[0] < 100, 'the second did not wait');
	});
});
