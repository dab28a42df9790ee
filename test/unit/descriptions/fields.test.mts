// Field conversion and checks: what HaloPSA receives for each kind of value in a body and in a
// query string, what is refused before any request and in which words; and the same checks seen
// through the node (required parameters, ids), with nothing sent. Record ids: helpers/ids.test.mts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INodeParameters } from 'n8n-workflow';

import {
	collectQueryValues,
	collectValues,
	invalidValueReason,
	isBlankQueryValue,
	labelFromName,
	toBodyValue,
	toQueryValue,
} from '../../../nodes/HaloPsaComplete/descriptions/fields.ts';
import type { HaloField, HaloFieldType } from '../../../nodes/HaloPsaComplete/helpers/types.ts';
import { byId, runNode } from '../support/fakeNode.mts';

const field = (kind: HaloFieldType, more: Partial<HaloField> = {}): HaloField => ({
	key: more.key ?? `a_${kind}`,
	kind,
	...more,
});

/** A field, a value set in it, and what is expected of them. */
type Case<T> = [HaloField, unknown, T];

/** Each case's value, converted for its field, is what the case expects. */
function assertConverted<T>(convert: (field: HaloField, value: unknown) => T, cases: Case<T>[]) {
	for (const [definition, value, expected] of cases)
		assert.deepEqual(
			convert(definition, value),
			expected,
			`${definition.kind} ${JSON.stringify(value)}`,
		);
}

describe('conversion', () => {
	test('into a body: numbers from text, JSON parsed, colours trimmed, id lists split; the rest as it is', () => {
		const cases: Case<unknown>[] = [
			[field('number'), '42', 42],
			[field('number'), 4.5, 4.5],
			[field('json'), '[{"id": 1}]', [{ id: 1 }]],
			[field('json'), { a: 1 }, { a: 1 }],
			[field('color'), ' #E83C4A ', '#E83C4A'],
			[field('idList'), '12, 15,,x , 22', [12, 15, 'x', 22]],
			[field('idList'), [3, ' 4 '], [3, 4]],
			[field('string'), ' kept ', ' kept '],
			[field('boolean'), false, false],
			[field('multiOptions'), ['a', 'b'], ['a', 'b']],
			[field('dateTime'), '2026-03-31', '2026-03-31'],
		];
		assertConverted(toBodyValue, cases);
	});

	test('into a query string: lists joined by commas, JSON as compact text, objects never "[object Object]"', () => {
		const cases: Case<string | number | boolean>[] = [
			[field('multiOptions'), ['a', 'b'], 'a,b'],
			[field('multiOptions'), [{ x: 1 }, 2], '{"x":1},2'],
			[field('idList'), ' 1, 2 ,, 3', '1,2,3'],
			[field('json'), '{ "a": [1, 2] }', '{"a":[1,2]}'],
			[field('string'), { nested: true }, '{"nested":true}'],
			[field('number'), 7, 7],
			[field('boolean'), true, true],
		];
		assertConverted(toQueryValue, cases);
	});

	test('a body keeps every value set, false, 0 and "" included (they clear a field in Halo)', () => {
		const fields = [
			field('boolean', { key: 'inactive' }),
			field('number', { key: 'count' }),
			field('string', { key: 'note' }),
		];
		assert.deepEqual(
			collectValues(
				fields,
				{ inactive: false, count: 0, note: '', unknown: 'dropped', nothing: null },
				toBodyValue,
			),
			{ values: { inactive: false, count: 0, note: '' } },
		);
	});

	test('a query string leaves out filters added but left blank: Halo reads client_id=0 as client 0', () => {
		const fields = [
			field('number', { key: 'client_id' }),
			field('string', { key: 'search' }),
			field('json', { key: 'filter' }),
			field('idList', { key: 'ids' }),
			field('multiOptions', { key: 'types' }),
			field('number', { key: 'count' }),
			field('boolean', { key: 'open' }),
		];
		const input = {
			client_id: 0,
			search: '  ',
			filter: '{}',
			ids: ' , ',
			types: [],
			count: 0,
			open: false,
		};
		assert.deepEqual(collectQueryValues(fields, input), { values: { count: 0, open: false } });
		assert.deepEqual(collectQueryValues(fields, { client_id: byId('9'), search: 'acme' }), {
			values: { client_id: '9', search: 'acme' },
		});
		assert.equal(isBlankQueryValue(field('number', { key: 'toplevel_id' }), '0'), true);
		assert.equal(isBlankQueryValue(field('number', { key: 'priority' }), 0), false);
	});
});

