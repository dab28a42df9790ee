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
import { loaderClient } from '../guards/operationAccess';
import { dropdownOptions, searchPicker } from './referenceLoaders';
import type { EditorOptions, EditorSearch, LoaderClient } from './referenceLoaders';
import { refOptionsMethodName, refSearchMethodName } from '../descriptions/references';
import type { HaloReference, ResourceDefinition } from '../helpers/types';

/**
 * Every method the editor calls (record locators' searches, dropdowns), in one registry: a new
 * picker is registered here, and the node file only hands this to n8n. Each call makes its
 * loader's client, with the rules its requests are judged by (the credential's Access Level and
 * Allowed Resources hold in the editor too), and the methods take nothing else to reach Halo.
 */
export function editorMethods(
	resources: ResourceDefinition[],
	defaultResource: string,
): NonNullable<INodeType['methods']> {
	const client = (context: ILoadOptionsFunctions) =>
		loaderClient.call(context, resources, defaultResource);
	const searches = (methods: Record<string, EditorSearch>): Record<string, SearchMethod> =>
		Object.fromEntries(
			Object.entries(methods).map(([name, method]) => [
				name,
				async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
					return await method(client(this), filter, paginationToken);
				},
			]),
		);
	const options = (methods: Record<string, EditorOptions>): Record<string, OptionsMethod> =>
		Object.fromEntries(
			Object.entries(methods).map(([name, method]) => [
				name,
				async function (this: ILoadOptionsFunctions) {
					return await method(client(this));
				},
			]),
		);
	return {
		listSearch: searches({
			...listSearchMethods(resources),
			...referenceSearchMethods(resources),
			...apiRequestSearchMethods,
		}),
		loadOptions: options({
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
function referenceSearchMethods(resources: ResourceDefinition[]): Record<string, EditorSearch> {
	return Object.fromEntries(
		referencesOf(resources)
			.filter((ref) => ref.picker === 'list')
			.map((ref) => [
				refSearchMethodName(ref),
				(client: LoaderClient, filter?: string, token?: string) =>
					searchPicker(client, ref, filter, token),
			]),
	);
}

/** Dropdown methods of every dropdown reference the resources' fields use. */
function referenceOptionsMethods(resources: ResourceDefinition[]): Record<string, EditorOptions> {
	return Object.fromEntries(
		referencesOf(resources)
			.filter((ref) => ref.picker === 'dropdown')
			.map((ref) => [
				refOptionsMethodName(ref),
				(client: LoaderClient) => dropdownOptions(client, ref),
			]),
	);
}
