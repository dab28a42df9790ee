import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { haloApiRequest } from '../HaloPsaComplete/transport';
import { HALO_MAX_PAGE_SIZE, isLastPage, readPage } from '../HaloPsaComplete/transport/paging';
import type { PollSource } from './sources';

/**
 * How the polling trigger finds each change once.
 *
 * Watermark. Each poll reads the records changed on or after `from`, and the next poll's `from`
 * is this poll's start (n8n's clock) less the overlap. Records changed while a poll runs, or on
 * a later page than the poll got to, carry a change time after the poll started, so the next poll
 * reads them. The watermark is never taken from Halo's timestamps: one record with a bogus future
 * date would otherwise push it past every later change. Halo's clock may be behind n8n's by up to
 * the overlap (ahead by any amount) without a change being missed.
 *
 * Deduplication. The overlap makes polls read some records again. Each record read is remembered
 * with its version (its last-change time, or its content where the list shows no such time) until
 * it falls out of the window; a record comes out again only with a new version.
 *
 * Paging. Halo is asked for the changed records newest first, 100 per page. A record changed
 * during the read moves to page 1, pushing the others down a place: the next page repeats a row
 * (dropped as already seen) but none is skipped. A record leaving the list (deleted) would pull
 * the others up, past the page boundary: when `record_count` shrinks between pages the read
 * starts over, at most twice.
 *
 * New or updated. Halo's IDs grow: a record with an ID above the highest one seen before is new.
 */

export type TriggerOn = 'newOrUpdated' | 'new' | 'updated';

interface SeenEntry {
	/** The record's version. */
	v: string;
	/** Its last-change time (ms), when the list shows one. */
	t: number | null;
}

export interface PollState {
	source: string;
	/** Lower bound of the next read (ISO, n8n's clock). */
	from: string;
	/** Highest record ID seen; 0 while unknown. */
	maxId: number;
	/** The backfill date the state was started from, so that a new one starts over. */
	backfillFrom: string;
	seen: Record<string, SeenEntry>;
}

/** Pages one read may take before the trigger stops rather than read a list without end. */
const MAX_PAGES = 200;
const MAX_RESTARTS = 2;

/**
 * Halo writes dates without a zone, meaning UTC (a guess, halo-behaviour.md#zone-less-times; the
 * sandbox does the same).
 */
