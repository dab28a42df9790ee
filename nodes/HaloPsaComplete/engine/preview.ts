import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { describeItems, pathResource } from '../transport/access';
import type { ItemOperation, RequestEffect } from '../transport/access';
import { previewOf } from '../transport/dryRun';
import type { PlannedRequest } from '../transport/dryRun';
import { withoutSecrets } from './secrets';
import type { ExtraAction, ResourceDefinition } from './types';
import { UPSERT_OPERATION } from './upsert';

/**
 * Preview (Dry Run) on every operation that writes: the transport holds the writes back
 * (transport/dryRun.ts) and each item outputs, instead of Halo's answer, the requests it would
 * have sent, in order and as they would be sent, with what decided them.
 */

export const PREVIEW_PARAMETER = 'preview';

/** Methods API Request can write with (every one but GET). */
const WRITING_METHODS: IHttpRequestMethods[] = ['DELETE', 'PATCH', 'POST', 'PUT'];

/** What an extra action does to Halo's data; API Request answers by its method (undefined here). */
export function actionEffect(action: ExtraAction): RequestEffect | undefined {
	if (action.kind === 'customApiCall') return undefined;
	if (action.kind === 'runReport' || action.kind === 'runSql' || action.kind === 'download')
		return 'read';
	if (action.kind === 'upload') return 'write';
	if (action.method === 'GET') return 'read';
	return action.method === 'DELETE' ? 'delete' : 'write';
}

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

export function isPreview(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNodeParameter(PREVIEW_PARAMETER, itemIndex, false) === true;
}

/** A request as the preview shows it: secrets the user typed are masked, as in every output. */
function shown(
	resource: ResourceDefinition,
	request: PlannedRequest,
	itemIndex: number,
): IDataObject {
	const body = Array.isArray(request.body)
		? withoutSecrets(resource, request.body)
		: request.body !== undefined
			? withoutSecrets(resource, [request.body])[0]
			: undefined;
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
	ctx: IExecuteFunctions,
	resource: ResourceDefinition,
	operation: string,
	itemIndex: number,
): INodeExecutionData {
	const { requests, note } = previewOf(ctx, itemIndex);
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

/** The names Allowed Resources may use for a resource: its value, display name and API path. */
function namesOf(resource: ResourceDefinition): string[] {
	return [resource.value, resource.displayName, pathResource(resource.path)];
}

/** API Request: the resources whose API path the request's path is below, and that path itself. */
function namesOfPath(resources: Iterable<ResourceDefinition>, path: string): string[] {
	const segment = pathResource(path);
	const names = [segment];
	for (const resource of resources)
		if (pathResource(resource.path) === segment) names.push(...namesOf(resource));
	return names;
}

/**
 * Tells the transport what each item's requests are part of (transport/access.ts): the operation
 * by name, the resource it works on, and whether it is a preview. `labels` holds "Client › Update"
 * for each item, filled as items are planned.
 */
export function describeRunItems(
	ctx: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
	labels: Map<number, string>,
): void {
	const known = new Map<number, ItemOperation>();
	describeItems(ctx, (itemIndex) => {
		const cached = known.get(itemIndex);
		if (cached) return cached;
		const label = labels.get(itemIndex);
		const resource = resources.get(String(ctx.getNodeParameter('resource', itemIndex, '')));
		if (label === undefined || resource === undefined) return undefined;
		const operation = String(ctx.getNodeParameter('operation', itemIndex, ''));
		const action = resource.extraActions?.find((candidate) => candidate.value === operation);
		const byPath = action?.kind === 'customApiCall';
		const described: ItemOperation = {
			label: byPath
				? (method, path) => `${resource.displayName} › ${method} /api${path}`
				: () => label,
			resourceNames: byPath
				? (path) => namesOfPath(resources.values(), path)
				: () => namesOf(resource),
			preview: isPreview(ctx, itemIndex),
		};
		known.set(itemIndex, described);
		return described;
	});
}
