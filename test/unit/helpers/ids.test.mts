// Record ids: what parseRecordId takes as a number id or a GUID, and in which words it refuses the
// rest. The same check seen through the node: descriptions/fields.test.mts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { parseRecordId } from '../../../nodes/HaloPsaComplete/helpers/ids.ts';
import type { ParsedId } from '../../../nodes/HaloPsaComplete/helpers/ids.ts';

/** Why an id was refused; it must have been. */
function problemOf(parsed: ParsedId): string {
	assert.ok('problem' in parsed, `taken: ${JSON.stringify(parsed)}`);
	return parsed.problem;
}

describe('record ids', () => {
	test('numbers: whole and 1 or more, as typed or computed; GUIDs: the GUID pattern only', () => {
		assert.deepEqual(parseRecordId('number', ' 0042 ', 'Client ID'), { id: 42 });
		assert.deepEqual(parseRecordId('number', 7, 'Client ID'), { id: 7 });
		for (const raw of ['0', '-1', '2.5', '1e3', '../1', '3?x=1', '99999999999999999999'])
			assert.equal(
				problemOf(parseRecordId('number', raw, 'Client ID')),
				`Client ID must be a whole number of 1 or more, not "${raw}"`,
			);
		assert.deepEqual(parseRecordId('number', '', 'Client ID'), {
			problem: 'Client ID is required',
		});
		assert.deepEqual(parseRecordId('number', undefined, 'Client ID'), {
			problem: 'Client ID is required',
		});
		const guid = '3F2B8C1E-6A4D-4E0B-9D1A-2C5E7F9A0B12';
		assert.deepEqual(parseRecordId('string', guid, 'Webhook ID'), { id: guid });
		assert.match(
			problemOf(parseRecordId('string', '.', 'Webhook ID')),
			/^Webhook ID must be a GUID like .*, not "\."$/,
		);
	});
});
