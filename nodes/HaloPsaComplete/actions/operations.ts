import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import type { HaloClient } from '../transport';
import { haloList, MAX_PAGE_CONCURRENCY } from '../transport/paging';
import type { WriteRequest } from './batch';
import { toQueryValue } from '../descriptions/fields';
import { bodyFor, collectionValues, moreFilterValues, queryFor, recordId } from './parameters';
import { asRecords, notFound, readRecord } from './records';
import { hasToolDefaults, moreRecordsNote } from '../helpers/toolMode';
import { readRequired } from './required';
import { shapeOutput } from '../helpers/simplify';
import type { OperationKey, ResourceDefinition } from '../helpers/types';

// The standard operations: Create and Update build an element of a POST array (sent in batches by
// batch.ts); Get, Get Many and Delete call Halo at once.

export type Handler = (
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	itemIndex: number,
) => Promise<IDataObject[]>;

/** A create's element for the POST array: required parameters, then Additional Fields. */
function buildCreate(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
): WriteRequest {
	const definition = resource.create!;
	const requiredBody = readRequired.call(this, definition.required, itemIndex);
	const extra = bodyFor.call(
		this,
		definition.fields,
		collectionValues.call(this, 'additionalFields', itemIndex),
		itemIndex,
	);
	return { itemIndex, record: { ...extra, ...requiredBody } };
}

/** An update's element: the record id and the Update Fields set (Halo changes only what is sent). */
function buildUpdate(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
): WriteRequest {
	const definition = resource.update!;
	const id = recordId.call(this, resource, itemIndex);
	const changes = bodyFor.call(
		this,
		definition.fields,
		collectionValues.call(this, 'updateFields', itemIndex),
		itemIndex,
	);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Add at least one Update Field: there is nothing to change',
			{
				itemIndex,
				description: `Open "Update Fields" and pick the ${resource.displayName.toLowerCase()} fields to set.`,
			},
		);
	}
	return {
		itemIndex,
		record: { id, ...readRequired.call(this, definition.required, itemIndex), ...changes },
		id,
	};
}

export const WRITE_BUILDERS: Partial<Record<OperationKey, typeof buildCreate>> = {
	create: buildCreate,
	update: buildUpdate,
};

const get: Handler = async function (client, resource, itemIndex) {
	const id = recordId.call(client.context, resource, itemIndex);
	const qs = queryFor.call(
		client.context,
		resource.get!.options,
		collectionValues.call(client.context, 'options', itemIndex),
		itemIndex,
	);
	Object.assign(
		qs,
		readRequired.call(client.context, resource.get!.required, itemIndex, toQueryValue),
	);
	return shapeOutput.call(
		client.context,
		resource,
		asRecords(await readRecord(client, resource, id, itemIndex, qs)),
		itemIndex,
	);
};

const getMany: Handler = async function (client, resource, itemIndex) {
	const definition = resource.getMany!;
	const returnAll = client.context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: (client.context.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = queryFor.call(
		client.context,
		definition.filters,
		collectionValues.call(client.context, 'filters', itemIndex),
		itemIndex,
	);
	const { pageConcurrency } = collectionValues.call(client.context, 'options', itemIndex);
	const records = await haloList(client, {
		concurrency:
			typeof pageConcurrency === 'number'
				? Math.min(Math.max(1, Math.floor(pageConcurrency)), MAX_PAGE_CONCURRENCY)
				: undefined,
		path: resource.path,
		listKey: resource.listKey,
		pages: resource.pages,
		qs: {
			...moreFilterValues.call(client.context, itemIndex),
			...definition.fixedQuery,
			...filters,
			...readRequired.call(client.context, definition.required, itemIndex, toQueryValue),
		},
		limit,
		itemIndex,
	});
	const shaped = shapeOutput.call(client.context, resource, records, itemIndex);
	// An agent cannot see that a list was cut at its Limit unless the answer says so.
	if (limit !== undefined && records.length >= limit && hasToolDefaults(client.context.getNode()))
		shaped.push({ more: moreRecordsNote(resource, limit) });
	return shaped;
};

const remove: Handler = async function (client, resource, itemIndex) {
	const id = recordId.call(client.context, resource, itemIndex);
	const qs = queryFor.call(
		client.context,
		resource.delete!.options ?? [],
		collectionValues.call(client.context, 'options', itemIndex),
		itemIndex,
	);
	Object.assign(
		qs,
		readRequired.call(client.context, resource.delete!.required, itemIndex, toQueryValue),
	);
	await haloApiRequest(client, {
		method: 'DELETE',
		path: `${resource.path}/${encodeURIComponent(String(id))}`,
		qs,
		itemIndex,
		notFound: notFound(resource, id),
	});
	return [{ id, deleted: true }];
};

export const HANDLERS: Partial<Record<OperationKey, Handler>> = { get, getMany, delete: remove };
