import { sleep } from 'n8n-workflow';

/**
 * Halo counts requests per API application in a rolling window (halo-behaviour.md#rate-limit: 300
 * per 5 minutes is the lowest figure seen). Every execution in this n8n process that uses the same
 * Halo host and client ID draws from one window, so a long run slows down instead of meeting 429s.
 */
export const DEFAULT_RATE_LIMIT = { requests: 300, windowSeconds: 300 };

export interface RateLimit {
	requests: number;
	windowSeconds: number;
}

/** How often a wait looks at the cancel signal: a cancelled execution stops within this. */
const CANCEL_CHECK_MS = 250;

/** Waits `ms`, or less when `signal` aborts; answers whether the wait ran to its end. */
export async function cancellableSleep(ms: number, signal?: AbortSignal): Promise<boolean> {
	const until = Date.now() + ms;
	for (let left = ms; left > 0; left = until - Date.now()) {
		if (signal?.aborted) return false;
		await sleep(Math.min(left, CANCEL_CHECK_MS));
	}
	return !signal?.aborted;
}

/** One request's place in the window, from when it was sent until it is settled. */
export interface Turn {
	at: number;
}

export class RollingWindowLimiter {
	private turns: Turn[] = [];

	constructor(private limit: RateLimit) {}

	configure(limit: RateLimit): void {
		this.limit = limit;
	}

	private windowMs(): number {
		return this.limit.windowSeconds * 1000;
	}

	/** A turn now, or how long until one is free (the oldest of the last `requests` turns ages out). */
	tryTake(now = Date.now()): Turn | number {
		this.turns = this.turns.filter((turn) => now - turn.at < this.windowMs());
		if (this.turns.length < this.limit.requests) {
			const turn = { at: now };
			this.turns.push(turn);
			return turn;
		}
		const times = this.turns.map((turn) => turn.at).sort((a, b) => a - b);
		return times[times.length - this.limit.requests] + this.windowMs() - now;
	}

	/** Waits for a turn; undefined when the execution was cancelled meanwhile. */
	async take(signal?: AbortSignal): Promise<Turn | undefined> {
		for (let turn = this.tryTake(); ; turn = this.tryTake()) {
			if (typeof turn !== 'number') return turn;
			if (!(await cancellableSleep(turn + 5, signal))) return undefined;
		}
	}

	/**
	 * Halo counts a request when it arrives, some time between sending and the answer; counting
	 * it from the answer keeps this window behind Halo's, never ahead of it.
	 */
	settle(turn: Turn): void {
		turn.at = Date.now();
	}
}

const limiters = new Map<string, RollingWindowLimiter>();

function positive(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : fallback;
}

/** The process-wide limiter of one Halo API application, set to the credential's current limit. */
export function limiterFor(
	host: string,
	clientId: string,
	requests?: unknown,
	windowSeconds?: unknown,
): RollingWindowLimiter {
	const limit = {
		requests: Math.floor(positive(requests, DEFAULT_RATE_LIMIT.requests)),
		windowSeconds: positive(windowSeconds, DEFAULT_RATE_LIMIT.windowSeconds),
	};
	const key = `${host.toLowerCase()}|${clientId}`;
	let limiter = limiters.get(key);
	if (!limiter) limiters.set(key, (limiter = new RollingWindowLimiter(limit)));
	else limiter.configure(limit);
	return limiter;
}
