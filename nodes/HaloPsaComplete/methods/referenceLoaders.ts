import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import {
	isLastPage,
	isRepeatedPage,
	pageFingerprint,
	readPage,
	rowsKeyOf,
} from '../transport/paging';
import type { Page } from '../transport/paging';
import { DROPDOWN_PAGE_SIZE, plainValue, SEARCH_PAGE_SIZE } from '../descriptions/references';
import type { PickerSource } from '../descriptions/references';
import { maskSecrets } from '../helpers/secrets';
import type { HaloClient } from '../transport';

// What the editor's pickers run: reading a list from Halo for "From list" and dropdowns, narrowed
// by what the user chose nearby, with Halo's own words when the list cannot be read.

function usable(value: unknown): string | number | undefined {
	const plain = plainValue(value);
	if (typeof plain === 'number') return plain > 0 ? plain : undefined;
	if (typeof plain !== 'string') return undefined;
	const text = plain.trim();
	// An expression cannot be worked out in the editor before the run: no narrowing then.
	if (text === '' || text.startsWith('=') || text === '0') return undefined;
	return text;
}

/** The value of `name` the user set: at the node's top level or in one of its collections. */
function parameterValue(parameters: IDataObject, name: string): string | number | undefined {
	const top = usable(parameters[name]);
	if (top !== undefined) return top;
	for (const value of Object.values(parameters)) {
		if (typeof value !== 'object' || value === null || Array.isArray(value) || '__rl' in value)
			continue;
		const nested = usable((value as IDataObject)[name]);
		if (nested !== undefined) return nested;
	}
	return undefined;
}

/** Query narrowing a list by what the user chose nearby: the sites of the chosen client, say. */
function dependencyQuery(this: ILoadOptionsFunctions, source: PickerSource): IDataObject {
	const parameters = (this.getCurrentNodeParameters() ?? {}) as IDataObject;
	const query: IDataObject = {};
	for (const dependency of source.dependsOn ?? []) {
		for (const name of dependency.from) {
			const value = parameterValue(parameters, name);
			if (value === undefined) continue;
			query[dependency.query] = value;
			break;
		}
	}
	return query;
}

/**
 * Rows of a list answer. A picker must never show "no records" for an answer that was not a list
 * (a proxy's page, an error Halo sent as 200): that is an error, in words.
 */
function readList(this: ILoadOptionsFunctions, source: PickerSource, answer: unknown): Page {
	const isList =
		Array.isArray(answer) ||
		(typeof answer === 'object' &&
			answer !== null &&
			rowsKeyOf(answer as IDataObject, source.listKey) !== undefined);
	if (isList) return readPage(answer, source.listKey);
	// Quoted in the error, cut short: masked first, since a cut JSON text is not read as one.
	const safe = maskSecrets(answer ?? null);
	const shown = typeof safe === 'string' ? safe.slice(0, 200) : JSON.stringify(safe).slice(0, 200);
	throw new NodeOperationError(
		this.getNode(),
		`HaloPSA did not answer GET /api${source.path} with a list: ${shown}`,
	);
}

function rowName(source: PickerSource, row: IDataObject): string {
	const name = row[source.nameField ?? 'name'];
	return name === undefined || name === null || name === '' ? `#${String(row.id)}` : String(name);
}

function rowValue(source: PickerSource, row: IDataObject): string | number | undefined {
	const value = row[source.valueField ?? 'id'];
	return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

/** An editor loader's client (guards/operationAccess.ts, loaderClient). */
export type LoaderClient = HaloClient<ILoadOptionsFunctions>;

/** The editor's methods as this package writes them: each takes its loader's client. */
export type EditorSearch = (
	client: LoaderClient,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;
export type EditorOptions = (client: LoaderClient) => Promise<INodePropertyOptions[]>;

/**
 * A loader's request to Halo. n8n's editor shows only an error's message, so Halo's own words
 * (which the transport keeps in the description) go into the message: a dropdown that failed
 * says why, and never looks like an empty list.
 */
export async function readForEditor(
	client: HaloClient,
	path: string,
	qs: IDataObject,
): Promise<unknown> {
	try {
		// The editor waits on this answer: a rate limit fails at once with Halo's words, never a long wait.
		return await haloApiRequest(client, { method: 'GET', path, qs, interactive: true });
	} catch (error) {
		// haloApiRequest throws only n8n's node errors; a NodeApiError keeps Halo's words in its description.
		if (error instanceof NodeApiError && error.description) {
			throw new NodeOperationError(
				client.context.getNode(),
				`${error.message.replace(/[.:]$/, '')}. ${error.description}`,
			);
		}
		throw error instanceof NodeOperationError || error instanceof NodeApiError
			? error
			: new NodeOperationError(client.context.getNode(), error as Error);
	}
}

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

/** One page of a "From list" picker: searched by Halo where the list can be, else filtered here. */
export async function searchPicker(
	client: LoaderClient,
	source: PickerSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const cursor = readCursor(paginationToken);
	const qs: IDataObject = { ...source.query, ...dependencyQuery.call(client.context, source) };
	if (source.pages)
		Object.assign(qs, { pageinate: true, page_size: SEARCH_PAGE_SIZE, page_no: cursor.page });
	if (filter && source.searchParam) qs[source.searchParam] = filter;
	const answer = await readForEditor(client, source.path, qs);
	const page = readList.call(client.context, source, answer);
	if (isRepeatedPage(page, cursor.previous)) return { results: [] };
	let rows = page.rows;
	if (filter && !source.searchParam) {
		const needle = filter.toLowerCase();
		rows = rows.filter((row) => rowName(source, row).toLowerCase().includes(needle));
	}
	const more = source.pages && !isLastPage(page, SEARCH_PAGE_SIZE, cursor.page * SEARCH_PAGE_SIZE);
	const next: SearchCursor = { page: cursor.page + 1, previous: pageFingerprint(page) };
	return {
		results: rows.flatMap((row) => {
			const value = rowValue(source, row);
			return value === undefined ? [] : [{ name: rowName(source, row), value: String(value) }];
		}),
		paginationToken: more ? JSON.stringify(next) : undefined,
	};
}

/** A dropdown's choices, sorted by name; the value is what the field holds (an id, mostly). */
export async function dropdownOptions(
	client: LoaderClient,
	source: PickerSource,
): Promise<INodePropertyOptions[]> {
	const qs: IDataObject = { ...source.query, ...dependencyQuery.call(client.context, source) };
	if (source.pages)
		Object.assign(qs, { pageinate: true, page_size: DROPDOWN_PAGE_SIZE, page_no: 1 });
	const answer = await readForEditor(client, source.path, qs);
	const { rows } = readList.call(client.context, source, answer);
	const options: INodePropertyOptions[] = [];
	const seen = new Set<string>();
	for (const row of rows) {
		const value = rowValue(source, row);
		// Priorities come once per SLA: one choice per value.
		if (value === undefined || seen.has(String(value))) continue;
		seen.add(String(value));
		options.push({ name: rowName(source, row), value });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
