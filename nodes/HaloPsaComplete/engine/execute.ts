import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { haloList } from '../transport/paging';
import { idParameterName } from './description';
import { collectValues, fieldLabel, labelFromName, toBodyValue, toQueryValue } from './fields';
import type { ExtraAction, ExtraActionRequest, HaloField, OperationKey, ResourceDefinition } from './types';

type Handler = (this: IExecuteFunctions, resource: ResourceDefinition, itemIndex: number) => Promise<IDataObject[]>;

function recordId(this: IExecuteFunctions, resource: ResourceDefinition, itemIndex: number): string | number {
	const raw = this.getNodeParameter(idParameterName(resource), itemIndex, '', { extractValue: true });
	const text = String(raw ?? '').trim();
	if (text === '') {
		throw new NodeOperationError(this.getNode(), `${resource.displayName} ID is required`, { itemIndex });
	}
	if (resource.idType === 'number') {
		if (!/^\d+$/.test(text)) {
			throw new NodeOperationError(this.getNode(), `${resource.displayName} ID must be a whole number, not "${text}"`, {
				itemIndex,
			});
		}
		return Number(text);
	}
	return text;
}

function collectionValues(this: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	return this.getNodeParameter(name, itemIndex, {}) as IDataObject;
}

function asItems(answer: unknown): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	if (answer === undefined || answer === null || answer === '') return [];
	return [typeof answer === 'object' ? (answer as IDataObject) : { result: answer as string | number | boolean }];
}

function notFound(resource: ResourceDefinition, id: string | number): string {
	return `No ${resource.displayName} with ID ${id} exists in HaloPSA`;
}

function convertValues(
	this: IExecuteFunctions,
	fields: HaloField[],
	input: IDataObject,
	itemIndex: number,
	convert: typeof toBodyValue | typeof toQueryValue,
): IDataObject {
	const { values, problem } = collectValues(fields, input, convert);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return values;
}

function bodyFor(this: IExecuteFunctions, fields: HaloField[], input: IDataObject, itemIndex: number): IDataObject {
	return convertValues.call(this, fields, input, itemIndex, toBodyValue);
}

function queryFor(this: IExecuteFunctions, fields: HaloField[], input: IDataObject, itemIndex: number): IDataObject {
	return convertValues.call(this, fields, input, itemIndex, toQueryValue);
}

/** Halo creates and updates with the same call: POST an array; an element with `id` updates. */
async function upsert(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	record: IDataObject,
	bodyIsObject: boolean | undefined,
	itemIndex: number,
	id?: string | number,
): Promise<IDataObject[]> {
	const answer = await haloApiRequest.call(this, {
		method: 'POST',
		path: resource.path,
		body: bodyIsObject ? record : [record],
		itemIndex,
		notFound: id === undefined ? undefined : notFound(resource, id),
	});
	return asItems(answer);
}

const create: Handler = async function (resource, itemIndex) {
	const definition = resource.create!;
	const required: IDataObject = {};
	for (const field of definition.required) {
		const value = this.getNodeParameter(field.key, itemIndex);
		if (typeof value === 'string' && value.trim() === '') {
			throw new NodeOperationError(this.getNode(), `${fieldLabel(field)} is required`, { itemIndex });
		}
		required[field.key] = value as IDataObject[string];
	}
	const requiredBody = bodyFor.call(this, definition.required, required, itemIndex);
	const extra = bodyFor.call(this, definition.fields, collectionValues.call(this, 'additionalFields', itemIndex), itemIndex);
	return upsert.call(this, resource, { ...extra, ...requiredBody }, definition.bodyIsObject, itemIndex);
};

const update: Handler = async function (resource, itemIndex) {
	const definition = resource.update!;
	const id = recordId.call(this, resource, itemIndex);
	const changes = bodyFor.call(this, definition.fields, collectionValues.call(this, 'updateFields', itemIndex), itemIndex);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one Update Field: there is nothing to change', {
			itemIndex,
			description: `Open "Update Fields" and pick the ${resource.displayName.toLowerCase()} fields to set.`,
		});
	}
	return upsert.call(this, resource, { id, ...changes }, definition.bodyIsObject, itemIndex, id);
};

const get: Handler = async function (resource, itemIndex) {
	const id = recordId.call(this, resource, itemIndex);
	const qs = queryFor.call(this, resource.get!.options, collectionValues.call(this, 'options', itemIndex), itemIndex);
	const answer = await haloApiRequest.call(this, {
		method: 'GET',
		path: `${resource.path}/${encodeURIComponent(String(id))}`,
		qs,
		itemIndex,
		notFound: notFound(resource, id),
	});
	return asItems(answer);
};

const getMany: Handler = async function (resource, itemIndex) {
	const definition = resource.getMany!;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = queryFor.call(this, definition.filters, collectionValues.call(this, 'filters', itemIndex), itemIndex);
	return haloList.call(this, {
		path: resource.path,
		listKey: resource.listKey,
		pages: resource.pages,
		qs: { ...moreFilterValues.call(this, itemIndex), ...definition.fixedQuery, ...filters },
		limit,
		itemIndex,
	});
};

