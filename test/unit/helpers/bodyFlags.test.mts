// The one walker over a request body (helpers/bodyFlags.ts) that both readers of flags use: the
// one-shot rule (six deep) and the delete flags and SQL of the access guards (at any depth).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { bodyEntries } from '../../../nodes/HaloPsaComplete/helpers/bodyFlags.ts';
import { bodyOneShot } from '../../../nodes/HaloPsaComplete/helpers/oneShot.ts';
import { deleteFlagIn } from '../../../nodes/HaloPsaComplete/guards/access.ts';

describe('the one-shot rule', () => {
	test("one walker over a body: an object's own keys before what they hold; one-shot flags looked for six deep, delete flags and SQL at any depth", () => {
		const nest = (levels: number, inner: unknown): unknown =>
			Array.from({ length: levels }).reduce<unknown>((value) => ({ a: value }), inner);
		assert.deepEqual(
			[...bodyEntries({ a: { _x: 1 }, b: [{ c: 2 }] })].map((entry) => entry.at),
			['a', 'b', 'a._x', 'b[0].c'],
		);
		assert.equal(bodyOneShot(nest(5, { _create_so: true }))?.key, '_create_so');
		assert.equal(bodyOneShot(nest(6, { _create_so: true })), undefined);
		assert.equal(deleteFlagIn(nest(30, { deleted: true })), `${'a.'.repeat(30)}deleted`);
	});
});
