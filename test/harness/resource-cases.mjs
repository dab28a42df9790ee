// Resources whose operations are Halo's plain ones (create, get, get many, update, delete), each
// described by one entry: its path, the sandbox's store, three seeded records, the filters and
// options sent and the ids the filters keep, an update. defineResourceCases() adds each entry's
// cases to a CaseBook; testResourceCases() asserts them, after book.run().
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { byId } from './cases.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ids = (resource) => ({
	firstId: resource.guid ? resource.seed[0].id : 1,
	lastId: resource.guid ? resource.seed[2].id : 3,
});

/** Create, Get, Get Many (filtered, and Limit 2), Update and, unless `noDelete`, Delete. */
export function defineResourceCases(book, resources) {
	const define = (name, options, parameters) =>
		book.passing(name, { ...options, steps: { parameters, continueOnFail: false } });
	for (const resource of resources) {
		const v = resource.value;
		const op = (operation, extra = {}) => ({ resource: v, operation, ...extra });
		const { firstId, lastId } = ids(resource);
		const seeded = { seed: { [resource.store]: resource.seed } };
		define(`${v}Create`, {}, op('create', resource.create));
		define(
			`${v}Get`,
			seeded,
			op('get', { [`${v}Id`]: byId(firstId), options: resource.getOptions }),
		);
		define(`${v}GetMany`, seeded, op('getMany', { returnAll: true, filters: resource.filters }));
		define(`${v}Limit`, seeded, op('getMany', { limit: 2 }));
		define(
			`${v}Update`,
			seeded,
			op('update', { [`${v}Id`]: byId(firstId), updateFields: resource.update }),
		);
		if (!resource.noDelete)
			define(`${v}Delete`, seeded, op('delete', { [`${v}Id`]: byId(lastId) }));
	}
}

/** What Halo received and n8n output for each entry's cases. */
export function testResourceCases(book, resources) {
	const api = (name) => book.api(name);
	const output = (name) => book.output(name);
	const record = (name, store, id) => book.tenant(name).record(store, id);
	for (const resource of resources) {
		const v = resource.value;
		const { firstId, lastId } = ids(resource);

		test(`${v}: Create posts a one-element array to ${resource.path} and outputs the saved record`, () => {
			const [request] = api(`${v}Create`);
			assert.deepEqual([request.method, request.path], ['POST', resource.path]);
			assert.deepEqual(request.body, [resource.created]);
			const [created] = output(`${v}Create`);
			if (resource.guid) assert.match(created.id, GUID);
			else assert.equal(created.id, 1);
			assert.ok(record(`${v}Create`, resource.store, created.id));
		});

		test(`${v}: Get reads ${resource.path}/{id} with its options`, () => {
			const [request] = api(`${v}Get`);
			const query = Object.fromEntries(
				Object.entries(resource.getOptions).map(([key, value]) => [key, String(value)]),
			);
			assert.deepEqual(
				[request.method, request.path, request.query],
				['GET', `${resource.path}/${firstId}`, query],
			);
			assert.equal(output(`${v}Get`)[0].id, firstId);
		});

		test(`${v}: Get Many sends the filters and outputs the records Halo keeps`, () => {
			const requests = api(`${v}GetMany`);
			assert.ok(requests.length >= 1);
			for (const request of requests) {
				assert.equal(request.path, resource.path);
				for (const [key, value] of Object.entries(resource.filters))
					assert.equal(request.query[key], String(value), key);
				assert.equal(request.query.pageinate, resource.paged ? 'true' : undefined);
			}
			assert.deepEqual(
				output(`${v}GetMany`).map((row) => row.id),
				resource.listed,
			);
		});

		test(`${v}: Get Many with Limit 2 keeps two records`, () => {
			const [request] = api(`${v}Limit`);
			assert.deepEqual(
				request.query,
				resource.paged ? { pageinate: 'true', page_size: '2', page_no: '1' } : { count: '2' },
			);
			assert.equal(output(`${v}Limit`).length, 2);
		});

		test(`${v}: Update posts the id and the changed fields, cleared values included`, () => {
			const [request] = api(`${v}Update`);
			assert.deepEqual([request.method, request.path], ['POST', resource.path]);
			assert.deepEqual(request.body, [{ id: firstId, ...resource.update }]);
			const saved = record(`${v}Update`, resource.store, firstId);
			for (const [key, value] of Object.entries(resource.update))
				assert.equal(saved[key], value, key);
		});

		if (!resource.noDelete) {
			test(`${v}: Delete sends DELETE ${resource.path}/{id}`, () => {
				const [request] = api(`${v}Delete`);
				assert.deepEqual([request.method, request.path], ['DELETE', `${resource.path}/${lastId}`]);
				assert.deepEqual(output(`${v}Delete`), [{ id: lastId, deleted: true }]);
				assert.equal(record(`${v}Delete`, resource.store, lastId), undefined);
			});
		}
	}
}
