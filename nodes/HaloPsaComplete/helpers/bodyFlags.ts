/**
 * How the node reads flags in what it sends (a body or a query string): the one rule for "is this
 * flag set" and the one walk over a body, shared by the one-shot rule (./oneShot.ts) and the
 * transport's judgement of deletes and SQL (guards/access.ts).
 */

/**
 * Whether a value sets a flag. Halo reads `"false"` and `"0"` (any case, spaced) as false, as it
 * reads JSON false, 0 and null; anything else counts as set, an empty array or object too. The
 * two readers of flags used to disagree on `[]` and `{}`, and "set" is the safe reading for both:
 * a delete flag that may be set is judged a delete (refused where deletes are), and a one-shot
 * flag that may be set makes its request one-shot (never sent again after it may have reached
 * Halo). Reading them as "not set" could send a delete a credential forbids, or repeat a one-shot.
 */
export function isSet(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === 0) return false;
	return !(typeof value === 'string' && /^\s*(false|0|)\s*$/i.test(value));
}

/** A key of a body or query, its value, and where it stands (`[0].lines[2]._delete`). */
export interface BodyEntry {
	key: string;
	value: unknown;
	at: string;
}

/**
 * Each key of a body or query with where it stands: an object's own keys first, then what each of
 * them holds, in order. `maxDepth` bounds the walk (the value given is at depth 1, and each array
 * or object inside goes one deeper); by default it goes all the way down.
 */
export function* bodyEntries(
	value: unknown,
	maxDepth = Infinity,
	at = '',
	depth = 1,
): Generator<BodyEntry> {
	if (depth > maxDepth || typeof value !== 'object' || value === null) return;
	if (Array.isArray(value)) {
		for (const [index, element] of value.entries())
			yield* bodyEntries(element, maxDepth, `${at}[${index}]`, depth + 1);
		return;
	}
	const own = Object.entries(value as Record<string, unknown>).map(([key, inner]) => ({
		key,
		value: inner,
		at: at === '' ? key : `${at}.${key}`,
	}));
	yield* own;
	for (const entry of own) yield* bodyEntries(entry.value, maxDepth, entry.at, depth + 1);
}
