// Property-based tests (fast-check) of reading Halo's answers (transport/paging.ts, and the
// readers of errors.ts and actions/batch.ts it hands them to): an answer of any shape is read
// without throwing, its rows always an array.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import fc from 'fast-check';

import { rejectedElements } from '../../../nodes/HaloPsaComplete/actions/batch.ts';
import {
	haloMessageFromBody,
	readFailure,
	unreadableAnswer,
} from '../../../nodes/HaloPsaComplete/transport/errors.ts';
import { isLastPage, readPage } from '../../../nodes/HaloPsaComplete/transport/paging.ts';
import { runs } from '../support/propertyRuns.mts';

test('Answers of any shape are read without throwing: rows are always an array', () => {
	fc.assert(
		fc.property(
			fc.anything(),
			fc.option(fc.string(), { nil: undefined }),
			fc.integer({ min: 1, max: 100 }),
			(answer, listKey, pageSize) => {
				const page = readPage(answer, listKey);
				assert.ok(Array.isArray(page.rows));
				assert.equal(typeof isLastPage(page, pageSize, page.rows.length), 'boolean');
				const message = haloMessageFromBody(answer);
				assert.ok(message === undefined || typeof message === 'string');
				const unreadable = unreadableAnswer(answer);
				assert.ok(unreadable === undefined || typeof unreadable === 'string');
				rejectedElements(String(message ?? ''));
				readFailure(answer);
			},
		),
		runs,
	);
});
