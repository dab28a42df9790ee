import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { itemOperation } from './access';

/**
 * Preview (Dry Run): the transport holds back every request that would change HaloPSA for an item
 * in preview, notes it exactly as it would be sent, and answers as Halo would have, with what was
 * sent (a POST array is answered with its records, a delete with nothing). The engine runs as in
 * a real run, so batching, matching and checks are the same; reads that decide a write (the
 * upsert's match, a record's current custom fields) are really made, and noted as sent.
 */

export interface PlannedRequest {
	method: IHttpRequestMethods;
	/** As Halo would receive it, e.g. `/api/Client`. */
	path: string;
	query?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** true: a read really made to decide the writes; false: held back by the preview. */
	sent: boolean;
	/** The input items whose records the request carries (several in a batch). */
	itemIndexes: number[];
	/** What the credential's Access Level would do to this request in a real run. */
	realRun?: string;
}

/** One run's preview notes, kept by the run's context. */
class PreviewLog {
	readonly requests: PlannedRequest[] = [];
	readonly notes = new Map<number, IDataObject>();
}

const logsByRun = new WeakMap<object, PreviewLog>();

function logOf(context: object): PreviewLog {
	let log = logsByRun.get(context);
	if (!log) logsByRun.set(context, (log = new PreviewLog()));
	return log;
}

/** Notes a request of an item in preview: sent (a read) or held back (a write). */
export function notePlanned(context: object, request: PlannedRequest): void {
	logOf(context).requests.push(request);
}

/** What Halo would have answered a held-back write, as far as the engine reads answers. */
export function heldAnswer(request: {
	method: IHttpRequestMethods;
	body?: IDataObject | IDataObject[];
}): unknown {
	if (request.method === 'DELETE') return undefined;
	return request.body;
}

/** More the preview of an item shows, told by the engine (e.g. which record an upsert matched). */
export function notePreview(context: object, itemIndex: number, note: IDataObject): void {
	if (itemOperation(context, itemIndex)?.preview !== true) return;
	const log = logOf(context);
	log.notes.set(itemIndex, { ...log.notes.get(itemIndex), ...note });
}

export interface ItemPreview {
	requests: PlannedRequest[];
	note: IDataObject;
}

/** The requests an item caused in a preview, in order, and what the engine noted about it. */
export function previewOf(context: object, itemIndex: number): ItemPreview {
	const log = logsByRun.get(context);
	return {
		requests: (log?.requests ?? []).filter((request) => request.itemIndexes.includes(itemIndex)),
		note: log?.notes.get(itemIndex) ?? {},
	};
}
