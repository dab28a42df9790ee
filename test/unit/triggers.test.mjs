// The triggers' pure parts, from the TypeScript sources: the Basic credentials check, the reading
// of Halo's deliveries, and the polling trigger's deduplication across overlapping reads. What they
// do inside n8n is tested in test/trigger-webhook.test.mjs and test/trigger-polling.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as auth from '../../nodes/HaloPsaComplete/triggers/webhook/basicAuth.ts';
import * as dedupe from '../../nodes/HaloPsaComplete/triggers/webhook/dedupe.ts';
import * as events from '../../nodes/HaloPsaComplete/triggers/webhook/events.ts';
import * as poll from '../../nodes/HaloPsaComplete/triggers/polling/reader.ts';
import { POLL_SOURCES } from '../../nodes/HaloPsaComplete/triggers/polling/sources.ts';

const basic = (pair) => `Basic ${Buffer.from(pair).toString('base64')}`;

test('Basic credentials: random per webhook; only the exact pair passes; no digest lets nothing in', () => {
	const one = auth.newCredentials();
	const two = auth.newCredentials();
	assert.notEqual(one.password, two.password);
	assert.notEqual(one.username, two.username);
	assert.ok(one.password.length >= 40);
	const digest = auth.credentialsDigest(one);
	assert.match(digest, /^[0-9a-f]{64}$/);
	assert.ok(!digest.includes(one.password));
	assert.equal(auth.isAuthorized(basic(`${one.username}:${one.password}`), digest), true);
	assert.equal(
		auth.isAuthorized(
			`basic   ${Buffer.from(`${one.username}:${one.password}`).toString('base64')}`,
			digest,
		),
		true,
		'scheme in any case',
	);
	for (const header of [
		undefined,
		'',
		basic(`${one.username}:${one.password}x`),
		basic(`${one.username}:${one.password.slice(1)}`),
		basic(`${two.username}:${two.password}`),
		basic(`${one.username}${one.password}`),
		`Bearer ${one.password}`,
		['Basic', 'x'],
	]) {
		assert.equal(auth.isAuthorized(header, digest), false, String(header));
	}
	for (const expected of [undefined, '', 'not-a-digest', 42])
		assert.equal(auth.isAuthorized(basic(`${one.username}:${one.password}`), expected), false);
});

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
	const item = (payload) => events.eventItem(payload, {});
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

test('Polling: overlapping reads emit each version once; a change comes out again; old entries leave the state', () => {
	const source = POLL_SOURCES.find((candidate) => candidate.value === 'tickets');
	const minute = 60_000;
	const t0 = Date.parse('2026-03-31T09:00:00Z');
	const at = (ms) => new Date(ms).toISOString().replace(/Z$/, '');
	let state = poll.startState('tickets', t0 - minute, 10, '');
	const first = poll.takeChanges(
		state,
		source,
		[
			{ id: 11, last_update: at(t0 + 1000) },
			{ id: 5, last_update: at(t0 + 2000) },
		],
		t0 + 5000 - minute,
	);
	assert.deepEqual(
		first.changes.map((change) => [change.row.id, change.isNew]),
		[
			[11, true],
			[5, false],
		],
	);
	state = first.next;
	assert.equal(state.maxId, 11);
	// The next read overlaps: the same versions again, one changed, one new.
	const second = poll.takeChanges(
		state,
		source,
		[
			{ id: 11, last_update: at(t0 + 1000) },
			{ id: 5, last_update: at(t0 + 9000) },
			{ id: 12, last_update: at(t0 + 9500) },
		],
		t0 + 20_000 - minute,
	);
	assert.deepEqual(
		second.changes.map((change) => [change.row.id, change.isNew]),
		[
			[5, false],
			[12, true],
		],
	);
	assert.ok(
		!poll.wanted(second.changes[0], 'new') &&
			poll.wanted(second.changes[1], 'new') &&
			poll.wanted(second.changes[0], 'updated'),
	);
	// Much later: entries older than the next read's window are forgotten.
	const third = poll.takeChanges(second.next, source, [], t0 + 9 * minute);
	assert.deepEqual(third.changes, []);
	assert.deepEqual(Object.keys(third.next.seen), []);
	assert.equal(third.next.from, new Date(t0 + 9 * minute).toISOString());
});