export function parseHaloTime(value: unknown): number | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	const time = Date.parse(
		/[zZ]$|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`,
	);
	return Number.isNaN(time) ? null : time;
}

/** How Halo's date filters take a time: ISO 8601 in UTC, to the second, rounded down. */
export function haloTimeParam(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function firstTime(row: IDataObject, fields: string[]): number | null {
	for (const field of fields) {
		const time = parseHaloTime(row[field]);
		if (time !== null) return time;
	}
	return null;
}

/** Stable JSON (keys sorted), for versioning a row by its content. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical((value as IDataObject)[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export function versionOf(row: IDataObject, source: PollSource): SeenEntry {
	const field = source.updatedFields.find((name) => parseHaloTime(row[name]) !== null);
	if (field !== undefined) return { v: String(row[field]), t: parseHaloTime(row[field]) };
	return { v: canonical(row), t: null };
}

function idOf(row: IDataObject): string | undefined {
	const id = row.id;
	return id === undefined || id === null || id === '' ? undefined : String(id);
}

function numericId(row: IDataObject): number {
	const number = Number(row.id);
	return Number.isFinite(number) ? number : 0;
}

/** The list's rows changed on or after `from`, newest first, each record once. */
export async function readChanges(
	this: IPollFunctions,
	source: PollSource,
	from: number,
): Promise<IDataObject[]> {
	const orderField = source.updatedFields[0];
	const baseQuery: IDataObject = {
		order: orderField,
		orderdesc: true,
		pageinate: true,
		page_size: HALO_MAX_PAGE_SIZE,
	};
	if (source.sinceParam) baseQuery[source.sinceParam] = haloTimeParam(from);
	for (let attempt = 0; ; attempt++) {
		const rows = new Map<string, IDataObject>();
		let firstCount: number | undefined;
		let shrank = false;
		let read = 0;
		for (let pageNo = 1; ; pageNo++) {
			if (pageNo > MAX_PAGES) {
				throw new NodeOperationError(
					this.getNode(),
					`More than ${MAX_PAGES * HALO_MAX_PAGE_SIZE} ${source.noun}s changed since the last poll`,
					{
						description: 'Poll more often, or set a later Backfill From date',
					},
				);
			}
			const answer = await haloApiRequest.call(this, {
				method: 'GET',
				path: source.path,
				qs: { ...baseQuery, page_no: pageNo },
			});
			const page = readPage(answer, source.listKey);
			if (firstCount === undefined) firstCount = page.recordCount;
			else if (page.recordCount !== undefined && page.recordCount < firstCount) shrank = true;
			read += page.rows.length;
			let older = false;
			for (const row of page.rows) {
				const time = firstTime(row, source.updatedFields);
				if (time !== null && time < from) {
					older = true;
					continue;
				}
				const id = idOf(row);
				if (id !== undefined && !rows.has(id)) rows.set(id, row);
			}
			if (shrank || older || isLastPage(page, HALO_MAX_PAGE_SIZE, read)) break;
		}
		if (!shrank || attempt >= MAX_RESTARTS) return [...rows.values()];
	}
}

export function startState(
	source: string,
	from: number,
	maxId: number,
	backfillFrom: string,
): PollState {
	return { source, from: new Date(from).toISOString(), maxId, backfillFrom, seen: {} };
}

interface Change {
	row: IDataObject;
	isNew: boolean;
	time: number | null;
}

/**
 * Which rows are changes not emitted before, and the state after this poll. Rows are remembered
 * even when not emitted (an update when only new records are wanted), so they are not mistaken for
 * changes later. `backfillSince`: the first poll of a backfill, where new means made since then.
 */
export function takeChanges(
	state: PollState,
	source: PollSource,
	rows: IDataObject[],
	pollStart: number,
	overlapMs: number,
	backfillSince?: number,
): { changes: Change[]; next: PollState } {
	const seen: Record<string, SeenEntry> = { ...state.seen };
	const changes: Change[] = [];
	let maxId = state.maxId;
	for (const row of rows) {
		const id = idOf(row);
		if (id === undefined) continue;
		const version = versionOf(row, source);
		const before = seen[id];
		seen[id] = version;
		maxId = Math.max(maxId, numericId(row));
		if (before !== undefined && before.v === version.v) continue;
		const created = firstTime(row, source.createdFields);
		const isNew =
			backfillSince !== undefined
				? created === null || created >= backfillSince
				: before === undefined && numericId(row) > state.maxId;
		changes.push({ row, isNew, time: version.t });
	}
	const from = pollStart - overlapMs;
	const readNow = new Set(rows.map(idOf));
	for (const [id, entry] of Object.entries(seen)) {
		// Out of the next read's window: it can only come back with a new version.
		if (entry.t !== null ? entry.t < from : !readNow.has(id)) delete seen[id];
	}
	changes.sort((a, b) => (a.time ?? 0) - (b.time ?? 0) || numericId(a.row) - numericId(b.row));
	return { changes, next: { ...state, from: new Date(from).toISOString(), maxId, seen } };
}

export function wanted(change: Change, on: TriggerOn): boolean {
	return on === 'newOrUpdated' || (on === 'new') === change.isNew;
}

/** The highest record ID in the list, from its newest record by ID; 0 when the list is empty. */
export async function highestId(this: IPollFunctions, source: PollSource): Promise<number> {
	const answer = await haloApiRequest.call(this, {
		method: 'GET',
		path: source.path,
		qs: { order: 'id', orderdesc: true, pageinate: true, page_size: 1, page_no: 1 },
	});
	return readPage(answer, source.listKey).rows.reduce(
		(max, row) => Math.max(max, numericId(row)),
		0,
	);
}

/** The most recently changed record, for the editor's Test step. */
export async function sample(this: IPollFunctions, source: PollSource): Promise<IDataObject[]> {
	const answer = await haloApiRequest.call(this, {
		method: 'GET',
		path: source.path,
		qs: {
			order: source.updatedFields[0],
			orderdesc: true,
			pageinate: true,
			page_size: 1,
			page_no: 1,
		},
	});
	return readPage(answer, source.listKey).rows.slice(0, 1);
}
