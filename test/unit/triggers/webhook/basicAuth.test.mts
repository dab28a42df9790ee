// The webhook trigger's Basic credentials check (triggers/webhook/basicAuth.ts), pure. What it does
// inside n8n is tested in test/trigger-webhook.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as auth from '../../../../nodes/HaloPsaComplete/triggers/webhook/basicAuth.ts';

const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;

test('Basic credentials: random per webhook; only the exact pair passes; no digest lets nothing in', () => {
	const one = auth.newCredentials();
	const two = auth.newCredentials();
	assert.notEqual(one.password, two.password);
	assert.notEqual(one.username, two.username);
	assert.ok(one.password.length >= 40);
	const digest = auth.credentialsDigest(one);
	assert.match(digest, /^[0-9a-f]{64}$/);
	assert.ok(!digest.includes(one.password));
	assert.equal(auth.isAuthorized(basic(`${one.username}:${one.password}`), digest), true);
	assert.equal(
		auth.isAuthorized(
			`basic   ${Buffer.from(`${one.username}:${one.password}`).toString('base64')}`,
			digest,
		),
		true,
		'scheme in any case',
	);
	for (const header of [
		undefined,
		'',
		basic(`${one.username}:${one.password}x`),
		basic(`${one.username}:${one.password.slice(1)}`),
		basic(`${two.username}:${two.password}`),
		basic(`${one.username}${one.password}`),
		`Bearer ${one.password}`,
		['Basic', 'x'],
	]) {
		assert.equal(auth.isAuthorized(header, digest), false, String(header));
	}
	for (const expected of [undefined, '', 'not-a-digest', 42])
		assert.equal(auth.isAuthorized(basic(`${one.username}:${one.password}`), expected), false);
});
