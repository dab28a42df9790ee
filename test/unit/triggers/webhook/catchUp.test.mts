// The webhook trigger's catch-up (issue 31), its pure parts and one look against a scripted Halo:
// the memory it shares with Halo's deliveries, which event a caught-up change is, the interval as
// n8n's cron, and a look's reads. What it does inside n8n is tested in
// test/webhook-catch-up.test.mjs and test/queue.test.mjs. Catch-up's copy of the delivery memory
// (dedupe.keepRemembered) is tested in dedupe.test.mts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	ITriggerFunctions,
} from 'n8n-workflow';

import * as catchUp from '../../../../nodes/HaloPsaComplete/triggers/webhook/catchUp.ts';
import type { EventItem } from '../../../../nodes/HaloPsaComplete/triggers/webhook/events.ts';
import {
	governTrigger,
	resourceByValue,
} from '../../../../nodes/HaloPsaComplete/guards/triggerAccess.ts';
import type { HaloClient } from '../../../../nodes/HaloPsaComplete/transport/client.ts';
import { APP_URL } from '../../support/fakeNode.mts';

/** The members of n8n's trigger context a look uses, with n8n's own types. */
type FakeTriggerFunctions = Pick<ITriggerFunctions, 'getNode' | 'getCredentials'> & {
	helpers: Pick<ITriggerFunctions['helpers'], 'httpRequestWithAuthentication'>;
};

/** A ticket as Halo's list shows it. */
interface Ticket extends IDataObject {
	id: number;
	summary: string;
	last_update: string;
	status_id?: number;
}

/** A query Halo was sent: the path and the query string's parameters. */
type SentQuery = IDataObject & { path: string };

let scopes = 0;
const newScope = (): string => `wf${++scopes}|node`;
const ticketEvent = (ticket: Ticket, eventNumber = 3): EventItem => ({
	objectType: 'ticket',
	json: { eventNumber, objectType: 'ticket', objectId: ticket.id, ticket },
});

/**
 * A Halo whose ticket list answers from `tickets` (filtered and sorted as asked) and whose delivery
 * log from `log`; records each query.
 */
async function scriptedHalo(
	tickets: Ticket[],
	log: IDataObject[] = [],
): Promise<{ client: HaloClient; queries: SentQuery[] }> {
	const queries: SentQuery[] = [];
	const credentials: ICredentialDataDecryptedObject = {
		url: APP_URL,
		tenant: 'acme',
		clientId: `catch-up-${++scopes}`,
		rateLimitRequests: 100_000,
		rateLimitWindowSeconds: 300,
	};
	const context: FakeTriggerFunctions = {
		getNode: () => ({
			id: 'catch-up',
			name: 'Halo Trigger',
			type: 'test',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		}),
		getCredentials: async <T extends object = ICredentialDataDecryptedObject>() => credentials as T,
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const qs = options.qs ?? {};
				queries.push({ path: new URL(options.url).pathname, ...qs });
				if (/webhookevent$/i.test(new URL(options.url).pathname))
					return {
						body: { record_count: log.length, webhookevents: log },
						statusCode: 200,
						headers: {},
					};
				let rows = [...tickets];
				if (qs.order === 'id') rows.sort((a, b) => b.id - a.id);
				if (qs.lastupdatefromdate) {
					const from = Date.parse(String(qs.lastupdatefromdate));
					rows = rows
						.filter((row) => Date.parse(`${row.last_update}Z`) >= from)
						.sort((a, b) => a.last_update.localeCompare(b.last_update) || a.id - b.id);
				}
				const size = Number(qs.page_size ?? 100);
				const page = Number(qs.page_no ?? 1);
				const body = {
					record_count: rows.length,
					tickets: rows.slice((page - 1) * size, page * size),
				};
				return { body, statusCode: 200, headers: {} };
			},
		},
	};
	// As the trigger does before its first request: its client, with its requests' rules (it
	// watches tickets).
	const ticket = resourceByValue('ticket');
	assert.ok(ticket);
	const { client, refused } = await governTrigger(asTriggerFunctions(context), {
		label: 'HaloPSA Complete Trigger',
		watched: [ticket],
	});
	assert.equal(refused, undefined);
	return { client, queries };
}

/** The fake as the full interface the trigger's code asks for (it implements the members used). */
function asTriggerFunctions(context: FakeTriggerFunctions): ITriggerFunctions {
	return context as unknown as ITriggerFunctions;
}

const at = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '');

