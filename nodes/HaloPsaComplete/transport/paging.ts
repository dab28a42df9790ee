import type { IDataObject } from 'n8n-workflow';

import { haloApiRequest, listParts } from './index';
import { ROWS_BEFORE_SCOPE } from './client';
import type { HaloClient } from './index';
import { inOrderPool } from './pool';

/** Halo silently caps `page_size` at 100 (halo-behaviour.md#page-size-cap). */
export const HALO_MAX_PAGE_SIZE = 100;
/**
 * Pages read at once once `record_count` is known. Measured with `npm run bench` (10,000 tickets,
 * 100 ms per request + 1 ms per row): see docs/development/benchmark.md for the figures.
 */
export const DEFAULT_PAGE_CONCURRENCY = 5;
export const MAX_PAGE_CONCURRENCY = 10;
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
	/** Pages fetched at once after the first; 1 reads them one by one. */
	concurrency?: number;
}

export interface Page {
	rows: IDataObject[];
	recordCount?: number;
	/** How many rows Halo answered: more than `rows` when Allowed Clients dropped some (ROWS_BEFORE_SCOPE). */
	answered: number;
}

function answeredRows(rows: IDataObject[]): number {
	return (rows as { [ROWS_BEFORE_SCOPE]?: number })[ROWS_BEFORE_SCOPE] ?? rows.length;
}

/** The key of a wrapper answer's rows: `listKey`, or failing that its one array (not `columns`). */
export function rowsKeyOf(wrapper: IDataObject, listKey?: string): string | undefined {
	if (listKey !== undefined && Array.isArray(wrapper[listKey])) return listKey;
	return Object.keys(wrapper).find(
		(candidate) => Array.isArray(wrapper[candidate]) && candidate !== 'columns',
	);
}

/** Rows of one list answer: a bare array, the wrapper's `listKey`, or failing that its one array. */
export function readPage(answer: unknown, listKey?: string): Page {
	if (Array.isArray(answer))
		return { rows: answer as IDataObject[], answered: answeredRows(answer as IDataObject[]) };
	if (typeof answer !== 'object' || answer === null) return { rows: [], answered: 0 };
	const wrapper = answer as IDataObject;
	const key = rowsKeyOf(wrapper, listKey);
	const recordCount = typeof wrapper.record_count === 'number' ? wrapper.record_count : undefined;
	const rows = key === undefined ? [] : (wrapper[key] as IDataObject[]);
	return { rows, recordCount, answered: answeredRows(rows) };
}

/** What identifies a page: its first row. A list that ignores paging answers the same page again. */
export function pageFingerprint(page: Page): string | undefined {
	if (page.rows.length === 0) return undefined;
	const first = page.rows[0];
	return first.id !== undefined && first.id !== null
		? `id:${String(first.id)}`
		: JSON.stringify(first);
}

/**
 * The one stop rule, for Get Many and "From list" alike. `rowsSoFar` counts this page's rows too.
 * `record_count` is trusted when Halo sends it; otherwise a page shorter than asked for is the
 * last (never trust `page_size` to be honoured: Halo caps it at 100 without a word).
 */
export function isLastPage(page: Page, pageSize: number, rowsSoFar: number): boolean {
	if (page.answered === 0) return true;
	if (page.recordCount !== undefined) return rowsSoFar >= page.recordCount;
	return page.answered < pageSize;
}

/** A page that merely repeats the one before it carries no new rows. */
export function isRepeatedPage(page: Page, previousFingerprint?: string): boolean {
	return previousFingerprint !== undefined && pageFingerprint(page) === previousFingerprint;
}

function pageQuery(request: ListRequest, pageSize: number, pageNo: number): IDataObject {
	return { ...request.qs, pageinate: true, page_size: pageSize, page_no: pageNo };
}

async function fetchPage(
	client: HaloClient,
	request: ListRequest,
	pageSize: number,
	pageNo: number,
): Promise<Page> {
	const answer = await haloApiRequest(client, {
		method: 'GET',
		path: request.path,
		qs: pageQuery(request, pageSize, pageNo),
		itemIndex: request.itemIndex,
	});
	return readPage(answer, request.listKey);
}

