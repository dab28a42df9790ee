// The webhook trigger's reading of Halo's deliveries (triggers/webhook/events.ts), pure: events,
// their numbers and the filters. What it does inside n8n is tested in
// test/trigger-webhook.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IDataObject } from 'n8n-workflow';

import * as events from '../../../../nodes/HaloPsaComplete/triggers/webhook/events.ts';

test('Deliveries: an array is one event per element; the event number comes from the payload or from the subscription', () => {
	assert.deepEqual(events.deliveredEvents({}), []);
	assert.deepEqual(events.deliveredEvents('text'), []);
	assert.equal(events.deliveredEvents([{ id: 'a' }, 'junk', { id: 'b' }]).length, 2);
	const fromSubscription = events.eventItem(
		{
			id: 'e1',
			notification_id: 87,
			object_id: 5,
			timestamp: 't',
			action: { id: 5, ticket_id: 9 },
			ticket: { id: 9 },
		},
		{ 87: 3 },
	);
	assert.deepEqual(
		[
			fromSubscription.json.eventName,
			fromSubscription.json.eventNumber,
			fromSubscription.objectType,
			fromSubscription.json.objectId,
		],
		['Ticket Logged', 3, 'action', 5],
	);
	const fromPayload = events.eventItem(
		{ id: 'e2', eventno: '2001', event: 'Client Added', client: { id: 4 } },
		{},
	);
	assert.deepEqual(
		[
			fromPayload.json.eventName,
			fromPayload.json.eventNumber,
			fromPayload.json.objectType,
			fromPayload.json.objectId,
		],
		['Client Added', 2001, 'client', 4],
	);
	assert.deepEqual(
		events.chosenEventNumbers(['ticketLogged', 'ticketClosed'], '39, 1001 1001'),
		[3, 39, 1001],
	);
	assert.deepEqual(events.parseEventNumbers('3, x, 0').invalid, ['x', '0']);
});

test('Filters: several IDs stay in n8n, one ID also goes to Halo; a record without the field is not filtered by it', () => {
	const filters = { client_id: [2], tickettype_id: [1, 3] };
	assert.deepEqual(events.haloConditions(filters), [
		{ fieldname: 'client_id', type: 0, value_int: 2, tablename: 'faults' },
	]);
	const item = (payload: IDataObject): events.EventItem => events.eventItem(payload, {});
	assert.equal(
		events.passesFilters(item({ ticket: { client_id: 2, tickettype_id: 3 } }), filters),
		true,
	);
	assert.equal(
		events.passesFilters(item({ ticket: { client_id: 2, tickettype_id: 2 } }), filters),
		false,
	);
	assert.equal(
		events.passesFilters(
			item({ action: { id: 1 }, ticket: { client_id: 7, tickettype_id: 1 } }),
			filters,
		),
		false,
		'an action is filtered by its ticket',
	);
	assert.equal(events.passesFilters(item({ client: { id: 2 } }), { tickettype_id: [1] }), true);
});
