import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { readPage } from '../transport/paging';
import { listSearchMethodName } from './description';
import type { ResourceDefinition } from './types';

const SEARCH_PAGE_SIZE = 50;

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** "From list" picker for a resource: Halo-side search when it has one, pages of 50. */
function searchMethod(resource: ResourceDefinition): ListSearchMethod {
	const nameField = resource.nameField ?? 'name';
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const pageNo = paginationToken ? Number(paginationToken) : 1;
		const qs: IDataObject = resource.pages ? { pageinate: true, page_size: SEARCH_PAGE_SIZE, page_no: pageNo } : {};
		if (filter && resource.searchParam) qs[resource.searchParam] = filter;
		const answer = await haloApiRequest.call(this, { method: 'GET', path: resource.path, qs });
		const page = readPage(answer, resource.listKey);
		let rows = page.rows;
		if (filter && !resource.searchParam) {
			const needle = filter.toLowerCase();
			rows = rows.filter((row) => String(row[nameField] ?? '').toLowerCase().includes(needle));
		}
		const more = resource.pages && page.recordCount !== undefined && pageNo * SEARCH_PAGE_SIZE < page.recordCount;
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
