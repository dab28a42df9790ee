import { searchPicker } from './referenceLoaders';
import type { EditorSearch } from './referenceLoaders';
import type { ResourceDefinition } from '../helpers/types';
import { listSearchMethodName } from '../helpers/names';

/** "From list" picker for a resource's own records: Halo-side search when it has one, pages of 50. */
function searchMethod(resource: ResourceDefinition): EditorSearch {
	return async (client, filter, paginationToken) =>
		searchPicker(client, resource, filter, paginationToken);
}

export function listSearchMethods(resources: ResourceDefinition[]): Record<string, EditorSearch> {
	return Object.fromEntries(
		resources.map((resource) => [listSearchMethodName(resource), searchMethod(resource)]),
	);
}
