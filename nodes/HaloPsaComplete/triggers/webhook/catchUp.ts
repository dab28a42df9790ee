import type { IDataObject } from 'n8n-workflow';

import { haloApiRequest } from '../../transport';
import type { HaloClient } from '../../transport';
import { readPage } from '../../transport/paging';
import {
	DEFAULT_MAX_RECORDS_PER_POLL,
	highestId,
	parseHaloTime,
	readChanges,
	startState,
	takeChanges,
	versionOf,
} from '../polling/reader';
import type { PollState } from '../polling/reader';
import { POLL_SOURCES } from '../polling/sources';
import type { PollSource } from '../polling/sources';
import type { EventItem } from './events';

/**
 * Catch Up Missed Events: Halo delivers only while n8n listens (a delivery that fails is logged,
 * and may switch the webhook off; nothing promises a retry, halo-behaviour.md#webhook-records). So
 * at activation, at n8n's start and then at an interval, the trigger reads the tickets that changed
 * since it last looked, with the polling trigger's reader (oldest first, at most a bounded number a
 * run), and emits each change nobody emitted yet.
 *
 * One memory, shared by catch-up and Halo's deliveries, says what was emitted: the reader's `seen`
 * (ticket id → its last-change time) and `caughtUp` (ticket id → the change time catch-up emitted).
 * - A delivered ticket event notes its ticket's version in `seen`: catch-up, reading that version,
 *   emits nothing.
 * - Catch-up notes what it emitted in `caughtUp`: a delivery Halo makes late (a resend) of that
 *   change, or of an earlier one of the same ticket, starts nothing.
 * The memory lives in this process (deliveries and the trigger run in n8n's main process, each on
 * its own copy of the workflow's static data, so the copies alone would not see each other) and
 * is written into whichever copy n8n saves next, so that it survives a restart.
 *
 * Only ticket events have a list to read: Ticket Logged (a ticket new since the last look), and
 * Ticket Updated, Status Changed and Closed (a ticket changed). SLA warnings, deadlines and
 * deletions leave no change a list shows, and events given by number have no known record kind.
 */

/** The trigger version from which Catch Up Missed Events is on unless turned off. */
export const CATCH_UP_FROM_VERSION = 2;
export const DEFAULT_CATCH_UP_MINUTES = 5;
/** Each look reads this far back before the last, for Halo's clock and changes made meanwhile. */
const OVERLAP_MS = 5 * 60_000;
/** What one look may read: the polling trigger's bound, 10 requests of 100 tickets. */
export const CATCH_UP_MAX_RECORDS = DEFAULT_MAX_RECORDS_PER_POLL;
/** Changes catch-up emitted, remembered for Halo's late deliveries of them. */
const MAX_CAUGHT_UP = 1000;
/**
 * How long a change is left to Halo's delivery before catch-up takes it: a look made between a
 * change and its delivery would otherwise emit it as caught up, and Halo's delivery (on its way)
 * would then start nothing. Half the interval, at most a minute: a missed change is still caught
 * up within two looks.
 */
export function settleMs(intervalMinutes: number): number {
	const interval =
		Number.isFinite(intervalMinutes) && intervalMinutes > 0
			? intervalMinutes
			: DEFAULT_CATCH_UP_MINUTES;
	return Math.min(60_000, (interval * 60_000) / 2);
}

const TICKETS = POLL_SOURCES.find((source) => source.value === 'tickets') as PollSource;

export const EVENT = { logged: 3, updated: 19, closed: 39, statusChanged: 76 } as const;
/** The named events catch-up can find in the ticket list. */
export const CATCHABLE_EVENTS: number[] = Object.values(EVENT);
/** halo-behaviour.md#closed-status: the built-in Closed status. */
const CLOSED_STATUS_ID = 9;

export interface CatchUpMemory {
	state: PollState;
	/** Ticket id → change time (ms) catch-up emitted. */
	caughtUp: Record<string, number>;
}

