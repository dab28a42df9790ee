import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { listSearchMethodName } from './description';
import type { ResourceDefinition } from './types';

const SEARCH_PAGE_SIZE = 50;

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

function rowsOf(answer: unknown, listKey?: string): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	const wrapper = (answer ?? {}) as IDataObject;
	return (listKey && Array.isArray(wrapper[listKey]) ? wrapper[listKey] : []) as IDataObject[];
}

/** "From list" picker for a resource: Halo-side search when it has one, pages of 50. */
function searchMethod(resource: ResourceDefinition): ListSearchMethod {
	const nameField = resource.nameField ?? 'name';
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const pageNo = paginationToken ? Number(paginationToken) : 1;
		const qs: IDataObject = resource.pages ? { pageinate: true, page_size: SEARCH_PAGE_SIZE, page_no: pageNo } : {};
		if (filter && resource.searchParam) qs[resource.searchParam] = filter;
		const answer = await haloApiRequest.call(this, { method: 'GET', path: resource.path, qs });
		let rows = rowsOf(answer, resource.listKey);
		if (filter && !resource.searchParam) {
			const needle = filter.toLowerCase();
			rows = rows.filter((row) => String(row[nameField] ?? '').toLowerCase().includes(needle));
		}
		const recordCount = (answer as IDataObject | undefined)?.record_count;
		const more = resource.pages && typeof recordCount === 'number' && pageNo * SEARCH_PAGE_SIZE < recordCount;
		return {
			results: rows.map((row) => ({
				name: String(row[nameField] ?? `#${String(row.id)}`),
				value: String(row.id),
			})),
			paginationToken: more ? String(pageNo + 1) : undefined,
		};
	};
}

export function listSearchMethods(resources: ResourceDefinition[]): Record<string, ListSearchMethod> {
	return Object.fromEntries(resources.map((resource) => [listSearchMethodName(resource), searchMethod(resource)]));
}
