// What the node makes of its parameters before it writes (issue 13), inside real n8n against the
// sandbox: ids that would turn an update into a create (0, negative, fractional, a GUID that is
// not one), blanks that would filter on "client 0", JSON, dates and numbers refused by name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { createRequire } from 'node:module';
import { join } from 'node:path';

import { CaseBook, byId, names } from '../../harness/cases.mjs';
import { EXTENSION_DIR } from '../../harness/n8n.mjs';

const require = createRequire(import.meta.url);
const { HaloPsaComplete } = require(
	join(
		EXTENSION_DIR,
		'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/HaloPsaComplete.node.js',
	),
);
const { properties } = new HaloPsaComplete().description;

const book = await CaseBook.start('parameters');
const node = (resource, operation, extra = {}) => ({
	parameters: { resource, operation, ...extra },
	continueOnFail: true,
});
const GUID = '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12';
// Ids: 0 in a POST body means "new record" to Halo; a GUID that is not one can change the path.
book.passing('updateIdZeroExpression', {
	seed: { client: names(2) },
	steps: node('client', 'update', {
		clientId: byId('={{ $json.id }}'),
		updateFields: { name: 'Renamed' },
	}),
	items: [{ id: 0 }, { id: -3 }, { id: 1.5 }, { id: 2 }],
});
book.passing('voidIdZero', {
	seed: { invoice: [{ client_id: 1 }] },
	steps: node('invoice', 'void', { invoiceId: byId('={{ 0 }}') }),
});
book.passing('updateLinesNoInvoice', {
	seed: { invoice: [{ client_id: 1 }] },
	steps: node('invoice', 'updateLines', {
		lines: JSON.stringify([
			{ ihid: 1, item_shortdescription: 'A' },
			{ ihid: 0, item_shortdescription: 'B' },
		]),
	}),
});
book.passing('guidDot', {
	seed: { webhook: [{ id: GUID, name: 'Hook' }] },
	steps: node('webhook', 'get', { webhookId: byId('={{ "." }}') }),
});
book.passing('guidGood', {
	seed: { webhook: [{ id: GUID, name: 'Hook' }] },
	steps: node('webhook', 'get', { webhookId: byId(GUID.toUpperCase()) }),
});
book.passing('requiredIdZero', {
	seed: { client: names(1) },
	steps: node('site', 'create', { name: 'HQ', client_id: 0 }),
});
book.passing('requiredIdGood', {
	seed: { client: names(1) },
	steps: node('site', 'create', { name: 'HQ', client_id: 1 }),
});

// Blank filters and options are not sent; update bodies still send '', 0 and false.
book.passing('blankFilters', {
	seed: {
		tickets: [
			{ summary: 'A', client_id: 1 },
			{ summary: 'B', client_id: 2 },
		],
	},
	steps: node('ticket', 'getMany', {
		returnAll: true,
		filters: {
			client_id: 0,
			agent_id: 0,
			startdate: '',
			enddate: '',
			search: '  ',
			client_ids: '',
		},
		moreFilters: {
			parameter: [
				{ name: 'site_id', value: '' },
				{ name: '', value: '3' },
			],
		},
	}),
});
book.passing('blankGetOptions', {
	seed: { client: names(1) },
	steps: node('client', 'get', {
		clientId: byId(1),
		options: { domain: '', tickettype_id: 0, includedetails: false },
	}),
});
book.passing('jsonShape', {
	seed: { client: names(1) },
	steps: node('client', 'update', {
		clientId: byId(1),
		updateFields: { customfields: '{"id": 4}' },
	}),
});
book.passing('badDate', {
	seed: { client: names(1) },
	steps: node('client', 'update', {
		clientId: byId(1),
		updateFields: { startdate: '={{ "next Tuesday-ish" }}' },
	}),
});
book.passing('clearDate', {
	seed: { client: names(1) },
	steps: node('client', 'update', { clientId: byId(1), updateFields: { enddate: '' } }),
});
book.passing('numberOutOfRange', {
	seed: { webhook: [{ id: GUID, name: 'Hook' }] },
	steps: node('webhook', 'update', {
		webhookId: byId(GUID),
		updateFields: { log_retention_policy_days: 400 },
	}),
});
book.passing('notANumber', {
	seed: { client: names(1) },
	steps: node('client', 'update', {
		clientId: byId(1),
		updateFields: { paymentterms: '={{ "thirty" }}' },
	}),
});

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const output = (name) => book.output(name);

