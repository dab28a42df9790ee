import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { haloList, MAX_PAGE_CONCURRENCY } from '../transport/paging';
import { BatchWriter, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from './batch';
import type { WriteRequest, WriteResults } from './batch';
import { idParameterName } from './description';
import { runExtraKind } from './extraKinds';
import { maskSecretParameters, withoutSecrets } from './secrets';
import {
	collectQueryValues,
	collectValues,
	fieldLabel,
	labelFromName,
	toBodyValue,
	toQueryValue,
} from './fields';
import { parseRecordId } from './ids';
import { assertAtLeastOne, readRequired } from './required';
import { resolvePickedCustomFields } from './customFields';
import { describeRunItems, isPreview } from './operationAccess';
import { previewItem } from './preview';
import { shapeOutput } from './simplify';
import type {
	ExtraAction,
	ExtraActionRequest,
	HaloField,
	OperationKey,
	ResourceDefinition,
} from './types';
import { UPSERT_OPERATION, runUpsert } from './upsert';

type Handler = (
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
) => Promise<IDataObject[]>;

function recordId(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
): string | number {
	const raw = this.getNodeParameter(idParameterName(resource), itemIndex, '', {
		extractValue: true,
	});
	const parsed = parseRecordId(resource.idType, raw, `${resource.displayName} ID`);
	if ('problem' in parsed)
		throw new NodeOperationError(this.getNode(), parsed.problem, { itemIndex });
	return parsed.id;
}

function collectionValues(this: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	return this.getNodeParameter(name, itemIndex, {}) as IDataObject;
}

function asItems(answer: unknown): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	if (answer === undefined || answer === null || answer === '') return [];
	return [
		typeof answer === 'object'
			? (answer as IDataObject)
			: { result: answer as string | number | boolean },
	];
}

function notFound(resource: ResourceDefinition, id: string | number): string {
	return `No ${resource.displayName} with ID ${id} exists in HaloPSA`;
}

function bodyFor(
	this: IExecuteFunctions,
	fields: HaloField[],
	input: IDataObject,
	itemIndex: number,
): IDataObject {
	const { values, problem } = collectValues(fields, input, toBodyValue);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return values;
}

function queryFor(
	this: IExecuteFunctions,
	fields: HaloField[],
	input: IDataObject,
	itemIndex: number,
): IDataObject {
	const { values, problem } = collectQueryValues(fields, input);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return values;
}

/** A create's element for the POST array: required parameters, then Additional Fields. */
function buildCreate(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
): WriteRequest {
	const definition = resource.create!;
	const requiredBody = readRequired(this, definition.required, itemIndex);
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
		record: { id, ...readRequired(this, definition.required, itemIndex), ...changes },
		id,
	};
}

const WRITE_BUILDERS: Partial<Record<OperationKey, typeof buildCreate>> = {
	create: buildCreate,
	update: buildUpdate,
};

function readRecord(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	id: string | number,
	itemIndex: number,
	qs?: IDataObject,
): Promise<unknown> {
	return haloApiRequest.call(this, {
		method: 'GET',
		path: `${resource.path}/${encodeURIComponent(String(id))}`,
		qs,
		itemIndex,
		notFound: notFound(resource, id),
	});
}

const get: Handler = async function (resource, itemIndex) {
	const id = recordId.call(this, resource, itemIndex);
	const qs = queryFor.call(
		this,
		resource.get!.options,
		collectionValues.call(this, 'options', itemIndex),
		itemIndex,
	);
	Object.assign(qs, readRequired(this, resource.get!.required, itemIndex, toQueryValue));
	return shapeOutput.call(
		this,
		resource,
		asItems(await readRecord.call(this, resource, id, itemIndex, qs)),
		itemIndex,
	);
};

