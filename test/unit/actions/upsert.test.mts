// Create or Update stays inside its parents (issue 26): the parent ids Create needs (a site's client,
// a user's site, an asset's client and type) narrow the match through Halo's filter and on every
// row, a row that leaves a parent out is read before it is trusted, the update never carries a
// parent id, and the matched id is checked like any id. Through the node's execute, request mocked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { judgeCandidate } from '../../../nodes/HaloPsaComplete/actions/upsert.ts';
import type { ParentId } from '../../../nodes/HaloPsaComplete/actions/upsert.ts';
import { runNode } from '../support/fakeNode.mts';
import type { Respond } from '../support/fakeNode.mts';
import { errorOf, recordsOf, written } from '../support/records.mts';

const CLIENT_5: ParentId[] = [{ field: 'client_id', label: 'Client', filter: 'client_id', id: 5 }];

describe('the matching rule (judgeCandidate)', () => {
	const judge = (row: IDataObject, parents = CLIENT_5) =>
		judgeCandidate(row, 'name', 'Main Office', parents);

	test('same value under the same parent matches; a parent given as text is the same id', () => {
		assert.equal(judge({ id: 1, name: 'main office ', client_id: 5 }), 'match');
		assert.equal(judge({ id: 1, name: 'Main Office', client_id: '5' }), 'match');
	});

	test('another parent is never the record, whatever else the row leaves out', () => {
		assert.equal(judge({ id: 1, name: 'Main Office', client_id: 9 }), 'other');
		assert.equal(judge({ id: 1, client_id: 9 }), 'other');
	});

	test('another value is not the record', () => {
		assert.equal(judge({ id: 1, name: 'Main Office 2', client_id: 5 }), 'other');
		assert.equal(judge({ id: 1, name: 'Main Office 2' }), 'other');
	});

	test('a row without the field, or without a usable parent, is unproven (read it)', () => {
		assert.equal(judge({ id: 1, client_id: 5 }), 'unproven');
		for (const client_id of [undefined, null, '', 0, -5, 1.5, 'abc'])
			assert.equal(judge({ id: 1, name: 'Main Office', client_id }), 'unproven', `${client_id}`);
		assert.equal(judge({ id: 1, name: 'Main Office' }), 'unproven');
	});

	test('every parent must be the item’s (asset: client and asset type)', () => {
		const parents = [...CLIENT_5, { field: 'assettype_id', label: 'Asset Type', id: 2 }];
		assert.equal(judge({ name: 'Main Office', client_id: 5, assettype_id: 2 }, parents), 'match');
		assert.equal(judge({ name: 'Main Office', client_id: 5, assettype_id: 3 }, parents), 'other');
		assert.equal(judge({ name: 'Main Office', client_id: 5 }, parents), 'unproven');
	});

	test('without parents (a client) the field alone decides', () => {
		assert.equal(judge({ id: 1, name: 'Main Office', client_id: 9 }, []), 'match');
	});
});

/** A Halo that answers the site list with `rows` (ignoring every filter), single reads from `full`. */
function halo(rows: IDataObject[], full: Record<string, IDataObject> = {}): Respond {
	return ({ method, path, body }) => {
		if (method === 'GET' && path === '/api/Site') return { record_count: rows.length, sites: rows };
		if (method === 'GET') return full[path.split('/').pop() ?? ''];
		return written(body, 77);
	};
}
const upsertSite = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'site',
	operation: 'upsert',
	name: 'Main Office',
	client_id: 5,
	additionalFields: { phonenumber: '555' },
	...extra,
});

