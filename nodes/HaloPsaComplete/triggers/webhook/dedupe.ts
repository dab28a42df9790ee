import type { IDataObject } from 'n8n-workflow';

/**
 * Halo may deliver the same event twice (a retry after a slow answer, a batch sent again). Each
 * event carries its own id; an id seen within the window starts nothing.
 *
 * Two memories, because neither is enough alone:
 * - the workflow's static data: meant to survive a restart, but n8n 2.39 does not save what a
 *   webhook delivery writes there (seen in test/n8n/triggers/webhook/catch-up.test.mjs's probe of the database);
 *   with catch-up on, the trigger copies this process's memory into the copy n8n saves when
 *   catch-up starts the workflow (keepRemembered);
 * - this process's memory: sees simultaneous deliveries to the same process at once, and nothing
 *   else (it is lost on restart and not shared between processes).
 * In queue mode duplicates arriving at two different processes at the same moment can both pass:
 * deduplication is best effort there, and never drops an event that was not seen before.
 */
export const DEFAULT_DEDUPE_WINDOW_SECONDS = 600;
/** Event ids remembered per trigger node (static data) and in this process, whatever a delivery holds. */
export const MAX_REMEMBERED_PER_NODE = 1000;
const MAX_REMEMBERED_IN_PROCESS = 10_000;

const inProcess = new Map<string, number>();

/**
 * Keeps the `max` entries that expire last (of equal ones, the last added), dropping expired ones.
 * Run after adding, so the memory never holds more than `max`, even after one large delivery.
 */
function prune(
	entries: Map<string, number> | Record<string, number>,
	now: number,
	max: number,
	addedLast: string[] = [],
): void {
	const isMap = entries instanceof Map;
	const list: Array<[string, number]> = isMap ? [...entries] : Object.entries(entries);
	if (list.length <= max && list.every(([, expiresAt]) => expiresAt > now)) return;
	const order = new Map(addedLast.map((key, index) => [key, index]));
	const keep = list
		.filter(([, expiresAt]) => expiresAt > now)
		.sort((a, b) => a[1] - b[1] || (order.get(a[0]) ?? -1) - (order.get(b[0]) ?? -1))
		.slice(-max);
	const kept = new Set(keep.map(([key]) => key));
	for (const [key] of list) {
		if (kept.has(key)) continue;
		if (isMap) entries.delete(key);
		else delete entries[key];
	}
}

/**
 * Marks the event ids as seen and answers the ones not seen within the window (an id repeated
 * within the delivery counts once). `scope` names the workflow and node, so two triggers never
 * share ids. A delivery of more events than the memory holds keeps its last ones: the earlier ones
 * of that delivery, delivered again, start again.
 */
export function firstSightings(
	staticData: IDataObject,
	scope: string,
	ids: string[],
	windowSeconds: number,
	now = Date.now(),
): Set<string> {
	const recent = (
		typeof staticData.recentEvents === 'object' && staticData.recentEvents !== null
			? staticData.recentEvents
			: {}
	) as Record<string, number>;
	const expiresAt = now + windowSeconds * 1000;
	const fresh = new Set<string>();
	for (const id of ids) {
		const key = `${scope}|${id}`;
		if ((recent[id] ?? 0) > now || (inProcess.get(key) ?? 0) > now || fresh.has(id)) continue;
		fresh.add(id);
	}
	for (const id of fresh) {
		recent[id] = expiresAt;
		inProcess.set(`${scope}|${id}`, expiresAt);
	}
	const added = [...fresh];
	prune(recent, now, MAX_REMEMBERED_PER_NODE, added);
	prune(
		inProcess,
		now,
		MAX_REMEMBERED_IN_PROCESS,
		added.map((id) => `${scope}|${id}`),
	);
	staticData.recentEvents = recent;
	return fresh;
}

/**
 * Writes this process's memory of a node's event ids into a copy of its static data. The trigger's
 * catch-up saves its own copy (made at activation) when it starts the workflow, which would
 * otherwise put back the memory as it was at activation, without the deliveries since.
 */
export function keepRemembered(staticData: IDataObject, scope: string, now = Date.now()): void {
	const recent = (
		typeof staticData.recentEvents === 'object' && staticData.recentEvents !== null
			? { ...(staticData.recentEvents as Record<string, number>) }
			: {}
	) as Record<string, number>;
	const prefix = `${scope}|`;
	for (const [key, expiresAt] of inProcess) {
		if (!key.startsWith(prefix) || expiresAt <= now) continue;
		const id = key.slice(prefix.length);
		recent[id] = Math.max(recent[id] ?? 0, expiresAt);
	}
	prune(recent, now, MAX_REMEMBERED_PER_NODE);
	staticData.recentEvents = recent;
}
