import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { comparableName, governedClient, pathResource } from './access';
import type { ItemOperation, ItemRules, RequestEffect } from './access';
import type { HaloClient } from '../transport';
import { allDocumentedPaths } from '../helpers/apiIndex';
import type { ClientOwnership, ExtraAction, ResourceDefinition } from '../helpers/types';
import { UPSERT_OPERATION } from '../helpers/names';

/**
 * What each operation does to HaloPSA's data, as the engine knows it, told to the transport with
 * the item's operation (guards/access.ts checks it against the credential's Access Level).
 */

/** The boolean parameter Preview (Dry Run), on every operation that writes (actions/preview.ts). */
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
export function namesOf(resource: ResourceDefinition): string[] {
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

/** The first segment of every path of Halo's document (what API Request reaches), read once. */
let documentNames: Set<string> | undefined;

/**
 * What Allowed Resources may name: every resource's value, display name and API path, and the
 * first segment of every path of Halo's document.
 */
export function knownNames(resources: Iterable<ResourceDefinition>): (name: string) => boolean {
	const documented = (documentNames ??= new Set(
		allDocumentedPaths().map((entry) => pathResource(entry.path)),
	));
	const known = new Set<string>();
	for (const resource of resources)
		for (const name of namesOf(resource)) known.add(comparableName(name));
	return (name) => {
		const comparable = comparableName(name);
		return known.has(comparable) || documented.has(comparable);
	};
}

/**
 * The action node's run's client: its rules say what each item's requests are part of
 * (guards/access.ts): the operation by name, the resource it works on, and whether it is a
 * preview. `labels` holds "Client › Update" for each item, filled as items are planned. A request
 * of no item is refused.
 */
export function runClient(
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
	labels: Map<number, string>,
): HaloClient<IExecuteFunctions> {
	const known = new Map<number, ItemOperation>();
	const describe = (itemIndex: number): ItemOperation | undefined => {
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
			owner: byPath ? CUSTOM_API_CALL_OWNER : resource.owner,
		};
		known.set(itemIndex, described);
		return described;
	};
	return governedClient(this, {
		operationOf: (itemIndex) => (itemIndex === undefined ? undefined : describe(itemIndex)),
		isKnownName: knownNames(resources.values()),
	});
}

/** API Request reaches any path: what it touches cannot be proven to be an allowed client's. */
const CUSTOM_API_CALL_OWNER: ClientOwnership = {
	kind: 'unprovable',
	why: 'API Request can call any path, and nothing says whose data it touches',
};

/** Rules for an entry point whose every request is part of one operation (a trigger, a loader). */
export function singleOperationRules(
	resources: Iterable<ResourceDefinition>,
	operation: ItemOperation,
): ItemRules {
	return { operationOf: () => operation, isKnownName: knownNames(resources) };
}

/**
 * An editor loader's client. Its requests are part of the operation being edited: they are judged
 * by the resource the node is set to (the lists a Ticket form picks from are Ticket's, as the reads
 * a Ticket operation makes are), and they only read.
 */
export function loaderClient(
	this: ILoadOptionsFunctions,
	resources: ResourceDefinition[],
	defaultResource: string,
): HaloClient<ILoadOptionsFunctions> {
	const parameters = (this.getCurrentNodeParameters() ?? {}) as IDataObject;
	const value = String(parameters.resource ?? defaultResource);
	const resource = resources.find((candidate) => candidate.value === value);
	const name = resource?.displayName ?? value;
	return governedClient(
		this,
		singleOperationRules(resources, {
			label: (method, path) => `${name} › the editor’s list (${method} /api${path})`,
			resourceNames: () => (resource ? namesOf(resource) : []),
			preview: false,
			effect: 'read',
		}),
	);
}
