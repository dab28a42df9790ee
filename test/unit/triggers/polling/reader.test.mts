// The polling trigger's reader (triggers/polling/reader.ts), its pure parts: deduplication across
// overlapping reads, Halo's times, versions of rows without a last-change time. What it does
// inside n8n is tested in test/trigger-polling.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as poll from '../../../../nodes/HaloPsaComplete/triggers/polling/reader.ts';
import {
	POLL_SOURCES,
	type PollSource,
} from '../../../../nodes/HaloPsaComplete/triggers/polling/sources.ts';

/** A source the trigger offers, by its value. */
function pollSource(value: string): PollSource {
	const source = POLL_SOURCES.find((candidate) => candidate.value === value);
	assert.ok(source, `no poll source ${value}`);
	return source;
}

test('Polling: overlapping reads emit each version once; a change comes out again; old entries leave the state', () => {
	const source = pollSource('tickets');
	const minute = 60_000;
	const t0 = Date.parse('2026-03-31T09:00:00Z');
	const at = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '');
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
	const source = pollSource('quotes');
	const a = poll.versionOf({ id: 1, b: 2, a: 1 }, source);
	assert.deepEqual(a, poll.versionOf({ a: 1, id: 1, b: 2 }, source));
	assert.notDeepEqual(a, poll.versionOf({ id: 1, a: 1, b: 3 }, source));
	assert.equal(a.t, null);
});