test('Polling: Halo times without a zone are UTC; rows without a last-change time are versioned by content', () => {
	assert.equal(poll.parseHaloTime('2026-03-31T09:00:00'), Date.parse('2026-03-31T09:00:00Z'));
	// Also with a space, as Halo writes some dates: UTC, whatever the machine's zone.
	const zone = process.env.TZ;
	process.env.TZ = 'Pacific/Auckland';
	assert.equal(poll.parseHaloTime('2026-03-31 09:00:00'), Date.parse('2026-03-31T09:00:00Z'));
	assert.equal(
		poll.parseHaloTime('2026-03-31 09:00:00.1234567'),
		Date.parse('2026-03-31T09:00:00.123Z'),
	);
	assert.equal(poll.parseHaloTime('2026-03-31 09:00'), Date.parse('2026-03-31T09:00:00Z'));
	assert.notEqual(new Date(2026, 2, 31).getTimezoneOffset(), 0, 'the check ran outside UTC');
	if (zone === undefined) delete process.env.TZ;
	else process.env.TZ = zone;
	assert.equal(poll.parseHaloTime('2026-03-31T09:00:00+02:00'), Date.parse('2026-03-31T07:00:00Z'));
	assert.equal(poll.parseHaloTime('nonsense'), null);
	assert.equal(poll.haloTimeParam(Date.parse('2026-03-31T09:00:00.900Z')), '2026-03-31T09:00:00Z');
	const source = POLL_SOURCES.find((candidate) => candidate.value === 'quotes');
	const a = poll.versionOf({ id: 1, b: 2, a: 1 }, source);
	assert.deepEqual(a, poll.versionOf({ a: 1, id: 1, b: 2 }, source));
	assert.notDeepEqual(a, poll.versionOf({ id: 1, a: 1, b: 3 }, source));
	assert.equal(a.t, null);
});

test('Repeated deliveries: an event id seen within the window starts nothing, per trigger; after it, again', () => {
	const staticData = {};
	const scope = `workflow-${Date.now()}|node`;
	const at = 1_000_000;
	assert.deepEqual(
		[...dedupe.firstSightings(staticData, scope, ['a', 'b', 'a'], 600, at)],
		['a', 'b'],
	);
	assert.deepEqual(
		[...dedupe.firstSightings(staticData, scope, ['b', 'c'], 600, at + 1_000)],
		['c'],
	);
	// Another copy of the static data (another delivery at the same moment) still sees them in this process.
	assert.deepEqual([...dedupe.firstSightings({}, scope, ['a', 'd'], 600, at + 2_000)], ['d']);
	// The static data remembers across processes (and restarts) within the window.
	assert.deepEqual(Object.keys(staticData.recentEvents).sort(), ['a', 'b', 'c']);
	assert.deepEqual(
		[...dedupe.firstSightings(staticData, scope, ['a', 'b'], 600, at + 600_001)],
		['a', 'b'],
		'after the window the same ids are new again',
	);
});

test('Repeated deliveries: one delivery larger than the memory leaves it bounded, holding its last events', () => {
	const staticData = {};
	const scope = `bounded-${Date.now()}`;
	const ids = Array.from(
		{ length: dedupe.MAX_REMEMBERED_PER_NODE + 200 },
		(_, index) => `e${index}`,
	);
	const fresh = dedupe.firstSightings(staticData, scope, [...ids, 'e5'], 600, Date.now());
	assert.equal(fresh.size, ids.length, 'each event once, a repeat inside the delivery too');
	const remembered = Object.keys(staticData.recentEvents);
	assert.equal(remembered.length, dedupe.MAX_REMEMBERED_PER_NODE);
	assert.deepEqual(new Set(remembered), new Set(ids.slice(200)));
});
