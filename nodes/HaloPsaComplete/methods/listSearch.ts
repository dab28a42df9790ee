import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPicker } from './referenceLoaders';
import type { ResourceDefinition } from '../helpers/types';
import { listSearchMethodName } from '../helpers/names';

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** "From list" picker for a resource's own records: Halo-side search when it has one, pages of 50. */
function searchMethod(resource: ResourceDefinition): ListSearchMethod {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return searchPicker.call(this, resource, filter, paginationToken);
	};
}

export function listSearchMethods(
	resources: ResourceDefinition[],
): Record<string, ListSearchMethod> {
	return Object.fromEntries(
		resources.map((resource) => [listSearchMethodName(resource), searchMethod(resource)]),
	);
}
