// Fake time for the unit tier: the transport's waits (backoff, Retry-After, the rate limiter's
// window) pass on a mocked clock, so no test waits for real.
import { mock } from 'node:test';

/**
 * node:test's mock timers as the Node that runs the tests (20) has them, with `Date` and a start
 * time: the installed @types/node (18) knows only a list of timer functions.
 */
export interface MockTimers {
	enable(options: {
		apis: ('setTimeout' | 'setInterval' | 'setImmediate' | 'Date')[];
		now?: number;
	}): void;
	tick(milliseconds: number): void;
	reset(): void;
}

export const mockTimers = mock.timers as unknown as MockTimers;

/** How `work` ended on fake time: its value or its error, and the time that passed. */
export interface TimedOutcome<T> {
	value?: T;
	error?: unknown;
	elapsed: number;
}

/** Runs `work` while advancing the clock in steps; answers its result and the time that passed. */
export async function withFakeTime<T>(work: () => Promise<T>): Promise<TimedOutcome<T>> {
	mockTimers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
	try {
		let settled = false;
		const result = work().then(
			(value): { value: T } => ({ value }),
			(error: unknown) => ({ error }),
		);
		void result.finally(() => (settled = true));
		const started = Date.now();
		for (let step = 0; !settled && step < 100_000; step++) {
			await new Promise((resolve) => setImmediate(resolve));
			if (!settled) mockTimers.tick(50);
		}
		const outcome = await result;
		return { ...outcome, elapsed: Date.now() - started };
	} finally {
		mockTimers.reset();
	}
}