async function unpagedList(client: HaloClient, request: ListRequest): Promise<IDataObject[]> {
	const answer = await haloApiRequest(client, {
		method: 'GET',
		path: request.path,
		qs: { ...request.qs, ...(request.limit === undefined ? {} : { count: request.limit }) },
		itemIndex: request.itemIndex,
	});
	const rows = readPage(answer, request.listKey).rows;
	return request.limit === undefined ? rows : rows.slice(0, request.limit);
}

/** Collects pages in order and applies the stop rule to each; answers true once the list is complete. */
class PageCollector {
	readonly rows: IDataObject[] = [];
	/** Rows Halo answered so far, those Allowed Clients dropped too: what `record_count` counts. */
	private answered = 0;
	private fingerprint?: string;
	complete = false;

	constructor(
		private readonly pageSize: number,
		private readonly wanted: number,
	) {}

	add(page: Page): boolean {
		if (this.complete) return true;
		if (isRepeatedPage(page, this.fingerprint)) return (this.complete = true);
		for (const row of page.rows) {
			if (this.rows.length >= this.wanted) break;
			this.rows.push(row);
		}
		this.fingerprint = pageFingerprint(page);
		this.answered += page.answered;
		this.complete =
			this.rows.length >= this.wanted || isLastPage(page, this.pageSize, this.answered);
		return this.complete;
	}
}

/**
 * Reads a Halo list page by page (`pageinate=true&page_size=…&page_no=…`). Page 1 tells
 * `record_count`; the pages still needed are then read `concurrency` at a time and kept in Halo's
 * order. Without `record_count` nothing says how many pages there are, so pages are read one by
 * one until the stop rule says the list is complete. With a limit, no page past it is fetched.
 */
export async function haloList(client: HaloClient, request: ListRequest): Promise<IDataObject[]> {
	const parts = await listParts(client, request);
	if (parts === undefined) return oneList(client, request);
	// Allowed Clients: one list per client, each paged on its own, joined in the clients' order.
	const rows: IDataObject[] = [];
	for (const qs of parts) {
		const wanted = request.limit === undefined ? undefined : request.limit - rows.length;
		if (wanted !== undefined && wanted <= 0) break;
		rows.push(...(await oneList(client, { ...request, qs, limit: wanted })));
	}
	return uniqueById(rows);
}

/**
 * Each record once, the first time it comes: lists read once per client repeat every record when
 * Halo ignores their client filter.
 */
export function uniqueById(rows: IDataObject[]): IDataObject[] {
	const ids = new Set<string>();
	return rows.filter((row) => {
		if (row.id === undefined || row.id === null) return true;
		const id = String(row.id);
		if (ids.has(id)) return false;
		ids.add(id);
		return true;
	});
}

async function oneList(client: HaloClient, request: ListRequest): Promise<IDataObject[]> {
	if (!request.pages) return unpagedList(client, request);
	const wanted = request.limit ?? Infinity;
	const pageSize = Math.min(HALO_MAX_PAGE_SIZE, wanted);
	const collector = new PageCollector(pageSize, wanted);
	const first = await fetchPage(client, request, pageSize, 1);
	collector.add(first);
	let nextPage = 2;
	if (!collector.complete && first.recordCount !== undefined) {
		const lastPage = Math.ceil(Math.min(first.recordCount, wanted) / pageSize);
		const count = Math.max(0, lastPage - 1);
		await inOrderPool(
			count,
			request.concurrency ?? DEFAULT_PAGE_CONCURRENCY,
			(index) => fetchPage(client, request, pageSize, index + 2),
			(page) => collector.add(page),
		);
		nextPage = lastPage + 1;
	}
	// Rows added while the pages were read push later rows back a page: keep going one by one.
	for (; !collector.complete && nextPage <= MAX_PAGES; nextPage++) {
		collector.add(await fetchPage(client, request, pageSize, nextPage));
	}
	return collector.rows;
}
