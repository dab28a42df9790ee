// Property-based tests (fast-check) of record ids (helpers/ids.ts): any input is a positive safe
// integer, a GUID, or a problem in words, and never changes the request's path.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import fc from 'fast-check';

import { parseRecordId } from '../../../nodes/HaloPsaComplete/helpers/ids.ts';
import { unsafePathReason } from '../../../nodes/HaloPsaComplete/transport/index.ts';
import { runs } from '../support/propertyRuns.mts';

test('Record ids: a positive safe integer, a GUID, or a problem in words; never a path changer', () => {
	fc.assert(
		fc.property(
			fc.constantFrom('number', 'string'),
			fc.oneof(fc.anything(), fc.string(), fc.integer()),
			(idType, raw) => {
				const parsed = parseRecordId(idType, raw, 'Client ID');
				if ('problem' in parsed) return assert.equal(typeof parsed.problem, 'string');
				if (idType === 'number')
					assert.ok(
						typeof parsed.id === 'number' && Number.isSafeInteger(parsed.id) && parsed.id >= 1,
					);
				assert.equal(
					unsafePathReason(`/Client/${encodeURIComponent(String(parsed.id))}`),
					undefined,
				);
			},
		),
		runs,
	);
});
