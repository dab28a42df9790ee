import type { IDataObject } from 'n8n-workflow';

import { haloApiRequest } from './index';
import type { HaloFunctions } from './index';

/** Halo silently caps `page_size` at 100 (halopsa-api.md §4). */
export const HALO_MAX_PAGE_SIZE = 100;
const MAX_PAGES = 100_000;

export interface ListRequest {
	path: string;
	/** Wrapper key of the answer; absent for lists Halo answers as a bare array. */
	listKey?: string;
	/** Whether the endpoint understands `pageinate`. */
	pages: boolean;
	qs?: IDataObject;
	/** Undefined means every record. */
	limit?: number;
	itemIndex?: number;
}

export interface Page {
	rows: IDataObject[];
	recordCount?: number;
}

/** Rows of one list answer: a bare array, the wrapper's `listKey`, or failing that its one array. */
export function readPage(answer: unknown, listKey?: string): Page {
	if (Array.isArray(answer)) return { rows: answer as IDataObject[] };
	if (typeof answer !== 'object' || answer === null) return { rows: [] };
	const wrapper = answer as IDataObject;
	const key =
		listKey !== undefined && Array.isArray(wrapper[listKey])
			? listKey
			: Object.keys(wrapper).find((candidate) => Array.isArray(wrapper[candidate]) && candidate !== 'columns');
	const recordCount = typeof wrapper.record_count === 'number' ? wrapper.record_count : undefined;
	return { rows: key === undefined ? [] : (wrapper[key] as IDataObject[]), recordCount };
}

function sameRows(a: IDataObject[], b: IDataObject[]): boolean {
	return a.length > 0 && b.length > 0 && JSON.stringify(a[0]) === JSON.stringify(b[0]);
}

/**
 * Reads a Halo list page by page (`pageinate=true&page_size=…&page_no=…`). It stops when the rows
 * actually received reach `record_count`, on an empty or short page, or when a page repeats the
 * previous one (a list that ignores paging); it never trusts `page_size` to be honoured.
 */
export async function haloList(this: HaloFunctions, request: ListRequest): Promise<IDataObject[]> {
	const wanted = request.limit ?? Infinity;
	const pageSize = Math.min(HALO_MAX_PAGE_SIZE, wanted);
	if (!request.pages) {
		const answer = await haloApiRequest.call(this, {
			method: 'GET',
			path: request.path,
			qs: { ...request.qs, ...(request.limit === undefined ? {} : { count: request.limit }) },
			itemIndex: request.itemIndex,
		});
		return readPage(answer, request.listKey).rows.slice(0, wanted);
	}
	const collected: IDataObject[] = [];
	let previous: IDataObject[] = [];
	for (let pageNo = 1; pageNo <= MAX_PAGES && collected.length < wanted; pageNo++) {
		const answer = await haloApiRequest.call(this, {
			method: 'GET',
			path: request.path,
			qs: { ...request.qs, pageinate: true, page_size: pageSize, page_no: pageNo },
			itemIndex: request.itemIndex,
		});
		const page = readPage(answer, request.listKey);
		if (page.rows.length === 0 || sameRows(page.rows, previous)) break;
		collected.push(...page.rows);
		previous = page.rows;
		const complete =
			page.recordCount !== undefined ? collected.length >= page.recordCount : page.rows.length < pageSize;
		if (complete) break;
	}
	return collected.slice(0, wanted);
}
