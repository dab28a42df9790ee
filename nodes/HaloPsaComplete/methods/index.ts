import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { apiRequestOptionsMethods, apiRequestSearchMethods } from './apiRequestEditor';
import { CUSTOM_FIELD_OPTIONS_METHOD } from '../helpers/names';
import { customFieldOptionsMethod } from './customFieldOptions';
import { listSearchMethods } from './listSearch';
import { describeLoader } from '../guards/operationAccess';
import { dropdownOptions, searchPicker } from './referenceLoaders';
import { refOptionsMethodName, refSearchMethodName } from '../descriptions/references';
import type { HaloReference, ResourceDefinition } from '../helpers/types';

/**
 * Every method the editor calls (record locators' searches, dropdowns), in one registry: a new
 * picker is registered here, and the node file only hands this to n8n. Each one first tells the
 * transport the rules its requests are judged by (the credential's Access Level and Allowed
 * Resources hold in the editor too), so no loader can reach Halo without them.
 */
export function editorMethods(
	resources: ResourceDefinition[],
	defaultResource: string,
): NonNullable<INodeType['methods']> {
	const governed = <M extends SearchMethod | OptionsMethod>(methods: Record<string, M>) =>
		Object.fromEntries(
			Object.entries(methods).map(([name, method]) => [
				name,
				async function (this: ILoadOptionsFunctions, ...args: Parameters<M>) {
					describeLoader.call(this, resources, defaultResource);
					return await (method as (...a: unknown[]) => Promise<unknown>).apply(this, args);
				},
			]),
		) as Record<string, M>;
	return {
		listSearch: governed<SearchMethod>({
			...listSearchMethods(resources),
			...referenceSearchMethods(resources),
			...apiRequestSearchMethods,
		}),
		loadOptions: governed<OptionsMethod>({
			...referenceOptionsMethods(resources),
			...apiRequestOptionsMethods,
			[CUSTOM_FIELD_OPTIONS_METHOD]: customFieldOptionsMethod(resources),
		}),
	};
}

function referencesOf(resources: ResourceDefinition[]): HaloReference[] {
	const fields = resources.flatMap((resource) => [
		...(resource.create ? [...resource.create.required, ...resource.create.fields] : []),
		...(resource.update?.fields ?? []),
		...(resource.get?.options ?? []),
		...(resource.getMany?.filters ?? []),
		...(resource.delete?.options ?? []),
		...(resource.extraActions ?? []).flatMap((action) => [
			...(action.parameters ?? []),
			...(action.options ?? []),
		]),
	]);
	const byName = new Map<string, HaloReference>();
	for (const field of fields) if (field.ref) byName.set(field.ref.name, field.ref);
	return [...byName.values()];
}

type SearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;
type OptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** "From list" methods of every list-picker reference the resources' fields use. */
function referenceSearchMethods(resources: ResourceDefinition[]): Record<string, SearchMethod> {
	return Object.fromEntries(
		referencesOf(resources)
			.filter((ref) => ref.picker === 'list')
			.map((ref) => [
				refSearchMethodName(ref),
				async function (this: ILoadOptionsFunctions, filter?: string, token?: string) {
					return searchPicker.call(this, ref, filter, token);
				},
			]),
	);
}

/** Dropdown methods of every dropdown reference the resources' fields use. */
function referenceOptionsMethods(resources: ResourceDefinition[]): Record<string, OptionsMethod> {
	return Object.fromEntries(
		referencesOf(resources)
			.filter((ref) => ref.picker === 'dropdown')
			.map((ref) => [
				refOptionsMethodName(ref),
				async function (this: ILoadOptionsFunctions) {
					return dropdownOptions.call(this, ref);
				},
			]),
	);
}
