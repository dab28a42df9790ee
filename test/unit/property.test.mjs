// Property-based tests (fast-check) of the pure parts, from the TypeScript sources: no input makes
// them throw anything but a problem in words, build a malformed request, or retry a create Halo
// may have had. The whole node over generated items, inside real n8n, is test/property.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import fc from 'fast-check';

import {
	collectQueryValues,
	collectValues,
	invalidValueReason,
	toBodyValue,
} from '../../nodes/HaloPsaComplete/descriptions/fields.ts';
import { parseRecordId } from '../../nodes/HaloPsaComplete/helpers/ids.ts';
import { rejectedElements } from '../../nodes/HaloPsaComplete/actions/batch.ts';
import { isLastPage, readPage } from '../../nodes/HaloPsaComplete/transport/paging.ts';
import {
	haloMessageFromBody,
	readFailure,
	unreadableAnswer,
} from '../../nodes/HaloPsaComplete/transport/errors.ts';
import { unsafePathReason } from '../../nodes/HaloPsaComplete/transport/index.ts';
import { isRepeatable, verdict } from '../../nodes/HaloPsaComplete/transport/retry.ts';

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
