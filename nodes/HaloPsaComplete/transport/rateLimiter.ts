import { sleep } from 'n8n-workflow';

/**
 * Halo counts requests per API application in a rolling window (halopsa-api.md §5: 300 per
 * 5 minutes is the lowest figure seen). Every execution in this n8n process that uses the same
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

export class RollingWindowLimiter {
	private readonly sent: number[] = [];

	constructor(private limit: RateLimit) {}

	configure(limit: RateLimit): void {
		this.limit = limit;
	}

	private windowMs(): number {
		return this.limit.windowSeconds * 1000;
	}

	private forget(now: number): void {
		while (this.sent.length > 0 && now - this.sent[0] >= this.windowMs()) this.sent.shift();
	}

	/** How long until a request may go; 0 when it may go now (and then it is counted). */
	tryTake(now = Date.now()): number {
		this.forget(now);
		if (this.sent.length < this.limit.requests) {
			this.sent.push(now);
			return 0;
		}
		return this.sent[this.sent.length - this.limit.requests] + this.windowMs() - now;
	}

	/** Waits for a turn; answers false when the execution was cancelled meanwhile. */
	async take(signal?: AbortSignal): Promise<boolean> {
		for (let wait = this.tryTake(); wait > 0; wait = this.tryTake()) {
			if (!(await cancellableSleep(wait + 5, signal))) return false;
		}
		return true;
	}
}

const limiters = new Map<string, RollingWindowLimiter>();

function positive(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : fallback;
}

/** The process-wide limiter of one Halo API application, set to the credential's current limit. */
export function limiterFor(host: string, clientId: string, requests?: unknown, windowSeconds?: unknown): RollingWindowLimiter {
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
