import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { haloApiRequest, listParts } from '../../transport';
import type { HaloClient } from '../../transport';
import { HALO_MAX_PAGE_SIZE, isLastPage, readPage, uniqueById } from '../../transport/paging';
import type { Page } from '../../transport/paging';
import type { PollSource } from './sources';

/**
 * How the polling trigger finds each change once, oldest first, and never gets stuck.
 *
 * Order. Halo is asked for the changed records oldest first: by last-change time, then by ID (a
 * stable second key, so that records changed in the same second keep their places at a page
 * boundary). Items come out in that order.
 *
 * Watermark. A poll that reads to the end of the changes sets the next poll's `from` to its own
 * start (n8n's clock) less the overlap: records changed while it ran carry a later change time, and
 * Halo's clock may be behind n8n's by up to the overlap. A poll may read at most `maxRows` records
 * (Halo allows only so many requests). When more changes wait, it emits what it read and the
 * watermark moves to the last change it emitted, so the next poll goes on from there; where it
 * stopped inside one second's records, `resume` says how many of them it has read. A change time
 * later than n8n's clock is never taken as the watermark (one record with a bogus future date
 * would otherwise hide every later change): the poll then falls back to n8n's clock.
 *
 * Paging, with a date filter (`lastupdatefromdate`). Each request starts at the second of the last
 * row read (keyset paging): a record changed during the read moves past that point and is read
 * later, never skipped. Only where more than a page of records share one second do pages follow by
 * number, inside a window of that one second (`lastupdatetodate`); when that window's
 * `record_count` shrinks (a record in it changed and left), the second is read again from its start.
 *
 * Paging, without a date filter (invoices, quotes, contracts). The whole list is sorted oldest
 * first and the read starts at the position where the last one stopped; where a first row there is
 * an unseen change (records before it changed and moved to the end), it steps back a page. The first
 * read finds that position by halving.
 *
 * Deduplication. The overlap makes polls read some records again. Each record read is remembered
 * with its version (its last-change time, or its content where the list shows no such time) until
 * it falls behind the watermark; a record comes out again only with a new version.
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

/** Where a read that stopped early goes on. */
export interface Resume {
	/** With a date filter: the second (ms) the next read starts at. */
	second?: number;
	/** Rows of that read (from that second; or of the whole list) already read. */
	skip: number;
	/** `record_count` of the one-second window being read by page number. */
	groupCount?: number;
}

export interface PollState {
	source: string;
	/** Lower bound of the next read (ISO): rows changed before it are not changes. */
	from: string;
	/** Highest record ID seen; 0 while unknown. */
	maxId: number;
	/** The backfill date the state was started from, so that a new one starts over. */
	backfillFrom: string;
	seen: Record<string, SeenEntry>;
	resume?: Resume;
	/** While a backfill takes several polls: records made since this time (ms) are new. */
	backfillSince?: number;
}

const PAGE = HALO_MAX_PAGE_SIZE;
const MAX_RESTARTS = 2;
const MAX_STEPS_BACK = 3;

/** Default of the Max Records per Poll option (the node's description explains the sizing). */
export const DEFAULT_MAX_RECORDS_PER_POLL = 1000;

const DATE_TIME = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(.*)$/;

/**
 * Halo writes dates without a zone (`2024-01-01T10:00:00`, sometimes `2024-01-01 10:00:00`, with
 * or without a fraction), and they are UTC (halo-behaviour.md#zone-less-times: the OpenAPI document
 * types them `date-time` and its `utcoffset` parameters "add an offset to the UTC date"). A zone,
 * when present, is honoured.
 */
export function parseHaloTime(value: unknown): number | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	const parts = DATE_TIME.exec(text);
	const time = Date.parse(parts ? `${parts[1]}T${parts[2]}${parts[3] || 'Z'}` : text);
	return Number.isNaN(time) ? null : time;
}

