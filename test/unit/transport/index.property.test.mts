// Property-based tests (fast-check) of the transport's path check (transport/index.ts): no path
// that could leave /api or smuggle a query is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import fc from 'fast-check';

import { unsafePathReason } from '../../../nodes/HaloPsaComplete/transport/index.ts';
import { runs } from '../support/propertyRuns.mts';

test('Paths: anything that could leave /api or smuggle a query is refused', () => {
	const bad = fc.oneof(
		fc.string().map((text) => `/Client/${text}?x=1`),
		fc.string().map((text) => `/Client/../${text}`),
		fc.string().map((text) => `//evil.example/${text}`),
		fc.string().map((text) => `/Client/${text}#frag`),
		fc.string().map((text) => `http://evil.example/${text}`),
		fc.string().map((text) => `/Client/%2e%2e/${text}`),
	);
	fc.assert(
		fc.property(bad, (path) => assert.equal(typeof unsafePathReason(path), 'string', path)),
		runs,
	);
});