describe('checks', () => {
	test('refused values are named by their label, with an example of what is taken', () => {
		const cases: Case<string>[] = [
			[field('color', { key: 'colour' }), 'red', 'Colour must be a colour like #E83C4A, not "red"'],
			[
				field('dateTime', { key: 'startdate', label: 'Start Date' }),
				'soon',
				'Start Date must be a date like 2026-03-31 or 2026-03-31T09:00:00Z, not "soon"',
			],
			[
				field('number', { key: 'toplevel_id' }),
				'abc',
				'Toplevel ID must be a record ID of 1 or more, written as a whole number, not "abc"',
			],
			[field('number', { key: 'quantity' }), 'abc', 'Quantity must be a number, not "abc"'],
			[
				field('number', { key: 'pct', minValue: 0, maxValue: 100 }),
				101,
				'Pct must be 100 or less, not 101',
			],
			[
				field('number', { key: 'pct', minValue: 0, maxValue: 100 }),
				-1,
				'Pct must be 0 or more, not -1',
			],
			[field('json', { key: 'customfields' }), '{nope', 'Customfields is not valid JSON'],
			[
				field('json', { key: 'customfields', jsonShape: 'array' }),
				'{"id": 1}',
				'Customfields must be a JSON array, like [{"id": 1, "value": "…"}]',
			],
			[
				field('json', { key: 'options', jsonShape: 'object' }),
				'[]',
				'Options must be a JSON object, like {"name": "value"}',
			],
			[
				field('json', { key: 'lines', jsonShape: 'array', elementIdKeys: ['ihid'] }),
				'[{"ihid": 3}, {"ihid": 0}]',
				'Lines: element 2 needs "ihid" as a record ID of 1 or more, not 0',
			],
			[
				field('number', {
					key: 'client_id',
					ref: { name: 'client', noun: 'client', path: '/Client', pages: true, picker: 'list' },
				}),
				' ',
				'Client is empty: pick a client from the list, enter its ID, or remove the field',
			],
		];
		for (const [definition, value, reason] of cases)
			assert.equal(invalidValueReason(definition, value), reason);
	});

	test('accepted: empty dates and colours (they clear the field), numbers as text, valid JSON', () => {
		assert.equal(invalidValueReason(field('dateTime'), ''), undefined);
		assert.equal(invalidValueReason(field('color'), ''), undefined);
		assert.equal(invalidValueReason(field('number'), ' 12 '), undefined);
		assert.equal(
			invalidValueReason(
				field('json', { jsonShape: 'array', elementIdKeys: ['id'] }),
				'[{"id": "4"}]',
			),
			undefined,
		);
		assert.equal(invalidValueReason(field('dateTime'), new Date('2026-03-31')), undefined);
	});

	test('the first refused value stops the collection, with what was read so far', () => {
		const fields = [field('string', { key: 'name' }), field('color', { key: 'colour' })];
		assert.deepEqual(collectValues(fields, { name: 'A', colour: 'blue' }, toBodyValue), {
			values: { name: 'A' },
			problem: 'Colour must be a colour like #E83C4A, not "blue"',
		});
	});

	test('labels from Halo names: words capitalised, known acronyms kept', () => {
		assert.equal(labelFromName('toplevel_id'), 'Toplevel ID');
		assert.equal(labelFromName('sla_url__html'), 'SLA URL HTML');
		assert.equal(labelFromName('ids'), 'IDs');
	});
});

describe('checks seen through the node: refused before any request', () => {
	const refuse = async (parameters: INodeParameters, message: string) => {
		const { requests, output } = await runNode({
			parameters,
			continueOnFail: true,
			respond: () => assert.fail('nothing may be sent'),
		});
		assert.equal(requests.length, 0);
		assert.deepEqual(
			output.map((item) => item.json.error),
			[message],
		);
		assert.deepEqual(output[0].pairedItem, { item: 0 });
	};

	test('an id that is not a record id', () =>
		refuse(
			{ resource: 'client', operation: 'get', clientId: byId('0') },
			'Client ID must be a whole number of 1 or more, not "0"',
		));

	test('a required parameter left empty', () =>
		refuse({ resource: 'client', operation: 'create', name: ' ' }, 'Name is required'));

	test('an Additional Field Halo would misread', () =>
		refuse(
			{
				resource: 'client',
				operation: 'create',
				name: 'Acme',
				additionalFields: { colour: 'red' },
			},
			'Colour must be a colour like #E83C4A, not "red"',
		));

	test('an update with nothing to change', () =>
		refuse(
			{ resource: 'client', operation: 'update', clientId: byId('4'), updateFields: {} },
			'Add at least one Update Field: there is nothing to change',
		));
});
