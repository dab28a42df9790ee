/**
 * A caller that owes someone an answer in time (Halo waiting on a webhook delivery) gives a request
 * a deadline: every wait of the request (its turn in the limiter, a back-off, the HTTP request
 * itself) ends by then. The execution's cancel signal keeps working beside it.
 */
export interface RequestSignals {
	/** Aborts when the execution is cancelled or the deadline passes; undefined when neither can happen. */
	signal?: AbortSignal;
	/** Whether the execution was cancelled. */
	cancelled: () => boolean;
	/** Whether the deadline passed (and the execution was not cancelled). */
	pastDeadline: () => boolean;
	/** Milliseconds left before the deadline (Infinity without one). */
	remainingMs: () => number;
	/** Lets go of the listener on the cancel signal once the request is settled. */
	release: () => void;
}

export function requestSignals(cancel?: AbortSignal, deadline?: number): RequestSignals {
	if (deadline === undefined) {
		return {
			signal: cancel,
			cancelled: () => cancel?.aborted === true,
			pastDeadline: () => false,
			remainingMs: () => Infinity,
			release: () => undefined,
		};
	}
	const remainingMs = () => Math.max(0, deadline - Date.now());
	const timer = AbortSignal.timeout(Math.max(1, remainingMs()));
	const either = new AbortController();
	const abort = () => either.abort();
	// AbortSignal.any would do this, but the Node types this package builds against lack it.
	timer.addEventListener('abort', abort, { once: true });
	cancel?.addEventListener('abort', abort, { once: true });
	if (cancel?.aborted || remainingMs() === 0) either.abort();
	return {
		signal: either.signal,
		cancelled: () => cancel?.aborted === true,
		pastDeadline: () => remainingMs() === 0 && !cancel?.aborted,
		remainingMs,
		release: () => {
			timer.removeEventListener('abort', abort);
			cancel?.removeEventListener('abort', abort);
		},
	};
}
