// The webhook trigger's memory of delivered events (triggers/webhook/dedupe.ts), pure: repeated
// deliveries start nothing within the window, the memory stays bounded, and catch-up's copy of the
// static data keeps what this process remembers. What it does inside n8n is tested in
// test/trigger-webhook.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IDataObject } from 'n8n-workflow';

import * as dedupe from '../../../../nodes/HaloPsaComplete/triggers/webhook/dedupe.ts';

let scopes = 0;
/** A workflow and node of its own, so tests never share the process's memory. */
const newScope = (): string => `dedupe-${Date.now()}-${++scopes}|node`;
/** The event ids the static data remembers. */
const remembered = (staticData: IDataObject): string[] =>
	Object.keys(staticData.recentEvents ?? {});

test('Repeated deliveries: an event id seen within the window starts nothing, per trigger; after it, again', () => {
	const staticData: IDataObject = {};
	const scope = newScope();
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
	assert.deepEqual(remembered(staticData).sort(), ['a', 'b', 'c']);
	assert.deepEqual(
		[...dedupe.firstSightings(staticData, scope, ['a', 'b'], 600, at + 600_001)],
		['a', 'b'],
		'after the window the same ids are new again',
	);
});

test('Repeated deliveries: one delivery larger than the memory leaves it bounded, holding its last events', () => {
	const staticData: IDataObject = {};
	const scope = newScope();
	const ids = Array.from(
		{ length: dedupe.MAX_REMEMBERED_PER_NODE + 200 },
		(_, index) => `e${index}`,
	);
	const fresh = dedupe.firstSightings(staticData, scope, [...ids, 'e5'], 600, Date.now());
	assert.equal(fresh.size, ids.length, 'each event once, a repeat inside the delivery too');
	assert.equal(remembered(staticData).length, dedupe.MAX_REMEMBERED_PER_NODE);
	assert.deepEqual(new Set(remembered(staticData)), new Set(ids.slice(200)));
});

test('Deliveries remembered in this process go into the copy of the static data catch-up saves', () => {
	const scope = newScope();
	const now = Date.now();
	dedupe.firstSightings({}, scope, ['e1', 'e2'], 600, now);
	const stale: IDataObject = { recentEvents: { e0: now + 1000 } };
	dedupe.keepRemembered(stale, scope, now);
	assert.deepEqual(remembered(stale).sort(), ['e0', 'e1', 'e2']);
	const other: IDataObject = {};
	dedupe.keepRemembered(other, newScope(), now);
	assert.deepEqual(other.recentEvents, {}, 'another trigger’s events stay its own');
});
