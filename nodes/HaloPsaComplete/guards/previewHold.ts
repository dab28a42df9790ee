import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { ItemPreview, PlannedRequest, PreviewHold } from '../transport';

/**
 * Preview (Dry Run): the transport holds back every request that would change HaloPSA for an item
 * in preview, notes it exactly as it would be sent, and answers as Halo would have, with what was
 * sent (a POST array is answered with its records, a delete with nothing). The engine runs as in
 * a real run, so batching, matching and checks are the same; reads that decide a write (the
 * upsert's match, a record's current custom fields) are really made, and noted as sent. The notes
 * are the run's, kept by its client (transport/client.ts).
 */

export type { ItemPreview, PlannedRequest } from '../transport';

/** One run's preview notes; `previews` says whether an item is in preview. */
export class PreviewLog implements PreviewHold {
	private readonly requests: PlannedRequest[] = [];
	private readonly notes = new Map<number, IDataObject>();

	constructor(private readonly previews: (itemIndex: number) => boolean) {}

	plan(request: PlannedRequest): void {
		this.requests.push(request);
	}

	note(itemIndex: number, note: IDataObject): void {
		if (!this.previews(itemIndex)) return;
		this.notes.set(itemIndex, { ...this.notes.get(itemIndex), ...note });
	}

	of(itemIndex: number): ItemPreview {
		return {
			requests: this.requests.filter((request) => request.itemIndexes.includes(itemIndex)),
			note: this.notes.get(itemIndex) ?? {},
		};
	}
}

/** What Halo would have answered a held-back write, as far as the engine reads answers. */
export function heldAnswer(request: {
	method: IHttpRequestMethods;
	body?: IDataObject | IDataObject[];
}): unknown {
	if (request.method === 'DELETE') return undefined;
	return request.body;
}