// Typed "By ID", the locator's own pattern stops the id in the editor, and n8n will not start a
// workflow whose parameters have issues (seen: \`n8n execute\` ends "No active execution found").
test("The locator's By ID pattern takes record ids of 1 or more, and GUIDs for GUID resources", () => {
	const locator = (name) =>
		properties.find((property) => property.name === name).modes.find((mode) => mode.name === 'id');
	const accepts = (name, value) =>
		new RegExp(locator(name).validation[0].properties.regex).test(value);
	for (const good of ['1', ' 42 ', '007']) assert.ok(accepts('clientId', good), good);
	for (const bad of ['0', '00', '-1', '1.5', '', 'abc']) assert.ok(!accepts('clientId', bad), bad);
	assert.ok(accepts('webhookId', GUID));
	for (const bad of ['.', '..', `${GUID}/x`, '1']) assert.ok(!accepts('webhookId', bad), bad);
});

test('Ids from expressions: 0, negative and fractional ids fail their own item; a good one goes through', () => {
	const items = book.items('updateIdZeroExpression');
	assert.deepEqual(
		items.map((item) => item.pairedItem.item),
		[0, 1, 2, 3],
	);
	assert.deepEqual(
		items.slice(0, 3).map((item) => item.json.error),
		[
			'Client ID must be a whole number of 1 or more, not "0"',
			'Client ID must be a whole number of 1 or more, not "-3"',
			'Client ID must be a whole number of 1 or more, not "1.5"',
		],
	);
	assert.equal(items[3].json.name, 'Renamed');
	assert.deepEqual(
		api('updateIdZeroExpression').map((request) => request.body),
		[[{ id: 2, name: 'Renamed' }]],
	);
	assert.equal(book.tenant('updateIdZeroExpression').records('client').length, 2);
});

test('Void and Update Lines refuse an invoice id of 0 before any request', () => {
	assert.equal(api('voidIdZero').length, 0);
	assert.match(output('voidIdZero')[0].error, /^Invoice ID must be a whole number of 1 or more/);
	assert.equal(api('updateLinesNoInvoice').length, 0);
	assert.equal(
		output('updateLinesNoInvoice')[0].error,
		'Invoice Lines (JSON): element 2 needs "ihid" as a record ID of 1 or more, not 0',
	);
});

test('A GUID id that is not a GUID never reaches Halo (it would have listed every webhook)', () => {
	assert.equal(api('guidDot').length, 0);
	assert.match(output('guidDot')[0].error, /^Webhook ID must be a GUID/);
	assert.deepEqual(
		api('guidGood').map((request) => request.path),
		[`/api/Webhook/${GUID.toUpperCase()}`],
	);
	assert.equal(output('guidGood')[0].name, 'Hook');
});

test('A required record id of 0 is refused naming the field; 1 goes through', () => {
	assert.equal(api('requiredIdZero').length, 0);
	assert.equal(output('requiredIdZero')[0].error, 'Client must be a record ID of 1 or more, not 0');
	assert.deepEqual(api('requiredIdGood')[0].body, [{ name: 'HQ', client_id: 1 }]);
});

test('Filters added but left blank are not sent: no client_id=0, no startdate=', () => {
	const [request] = api('blankFilters');
	assert.deepEqual(request.query, { pageinate: 'true', page_size: '100', page_no: '1' });
	assert.equal(output('blankFilters').length, 2);
});

test('Get options left blank are not sent; false is a value and is sent', () => {
	assert.deepEqual(api('blankGetOptions')[0].query, { includedetails: 'false' });
});

test('A JSON field of the wrong shape is refused before any request', () => {
	assert.equal(api('jsonShape').length, 0);
	assert.match(output('jsonShape')[0].error, /^Custom Fields \(JSON\) must be a JSON array/);
});

test('Dates that do not parse and numbers out of range are refused before any request, naming the field', () => {
	assert.equal(api('badDate').length, 0);
	assert.equal(
		output('badDate')[0].error,
		'Start Date must be a date like 2026-03-31 or 2026-03-31T09:00:00Z, not "next Tuesday-ish"',
	);
	assert.deepEqual(
		api('clearDate')[0].body,
		[{ id: 1, enddate: '' }],
		'an empty date still clears the field',
	);
	assert.equal(api('numberOutOfRange').length, 0);
	assert.equal(
		output('numberOutOfRange')[0].error,
		'Log Retention Policy Days must be 365 or less, not 400',
	);
	assert.equal(api('notANumber').length, 0);
	assert.match(output('notANumber')[0].error, /^Payment Terms \(Days\)/);
});
