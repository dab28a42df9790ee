import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { haloApiRequest } from '../HaloPsaComplete/transport';
import type { EventItem } from './events';

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
 * Replaces each event's object with the whole record read by its id (`includedetails=true`). An
 * action is read with its ticket's id, as Halo requires. When the record cannot be read (deleted
 * meanwhile, no permission), the event keeps the object Halo sent and says why in
 * `fullRecordError`: the workflow still starts for an event that happened.
 */
export async function fetchFullRecords(
	this: IWebhookFunctions,
	events: EventItem[],
): Promise<EventItem[]> {
	const result: EventItem[] = [];
	for (const event of events) {
		const type = event.objectType;
		const path = type === undefined ? undefined : RECORD_PATHS[type];
		const id = event.json.objectId;
		if (
			path === undefined ||
			type === undefined ||
			!/^\d+$/.test(String(id ?? '')) ||
			DELETED_EVENTS.has(Number(event.json.eventNumber))
		) {
			result.push(event);
			continue;
		}
		const object = event.json[type] as IDataObject;
		const ticketId =
			type === 'action'
				? (object.ticket_id ?? (event.json.ticket as IDataObject | undefined)?.id)
				: undefined;
		try {
			const record = await haloApiRequest.call(this, {
				method: 'GET',
				path: `${path}/${String(id)}`,
				qs: { includedetails: true, ...(ticketId === undefined ? {} : { ticket_id: ticketId }) },
			});
			result.push({ ...event, json: { ...event.json, [type]: record as IDataObject } });
		} catch (error) {
			result.push({ ...event, json: { ...event.json, fullRecordError: errorWords(error) } });
		}
	}
	return result;
}