const getMany: Handler = async function (resource, itemIndex) {
	const definition = resource.getMany!;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = queryFor.call(
		this,
		definition.filters,
		collectionValues.call(this, 'filters', itemIndex),
		itemIndex,
	);
	const { pageConcurrency } = collectionValues.call(this, 'options', itemIndex);
	const records = await haloList.call(this, {
		concurrency:
			typeof pageConcurrency === 'number'
				? Math.min(Math.max(1, Math.floor(pageConcurrency)), MAX_PAGE_CONCURRENCY)
				: undefined,
		path: resource.path,
		listKey: resource.listKey,
		pages: resource.pages,
		qs: {
			...moreFilterValues.call(this, itemIndex),
			...definition.fixedQuery,
			...filters,
			...readRequired(this, definition.required, itemIndex, toQueryValue),
		},
		limit,
		itemIndex,
	});
	return shapeOutput.call(this, resource, records, itemIndex);
};

function moreFilterValues(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const { parameter = [] } = this.getNodeParameter('moreFilters', itemIndex, {}) as {
		parameter?: Array<{ name: string; value: string }>;
	};
	const query: IDataObject = {};
	for (const { name, value } of parameter) {
		if (name.trim() !== '' && String(value ?? '').trim() !== '') query[name.trim()] = value;
	}
	return query;
}

const remove: Handler = async function (resource, itemIndex) {
	const id = recordId.call(this, resource, itemIndex);
	const qs = queryFor.call(
		this,
		resource.delete!.options ?? [],
		collectionValues.call(this, 'options', itemIndex),
		itemIndex,
	);
	Object.assign(qs, readRequired(this, resource.delete!.required, itemIndex, toQueryValue));
	await haloApiRequest.call(this, {
		method: 'DELETE',
		path: `${resource.path}/${encodeURIComponent(String(id))}`,
		qs,
		itemIndex,
		notFound: notFound(resource, id),
	});
	return [{ id, deleted: true }];
};

const HANDLERS: Partial<Record<OperationKey, Handler>> = { get, getMany, delete: remove };

interface ExtraActionValues {
	/** The action's parameters and options as Halo names them, with a `spread` object's entries lifted in. */
	values: IDataObject;
	/** The `spread` object itself; empty when the action has none or the user left it out. */
	spread: IDataObject;
}

