import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { PREVIEW_PARAMETER, actionEffect } from '../guards/operationAccess';
import type { ResourceDefinition } from '../helpers/types';
import { UPSERT_OPERATION } from '../helpers/names';
import type { HaloClient, PlannedRequest } from '../transport';

/**
 * Preview (Dry Run) on every operation that writes: the transport holds the writes back
 * (guards/previewHold.ts) and each item outputs, instead of Halo's answer, the requests it would
 * have sent, in order and as they would be sent, with what decided them.
 */

/** Methods API Request can write with (every one but GET). */
const WRITING_METHODS: IHttpRequestMethods[] = ['DELETE', 'PATCH', 'POST', 'PUT'];

function writingOperations(resource: ResourceDefinition): string[] {
	const standard = (['create', 'update', 'delete'] as const).filter(
		(key) => resource[key] !== undefined && resource.unsupported?.[key] === undefined,
	);
	const upsert = resource.upsert && resource.create ? [UPSERT_OPERATION] : [];
	const extra = (resource.extraActions ?? [])
		.filter((action) => {
			const effect = actionEffect(action);
			return effect !== undefined && effect !== 'read';
		})
		.map((action) => action.value);
	return [...standard, ...upsert, ...extra];
}

const PREVIEW_PROPERTY: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Preview (Dry Run)',
	name: PREVIEW_PARAMETER,
	type: 'boolean',
	default: false,
	description:
		'Whether to send nothing that changes HaloPSA and output, for each item, the requests a real run would send (method, path, query, body) and how items would be batched. Reads that decide them, such as a Create or Update match, are made.',
};

export function previewProperties(resource: ResourceDefinition): INodeProperties[] {
	const properties: INodeProperties[] = [];
	const operations = writingOperations(resource);
	if (operations.length > 0)
		properties.push({
			...PREVIEW_PROPERTY,
			displayOptions: { show: { resource: [resource.value], operation: operations } },
		});
	for (const action of resource.extraActions ?? []) {
		if (action.kind !== 'customApiCall') continue;
		properties.push({
			...PREVIEW_PROPERTY,
			displayOptions: {
				show: { resource: [resource.value], operation: [action.value], method: WRITING_METHODS },
			},
		});
	}
	return properties;
}

/** A request as the preview shows it (secrets are masked where every item leaves: ItemOutcomes). */
function shown(
	resource: ResourceDefinition,
	request: PlannedRequest,
	itemIndex: number,
): IDataObject {
	const body = request.body;
	const entry: IDataObject = {
		method: request.method,
		path: request.path,
		...(request.query ? { query: request.query } : {}),
		...(body !== undefined ? { body } : {}),
		sent: request.sent,
	};
	if (request.itemIndexes.length > 1)
		entry.batch = {
			size: request.itemIndexes.length,
			position: request.itemIndexes.indexOf(itemIndex) + 1,
			itemIndexes: request.itemIndexes,
		};
	if (request.realRun) entry.realRun = request.realRun;
	return entry;
}

/** The item's own element of a write: its record in a batch, or the whole body. */
function ownElement(request: PlannedRequest, itemIndex: number): IDataObject | undefined {
	if (Array.isArray(request.body)) {
		const position = request.itemIndexes.length > 1 ? request.itemIndexes.indexOf(itemIndex) : 0;
		return request.body[position];
	}
	return request.body;
}

/**
 * The preview item of an item that ran in preview: the writes held back (`requests`, with `sent:
 * false`) and the reads made to decide them (`sent: true`), in order; what the engine noted (the
 * upsert's outcome and match); and the custom fields array the item's write carries, merged.
 */
export function previewItem(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	operation: string,
	itemIndex: number,
): INodeExecutionData {
	const { requests, note } = client.preview.of(itemIndex);
	const writes = requests.filter((request) => !request.sent);
	const json: IDataObject = {
		preview: true,
		operation,
		summary:
			writes.length === 0
				? 'A real run would send no write'
				: `A real run would send ${writes.length === 1 ? '1 request' : `${writes.length} requests`} that change HaloPSA: ${writes.map((request) => `${request.method} ${request.path}`).join(', ')}`,
		requests: requests.map((request) => shown(resource, request, itemIndex)),
		...note,
	};
	const customfields = writes
		.map((request) => ownElement(request, itemIndex)?.customfields)
		.find((value) => Array.isArray(value));
	if (customfields) json.customfields = customfields;
	return { json, pairedItem: { item: itemIndex } };
}
