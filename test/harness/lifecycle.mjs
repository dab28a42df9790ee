// One case per resource that walks a record's life in one workflow: Create, then Get, Update and
// Delete of the record just created (its id flows on as $json.id), then Get Many.
import assert from 'node:assert/strict';

import { byId } from './cases.mjs';

export const op = (resource, operation, extra = {}) => ({ resource, operation, ...extra });
export const step = (parameters, extra = {}) => ({ parameters, ...extra });
export const idOf = (resource) => ({ [`${resource}Id`]: byId('={{ $json.id }}') });

/** The five steps of a lifecycle case. */
export function lifecycle(resource, { create, get = {}, update, getMany = {} }) {
	return [
		step(op(resource, 'create', create)),
		step(op(resource, 'get', { ...idOf(resource), ...get })),
		step(op(resource, 'update', { ...idOf(resource), updateFields: update })),
		step(op(resource, 'delete', idOf(resource))),
		step(op(resource, 'getMany', { returnAll: true, ...getMany })),
	];
}

/** The five requests a lifecycle case made, checked for method and path, with the created record's id. */
export function lifecycleRequests(book, name, path) {
	const requests = book.api(name);
	assert.deepEqual(
		requests.map((request) => request.method),
		['POST', 'GET', 'POST', 'DELETE', 'GET'],
	);
	const id = book.output(name, undefined, 'Halo')[0].id;
	assert.ok(id !== undefined);
	const [create, get, update, remove, list] = requests;
	assert.equal(create.path, `/api/${path}`);
	assert.equal(get.path, `/api/${path}/${id}`);
	assert.equal(update.path, `/api/${path}`);
	assert.equal(remove.path, `/api/${path}/${id}`);
	assert.equal(list.path, `/api/${path}`);
	assert.deepEqual(book.output(name, undefined, 'Halo 4'), [{ id, deleted: true }]);
	return { id, create, get, update, remove, list };
}
