import { GUID_PATTERN } from '../helpers/ids';
import { bodyOneShot } from '../helpers/oneShot';
import type { HttpFailure } from './failure';

/**
 * The retry policy, in one place. A request is retried only where sending it again cannot change
 * Halo twice: reads, deletes and updates (a POST whose every element names its record) are safe
 * to repeat; a create is repeated only when Halo provably never saw it (no connection was made,
 * or Halo answered 429). Everything else that fails without an answer has an unknown outcome.
 */

/** Network errors that mean the request never left: nothing reached Halo. */
const NEVER_SENT = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
/** Whether a failure with this network error code (or none) provably never reached Halo. */
export function neverReachedHalo(code: string | undefined): boolean {
	return code !== undefined && NEVER_SENT.has(code);
}

/** Answers that say "not now" without saying whether the work was done. */
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/** Waits before each retry after a 429: Halo's window is rolling 5 minutes, so keep trying about that long. */
const RATE_LIMIT_BACKOFF_MS = [2_000, 5_000, 15_000, 30_000, 60_000, 60_000, 60_000, 60_000];
const MAX_RETRY_AFTER_MS = 60_000;
/** Server errors and lost connections: capped exponential backoff with jitter. */
const TRANSIENT_RETRIES = 4;
const TRANSIENT_BASE_MS = 1_000;
const TRANSIENT_CAP_MS = 30_000;

const WHOLE_NUMBER_ID = /^[1-9][0-9]*$/;
// The same GUID shape the id checks refuse everything else by (helpers/ids.ts, a pure module).
const GUID_ID = new RegExp(GUID_PATTERN);

/**
 * Whether Halo reads a POST element as an update of an existing record. Halo creates on any id
 * that is not a whole number of 1 or more (a GUID on GUID resources): `0`, `"0"`, `-1`, `false`,
 * `{}`, `""`, `"1.5"` and `" 7"` all create, so they count as creates here, for retries and for
 * batching alike. The one definition the whole write path uses.
 */
export function isUpdateElement(element: unknown, idType: 'number' | 'string' = 'number'): boolean {
	if (typeof element !== 'object' || element === null || Array.isArray(element)) return false;
	const id = (element as Record<string, unknown>).id;
	if (idType === 'string') return typeof id === 'string' && GUID_ID.test(id);
	if (typeof id === 'number') return Number.isSafeInteger(id) && id >= 1;
	return typeof id === 'string' && WHOLE_NUMBER_ID.test(id) && Number.isSafeInteger(Number(id));
}

/**
 * Sending the request again cannot change Halo twice: reads, deletes, and POSTs of updates only;
 * never a one-shot request (helpers/oneShot.ts), whether the caller marked it (`oneShot`) or its
 * body sets a flag that makes Halo act once.
 */
export function isRepeatable(
	method: string,
	body: unknown,
	idType: 'number' | 'string' = 'number',
	oneShot = false,
): boolean {
	if (oneShot || bodyOneShot(body) !== undefined) return false;
	if (method === 'GET' || method === 'DELETE') return true;
	if (method !== 'POST' || !Array.isArray(body) || body.length === 0) return false;
	return body.every((element) => isUpdateElement(element, idType));
}

export type Verdict = { retry: true; waitMs: number } | { retry: false; outcomeUnknown: boolean };

function rateLimitWait(attempt: number, retryAfter?: string): number {
	const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
	if (!Number.isNaN(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
	return RATE_LIMIT_BACKOFF_MS[Math.min(attempt, RATE_LIMIT_BACKOFF_MS.length - 1)];
}

/** Full jitter over the upper half, so that parallel requests that failed together spread out. */
export function transientWait(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(TRANSIENT_CAP_MS, TRANSIENT_BASE_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface Attempt {
	/** Retries so far of this kind of failure (0 for the first failure). */
	rateLimited: number;
	transient: number;
	repeatable: boolean;
	/** Someone waits in the editor: fail at once rather than back off. */
	interactive: boolean;
}

/** What to do after a failed attempt. */
export function verdict(failure: HttpFailure, attempt: Attempt): Verdict {
	const never = { retry: false as const, outcomeUnknown: false };
	if (failure.token) {
		// The token request never reached the API; only an auth server that did not answer may recover.
		const recoverable =
			failure.token.unreachable ||
			(failure.token.status !== undefined && failure.token.status >= 500);
		return recoverable && !attempt.interactive && attempt.transient < TRANSIENT_RETRIES
			? { retry: true, waitMs: transientWait(attempt.transient) }
			: never;
	}
	if (failure.status === 429) {
		return attempt.interactive || attempt.rateLimited >= RATE_LIMIT_BACKOFF_MS.length
			? never
			: { retry: true, waitMs: rateLimitWait(attempt.rateLimited, failure.retryAfter) };
	}
	const unanswered = failure.status === undefined;
	const neverSent = unanswered && failure.code !== undefined && NEVER_SENT.has(failure.code);
	const transient = unanswered || TRANSIENT_STATUSES.has(failure.status ?? 0);
	if (!transient) return never;
	const mayRepeat = neverSent || attempt.repeatable;
	if (!mayRepeat) return { retry: false, outcomeUnknown: true };
	if (attempt.interactive || attempt.transient >= TRANSIENT_RETRIES) return never;
	return { retry: true, waitMs: transientWait(attempt.transient) };
}
