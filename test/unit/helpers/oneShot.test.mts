// One-shot requests (issue 26.1, docs/one-shot.md): the rule that says a request makes Halo do
// something once, the reviewed list of Halo's `_`-prefixed and `send*` properties it reads, the
// definitions' markers, and what the transport and the batch writer do with such a request.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { INodeParameters } from 'n8n-workflow';

import {
	bodyOneShot,
	flagOneShot,
	isFlagShaped,
	isSet,
	oneShotWords,
	pathBodyOneShot,
} from '../../../nodes/HaloPsaComplete/helpers/oneShot.ts';
import {
	ONE_SHOT_FLAGS,
	REPEATABLE_FLAGS,
} from '../../../nodes/HaloPsaComplete/helpers/oneShotFlags.ts';
import { RESOURCES } from '../../../nodes/HaloPsaComplete/resources/index.ts';
import { deleteFlagIn } from '../../../nodes/HaloPsaComplete/guards/access.ts';
import { isRepeatable, verdict } from '../../../nodes/HaloPsaComplete/transport/retry.ts';
import { byId, httpError, runNode } from '../support/fakeNode.mts';
import { present, records, text } from '../support/assertions.mts';

/** What this test reads of scripts/one-shot.mjs (JavaScript, loaded at run time). */
interface OneShotScript {
	ONE_SHOT_PAGE: string;
	renderOneShotPage(page: string): Promise<{ fresh: string; unreviewed: string[]; count: number }>;
}
const ONE_SHOT_SCRIPT = new URL('../../../scripts/one-shot.mjs', import.meta.url).href;

/** Halo's OpenAPI document as indexed (schema/halo-index.json): entity → type → field names. */
interface HaloIndex {
	schemas: Record<string, Record<string, unknown>>;
}

const resource = (value: string) =>
	present(
		RESOURCES.find((candidate) => candidate.value === value),
		value,
	);
const INDEX: HaloIndex = JSON.parse(
	readFileSync(new URL('../../../schema/halo-index.json', import.meta.url), 'utf8'),
);

/** Every `_`-prefixed or `send*` property of Halo's document, with the schemas that carry it. */
function documentFlags(): Map<string, string[]> {
	const flags = new Map<string, string[]>();
	for (const [entity, types] of Object.entries(INDEX.schemas)) {
		if (Array.isArray(types.enum)) continue;
		for (const fields of Object.values(types))
			for (const field of String(fields).split(' '))
				if (isFlagShaped(field)) flags.set(field, [...(flags.get(field) ?? []), entity]);
	}
	return flags;
}