/** How Halo's date filters take a time: ISO 8601 in UTC, to the second, rounded down. */
export function haloTimeParam(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function floorSecond(ms: number): number {
	return Math.floor(ms / 1000) * 1000;
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

/**
 * A row without a last-change time is versioned by a digest of its content: the state is kept
 * with the workflow in n8n's database, and the row itself would carry Halo's secrets there.
 */
export function versionOf(row: IDataObject, source: PollSource): SeenEntry {
	const field = source.updatedFields.find((name) => parseHaloTime(row[name]) !== null);
	if (field !== undefined) return { v: String(row[field]), t: parseHaloTime(row[field]) };
	return { v: createHash('sha256').update(canonical(row)).digest('base64'), t: null };
}

/**
 * Whether a row is the version seen before. States saved before versions were digests hold the
 * content itself: it still counts as seen (and is replaced by the digest), so that nothing is
 * output twice after an update of the node.
 */
function isSeenVersion(
	before: SeenEntry | undefined,
	row: IDataObject,
	source: PollSource,
): boolean {
	if (before === undefined) return false;
	const version = versionOf(row, source);
	return before.v === version.v || (version.t === null && before.v === canonical(row));
}

function idOf(row: IDataObject): string | undefined {
	const id = row.id;
	return id === undefined || id === null || id === '' ? undefined : String(id);
}

function numericId(row: IDataObject): number {
	const number = Number(row.id);
	return Number.isFinite(number) ? number : 0;
}

/** What one poll read, and where the next one starts. */
export interface Read {
	/** Rows changed on or after the watermark, each record once (the latest version read). */
	rows: IDataObject[];
	/** More changes wait than this poll could read. */
	truncated: boolean;
	/** The next poll's watermark (ms). */
	from: number;
	resume?: Resume;
}

export interface ReadLimits {
	/** The watermark: rows changed before it are not read as changes. */
	from: number;
	resume?: Resume;
	/** Rows this poll may read. */
	maxRows: number;
	/** Where the next poll starts when this one reads to the end: its start less the overlap. */
	caughtUpFrom: number;
	/** n8n's clock at the poll's start: no later watermark is trusted. */
	pollStart: number;
	seen: Record<string, SeenEntry>;
}

const ascending = (source: PollSource): IDataObject => ({
	...source.query,
	order: source.updatedFields[0],
	orderdesc: false,
	order2: 'id',
	orderdesc2: false,
});

async function fetchPage(
	client: HaloClient,
	source: PollSource,
	qs: IDataObject,
	pageNo: number,
): Promise<Page> {
	const answer = await haloApiRequest(client, {
		method: 'GET',
		path: source.path,
		qs: { ...ascending(source), ...qs, pageinate: true, page_size: PAGE, page_no: pageNo },
	});
	return readPage(answer, source.listKey);
}

/** Keeps the rows changed on or after `from`, each record once: its latest version read. */
class Collected {
	private rows = new Map<string, { row: IDataObject; time: number | null }>();
	constructor(
		private readonly source: PollSource,
		private readonly from: number,
	) {}

	add(rows: IDataObject[]): void {
		for (const row of rows) {
			const time = firstTime(row, this.source.updatedFields);
			const id = idOf(row);
			if ((time !== null && time < this.from) || id === undefined) continue;
			this.rows.delete(id);
			this.rows.set(id, { row, time });
		}
	}

	list(): IDataObject[] {
		return [...this.rows.values()].map((entry) => entry.row);
	}

	/** The latest change time kept. */
	lastTime(): number | null {
		let last: number | null = null;
		for (const { time } of this.rows.values())
			if (time !== null && (last === null || time > last)) last = time;
		return last;
	}
}

/** Rows at the end of a page whose change time falls in the same second as its last row's. */
function tailInSecond(rows: IDataObject[], source: PollSource, second: number): number {
	let count = 0;
	for (let index = rows.length - 1; index >= 0; index--) {
		const time = firstTime(rows[index], source.updatedFields);
		if (time === null || floorSecond(time) !== second) break;
		count++;
	}
	return count;
}

/** `record_count` of a one-second window Halo did not count: no shrinking can be seen. */
const UNKNOWN_COUNT = -1;

/** The records changed within one second (both bounds inclusive: Halo's filters take seconds). */
function secondWindow(source: PollSource, second: number): IDataObject {
	return {
		[source.sinceParam as string]: haloTimeParam(second),
		lastupdatetodate: haloTimeParam(second + 1000),
	};
}

/**
 * How much of a poll's allowance is left. Only changes not emitted before count: rows read again
 * (where the last poll stopped, the page re-read to count a one-second window, a step back) cost
 * nothing, so that a poll always gets further than the last. The requests are bounded as well.
 */
class Allowance {
	private rows = 0;
	private requests = 0;
	constructor(
		private readonly source: PollSource,
		private readonly limits: ReadLimits,
	) {}

	/**
	 * One request's rows: how many of them fit (all, or up to the change that uses the allowance
	 * up). Only changes not emitted before count.
	 */
	fit(rows: IDataObject[]): number {
		this.requests++;
		for (let index = 0; index < rows.length; index++) {
			const row = rows[index];
			const time = firstTime(row, this.source.updatedFields);
			if (time !== null && time < this.limits.from) continue;
			const id = idOf(row);
			if (id !== undefined && isSeenVersion(this.limits.seen[id], row, this.source)) continue;
			this.rows++;
			if (this.rows >= this.limits.maxRows) return index + 1;
		}
		return rows.length;
	}

	get spent(): boolean {
		return (
			this.rows >= this.limits.maxRows ||
			this.requests >= 2 * Math.ceil(this.limits.maxRows / PAGE) + 4
		);
	}
}

/**
 * Where the next poll starts once this one has read every waiting change: this poll's start less
 * the overlap, but never before the watermark it started from (what lies before was emitted and
 * is forgotten).
 */
function caughtUp(limits: ReadLimits): number {
	return Math.max(limits.caughtUpFrom, limits.from);
}

/**
 * A read that stopped early: the watermark moves to the last change read, and the next poll goes on
 * where this one stopped. Nothing read yet past the watermark: it stays. A last change after n8n's
 * clock is not trusted: the watermark falls back to this poll's start less the overlap.
 */
function stopped(collected: Collected, limits: ReadLimits, resume: Resume): Read {
	const last = collected.lastTime();
	const rows = collected.list();
	if (last === null) return { rows, truncated: true, from: limits.from, resume };
	if (last > limits.pollStart) return { rows, truncated: true, from: caughtUp(limits) };
	return { rows, truncated: true, from: last, resume };
}

/** With a date filter: keyset paging by second, page numbers only inside one second's records. */
async function readSince(
	client: HaloClient,
	source: PollSource,
	limits: ReadLimits,
): Promise<Read> {
	const collected = new Collected(source, limits.from);
	const allowance = new Allowance(source, limits);
	let second = limits.resume?.second ?? floorSecond(limits.from);
	let skip = limits.resume?.skip ?? 0;
	let groupCount = limits.resume?.groupCount;
	let restarts = 0;
	for (;;) {
		const inGroup = skip >= PAGE;
		const pageNo = Math.floor(skip / PAGE) + 1;
		const qs = inGroup
			? secondWindow(source, second)
			: { [source.sinceParam as string]: haloTimeParam(second) };
		const page = await fetchPage(client, source, qs, pageNo);
		if (inGroup && page.recordCount !== undefined) {
			if (groupCount !== undefined && page.recordCount < groupCount && restarts < MAX_RESTARTS) {
				// Records of this second changed and left it: the rest moved up past the page boundary.
				restarts++;
				skip = 0;
				groupCount = undefined;
				continue;
			}
			groupCount = page.recordCount;
		}
		const fit = allowance.fit(page.rows);
		if (fit < page.rows.length) {
			// The allowance ends inside this page: the next poll starts after its last change taken.
			const taken = page.rows.slice(0, fit);
			collected.add(taken);
			if (inGroup)
				return stopped(collected, limits, { second, skip: (pageNo - 1) * PAGE + fit, groupCount });
			const lastTaken = firstTime(taken[fit - 1], source.updatedFields);
			const at = lastTaken === null ? second : floorSecond(lastTaken);
			return stopped(collected, limits, { second: at, skip: tailInSecond(taken, source, at) });
		}
		collected.add(page.rows);
		const position = (pageNo - 1) * PAGE + page.answered;
		const lastRow = page.rows[page.rows.length - 1];
		const lastTime = lastRow ? firstTime(lastRow, source.updatedFields) : null;
		if (isLastPage(page, PAGE, position)) {
			if (!inGroup) return { rows: collected.list(), truncated: false, from: caughtUp(limits) };
			// The end of this second's records: on to the next second.
			second += 1000;
			skip = 0;
			groupCount = undefined;
		} else if (inGroup || lastTime === null || floorSecond(lastTime) <= second) {
			skip = position;
		} else {
			second = floorSecond(lastTime);
			skip = tailInSecond(page.rows, source, second);
			groupCount = undefined;
		}
		if (skip >= PAGE && groupCount === undefined) {
			// More than a page in one second: its pages now follow by number. Counting its records
			// right away (re-reading the page just read, in that second's window) lets a later page
			// see records leave it, in this poll or the next.
			const probe = await fetchPage(
				client,
				source,
				secondWindow(source, second),
				Math.floor((skip - 1) / PAGE) + 1,
			);
			collected.add(probe.rows);
			groupCount = probe.recordCount ?? UNKNOWN_COUNT;
		}
		if (allowance.spent) return stopped(collected, limits, { second, skip, groupCount });
	}
}

/** The first page whose last row changed on or after `from`, by halving (lists sorted oldest first). */
async function locate(client: HaloClient, source: PollSource, from: number): Promise<number> {
	const reachesFrom = (page: Page): boolean => {
		const last = page.rows[page.rows.length - 1];
		const time = last ? firstTime(last, source.updatedFields) : null;
		return last === undefined || time === null || time >= from;
	};
	const first = await fetchPage(client, source, {}, 1);
	if (reachesFrom(first) || first.recordCount === undefined) return 1;
	let low = 1; // its last row is older than `from`
	let high = Math.max(1, Math.ceil(first.recordCount / PAGE));
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (reachesFrom(await fetchPage(client, source, {}, middle))) high = middle;
		else low = middle;
	}
	return high;
}

/**
 * Without a date filter: the whole list oldest first, from the position the last read reached.
 * The read starts on the page holding the last row read before, and steps back a page while that
 * page starts with a change not seen yet (records before the position changed and moved to the end,
 * so the rest moved up).
 */
async function readByPosition(
	client: HaloClient,
	source: PollSource,
	limits: ReadLimits,
): Promise<Read> {
	const collected = new Collected(source, limits.from);
	const allowance = new Allowance(source, limits);
	const skip = limits.resume?.skip ?? 0;
	let pageNo =
		limits.resume === undefined
			? await locate(client, source, limits.from)
			: Math.floor(Math.max(0, skip - 1) / PAGE) + 1;
	const times: Array<number | null> = [];
	let stepsBack = 0;
	let checking = true;
	for (; ; pageNo++) {
		const page = await fetchPage(client, source, {}, pageNo);
		if (checking && pageNo > 1 && stepsBack < MAX_STEPS_BACK && startsWithUnseenChange(page)) {
			stepsBack++;
			pageNo -= 2;
			continue;
		}
		if (checking) times.push(...new Array<null>((pageNo - 1) * PAGE).fill(null));
		checking = false;
		const fit = allowance.fit(page.rows);
		const taken = page.rows.slice(0, fit);
		for (const row of taken) times.push(firstTime(row, source.updatedFields));
		collected.add(taken);
		if (fit === page.rows.length && isLastPage(page, PAGE, times.length)) break;
		if (allowance.spent) {
			const read = stopped(collected, limits, { skip: times.length });
			return read.resume ? read : { ...read, resume: resumeAt(read.from) };
		}
	}
	return {
		rows: collected.list(),
		truncated: false,
		from: caughtUp(limits),
		resume: resumeAt(caughtUp(limits)),
	};

	function resumeAt(from: number): Resume {
		const next = times.findIndex((time) => time !== null && time >= from);
		return { skip: next === -1 ? times.length : next };
	}

	function startsWithUnseenChange(page: Page): boolean {
		const first = page.rows[0];
		if (first === undefined) return true;
		const time = firstTime(first, source.updatedFields);
		const id = idOf(first);
		return (
			(time === null || time >= limits.from) &&
			(id === undefined || !isSeenVersion(limits.seen[id], first, source))
		);
	}
}

/** The rows changed since the watermark (at most `maxRows` read), and where the next poll starts. */
export async function readChanges(
	client: HaloClient,
	source: PollSource,
	limits: ReadLimits,
): Promise<Read> {
	const parts = await listParts(client, { path: source.path });
	if (parts === undefined) return await readOneList(client, source, limits);
	// Allowed Clients read one list per client: each is read on its own from the watermark, and
	// the next poll starts at the earliest place any of them stopped (a change read twice is
	// emitted once: the state remembers it). Positions within one list mean nothing in another.
	const reads: Read[] = [];
	for (const query of parts)
		reads.push(
			await readOneList(
				client,
				{ ...source, query },
				{ ...limits, resume: undefined, maxRows: Math.ceil(limits.maxRows / parts.length) },
			),
		);
	return {
		rows: uniqueById(reads.flatMap((read) => read.rows)),
		truncated: reads.some((read) => read.truncated),
		from: Math.min(...reads.map((read) => read.from)),
	};
}

async function readOneList(
	client: HaloClient,
	source: PollSource,
	limits: ReadLimits,
): Promise<Read> {
	return source.sinceParam
		? await readSince(client, source, limits)
		: await readByPosition(client, source, limits);
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
 * Which rows are changes not emitted before (oldest first: last change, then ID), and the state
 * after this poll, whose watermark is `nextFrom`. Rows are remembered even when not emitted (an
 * update when only new records are wanted), so they are not mistaken for changes later.
 * `backfillSince`: during a backfill, new means made since then.
 */
export function takeChanges(
	state: PollState,
	source: PollSource,
	rows: IDataObject[],
	nextFrom: number,
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
		if (isSeenVersion(before, row, source)) continue;
		const created = firstTime(row, source.createdFields);
		const isNew =
			backfillSince !== undefined
				? created === null || created >= backfillSince
				: before === undefined && numericId(row) > state.maxId;
		changes.push({ row, isNew, time: version.t });
	}
	const readNow = new Set(rows.map(idOf));
	for (const [id, entry] of Object.entries(seen)) {
		// Behind the next read's watermark: it can only come back with a new version.
		if (entry.t !== null ? entry.t < nextFrom : !readNow.has(id)) delete seen[id];
	}
	changes.sort((a, b) => (a.time ?? 0) - (b.time ?? 0) || numericId(a.row) - numericId(b.row));
	const next: PollState = { ...state, from: new Date(nextFrom).toISOString(), maxId, seen };
	delete next.resume;
	delete next.backfillSince;
	return { changes, next };
}

export function wanted(change: Change, on: TriggerOn): boolean {
	return on === 'newOrUpdated' || (on === 'new') === change.isNew;
}

/** The highest record ID in the list, from its newest record by ID; 0 when the list is empty. */
export async function highestId(client: HaloClient, source: PollSource): Promise<number> {
	const answer = await haloApiRequest(client, {
		method: 'GET',
		path: source.path,
		qs: {
			...source.query,
			order: 'id',
			orderdesc: true,
			pageinate: true,
			page_size: 1,
			page_no: 1,
		},
	});
	return readPage(answer, source.listKey).rows.reduce(
		(max, row) => Math.max(max, numericId(row)),
		0,
	);
}

/** The most recently changed record, for the editor's Test step. */
export async function sample(client: HaloClient, source: PollSource): Promise<IDataObject[]> {
	const answer = await haloApiRequest(client, {
		method: 'GET',
		path: source.path,
		qs: {
			...source.query,
			order: source.updatedFields[0],
			orderdesc: true,
			pageinate: true,
			page_size: 1,
			page_no: 1,
		},
	});
	return readPage(answer, source.listKey).rows.slice(0, 1);
}