/** The memory of each trigger node in this process, by scope (workflow id | node id). */
const live = new Map<string, CatchUpMemory>();
/** A repair of the webhook not yet told in an execution, by scope. */
const untoldRepairs = new Map<string, IDataObject>();

function isMemory(value: unknown): value is CatchUpMemory {
	if (typeof value !== 'object' || value === null) return false;
	const state = (value as CatchUpMemory).state as PollState | undefined;
	return (
		typeof state?.from === 'string' &&
		typeof state.seen === 'object' &&
		typeof (value as CatchUpMemory).caughtUp === 'object'
	);
}

function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** The latest memory: this process's, else the one n8n saved in the workflow's static data. */
export function memoryOf(scope: string, staticData: IDataObject): CatchUpMemory | undefined {
	const mine = live.get(scope);
	if (mine) return mine;
	const stored = staticData.catchUp;
	if (!isMemory(stored)) return undefined;
	// n8n's static data is a proxy, which structuredClone refuses.
	const copy = plainCopy(stored);
	live.set(scope, copy);
	return copy;
}

/** Keeps the memory in this process and in the copy of the static data n8n will save. */
export function keepMemory(scope: string, staticData: IDataObject, memory: CatchUpMemory): void {
	live.set(scope, memory);
	staticData.catchUp = plainCopy(memory) as unknown as IDataObject;
}

/** Deactivation: the next activation starts from its own moment, not from this one. */
export function forgetMemory(scope: string, staticData: IDataObject): void {
	live.delete(scope);
	untoldRepairs.delete(scope);
	delete staticData.catchUp;
}

export function noteRepair(scope: string, repair: IDataObject): void {
	untoldRepairs.set(scope, repair);
}

/** The repair to tell in this execution's items, once. */
export function takeRepair(scope: string): IDataObject | undefined {
	const repair = untoldRepairs.get(scope);
	untoldRepairs.delete(scope);
	return repair;
}

function ticketOf(event: EventItem): IDataObject | undefined {
	if (event.objectType !== 'ticket') return undefined;
	const ticket = event.json.ticket;
	return typeof ticket === 'object' && ticket !== null && !Array.isArray(ticket)
		? (ticket as IDataObject)
		: undefined;
}

/**
 * Halo's deliveries, against the shared memory: an event about a ticket change catch-up already
 * emitted (that version or a later one) is dropped; the others note their ticket's version, so
 * that catch-up does not emit it again. A ticket without a readable last-change time cannot be
 * matched: its event passes, and catch-up may emit that change too.
 */
export function throughMemory(
	scope: string,
	staticData: IDataObject,
	events: EventItem[],
): EventItem[] {
	const memory = memoryOf(scope, staticData);
	if (!memory) return events;
	const kept = events.filter((event) => {
		const ticket = ticketOf(event);
		const id = ticket?.id === undefined || ticket.id === null ? undefined : String(ticket.id);
		if (ticket === undefined || id === undefined) return true;
		const version = versionOf(ticket, TICKETS);
		if (version.t === null) return true;
		const emitted = memory.caughtUp[id];
		if (emitted !== undefined && version.t <= emitted) return false;
		const seen = memory.state.seen[id];
		if (seen === undefined || seen.t === null || seen.t < version.t)
			memory.state.seen[id] = version;
		return true;
	});
	keepMemory(scope, staticData, memory);
	return kept;
}

/** Which of the chosen events a caught-up change is reported as, or none. */
export function caughtUpEvent(
	row: IDataObject,
	isNew: boolean,
	chosen: Set<number>,
): number | undefined {
	if (isNew) return chosen.has(EVENT.logged) ? EVENT.logged : undefined;
	// The list shows a ticket as it is now, not the status it had: a change to a ticket now closed
	// may be its closing, and any change may have been a status change.
	if (chosen.has(EVENT.closed) && Number(row.status_id) === CLOSED_STATUS_ID) return EVENT.closed;
	if (chosen.has(EVENT.statusChanged)) return EVENT.statusChanged;
	if (chosen.has(EVENT.updated)) return EVENT.updated;
	return undefined;
}

