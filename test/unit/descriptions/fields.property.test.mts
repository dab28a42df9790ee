// Property-based tests (fast-check) of request building (descriptions/fields.ts): no field and no
// value makes it throw anything but a problem in words, or build a malformed request. The whole
// node over generated items, inside real n8n, is test/property.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenericValue } from 'n8n-workflow';

import fc from 'fast-check';

import {
	collectQueryValues,
	collectValues,
	invalidValueReason,
	toBodyValue,
} from '../../../nodes/HaloPsaComplete/descriptions/fields.ts';
import type { HaloField, HaloFieldType } from '../../../nodes/HaloPsaComplete/helpers/types.ts';
import { runs } from '../support/propertyRuns.mts';

const KINDS: HaloFieldType[] = [
	'string',
	'text',
	'number',
	'boolean',
	'dateTime',
	'color',
	'options',
	'multiOptions',
	'json',
	'idList',
	'password',
];
const fieldArb: fc.Arbitrary<HaloField> = fc.record({
	key: fc.oneof(
		fc.constantFrom(
			'name',
			'client_id',
			'toplevel_id',
			'colour',
			'startdate',
			'customfields',
			'ids',
		),
		fc.string(),
	),
	kind: fc.constantFrom(...KINDS),
	jsonShape: fc.option(fc.constantFrom<'array' | 'object'>('array', 'object'), { nil: undefined }),
	minValue: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
	maxValue: fc.option(fc.integer({ min: 5, max: 500 }), { nil: undefined }),
});
/** Any value n8n may hold (fast-check's anything makes no bigint or symbol unless asked). */
const valueArb: fc.Arbitrary<GenericValue> = fc.oneof(
	fc
		.anything()
		.filter(
			(value): value is GenericValue => typeof value !== 'bigint' && typeof value !== 'symbol',
		),
	fc.string(),
	fc.integer(),
	fc.double(),
	fc.constantFrom('', ' ', '0', '#E83C4A', '[]', '{}', '[{"id":1}]', 'null', '2026-03-31'),
);

test('Request building never throws: each value is sent converted or refused in words', () => {
	fc.assert(
		fc.property(
			fc.array(fieldArb, { maxLength: 6 }),
			fc.dictionary(fc.string(), valueArb),
			(fields, input) => {
				const body = collectValues(fields, input, toBodyValue);
				assert.ok(
					body.problem === undefined ||
						(typeof body.problem === 'string' && body.problem.length > 0),
				);
				JSON.stringify(body.values);
				const query = collectQueryValues(fields, input);
				if (query.problem === undefined) {
					for (const value of Object.values(query.values)) {
						assert.ok(
							['string', 'number', 'boolean'].includes(typeof value),
							`query value ${String(value)}`,
						);
						assert.notEqual(String(value).trim(), '');
					}
				}
			},
		),
		runs,
	);
});

test('Field checks never throw, for any field and any value', () => {
	fc.assert(
		fc.property(fieldArb, valueArb, (field, value) => {
			const reason = invalidValueReason(field, value);
			assert.ok(reason === undefined || typeof reason === 'string');
		}),
		runs,
	);
});