describe('Create or Update a site (client 5)', () => {
	test('the list asks for client 5’s sites; another client’s site of that name is left alone and one is created', async () => {
		const { requests, output } = await runNode({
			parameters: upsertSite(),
			respond: halo([{ id: 9, name: 'Main Office', client_id: 9 }]),
		});
		assert.equal(requests[0].qs?.client_id, 5);
		assert.equal(requests[0].qs?.search, 'Main Office');
		assert.deepEqual(
			requests.slice(1).map((request) => [request.method, request.body]),
			[['POST', [{ phonenumber: '555', name: 'Main Office', client_id: 5 }]]],
		);
		assert.equal(output[0].json.upsertOutcome, 'created');
		assert.equal(output[0].json.id, 77);
	});

	test('its own site is updated without client_id in the update', async () => {
		const { requests, output } = await runNode({
			parameters: upsertSite(),
			respond: halo([
				{ id: 9, name: 'Main Office', client_id: 9 },
				{ id: 3, name: 'Main Office', client_id: 5 },
			]),
		});
		assert.deepEqual(requests[1].body, [{ phonenumber: '555', name: 'Main Office', id: 3 }]);
		assert.equal(output[0].json.upsertOutcome, 'updated');
	});

	test('a row without its client is read: another client’s is left, the item’s own updated', async () => {
		const row = { id: 3, name: 'Main Office' };
		const elsewhere = await runNode({
			parameters: upsertSite(),
			respond: halo([row], { 3: { ...row, client_id: 9 } }),
		});
		assert.deepEqual(
			elsewhere.requests.map((request) => `${request.method} ${request.path}`),
			['GET /api/Site', 'GET /api/Site/3', 'POST /api/Site'],
		);
		assert.equal(recordsOf(elsewhere.requests[2].body)[0].id, undefined);
		const own = await runNode({
			parameters: upsertSite(),
			respond: halo([row], { 3: { ...row, client_id: 5 } }),
		});
		assert.deepEqual(own.requests[2].body, [{ phonenumber: '555', name: 'Main Office', id: 3 }]);
	});

	test('a record whose client even a read does not show fails the item; nothing is written', async () => {
		const row = { id: 3, name: 'Main Office' };
		const { requests, output } = await runNode({
			parameters: upsertSite(),
			continueOnFail: true,
			respond: halo([row], { 3: row }),
		});
		assert.ok(requests.every((request) => request.method === 'GET'));
		assert.equal(
			output[0].json.error,
			'HaloPSA does not show the Client (client_id) of site ID 3 (Main Office), so it cannot tell whether it is the one to update',
		);
		await assert.rejects(
			runNode({ parameters: upsertSite(), respond: halo([row], { 3: row }) }),
			/does not show the Client \(client_id\) of site ID 3/,
		);
	});

	for (const id of [0, -4, 2.5, '0', 'abc', undefined]) {
		test(`a matching row with id ${JSON.stringify(id)} is no update: the item fails, nothing is posted`, async () => {
			const row = { name: 'Main Office', client_id: 5, ...(id === undefined ? {} : { id }) };
			const { requests, output } = await runNode({
				parameters: upsertSite(),
				continueOnFail: true,
				respond: halo([row]),
			});
			assert.deepEqual(
				requests.map((request) => request.method),
				['GET'],
			);
			assert.match(
				errorOf(output[0]),
				/^The site that matches Name "Main Office" has no ID to update it by: its ID /,
			);
			await assert.rejects(
				runNode({ parameters: upsertSite(), respond: halo([row]) }),
				/has no ID to update it by/,
			);
		});
	}

	test('a row to read that has no usable id cannot be checked: the item fails', async () => {
		const { requests, output } = await runNode({
			parameters: upsertSite(),
			continueOnFail: true,
			respond: halo([{ id: 0, name: 'Main Office' }]),
		});
		assert.equal(requests.length, 1);
		assert.match(
			errorOf(output[0]),
			/^HaloPSA's list of sites leaves out Name \(name\) or Client \(client_id\) on 1 candidate, 1 of them without a usable ID to read them by$/,
		);
	});

	test('more than 10 rows to read fail the item before any read; 10 are read', async () => {
		const rows = (count: number) =>
			Array.from({ length: count }, (_, index) => ({ id: index + 1, name: 'Main Office' }));
		const full = Object.fromEntries(
			rows(10).map((row) => [String(row.id), { ...row, client_id: 9 }]),
		);
		const eleven = await runNode({
			parameters: upsertSite(),
			continueOnFail: true,
			respond: halo(rows(11)),
		});
		assert.equal(eleven.requests.length, 1);
		assert.equal(
			eleven.output[0].json.error,
			"HaloPSA's list of sites leaves out Name (name) or Client (client_id) on 11 candidates, more than 10 to read one by one",
		);
		const ten = await runNode({ parameters: upsertSite(), respond: halo(rows(10), full) });
		assert.equal(
			ten.requests.filter((request) => request.path.startsWith('/api/Site/')).length,
			10,
		);
		assert.equal(ten.output[0].json.upsertOutcome, 'created');
	});

	test('Match Within another client than the item writes fails before any request', async () => {
		const { requests, output } = await runNode({
			parameters: upsertSite({ matchFilters: { client_id: 9 } }),
			continueOnFail: true,
			respond: halo([]),
		});
		assert.equal(requests.length, 0);
		assert.equal(
			output[0].json.error,
			'Match Within client_id=9 is not the Client this item writes (5)',
		);
		const same = await runNode({
			parameters: upsertSite({ matchFilters: { client_id: 5 } }),
			respond: halo([]),
		});
		assert.equal(same.requests[0].qs?.client_id, 5);
	});
});

describe('Create or Update a user (site) and an asset (client, asset type)', () => {
	const answer =
		(listKey: string, rows: IDataObject[]): Respond =>
		({ method, body }) =>
			method === 'GET' ? { record_count: rows.length, [listKey]: rows } : written(body, 50);

	test('a user of another site with the same email is left alone; one is created at the item’s site', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'upsert',
				matchOn: 'emailaddress',
				name: 'Jo',
				site_id: 2,
				additionalFields: { emailaddress: 'jo@acme.example' },
			},
			respond: answer('users', [{ id: 8, emailaddress: 'jo@acme.example', site_id: 7 }]),
		});
		assert.equal(requests[0].qs?.site_id, 2);
		assert.deepEqual(requests[1].body, [
			{ emailaddress: 'jo@acme.example', name: 'Jo', site_id: 2 },
		]);
		assert.equal(output[0].json.upsertOutcome, 'created');
	});

	test('an asset of another type or client with the same tag is left alone; its own is updated without them', async () => {
		const parameters = {
			resource: 'asset',
			operation: 'upsert',
			matchOn: 'inventory_number',
			assettype_id: 2,
			client_id: 5,
			additionalFields: { inventory_number: 'A-1', notes: 'seen' },
		};
		const others = [
			{ id: 11, inventory_number: 'A-1', client_id: 5, assettype_id: 3 },
			{ id: 12, inventory_number: 'A-1', client_id: 9, assettype_id: 2 },
		];
		const created = await runNode({ parameters, respond: answer('assets', others) });
		assert.equal(created.requests[0].qs?.client_id, 5);
		assert.equal(created.requests[0].qs?.assettype_id, 2);
		assert.deepEqual(created.requests[1].body, [
			{ inventory_number: 'A-1', notes: 'seen', assettype_id: 2, client_id: 5 },
		]);
		const own = { id: 13, inventory_number: 'A-1', client_id: 5, assettype_id: 2 };
		const updated = await runNode({ parameters, respond: answer('assets', [...others, own]) });
		assert.deepEqual(updated.requests[1].body, [
			{ inventory_number: 'A-1', notes: 'seen', id: 13 },
		]);
		assert.equal(updated.output[0].json.upsertOutcome, 'updated');
	});
});