export interface CaughtUpChange {
	row: IDataObject;
	eventNumber: number;
}

/** What one look found, and whether more changes wait than it could read. */
export interface CatchUpRun {
	changes: CaughtUpChange[];
	truncated: boolean;
	/** The first look of a trigger with no memory: nothing is emitted, the memory starts now. */
	started: boolean;
}

/** Pages of Halo's delivery log one look may read. */
const MAX_LOG_PAGES = 3;

/**
 * Halo's own log of the webhook's deliveries (WebhookEvent, newest first): ticket id → the latest
 * time of an event Halo delivered and n8n accepted (2xx). Deliveries save no static data in n8n
 * 2.39 and may reach another n8n process, so this log, not n8n's memory, says what was delivered
 * when the memory cannot (after a restart, or with separate webhook processes).
 */
async function acceptedDeliveries(
	client: HaloClient,
	webhookId: string,
	since: number,
): Promise<Map<string, number>> {
	const accepted = new Map<string, number>();
	for (let pageNo = 1; pageNo <= MAX_LOG_PAGES; pageNo++) {
		const page = readPage(
			await haloApiRequest(client, {
				method: 'GET',
				path: '/WebhookEvent',
				qs: {
					webhook_id: webhookId,
					order: 'timestamp',
					orderdesc: true,
					pageinate: true,
					page_size: 100,
					page_no: pageNo,
				},
			}),
		);
		let older = 0;
		for (const row of page.rows as IDataObject[]) {
			const time = parseHaloTime(row.timestamp);
			if (time === null || time < since) {
				older++;
				continue;
			}
			const status = Number(row.responsestatus);
			const ok = row.error !== true && status >= 200 && status < 300;
			if (!ok || String(row.webhook_id ?? '').toLowerCase() !== webhookId.toLowerCase()) continue;
			const id = String(row.entity_id ?? '');
			accepted.set(id, Math.max(accepted.get(id) ?? 0, time));
		}
		if (page.rows.length < 100 || older === page.rows.length) break;
	}
	return accepted;
}

/** The read without the changes made after `settledBy`: they are neither emitted nor remembered. */
function settledOnly<T extends { rows: IDataObject[] }>(read: T, settledBy: number): T {
	const rows = read.rows.filter((row) => {
		const time = versionOf(row, TICKETS).t;
		return time === null || time <= settledBy;
	});
	return { ...read, rows };
}

/** The changes a read holds against a memory, as the chosen events (nothing stored). */
function changesAgainst(
	memory: CatchUpMemory,
	read: Awaited<ReturnType<typeof readChanges>>,
	chosen: Set<number>,
): { found: Array<CaughtUpChange & { time: number | null; isNew: boolean }>; next: PollState } {
	const { changes, next } = takeChanges(memory.state, TICKETS, read.rows, read.from);
	if (read.resume) next.resume = read.resume;
	const found: Array<CaughtUpChange & { time: number | null; isNew: boolean }> = [];
	for (const change of changes) {
		// Every change counts here: one not chosen as new may be chosen as updated below.
		const eventNumber = caughtUpEvent(change.row, change.isNew, chosen) ?? 0;
		found.push({ row: change.row, eventNumber, time: change.time, isNew: change.isNew });
	}
	return { found, next };
}

/**
 * One look: the ticket changes since the last, each once, oldest first, as the chosen events they
 * match. Changes no memory knows are checked against Halo's delivery log (one more request, only
 * then). The memory is read again after Halo answers, since deliveries may have noted tickets
 * meanwhile, and the changes are marked emitted in the same step (no await between).
 */
export interface LookOptions {
	/** n8n's clock at the look's start (ms). */
	now: number;
	/** The trigger's webhook in Halo, whose delivery log says what Halo delivered. */
	webhookId?: string;
	/** Changes younger than this are left to Halo's delivery, and read again at the next look. */
	settleMs?: number;
}