test('Catch-up: the first look learns the highest ticket id and emits nothing; later looks emit what changed, once, as the chosen events', async () => {
	const start = Date.parse('2026-03-01T10:00:00Z');
	const tickets = [{ id: 7, summary: 'Old', last_update: at(start - 60_000), status_id: 1 }];
	const { client, queries } = await scriptedHalo(tickets);
	const scope = newScope();
	const staticData: IDataObject = {};
	const chosen = new Set([3, 19, 39]);
	const first = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start,
	});
	assert.deepEqual(first, { changes: [], truncated: false, started: true });
	assert.deepEqual(
		queries.map((query) => query.order),
		['id'],
	);
	// The static data holds it (read as a process without this memory would read it).
	assert.equal(catchUp.memoryOf(newScope(), staticData)?.state.maxId, 7);

	tickets.push({ id: 8, summary: 'New', last_update: at(start + 5_000), status_id: 1 });
	tickets[0] = { ...tickets[0], last_update: at(start + 6_000), status_id: 9 };
	const second = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start + 60_000,
	});
	assert.deepEqual(
		second.changes.map((change) => [change.row.summary, change.eventNumber]),
		[
			['New', 3],
			['Old', 39],
		],
	);
	// The same tickets read again (the overlap) are not emitted again.
	const third = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start + 120_000,
	});
	assert.deepEqual(third.changes, []);
	assert.ok(queries.slice(1).every((query) => query.lastupdatefromdate !== undefined));
});

test('Catch-up and deliveries share one memory: a delivered version is not caught up; a caught-up change delivered late is dropped, a newer one is not', async () => {
	const start = Date.parse('2026-03-02T10:00:00Z');
	const tickets = [{ id: 1, summary: 'A', last_update: at(start - 3_600_000) }];
	const { client } = await scriptedHalo(tickets);
	const scope = newScope();
	const staticData: IDataObject = {};
	const chosen = new Set([3, 19]);
	await catchUp.lookForMissedEvents(client, scope, staticData, chosen, { now: start });

	const delivered = { id: 2, summary: 'B', last_update: at(start + 1_000) };
	tickets.push(delivered);
	assert.equal(
		catchUp.throughMemory(scope, staticData, [ticketEvent(delivered)]).length,
		1,
		'Halo delivered it first: it starts the workflow',
	);
	const missed = { id: 3, summary: 'C', last_update: at(start + 2_000) };
	tickets.push(missed);
	const look = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start + 30_000,
	});
	assert.deepEqual(
		look.changes.map((change) => change.row.summary),
		['C'],
		'B was delivered',
	);
	// Halo delivers C late (a resend), and a later change of C: the first is dropped.
	const later = { ...missed, last_update: at(start + 40_000) };
	const kept = catchUp.throughMemory(scope, staticData, [
		ticketEvent(missed),
		ticketEvent(later, 19),
	]);
	assert.deepEqual(
		kept.map((event) => event.json.ticket),
		[later],
	);
	// Static data as n8n hands it over is a proxy (structuredClone refuses it): a fresh process reads it.
	const stored = staticData.catchUp;
	assert.ok(typeof stored === 'object' && stored !== null, 'the memory is in the static data');
	const proxied: IDataObject = new Proxy(JSON.parse(JSON.stringify(staticData)), {});
	const otherScope = newScope();
	proxied.catchUp = new Proxy(stored, {});
	assert.equal(catchUp.memoryOf(otherScope, proxied)?.caughtUp['3'] !== undefined, true);
});

test('Catch-up leaves a change younger than its settle time to Halo’s delivery: a delivery on its way wins; a change never delivered is caught up at the next look', async () => {
	const start = Date.parse('2026-03-05T10:00:00Z');
	const tickets: Ticket[] = [];
	const { client } = await scriptedHalo(tickets);
	const scope = newScope();
	const staticData: IDataObject = {};
	const chosen = new Set([3]);
	const settle = catchUp.settleMs(0.1);
	assert.equal(settle, 3_000);
	await catchUp.lookForMissedEvents(client, scope, staticData, chosen, { now: start });
	const onItsWay = { id: 1, summary: 'On its way', last_update: at(start + 59_000) };
	const lost = { id: 2, summary: 'Lost', last_update: at(start + 58_500) };
	tickets.push(onItsWay, lost);
	const look = { now: start + 60_000, settleMs: settle };
	const first = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, look);
	assert.deepEqual(first.changes, [], 'both changed less than 3 s ago');
	assert.equal(catchUp.throughMemory(scope, staticData, [ticketEvent(onItsWay)]).length, 1);
	const second = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start + 66_000,
		settleMs: settle,
	});
	assert.deepEqual(
		second.changes.map((change) => change.row.summary),
		['Lost'],
	);
	assert.equal(catchUp.settleMs(5), 60_000, 'at most a minute');
	assert.equal(catchUp.settleMs(Number.NaN), 60_000);
});

