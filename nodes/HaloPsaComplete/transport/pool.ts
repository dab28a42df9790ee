/**
 * Runs `task` for each of `count` jobs with at most `concurrency` in flight, and hands results to
 * `onResult` in job order as soon as every earlier job is done, so nothing waits in memory longer
 * than it must. The first failure stops new jobs from starting and is thrown.
 */
export async function inOrderPool<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	onResult: (result: T, index: number) => boolean | void,
): Promise<void> {
	const done = new Map<number, T>();
	let nextJob = 0;
	let nextResult = 0;
	let stopped = false;
	let failure: unknown;
	const deliver = () => {
		while (!stopped && done.has(nextResult)) {
			const result = done.get(nextResult) as T;
			done.delete(nextResult);
			// onResult answers true to say "enough": later jobs are not started, later results dropped.
			if (onResult(result, nextResult) === true) stopped = true;
			nextResult += 1;
		}
	};
	const worker = async () => {
		while (!stopped && nextJob < count) {
			const index = nextJob++;
			try {
				done.set(index, await task(index));
			} catch (error) {
				if (!stopped) failure = failure ?? error;
				stopped = true;
				return;
			}
			deliver();
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	if (failure !== undefined) throw failure;
}
