import type { EventRecord } from '../../guards/triggerAccess';
import type { IDataObject } from 'n8n-workflow';

/**
 * Halo notification events the trigger offers by name. The numbers are the ones in
 * halo-behaviour.md#webhook-events (one public integration); the option values are this node's own
 * names, so a number found to be wrong can be corrected here without touching saved workflows.
 * Events without a known number (client added, asset and contract events, action added…) go in
 * "Other Event Numbers".
 */
export interface HaloEvent {
	value: string;
	name: string;
	eventno: number;
	description: string;
}

export const HALO_EVENTS: HaloEvent[] = [
	{
		value: 'ticketLogged',
		name: 'Ticket Logged',
		eventno: 3,
		description: 'A new ticket is logged',
	},
	{
		value: 'ticketUpdated',
		name: 'Ticket Updated',
		eventno: 19,
		description: 'A ticket is updated by a user',
	},
	{
		value: 'ticketStatusChanged',
		name: 'Ticket Status Changed',
		eventno: 76,
		description: 'A ticket’s status changes',
	},
	{ value: 'ticketClosed', name: 'Ticket Closed', eventno: 39, description: 'A ticket is closed' },
	{
		value: 'slaFirstWarning',
		name: 'SLA First Warning',
		eventno: 42,
		description: 'A ticket reaches its first SLA warning',
	},
	{
		value: 'slaSecondWarning',
		name: 'SLA Second Warning',
		eventno: 46,
		description: 'A ticket reaches its second SLA warning',
	},
	{
		value: 'ticketDeadline',
		name: 'Ticket Deadline',
		eventno: 70,
		description: 'A ticket reaches its deadline',
	},
	{
		value: 'ticketDeleted',
		name: 'Ticket Deleted',
		eventno: 1072,
		description: 'A ticket is deleted',
	},
];

const EVENTS_BY_NUMBER = new Map(HALO_EVENTS.map((event) => [event.eventno, event]));

/** Every event above is about a ticket: filters by ticket fields may go to Halo as conditions. */
export function isTicketEvent(eventno: number): boolean {
	return EVENTS_BY_NUMBER.has(eventno);
}

/** Event numbers typed by hand: whole numbers of 1 or more, separated by commas or spaces. */
export function parseEventNumbers(text: string): { numbers: number[]; invalid: string[] } {
	const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
	const invalid = parts.filter((part) => !/^\d+$/.test(part) || Number(part) < 1);
	return { numbers: parts.filter((part) => !invalid.includes(part)).map(Number), invalid };
}

/** The event numbers to subscribe to: the named events and the typed ones, once each, in order. */
export function chosenEventNumbers(events: string[], other: string): number[] {
	const named = events
		.map((value) => HALO_EVENTS.find((event) => event.value === value)?.eventno)
		.filter((eventno): eventno is number => eventno !== undefined);
	return [...new Set([...named, ...parseEventNumbers(other).numbers])];
}

/**
 * Objects a delivery can carry, most specific first: an action event carries the action and its
 * ticket, and the action is what the event is about.
 */
const OBJECT_KEYS = [
	'action',
	'ticket',
	'client',
	'site',
	'user',
	'asset',
	'contract',
	'invoice',
	'quote',
	'appointment',
	'opportunity',
	'project',
	'agent',
	'supplier',
	'item',
];

/** The resource of each object a delivery can carry, where its key is not the resource's value. */
const OBJECT_RESOURCES: Record<string, string> = { quote: 'quotation' };

/**
 * The record an event is about, for Allowed Clients: an action's ticket when the delivery carries
 * it (it names the client), else the object itself. Undefined when the event carries no object.
 */
