import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { haloApiRequest } from '../../transport';
import { inOrderPool } from '../../transport/pool';
import type { EventItem } from './events';
import type { HaloClient } from '../../transport';

/**
 * Where Halo keeps each kind of record an event can carry (halo-behaviour.md#get-one,
 * #list-shapes).
 */
const RECORD_PATHS: Record<string, string> = {
	ticket: '/Tickets',
	action: '/Actions',
	client: '/Client',
	site: '/Site',
	user: '/Users',
	asset: '/Asset',
	contract: '/ClientContract',
	invoice: '/Invoice',
	quote: '/Quotation',
	appointment: '/Appointment',
	opportunity: '/Opportunities',
	project: '/Projects',
	agent: '/Agent',
	supplier: '/Supplier',
	item: '/Item',
};

/** Event 1072 (ticket deleted): the record is gone, and what the event carries is all there is. */
const DELETED_EVENTS = new Set([1072]);

function errorWords(error: unknown): string {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error.message;
	return 'HaloPSA could not be asked for the record';
}

/**
 * Halo waits on the answer to its delivery, logs a slow one as failed and may switch a failing
 * webhook off: every read of one delivery ends within this (the node's Full Record Time Limit),
 * whatever Halo's API is doing.
 */
export const DEFAULT_FULL_RECORD_TIME_LIMIT_SECONDS = 4;
export const MAX_FULL_RECORD_TIME_LIMIT_SECONDS = 20;
/** Reads of one delivery sent at once (the limiter still spaces them for Halo). */
const FULL_RECORD_CONCURRENCY = 4;

/** Where the whole record of an event is read, or undefined when it is not read at all. */
function recordRequest(
	event: EventItem,
): { type: string; path: string; qs: IDataObject } | undefined {
	const type = event.objectType;
	const path = type === undefined ? undefined : RECORD_PATHS[type];
	const id = event.json.objectId;
	if (
		path === undefined ||
		type === undefined ||
		!/^\d+$/.test(String(id ?? '')) ||
		DELETED_EVENTS.has(Number(event.json.eventNumber))
	)
		return undefined;
	const object = event.json[type] as IDataObject;
	const ticketId =
		type === 'action'
			? (object.ticket_id ?? (event.json.ticket as IDataObject | undefined)?.id)
			: undefined;
	return {
		type,
		path: `${path}/${String(id)}`,
		qs: { includedetails: true, ...(ticketId === undefined ? {} : { ticket_id: ticketId }) },
	};
}

/** What the reads of one delivery share: when they must end, and whether Halo is rate limiting. */
interface DeliveryReads {
	deadline: number;
	/** Halo's words for a 429 one of these reads got: the rest are not sent into the limit. */
	rateLimited?: string;
}

const withError = (event: EventItem, words: string): EventItem => ({
	...event,
	json: { ...event.json, fullRecordError: words },
});

async function withFullRecord(
	client: HaloClient<IWebhookFunctions>,
	event: EventItem,
	reads: DeliveryReads,
): Promise<EventItem> {
	const request = recordRequest(event);
	if (request === undefined) return event;
	if (reads.rateLimited !== undefined) return withError(event, reads.rateLimited);
	try {
		// Halo is waiting: a 429 fails at once rather than backing off, and nothing outlasts the deadline.
		const record = await haloApiRequest(client, {
			method: 'GET',
			path: request.path,
			qs: request.qs,
			interactive: true,
			deadline: reads.deadline,
		});
		return { ...event, json: { ...event.json, [request.type]: record as IDataObject } };
	} catch (error) {
		const words = errorWords(error);
		// More reads would only prolong Halo's limit (its window rolls), and would get 429 too.
		if (error instanceof NodeApiError && String(error.httpCode) === '429')
			reads.rateLimited = words;
		return withError(event, words);
	}
}

/**
 * Replaces each event's object with the whole record read by its id (`includedetails=true`). An
 * action is read with its ticket's id, as Halo requires. When the record cannot be read (deleted
 * meanwhile, no permission, rate limited, or not within `timeLimitSeconds`), the event keeps
 * the object Halo sent and says why in `fullRecordError`: the workflow still starts for an event
 * that happened, and Halo gets its answer in time.
 */
export async function fetchFullRecords(
	client: HaloClient<IWebhookFunctions>,
	events: EventItem[],
	timeLimitSeconds: number,
): Promise<EventItem[]> {
	const seconds = Math.min(
		Number.isFinite(timeLimitSeconds) && timeLimitSeconds > 0
			? timeLimitSeconds
			: DEFAULT_FULL_RECORD_TIME_LIMIT_SECONDS,
		MAX_FULL_RECORD_TIME_LIMIT_SECONDS,
	);
	const reads: DeliveryReads = { deadline: Date.now() + seconds * 1000 };
	const result: EventItem[] = [];
	await inOrderPool(
		events.length,
		FULL_RECORD_CONCURRENCY,
		async (index) => await withFullRecord(client, events[index], reads),
		(event) => {
			result.push(event);
		},
	);
	return result;
}
