import type { IExecuteFunctions } from 'n8n-workflow';

import { describeItems, pathResource } from '../transport/access';
import type { ItemOperation, RequestEffect } from '../transport/access';
import type { ExtraAction, ResourceDefinition } from './types';
import { UPSERT_OPERATION } from './upsert';

/**
 * What each operation does to HaloPSA's data, as the engine knows it, told to the transport with
 * the item's operation (transport/access.ts checks it against the credential's Access Level).
 */

/** The boolean parameter Preview (Dry Run), on every operation that writes (engine/preview.ts). */
export const PREVIEW_PARAMETER = 'preview';

export function isPreview(this: IExecuteFunctions, itemIndex: number): boolean {
	return this.getNodeParameter(PREVIEW_PARAMETER, itemIndex, false) === true;
}

/** What an extra action does to Halo's data; API Request answers by its method (undefined here). */
export function actionEffect(action: ExtraAction): RequestEffect | undefined {
	if (action.kind === 'customApiCall') return undefined;
	if (action.kind === 'runReport' || action.kind === 'runSql' || action.kind === 'download')
		return 'read';
	if (action.kind === 'upload') return 'write';
	if (action.method === 'GET') return 'read';
	return action.method === 'DELETE' ? 'delete' : 'write';
}

/** What an operation does as a whole; undefined where each request says (API Request). */
export function operationEffect(
	resource: ResourceDefinition,
	operation: string,
): RequestEffect | undefined {
	if (operation === 'create' || operation === 'update' || operation === UPSERT_OPERATION)
		return 'write';
	if (operation === 'delete') return 'delete';
	if (operation === 'get' || operation === 'getMany') return 'read';
	const action = resource.extraActions?.find((candidate) => candidate.value === operation);
	return action ? actionEffect(action) : undefined;
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
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
	labels: Map<number, string>,
): void {
	const known = new Map<number, ItemOperation>();
	describeItems(this, (itemIndex) => {
		const cached = known.get(itemIndex);
		if (cached) return cached;
		const label = labels.get(itemIndex);
		const resource = resources.get(String(this.getNodeParameter('resource', itemIndex, '')));
		if (label === undefined || resource === undefined) return undefined;
		const operation = String(this.getNodeParameter('operation', itemIndex, ''));
		const action = resource.extraActions?.find((candidate) => candidate.value === operation);
		const byPath = action?.kind === 'customApiCall';
		const described: ItemOperation = {
			label: byPath
				? (method, path) => `${resource.displayName} › ${method} /api${path}`
				: () => label,
			resourceNames: byPath
				? (path) => namesOfPath(resources.values(), path)
				: () => namesOf(resource),
			preview: isPreview.call(this, itemIndex),
			effect: operationEffect(resource, operation),
		};
		known.set(itemIndex, described);
		return described;
	});
}