describe('the one-shot rule', () => {
	test('a flag is a `_`-prefixed or send* name; it is set by anything but false, 0, "", "false", "0" and null: an empty array or object is set (the reading that never repeats a one-shot request, and the delete flags\' too)', () => {
		assert.deepEqual(
			['_create_so', 'sendwelcomeemail', 'SendEmail', 'name', 'emailto', 'default_sendemail'].map(
				isFlagShaped,
			),
			[true, true, true, false, false, false],
		);
		assert.deepEqual(
			[false, 0, '', ' False ', '0', null, undefined].map(isSet),
			Array(7).fill(false),
		);
		assert.deepEqual(
			[true, 1, 'true', 'yes', [1], { a: 1 }, -1, [], {}].map(isSet),
			Array(9).fill(true),
		);
		// One rule for both readers of flags: an empty value sets a one-shot flag and a delete flag alike.
		assert.equal(bodyOneShot([{ id: 1, _create_so: [] }])?.key, '_create_so');
		assert.equal(bodyOneShot([{ id: 1, _create_so: {} }])?.key, '_create_so');
		assert.equal(deleteFlagIn([{ id: 1, deleted: [] }]), '[0].deleted');
	});

	test('a reviewed one-shot flag says what Halo does; a reviewed repeatable one is none; an unknown one counts as one-shot', () => {
		assert.equal(flagOneShot('_create_so')?.done, 'converted {record} to a sales order');
		assert.equal(flagOneShot('_CREATE_SO')?.done, 'converted {record} to a sales order');
		assert.equal(flagOneShot('_dont_fire_automations'), undefined);
		assert.equal(flagOneShot('sendpushnotification'), undefined);
		assert.equal(flagOneShot('name'), undefined);
		assert.match(
			text(flagOneShot('_brand_new_flag')?.done),
			/does not know, so it counts as one-shot/,
		);
		assert.match(text(flagOneShot('sendfax')?.done), /^acted on sendfax/);
	});

	test('a body is one-shot by any element, nested record or field the resource marks, set; unset flags do not count', () => {
		assert.equal(bodyOneShot([{ id: 5, name: 'A' }]), undefined);
		assert.equal(bodyOneShot([{ id: 5, _create_so: false, sendemail: 0 }]), undefined);
		const found = present(bodyOneShot([{ id: 4 }, { id: 5, _create_so: true }]));
		assert.equal(found.key, '_create_so');
		assert.deepEqual(found.element, { id: 5, _create_so: true });
		assert.equal(
			bodyOneShot([{ id: 9, lines: [{ _create_ticket: true }] }])?.key,
			'_create_ticket',
		);
		assert.equal(bodyOneShot({ id: 3, sendwelcomeemail: 'true' })?.key, 'sendwelcomeemail');
		// The definition's own words win over the list's.
		assert.equal(
			bodyOneShot([{ id: 3, sendwelcomeemail: true }], resource('user'))?.check,
			'with {record} whether the welcome email arrived',
		);
		assert.equal(
			pathBodyOneShot(RESOURCES, '/users/3', [{ id: 3, sendwelcomeemail: true }])?.check,
			'with {record} whether the welcome email arrived',
		);
		assert.equal(pathBodyOneShot(RESOURCES, '/NotAResource', [{ _x: true }])?.key, '_x');
	});

	test('the words say what Halo may have done, why it was not sent again, and what to check', () => {
		assert.equal(
			oneShotWords(
				{ done: 'converted {record} to a sales order', check: 'the sales orders of {record}' },
				'quotation 5',
				'it answered 504',
			),
			'HaloPSA may have converted quotation 5 to a sales order, but it answered 504. It was not sent again, so that this is not done twice: check the sales orders of quotation 5 before running this item again',
		);
		assert.match(
			oneShotWords(
				present(bodyOneShot([{ sendwelcomeemail: true }], resource('user'))),
				'user "Ann"',
				'no answer came',
				true,
			),
			/^HaloPSA may have created user "Ann" and sent the welcome email to user "Ann" \(sendwelcomeemail\), but no answer came\. .*check HaloPSA for user "Ann", and with user "Ann" whether the welcome email arrived before/,
		);
		assert.match(
			oneShotWords(present(flagOneShot('_spam')), 'ticket "Printer"', 'it answered 502', true),
			/check HaloPSA for ticket "Printer" before running this item again$/,
		);
	});

	test('the transport never repeats a one-shot request after a lost answer; a 429 is still waited out', () => {
		assert.equal(isRepeatable('POST', [{ id: 5, name: 'A' }]), true);
		assert.equal(isRepeatable('POST', [{ id: 5, _create_so: true }]), false);
		assert.equal(isRepeatable('POST', [{ id: 5, sendwelcomeemail: true }]), false);
		assert.equal(isRepeatable('POST', [{ id: 5, _dont_fire_automations: true }]), true);
		assert.equal(isRepeatable('GET', undefined, 'number', true), false);
		assert.equal(isRepeatable('POST', [{ id: 5 }], 'number', true), false);
		const attempt = { rateLimited: 0, transient: 0, repeatable: false, interactive: false };
		assert.deepEqual(verdict({ status: 504, message: '' }, attempt), {
			retry: false,
			outcomeUnknown: true,
		});
		assert.equal(verdict({ code: 'ECONNRESET', message: '' }, attempt).retry, false);
		assert.equal(verdict({ status: 429, message: '' }, attempt).retry, true);
		assert.equal(verdict({ code: 'ECONNREFUSED', message: '' }, attempt).retry, true);
	});
});

