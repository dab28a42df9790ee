import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { isLastPage, isRepeatedPage, pageFingerprint, readPage } from '../transport/paging';
import { listSearchMethodName } from './description';
import type { ResourceDefinition } from './types';

const SEARCH_PAGE_SIZE = 50;

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** Where the next "From list" page starts, and the page before it (to spot a list that ignores paging). */
interface SearchCursor {
	page: number;
	previous?: string;
}

function readCursor(token?: string): SearchCursor {
	if (!token) return { page: 1 };
	try {
		const cursor = JSON.parse(token) as SearchCursor;
		return typeof cursor.page === 'number' && cursor.page >= 1 ? cursor : { page: 1 };
	} catch {
		return { page: 1 };
	}
}

/** "From list" picker for a resource: Halo-side search when it has one, pages of 50. */
function searchMethod(resource: ResourceDefinition): ListSearchMethod {
	const nameField = resource.nameField ?? 'name';
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const cursor = readCursor(paginationToken);
		const qs: IDataObject = resource.pages ? { pageinate: true, page_size: SEARCH_PAGE_SIZE, page_no: cursor.page } : {};
		if (filter && resource.searchParam) qs[resource.searchParam] = filter;
		// The editor waits on this answer: a rate limit fails at once with Halo's words, never a long wait.
		const answer = await haloApiRequest.call(this, { method: 'GET', path: resource.path, qs, interactive: true });
		const page = readPage(answer, resource.listKey);
		if (isRepeatedPage(page, cursor.previous)) return { results: [] };
		let rows = page.rows;
		if (filter && !resource.searchParam) {
			const needle = filter.toLowerCase();
			rows = rows.filter((row) => String(row[nameField] ?? '').toLowerCase().includes(needle));
		}
		const more = resource.pages && !isLastPage(page, SEARCH_PAGE_SIZE, cursor.page * SEARCH_PAGE_SIZE);
		const next: SearchCursor = { page: cursor.page + 1, previous: pageFingerprint(page) };
		return {
			results: rows.map((row) => ({
				name: String(row[nameField] ?? `#${String(row.id)}`),
				value: String(row.id),
			})),
			paginationToken: more ? JSON.stringify(next) : undefined,
		};
	};
}

export function listSearchMethods(resources: ResourceDefinition[]): Record<string, ListSearchMethod> {
	return Object.fromEntries(resources.map((resource) => [listSearchMethodName(resource), searchMethod(resource)]));
}