function extraActionValues(
	this: IExecuteFunctions,
	action: ExtraAction,
	itemIndex: number,
): ExtraActionValues {
	const parameters: IDataObject = {};
	for (const field of action.parameters ?? [])
		parameters[field.key] = this.getNodeParameter(field.key, itemIndex) as IDataObject[string];
	const values = {
		...bodyFor.call(this, action.parameters ?? [], parameters, itemIndex),
		...bodyFor.call(
			this,
			action.options ?? [],
			collectionValues.call(this, 'options', itemIndex),
			itemIndex,
		),
	};
	if (action.spread === undefined || values[action.spread] === undefined)
		return { values, spread: {} };
	const { [action.spread]: spread, ...rest } = values;
	if (typeof spread !== 'object' || spread === null || Array.isArray(spread)) {
		const field = [...(action.parameters ?? []), ...(action.options ?? [])].find(
			(candidate) => candidate.key === action.spread,
		);
		const label = field ? fieldLabel(field) : labelFromName(action.spread);
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be a JSON object, like {"name": "value"}`,
			{ itemIndex },
		);
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
	if (request.body === 'idInArray')
		body = [{ ...values, ...request.fixedBody, [request.idKey ?? 'id']: id }];
	if (request.body === 'jsonParameter')
		body = Object.values(values)[0] as IDataObject | IDataObject[];
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
	assertAtLeastOne(this, action, values.values, itemIndex);
	const { fallback } = action;
	// haloApiRequest throws only NodeApiErrors, so any error but a missing route passes on unchanged.
	const answer = await sendExtraRequest
		.call(this, resource, action, values, itemIndex, id)
		.catch(async (error: unknown) => {
			if (!fallback || !routeMissing(error)) throw error;
			// A 404 may mean "no such record" as well as "no such route": only a record that exists
			// gets the fallback, which would otherwise create one (an update of a missing id).
			if (id !== undefined) await readRecord.call(this, resource, id, itemIndex);
			return sendExtraRequest.call(this, resource, fallback, values, itemIndex, id);
		});
	const items = asItems(answer);
	return items.length > 0 ? items : [{ id: id ?? null, success: true }];
}

function operationLabel(
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
	itemIndex: number,
): string {
	const resource = resources.get(this.getNodeParameter('resource', itemIndex) as string);
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	if (!resource) return operation;
	const extra = resource.extraActions?.find((action) => action.value === operation);
	return `${resource.displayName} › ${extra?.name ?? STANDARD_OPERATION_NAMES[operation] ?? operation}`;
}

const STANDARD_OPERATION_NAMES: Record<string, string> = {
	create: 'Create',
	get: 'Get',
	getMany: 'Get Many',
	update: 'Update',
	delete: 'Delete',
	[UPSERT_OPERATION]: 'Create or Update',
};

function withoutSecretsInItems(
	resource: ResourceDefinition,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: withoutSecrets(resource, [item.json])[0] }));
}

/** What one item asks for: a write to batch with others, or a call to make now. */
type Step = { resource: ResourceDefinition } & (
	| { write: WriteRequest }
	| { run: () => Promise<IDataObject[]> }
	/** Whole n8n items, binary data included (extraKinds.ts, upsert.ts). */
	| { runItems: () => Promise<INodeExecutionData[]> }
);

function planItem(
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
	itemIndex: number,
): Step {
	const resourceValue = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const resource = resources.get(resourceValue);
	if (!resource)
		throw new NodeOperationError(this.getNode(), `Unknown resource "${resourceValue}"`, {
			itemIndex,
		});
	const extra = resource.extraActions?.find((action) => action.value === operation);
	if (extra?.kind) {
		const id = () => (extra.needsId ? recordId.call(this, resource, itemIndex) : undefined);
		return { resource, runItems: () => runExtraKind.call(this, resource, extra, itemIndex, id()) };
	}
	if (operation === UPSERT_OPERATION && resource.upsert)
		return { resource, runItems: () => runUpsert.call(this, resource, itemIndex) };
	if (extra) return { resource, run: () => runExtraAction.call(this, resource, extra, itemIndex) };
	const key = operation as OperationKey;
	const unsupported = resource.unsupported?.[key];
	if (unsupported) throw new NodeOperationError(this.getNode(), unsupported, { itemIndex });
	const builder = WRITE_BUILDERS[key];
	const handler = HANDLERS[key];
	if (resource[key] === undefined || (!builder && !handler)) {
		throw new NodeOperationError(
			this.getNode(),
			`${resource.displayName} has no "${operation}" operation`,
			{ itemIndex },
		);
	}
	if (builder) return { write: builder.call(this, resource, itemIndex), resource };
	return { resource, run: () => handler!.call(this, resource, itemIndex) };
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	}
	return { json, pairedItem: { item: itemIndex } };
}

function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Each item's output, kept by item so the node answers in input order whatever was batched. */
class ItemOutcomes implements WriteResults {
	private readonly items = new Map<number, INodeExecutionData[]>();
	private readonly errors = new Map<number, NodeApiError | NodeOperationError>();

	/** "Client › Update" for each item planned: every error says which operation on which item failed. */
	readonly operations = new Map<number, string>();

	constructor(
		readonly stopsAtFirstError: boolean,
		private readonly safeNode: INode,
		/** An item in Preview (Dry Run) outputs the requests it would send instead (engine/preview.ts). */
		private readonly previewed: (itemIndex: number) => INodeExecutionData | undefined = () =>
			undefined,
	) {}

	get hasError(): boolean {
		return this.errors.size > 0;
	}

	saved(itemIndex: number, records: IDataObject[]): void {
		this.savedItems(
			itemIndex,
			records.map((json) => ({ json })),
		);
	}

	savedItems(itemIndex: number, items: INodeExecutionData[]): void {
		const preview = this.previewed(itemIndex);
		if (preview) items = [preview];
		this.items.set(
			itemIndex,
			items.map((item) => ({ ...item, pairedItem: { item: itemIndex } })),
		);
	}

	failed(itemIndex: number, error: NodeApiError | NodeOperationError): void {
		const operation = this.operations.get(itemIndex);
		const where = `${operation ? `${operation}, ` : ''}item ${itemIndex + 1}.`;
		if (!error.description?.startsWith(where))
			error.description = `${where}${error.description ? ` ${error.description}` : ''}`;
		// `node` is read-only in the typings only; n8n reads it when it stores the error.
		Object.assign(error, { node: this.safeNode });
		this.errors.set(itemIndex, error);
	}

	unconfirmed(batch: WriteRequest[], answer: unknown, message: string): void {
		for (const request of batch) {
			this.items.set(request.itemIndex, [
				{
					json: { outcome: 'unconfirmed', message, sent: request.record },
					pairedItem: { item: request.itemIndex },
				},
			]);
		}
		const first = batch[0].itemIndex;
		const everyItem = batch.map((request) => ({ item: request.itemIndex }));
		this.items.get(first)?.push({
			json: { outcome: 'batchAnswer', answer: answer as IDataObject },
			pairedItem: everyItem,
		});
	}

	/** The output, in item order; without Continue On Fail the first error is thrown instead. */
	output(count: number): INodeExecutionData[] {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			const error = this.errors.get(itemIndex);
			if (error && this.stopsAtFirstError) throw error;
			if (error) output.push(errorItem(error, itemIndex));
			else output.push(...(this.items.get(itemIndex) ?? []));
		}
		return output;
	}
}

function batchSizeOf(this: IExecuteFunctions, itemIndex: number): number {
	const { batchSize } = collectionValues.call(this, 'options', itemIndex);
	const size =
		typeof batchSize === 'number' && Number.isFinite(batchSize)
			? Math.floor(batchSize)
			: DEFAULT_BATCH_SIZE;
	return Math.min(Math.max(1, size), MAX_BATCH_SIZE);
}

/**
 * Runs the chosen operation for every input item, keeping paired items and Continue On Fail.
 * Creates and updates of consecutive items go to Halo together, as POST arrays of Batch Size.
 */
export async function executeResources(
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	const previews = new Map<number, () => INodeExecutionData>();
	const outcomes = new ItemOutcomes(
		!this.continueOnFail(),
		maskSecretParameters(this.getNode(), resources.values()),
		(itemIndex) => previews.get(itemIndex)?.(),
	);
	describeRunItems(this, resources, outcomes.operations);
	const writer = new BatchWriter(this, outcomes, MAX_BATCH_SIZE);
	let previewing = false;
	for (
		let itemIndex = 0;
		itemIndex < count && !(outcomes.stopsAtFirstError && outcomes.hasError);
		itemIndex++
	) {
		try {
			outcomes.operations.set(itemIndex, operationLabel.call(this, resources, itemIndex));
			const step = planItem.call(this, resources, itemIndex);
			const preview = isPreview(this, itemIndex);
			if (preview) {
				const label = outcomes.operations.get(itemIndex) ?? '';
				previews.set(itemIndex, () => previewItem(this, step.resource, label, itemIndex));
			}
			if ('write' in step) {
				// Previews and real writes never share a batch: one is held back, the other sent.
				if (preview !== previewing) await writer.flush();
				previewing = preview;
				const write = await resolvePickedCustomFields.call(this, step.resource, step.write);
				await writer.add(step.resource, write, batchSizeOf.call(this, itemIndex));
				continue;
			}
			await writer.flush();
			if ('runItems' in step)
				outcomes.savedItems(itemIndex, withoutSecretsInItems(step.resource, await step.runItems()));
			else outcomes.saved(itemIndex, withoutSecrets(step.resource, await step.run()));
		} catch (error) {
			// Items before this one, still waiting in a batch, are sent as they would have been one by one.
			if (outcomes.stopsAtFirstError) await writer.flush();
			outcomes.failed(itemIndex, asNodeError(this, error, itemIndex));
		}
	}
	await writer.flush();
	return [outcomes.output(count)];
}