describe('the reviewed list (docs/one-shot.md)', () => {
	test('every `_`-prefixed and send* property of Halo’s document is reviewed, once, and the list names nothing else', () => {
		const flags = documentFlags();
		assert.ok(flags.size > 300, `the document has ${flags.size} such properties`);
		const oneShot = new Set(Object.keys(ONE_SHOT_FLAGS));
		const repeatable = new Set(Object.keys(REPEATABLE_FLAGS));
		assert.deepEqual(
			[...oneShot].filter((name) => repeatable.has(name)),
			[],
		);
		assert.deepEqual(
			[...flags.keys()].filter((name) => !oneShot.has(name) && !repeatable.has(name)),
			[],
			'unreviewed (they count as one-shot until reviewed)',
		);
		assert.deepEqual(
			[...oneShot, ...repeatable].filter((name) => !flags.has(name)),
			[],
			'reviewed names the document does not have',
		);
	});

	test('docs/one-shot.md shows the reviewed list and the definitions’ markers as they are (else npm run one-shot)', async () => {
		const { ONE_SHOT_PAGE, renderOneShotPage }: OneShotScript = await import(ONE_SHOT_SCRIPT);
		const page = readFileSync(ONE_SHOT_PAGE, 'utf8');
		const { fresh, unreviewed, count } = await renderOneShotPage(page);
		assert.deepEqual(unreviewed, []);
		assert.equal(count, documentFlags().size);
		assert.ok(fresh === page, 'docs/one-shot.md is stale: run npm run one-shot');
	});

	test('the ones the issue names are one-shot; settings and answer-only fields are not', () => {
		for (const name of ['_create_so', 'sendwelcomeemail', 'sendemail', '_approve', '_sendnow'])
			assert.ok(name in ONE_SHOT_FLAGS, name);
		for (const name of ['_warning', '_canupdate', '_isimport', 'sendackemailsforwebrequests'])
			assert.ok(name in REPEATABLE_FLAGS, name);
	});
});

describe('the definitions mark their one-shots', () => {
	test('every create or update field whose name the list judges one-shot carries its own words', () => {
		const unmarked = RESOURCES.flatMap((definition) =>
			[
				...(definition.create?.required ?? []),
				...(definition.create?.fields ?? []),
				...(definition.update?.fields ?? []),
			]
				.filter((field) => flagOneShot(field.key) !== undefined && field.oneShot === undefined)
				.map((field) => `${definition.value}.${field.key}`),
		);
		assert.deepEqual([...new Set(unmarked)], []);
		assert.ok(
			resource('user').update?.fields.find((field) => field.key === 'sendwelcomeemail')?.oneShot,
		);
	});

	test('Convert to Sales Order, Execute Runbook and Raise Invoices are one-shot operations; Void and Recover are not', () => {
		const action = (value: string, name: string) =>
			present(
				resource(value).extraActions?.find((candidate) => candidate.value === name),
				`${value} › ${name}`,
			);
		assert.ok(action('quotation', 'convertToSalesOrder').oneShot);
		assert.ok(action('webhook', 'executeRunbook').oneShot);
		assert.ok(action('recurringInvoice', 'process').oneShot);
		assert.equal(action('invoice', 'void').oneShot, undefined);
		assert.equal(action('ticket', 'recover').oneShot, undefined);
		// Every extra action's fixed flags are judged as any body is: Recover's `_recover` is reviewed safe.
		assert.equal(bodyOneShot([action('ticket', 'recover').fixedBody]), undefined);
	});
});