export async function lookForMissedEvents(
	client: HaloClient,
	scope: string,
	staticData: IDataObject,
	chosen: Set<number>,
	{ now, webhookId, settleMs = 0 }: LookOptions,
): Promise<CatchUpRun> {
	const before = memoryOf(scope, staticData);
	if (before === undefined) {
		const maxId = await highestId(client, TICKETS);
		keepMemory(scope, staticData, {
			state: startState(TICKETS.value, now, maxId, ''),
			caughtUp: {},
		});
		return { changes: [], truncated: false, started: true };
	}
	const settledBy = now - settleMs;
	// A read past settled changes stops with no resume point (pollStart), and the next look starts
	// within the overlap, before the changes left for later.
	const read = settledOnly(
		await readChanges(client, TICKETS, {
			from: Date.parse(before.state.from),
			resume: before.state.resume,
			maxRows: CATCH_UP_MAX_RECORDS,
			caughtUpFrom: now - OVERLAP_MS,
			pollStart: settledBy,
			seen: before.state.seen,
		}),
		settledBy,
	);
	let accepted = new Map<string, number>();
	// Only changes that could be emitted are worth a look at Halo's log.
	const candidates = changesAgainst(
		memoryOf(scope, staticData) ?? before,
		read,
		chosen,
	).found.filter(
		(change) => change.eventNumber !== 0 || caughtUpEvent(change.row, false, chosen) !== undefined,
	);
	if (candidates.length > 0 && webhookId !== undefined)
		accepted = await acceptedDeliveries(client, webhookId, Date.parse(before.state.from));
	const memory = memoryOf(scope, staticData) ?? before;
	const { found, next } = changesAgainst(memory, read, chosen);
	const caughtUp = { ...memory.caughtUp };
	const missed: CaughtUpChange[] = [];
	for (const change of found) {
		const delivered = accepted.get(String(change.row.id));
		if (delivered !== undefined && change.time !== null && delivered >= change.time) continue;
		// Halo delivered an earlier event of this ticket: it is not new, whatever the memory says.
		const eventNumber =
			change.isNew && delivered !== undefined
				? caughtUpEvent(change.row, false, chosen)
				: change.eventNumber || undefined;
		if (eventNumber === undefined) continue;
		missed.push({ row: change.row, eventNumber });
		if (change.time !== null) caughtUp[String(change.row.id)] = change.time;
	}
	keepMemory(scope, staticData, { state: next, caughtUp: newest(caughtUp, MAX_CAUGHT_UP) });
	return { changes: missed, truncated: read.truncated, started: false };
}

/** The `max` entries with the latest times. */
function newest(entries: Record<string, number>, max: number): Record<string, number> {
	const list = Object.entries(entries);
	if (list.length <= max) return entries;
	return Object.fromEntries(list.sort((a, b) => a[1] - b[1]).slice(-max));
}

/** A caught-up change as an item, shaped as a delivered event is. */
export function caughtUpItem(change: CaughtUpChange, eventName: string): EventItem {
	const { row, eventNumber } = change;
	return {
		objectType: 'ticket',
		json: {
			eventName,
			eventNumber,
			objectType: 'ticket',
			objectId: row.id ?? null,
			timestamp: TICKETS.updatedFields.map((field) => row[field]).find(Boolean) ?? null,
			deliveredBy: 'catch-up',
			ticket: row,
		},
	};
}

/**
 * How often catch-up runs, as a cron expression for n8n's scheduler (seconds first). Whole minutes
 * from 1 to 60; shorter intervals (fractions of a minute) are for tests.
 */
export function catchUpCron(minutes: number): string {
	const seconds = Math.max(
		1,
		Math.round((Number.isFinite(minutes) ? minutes : DEFAULT_CATCH_UP_MINUTES) * 60),
	);
	if (seconds < 60) return `*/${seconds} * * * * *`;
	const wholeMinutes = Math.min(60, Math.max(1, Math.round(seconds / 60)));
	return wholeMinutes === 60 ? '0 0 * * * *' : `0 */${wholeMinutes} * * * *`;
}