export function eventRecord(item: EventItem): EventRecord | undefined {
	const json = item.json;
	if (item.objectType === undefined) return undefined;
	const object = json[item.objectType];
	if (!isObject(object)) return undefined;
	if (item.objectType === 'action' && isObject(json.ticket))
		return { resource: 'ticket', record: json.ticket };
	return { resource: OBJECT_RESOURCES[item.objectType] ?? item.objectType, record: object };
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A delivery's events: Halo sends one event as an object, and a batch as an array of them. */
export function deliveredEvents(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body.filter(isObject);
	return isObject(body) && Object.keys(body).length > 0 ? [body] : [];
}

function numberOf(value: unknown): number | undefined {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\d+$/.test(value.trim())
				? Number(value)
				: NaN;
	return Number.isInteger(number) && number > 0 ? number : undefined;
}

/**
 * The event number of a delivered event. Halo's payload names the notification that fired it, and
 * the trigger made those notifications, so it knows their numbers; a payload that carries the
 * number itself (or sends it as `event`) is read directly.
 */
export function eventNumberOf(
	payload: IDataObject,
	notificationNumbers: Record<string, number>,
): number | undefined {
	for (const key of ['eventno', 'event_no', 'eventnumber']) {
		const number = numberOf(payload[key]);
		if (number !== undefined) return number;
	}
	const fromNotification =
		payload.notification_id === undefined
			? undefined
			: notificationNumbers[String(payload.notification_id)];
	return fromNotification ?? numberOf(payload.event);
}

export interface EventItem {
	json: IDataObject;
	/** Key of the object the event is about (`ticket`, `action`…), if the payload carries one. */
	objectType?: string;
}

/** One item per event: Halo's payload as it came, plus the event's name and number, object, id and time. */
export function eventItem(
	payload: IDataObject,
	notificationNumbers: Record<string, number>,
): EventItem {
	const eventNumber = eventNumberOf(payload, notificationNumbers);
	const objectType = OBJECT_KEYS.find((key) => isObject(payload[key]));
	const object = objectType === undefined ? undefined : (payload[objectType] as IDataObject);
	const known = eventNumber === undefined ? undefined : EVENTS_BY_NUMBER.get(eventNumber);
	const haloName =
		typeof payload.event === 'string' && numberOf(payload.event) === undefined
			? payload.event
			: undefined;
	const eventName =
		known?.name ??
		haloName ??
		(eventNumber === undefined ? 'Unknown Event' : `Event ${eventNumber}`);
	return {
		objectType,
		json: {
			eventName,
			eventNumber: eventNumber ?? null,
			objectType: objectType ?? null,
			objectId: payload.object_id ?? object?.id ?? null,
			timestamp: payload.timestamp ?? null,
			...payload,
		},
	};
}

/** The filters the trigger offers: Halo field names, and which fields of the object they read. */
export const FILTER_FIELDS = ['tickettype_id', 'client_id', 'team_id', 'status_id'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type Filters = Partial<Record<FilterField, number[]>>;

/** Comma-separated IDs as the user typed them; anything that is not a whole number is reported. */
export function parseIdList(text: unknown): { ids: number[]; invalid: string[] } {
	const parts = String(text ?? '')
		.split(/[\s,;]+/)
		.filter((part) => part !== '');
	const invalid = parts.filter((part) => !/^\d+$/.test(part));
	return { ids: parts.filter((part) => !invalid.includes(part)).map(Number), invalid };
}

/**
 * Whether an event passes the filters. A field is read from the object the event is about, else
 * from the ticket the payload carries (an action event's ticket). An object that has no such
 * field is not filtered by it: a client event has no ticket type.
 */
export function passesFilters(item: EventItem, filters: Filters): boolean {
	const json = item.json;
	const object = item.objectType === undefined ? undefined : (json[item.objectType] as IDataObject);
	const ticket = isObject(json.ticket) ? json.ticket : undefined;
	for (const field of FILTER_FIELDS) {
		const wanted = filters[field];
		if (!wanted || wanted.length === 0) continue;
		const value = object?.[field] ?? ticket?.[field];
		if (value === undefined || value === null || value === '') continue;
		if (!wanted.includes(Number(value))) return false;
	}
	return true;
}

/**
 * Filters Halo can apply itself: one ID for a field becomes an "is equal to" condition on the
 * ticket (Halo ANDs a notification's conditions, so a field with several IDs stays with n8n).
 * The shape follows Halo's NotificationConditions (fieldname, type 0 = is equal to, value_int).
 */
export function haloConditions(filters: Filters): IDataObject[] {
	return FILTER_FIELDS.filter((field) => filters[field]?.length === 1).map((field) => ({
		fieldname: field,
		type: 0,
		value_int: (filters[field] as number[])[0],
		tablename: 'faults',
	}));
}