test('Catch-up: which chosen event a caught-up change is', () => {
	const chosen = (...numbers: number[]): Set<number> => new Set(numbers);
	const open = { status_id: 2 };
	const closed = { status_id: 9 };
	assert.equal(catchUp.caughtUpEvent(open, true, chosen(3, 19)), 3);
	assert.equal(catchUp.caughtUpEvent(open, true, chosen(19, 76)), undefined, 'new, not logged');
	assert.equal(catchUp.caughtUpEvent(closed, false, chosen(39, 76, 19)), 39);
	assert.equal(catchUp.caughtUpEvent(open, false, chosen(39, 76, 19)), 76);
	assert.equal(catchUp.caughtUpEvent(open, false, chosen(39, 19)), 19);
	assert.equal(catchUp.caughtUpEvent(open, false, chosen(39, 3)), undefined);
});

test('Catch-up interval as n8n cron: whole minutes, at most hourly; fractions of a minute in seconds', () => {
	assert.equal(catchUp.catchUpCron(5), '0 */5 * * * *');
	assert.equal(catchUp.catchUpCron(1), '0 */1 * * * *');
	assert.equal(catchUp.catchUpCron(60), '0 0 * * * *');
	assert.equal(catchUp.catchUpCron(600), '0 0 * * * *');
	assert.equal(catchUp.catchUpCron(0.1), '*/6 * * * * *');
	assert.equal(catchUp.catchUpCron(Number.NaN), '0 */5 * * * *');
});

test('Catch-up past its bound: 1,500 missed tickets come out as at most 1,000 (oldest first), then the rest at the next look, each once', async () => {
	const start = Date.parse('2026-03-03T10:00:00Z');
	const tickets: Ticket[] = [];
	const { client } = await scriptedHalo(tickets);
	const scope = newScope();
	const staticData: IDataObject = {};
	const chosen = new Set([3]);
	await catchUp.lookForMissedEvents(client, scope, staticData, chosen, { now: start });
	for (let index = 1; index <= 1500; index++)
		tickets.push({ id: index, summary: `T${index}`, last_update: at(start + index * 100) });
	const first = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start + 200_000,
	});
	assert.equal(first.truncated, true);
	// The bound counts rows read, and keyset paging reads again the rest of a page's last second.
	assert.ok(
		first.changes.length > 900 && first.changes.length <= catchUp.CATCH_UP_MAX_RECORDS,
		`${first.changes.length} in the first look`,
	);
	const second = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start + 260_000,
	});
	assert.equal(second.truncated, false);
	const ids = [...first.changes, ...second.changes].map((change) => change.row.id);
	assert.deepEqual(
		ids,
		tickets.map((ticket) => ticket.id),
	);
});

test('Catch-up with no memory of a change (a restart) asks Halo’s delivery log: what Halo delivered and n8n accepted is not emitted again, and its ticket is not new', async () => {
	const start = Date.parse('2026-03-04T10:00:00Z');
	const webhookId = '11111111-2222-3333-4444-555555555555';
	const tickets: Ticket[] = [];
	const log: IDataObject[] = [];
	const { client, queries } = await scriptedHalo(tickets, log);
	const scope = newScope();
	const staticData: IDataObject = {};
	const chosen = new Set([3, 19]);
	await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start,
		webhookId,
	});
	const delivered = { id: 1, summary: 'Delivered', last_update: at(start + 1000) };
	const deliveredThenChanged = { id: 2, summary: 'Changed', last_update: at(start + 5000) };
	const missed = { id: 3, summary: 'Missed', last_update: at(start + 3000) };
	tickets.push(delivered, deliveredThenChanged, missed);
	const accepted = (id: number, time: number, responsestatus = 200): IDataObject => ({
		webhook_id: webhookId,
		entity_id: id,
		timestamp: at(time),
		responsestatus,
		error: responsestatus !== 200,
	});
	log.push(accepted(1, start + 1000), accepted(2, start + 2000), accepted(3, start + 3000, 502), {
		...accepted(3, start + 3000),
		webhook_id: 'another-webhook',
	});
	const look = await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start + 60_000,
		webhookId,
	});
	assert.deepEqual(
		look.changes.map((change) => [change.row.summary, change.eventNumber]),
		[
			['Missed', 3],
			['Changed', 19],
		],
	);
	assert.ok(
		queries.some((query) => /webhookevent/i.test(query.path) && query.webhook_id === webhookId),
	);
	// A quiet look asks no log.
	const asked = queries.length;
	await catchUp.lookForMissedEvents(client, scope, staticData, chosen, {
		now: start + 90_000,
		webhookId,
	});
	assert.deepEqual(
		queries.slice(asked).map((query) => query.path),
		['/api/Tickets'],
	);
});
