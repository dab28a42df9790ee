// Property-based tests (fast-check): no input makes the node throw anything but a node error,
// send a malformed request, or hang. Pure parts are checked over arbitrary values; the whole node
// is checked inside real n8n over generated items, batched writes and filters included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import fc from 'fast-check';

import { CaseBook, byId, names } from './harness/cases.mjs';
import { EXTENSION_DIR } from './harness/n8n.mjs';

const require = createRequire(import.meta.url);
const dist = join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete');
const load = (module) => require(join(dist, module));
const { collectValues, collectQueryValues, toBodyValue, invalidValueReason } =
	load('engine/fields.js');
const { parseRecordId } = load('engine/ids.js');
const { rejectedElements } = load('engine/batch.js');
const { readPage, isLastPage } = load('transport/paging.js');
const { haloMessageFromBody, readFailure, unreadableAnswer } = load('transport/errors.js');
const { unsafePathReason } = load('transport/index.js');
const { isRepeatable, verdict } = load('transport/retry.js');
const { client } = load('resources/client.js');

const SEED = 20261129;
const runs = { seed: SEED, numRuns: 400 };
const KINDS = [
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
const fieldArb = fc.record({
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
	jsonShape: fc.option(fc.constantFrom('array', 'object'), { nil: undefined }),
	minValue: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
	maxValue: fc.option(fc.integer({ min: 5, max: 500 }), { nil: undefined }),
});
const valueArb = fc.oneof(
	fc.anything(),
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

test('Record ids: a positive safe integer, a GUID, or a problem in words; never a path changer', () => {
	fc.assert(
		fc.property(
			fc.constantFrom('number', 'string'),
			fc.oneof(fc.anything(), fc.string(), fc.integer()),
			(idType, raw) => {
				const parsed = parseRecordId(idType, raw, 'Client ID');
				if ('problem' in parsed) return assert.equal(typeof parsed.problem, 'string');
				if (idType === 'number') assert.ok(Number.isSafeInteger(parsed.id) && parsed.id >= 1);
				assert.equal(
					unsafePathReason(`/Client/${encodeURIComponent(String(parsed.id))}`),
					undefined,
				);
			},
		),
		runs,
	);
});

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

test('Retry policy: a create is never repeated once Halo may have had it', () => {
	const failureArb = fc.record({
		status: fc.option(fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503, 504), {
			nil: undefined,
		}),
		code: fc.option(
			fc.constantFrom('ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNABORTED'),
			{ nil: undefined },
		),
		message: fc.string(),
	});
	const bodyArb = fc.oneof(
		fc.constant(undefined),
		fc.array(fc.dictionary(fc.constantFrom('id', 'name'), fc.oneof(fc.integer(), fc.string())), {
			maxLength: 3,
		}),
	);
	fc.assert(
		fc.property(
			failureArb,
			fc.constantFrom('GET', 'POST', 'DELETE'),
			bodyArb,
			fc.nat(6),
			(failure, method, body, tries) => {
				const repeatable = isRepeatable(method, body);
				const next = verdict(failure, {
					rateLimited: tries,
					transient: tries,
					repeatable,
					interactive: false,
				});
				if (!next.retry) return;
				assert.ok(next.waitMs >= 0 && next.waitMs <= 60_000);
				const neverReached =
					failure.status === 429 ||
					(failure.status === undefined && ['ECONNREFUSED', 'ENOTFOUND'].includes(failure.code));
				assert.ok(
					repeatable || neverReached,
					`retried a ${method} that may have been processed: ${JSON.stringify(failure)}`,
				);
			},
		),
		runs,
	);
});

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