function moreFilterValues(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const { parameter = [] } = this.getNodeParameter('moreFilters', itemIndex, {}) as {
		parameter?: Array<{ name: string; value: string }>;
	};
	const query: IDataObject = {};
	for (const { name, value } of parameter) if (name.trim() !== '') query[name.trim()] = value;
	return query;
}

const remove: Handler = async function (resource, itemIndex) {
	const id = recordId.call(this, resource, itemIndex);
	const qs = queryFor.call(this, resource.delete!.options ?? [], collectionValues.call(this, 'options', itemIndex), itemIndex);
	await haloApiRequest.call(this, {
		method: 'DELETE',
		path: `${resource.path}/${encodeURIComponent(String(id))}`,
		qs,
		itemIndex,
		notFound: notFound(resource, id),
	});
	return [{ id, deleted: true }];
};

const HANDLERS: Record<OperationKey, Handler> = { create, get, getMany, update, delete: remove };

interface ExtraActionValues {
	/** The action's parameters and options as Halo names them, with a `spread` object's entries lifted in. */
	values: IDataObject;
	/** The `spread` object itself; empty when the action has none or the user left it out. */
	spread: IDataObject;
}

function extraActionValues(this: IExecuteFunctions, action: ExtraAction, itemIndex: number): ExtraActionValues {
	const parameters: IDataObject = {};
	for (const field of action.parameters ?? []) parameters[field.key] = this.getNodeParameter(field.key, itemIndex) as IDataObject[string];
	const values = {
		...bodyFor.call(this, action.parameters ?? [], parameters, itemIndex),
		...bodyFor.call(this, action.options ?? [], collectionValues.call(this, 'options', itemIndex), itemIndex),
	};
	if (action.spread === undefined || values[action.spread] === undefined) return { values, spread: {} };
	const { [action.spread]: spread, ...rest } = values;
	if (typeof spread !== 'object' || spread === null || Array.isArray(spread)) {
		const field = [...(action.parameters ?? []), ...(action.options ?? [])].find((candidate) => candidate.key === action.spread);
		const label = field ? fieldLabel(field) : labelFromName(action.spread);
		throw new NodeOperationError(this.getNode(), `${label} must be a JSON object, like {"name": "value"}`, { itemIndex });
	}
	return { values: { ...(spread as IDataObject), ...rest }, spread: spread as IDataObject };
}

async function sendExtraRequest(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	request: ExtraActionRequest,
	{ values, spread }: ExtraActionValues,
	itemIndex: number,
	id?: string | number,
): Promise<unknown> {
	let body: IDataObject | IDataObject[] | undefined;
	// The record id goes last so nothing the user typed can redirect the call to another record.
	if (request.body === 'idInArray') body = [{ ...values, ...request.fixedBody, id }];
	if (request.body === 'jsonParameter') body = Object.values(values)[0] as IDataObject | IDataObject[];
	if (request.body === 'spreadObject') body = spread;
	return haloApiRequest.call(this, {
		method: request.method,
		path: request.path.replace('{id}', encodeURIComponent(String(id ?? ''))),
		body,
		itemIndex,
		notFound: id === undefined ? undefined : notFound(resource, id),
	});
}

function routeMissing(error: unknown): boolean {
	return error instanceof NodeApiError && (error.httpCode === '404' || error.httpCode === '405');
}

async function runExtraAction(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
): Promise<IDataObject[]> {
	const id = action.needsId ? recordId.call(this, resource, itemIndex) : undefined;
	const values = extraActionValues.call(this, action, itemIndex);
	const { fallback } = action;
	// haloApiRequest throws only NodeApiErrors, so any error but a missing route passes on unchanged.
	const answer = await sendExtraRequest.call(this, resource, action, values, itemIndex, id).catch((error: unknown) => {
		if (fallback && routeMissing(error)) return sendExtraRequest.call(this, resource, fallback, values, itemIndex, id);
		throw error;
	});
	const items = asItems(answer);
	return items.length > 0 ? items : [{ id: id ?? null, success: true }];
}

async function runOperation(
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
	itemIndex: number,
): Promise<IDataObject[]> {
	const resourceValue = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const resource = resources.get(resourceValue);
	if (!resource) throw new NodeOperationError(this.getNode(), `Unknown resource "${resourceValue}"`, { itemIndex });
	const extra = resource.extraActions?.find((action) => action.value === operation);
	if (extra) return runExtraAction.call(this, resource, extra, itemIndex);
	const key = operation as OperationKey;
	const unsupported = resource.unsupported?.[key];
	if (unsupported) throw new NodeOperationError(this.getNode(), unsupported, { itemIndex });
	if (!(key in HANDLERS) || resource[key] === undefined) {
		throw new NodeOperationError(this.getNode(), `${resource.displayName} has no "${operation}" operation`, { itemIndex });
	}
	return HANDLERS[key].call(this, resource, itemIndex);
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	}
	return { json, pairedItem: { item: itemIndex } };
}

/** Runs the chosen operation once per input item, keeping paired items and Continue On Fail. */
export async function executeResources(
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await runOperation.call(this, resources, itemIndex);
			output.push(...results.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			if (this.continueOnFail()) {
				output.push(errorItem(error as Error, itemIndex));
				continue;
			}
			throw error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [output];
}
