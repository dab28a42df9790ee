// Property-based tests (fast-check) of the whole node, inside real n8n, over generated items,
// batched writes and filters included: no input makes it throw anything but a node error or send a
// malformed request. The pure parts are checked over arbitrary values in test/unit/**/*.property.test.mts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import fc from 'fast-check';

import { CaseBook, byId, names } from '../harness/cases.mjs';
import { EXTENSION_DIR } from '../harness/n8n.mjs';

const require = createRequire(import.meta.url);
const dist = join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete');
const { client } = require(join(dist, 'resources/client.js'));

const SEED = 20261129;

// The whole node, inside real n8n: generated items drive every field through expressions.
const clientKeys = new Set(client.update.fields.map((field) => field.key));
const itemArb = fc.record({
	id: fc.oneof(
		fc.integer({ min: -2, max: 40 }),
		fc.constantFrom('1', 'x', '', '2.5', '../1', '3?x=1'),
	),
	name: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('')),
	colour: fc.oneof(fc.constantFrom('#E83C4A', 'red', '', '#12345'), fc.string({ maxLength: 8 })),
	toplevel: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constantFrom('abc', '')),
	start: fc.oneof(
		fc.constantFrom('2026-03-31', 'soon', ''),
		fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
	),
	cf: fc.oneof(
		fc.constantFrom('[]', '{"id":1}', '[{"id": 7, "value": "x"}]', 'not json'),
		fc.json(),
	),
	search: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('')),
});
const items = fc.sample(itemArb, { seed: SEED, numRuns: 40 });
const fuzz = await CaseBook.start('property');
fuzz.passing('update', {
	seed: { client: names(40) },
	steps: {
		parameters: {
			resource: 'client',
			operation: 'update',
			clientId: byId('={{ $json.id }}'),
			updateFields: {
				name: '={{ $json.name }}',
				colour: '={{ $json.colour }}',
				toplevel_id: '={{ $json.toplevel }}',
				startdate: '={{ $json.start }}',
				customfields: '={{ $json.cf }}',
			},
		},
		continueOnFail: true,
	},
	items,
});
fuzz.passing('create', {
	steps: {
		parameters: {
			resource: 'client',
			operation: 'create',
			name: '={{ $json.name }}',
			additionalFields: { colour: '={{ $json.colour }}', startdate: '={{ $json.start }}' },
		},
		continueOnFail: true,
	},
	items,
});
fuzz.passing('getMany', {
	seed: { client: names(40) },
	steps: {
		parameters: {
			resource: 'client',
			operation: 'getMany',
			limit: 5,
			filters: { search: '={{ $json.search }}', toplevel_id: '={{ $json.toplevel }}' },
		},
		continueOnFail: true,
	},
	items,
});

before(() => fuzz.run());
after(() => fuzz.close());

for (const name of ['update', 'create', 'getMany']) {
	test(`In n8n, 40 generated items (${name}): each item ends in a result or an error in words; every request is well formed`, () => {
		const out = fuzz.items(name);
		const paired = new Set(out.map((item) => item.pairedItem.item ?? item.pairedItem[0]?.item));
		if (name === 'getMany') {
			// A search that matches nothing outputs nothing for its item: each item is one request or one error.
			const errors = out.filter((item) => item.json.error !== undefined).length;
			assert.equal(fuzz.api(name).length + errors, 40, 'every item asked Halo or failed in words');
		} else assert.equal(paired.size, 40, 'every item answered');
		for (const item of out) {
			if (item.json.error !== undefined)
				assert.ok(
					typeof item.json.error === 'string' && item.json.error.length > 10,
					item.json.error,
				);
		}
		for (const request of fuzz.api(name)) {
			assert.match(request.path, /^\/api\/Client(\/[1-9][0-9]*)?$/);
			if (request.method === 'POST') {
				assert.ok(Array.isArray(request.body) && request.body.length >= 1);
				for (const element of request.body) {
					for (const key of Object.keys(element))
						assert.ok(key === 'id' || clientKeys.has(key), key);
					if ('id' in element)
						assert.ok(Number.isSafeInteger(element.id) && element.id >= 1, String(element.id));
					if ('customfields' in element) assert.ok(Array.isArray(element.customfields));
				}
			}
			for (const value of Object.values(request.query)) assert.notEqual(value, '');
		}
		const saved = fuzz.tenant(name).records('client');
		assert.ok(saved.length <= 80);
	});
}