describe('one-shot writes through execute', () => {
	const welcome = (itemIndex: number): INodeParameters => ({
		resource: 'user',
		operation: 'update',
		userId: byId(String(itemIndex + 1)),
		updateFields: { sendwelcomeemail: true },
	});

	test('one-shot updates travel alone; a lost answer is not sent again, and only its item says what to check', async () => {
		let calls = 0;
		const { requests, output } = await runNode({
			items: [0, 1, 2].map((index) => ({ json: { index } })),
			parameters: welcome,
			continueOnFail: true,
			respond: ({ body }) => {
				calls += 1;
				if (calls === 1) throw httpError(504, 'Gateway Timeout');
				return body;
			},
		});
		assert.deepEqual(
			requests.map((request) => records(request.body).map((element) => element.id)),
			[[1], [2], [3]],
		);
		assert.match(
			text(output[0].json.error),
			/^HaloPSA may have sent the welcome email to end user 1 \(sendwelcomeemail\), but it answered 504\. It was not sent again/,
		);
		assert.deepEqual(
			output.slice(1).map((item) => item.json.id),
			[2, 3],
		);
	});

	test('updates without a one-shot still share one POST array', async () => {
		const { requests } = await runNode({
			items: [0, 1, 2].map((index) => ({ json: { index } })),
			parameters: (itemIndex) => ({
				...welcome(itemIndex),
				updateFields: { sendwelcomeemail: false, name: `User ${itemIndex}` },
			}),
			respond: ({ body }) => body,
		});
		assert.equal(requests.length, 1);
		assert.equal(records(requests[0].body).length, 3);
	});

	test('Convert to Sales Order after a lost answer: one request, the item names the quotation and what to check', async () => {
		const { requests, output } = await runNode({
			items: [{ json: {} }],
			parameters: {
				resource: 'quotation',
				operation: 'convertToSalesOrder',
				quotationId: byId('5'),
			},
			continueOnFail: true,
			respond: () => {
				throw httpError(502, '');
			},
		});
		assert.deepEqual(requests, [
			{ method: 'POST', path: '/api/Quotation', body: [{ _create_so: true, id: 5 }] },
		]);
		assert.match(
			text(output[0].json.error),
			/^HaloPSA may have converted quotation 5 to a sales order, but it answered 502\. .*check the sales orders of quotation 5/,
		);
	});

	test('API Request: a POST with an id and a send* flag is sent once and says what Halo may have done', async () => {
		const { requests, output } = await runNode({
			items: [{ json: {} }],
			parameters: {
				resource: 'customApiCall',
				operation: 'request',
				method: 'POST',
				path: '/Actions',
				body: '[{"id": 7, "ticket_id": 1, "sendemail": true}]',
			},
			continueOnFail: true,
			respond: () => {
				throw httpError(503, '');
			},
		});
		assert.equal(requests.length, 1);
		assert.match(
			text(output[0].json.error),
			/^HaloPSA may have emailed ticket action 7 to the end user \(sendemail\), but it answered 503/,
		);
	});

	test('Create or Update of a matched user with Send Welcome Email after a 504: one POST, the item names the user', async () => {
		const { requests, output } = await runNode({
			items: [{ json: {} }],
			parameters: {
				resource: 'user',
				operation: 'upsert',
				matchOn: 'emailaddress',
				name: 'Ann',
				site_id: 1,
				additionalFields: { emailaddress: 'ann@acme.example', sendwelcomeemail: true },
			},
			continueOnFail: true,
			respond: ({ method, path }) => {
				const ann = { id: 41, emailaddress: 'ann@acme.example', site_id: 1 };
				if (method === 'GET') return /\/41$/.test(path) ? ann : { users: [ann] };
				throw httpError(504, 'Gateway Timeout');
			},
		});
		assert.equal(requests.filter((request) => request.method === 'POST').length, 1);
		assert.match(
			text(output[0].json.error),
			/^HaloPSA may have sent the welcome email to end user 41 \(sendwelcomeemail\), but it answered 504/,
		);
	});
});
