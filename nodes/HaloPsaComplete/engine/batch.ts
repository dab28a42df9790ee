import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { unknownOutcomeReason } from '../transport/errors';
import { pluralNoun, singularNoun } from './nouns';
import { asRecords } from './records';
import { withoutSecrets } from './secrets';
import type { ResourceDefinition } from './types';

/**
 * Records per POST. Halo takes an array and saves every element; fewer, larger requests keep the
 * rate limit free for everything else. Measured with `npm run bench` (README, Benchmark): 1,000
 * clients in 20 requests; Halo is known to time out on very large creates, so not the 100 maximum.
 */
export const DEFAULT_BATCH_SIZE = 50;
export const MAX_BATCH_SIZE = 100;

/** One input item's create or update: the element it adds to the POST array. */
export interface WriteRequest {
	itemIndex: number;
	record: IDataObject;
	/** The record updated; absent for a create. */
	id?: string | number;
}

/** Where a batch's outcome goes, item by item. */
export interface WriteResults {
	saved(itemIndex: number, records: IDataObject[]): void;
	failed(itemIndex: number, error: NodeApiError | NodeOperationError): void;
	/** Halo answered in a shape that cannot be paired with the items sent: what is known, per item. */
	unconfirmed(batch: WriteRequest[], answer: unknown, message: string): void;
	/** Whether one failed item ends the run (Continue On Fail off). */
	readonly stopsAtFirstError: boolean;
}

/** How a record to be created is known before it has an id: its name, summary or first text. */
export function recordLabel(record: IDataObject): string {
	for (const key of ['name', 'summary', 'subject', 'reference', 'note', 'email', 'emailaddress']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '')
			return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}…` : value);
	}
	return `(${Object.keys(record).slice(0, 4).join(', ') || 'no fields'})`;
}

/** The same error, told about another item (an error of a whole batch belongs to each of its items). */
export function forItem(
	ctx: IExecuteFunctions,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError)
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description: error.description ?? undefined,
		});
	return new NodeApiError(ctx.getNode(), { message: error.message } as JsonObject, {
		message: error.message,
		description: error.description ?? undefined,
		httpCode: error.httpCode ?? undefined,
		itemIndex,
	});
}

/**
 * Halo's ModelState 400 names the bad elements by position ("[3].name: The name field is
 * required."); the transport keeps those lines in its message. Position → Halo's words for it.
 */
export function rejectedElements(message: string): Map<number, string> {
	const rejected = new Map<number, string>();
	for (const match of message.matchAll(/\[(\d+)\]\.?([^:;]*):\s*([^;]*)/g)) {
		const [, position, field, text] = match;
		const words = field.trim() === '' ? text.trim() : `${field.trim()}: ${text.trim()}`;
		const index = Number(position);
		rejected.set(index, rejected.has(index) ? `${rejected.get(index)}; ${words}` : words);
	}
	return rejected;
}

function isBadRequest(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && error.httpCode === '400';
}

/** Whether the answer holds one record per element sent, in order (an update's id must match). */
function pairsByOrder(batch: WriteRequest[], records: IDataObject[]): boolean {
	if (records.length !== batch.length) return false;
	return batch.every((request, index) => {
		const answered = records[index];
		if (typeof answered !== 'object' || answered === null) return false;
		return (
			request.id === undefined ||
			answered.id === undefined ||
			String(answered.id) === String(request.id)
		);
	});
}

/**
 * Sends creates and updates of many items as one POST array each, pairs each saved record back to
 * its item, and finds the bad items of a batch Halo rejects. A 400 means Halo saved nothing of that
 * batch (its validation runs before any save), so the good items are sent again; any other failure
 * may have saved something, so nothing of that batch is sent again.
 */
export class BatchWriter {
	private pending: WriteRequest[] = [];
	private resource?: ResourceDefinition;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly results: WriteResults,
		private size: number,
	) {}

	async add(resource: ResourceDefinition, request: WriteRequest, batchSize: number): Promise<void> {
		if (this.resource !== resource) await this.flush();
		this.resource = resource;
		this.size = Math.min(this.size, batchSize);
		this.pending.push(request);
		if (
			this.pending.length >= this.size ||
			resource.create?.bodyIsObject ||
			resource.update?.bodyIsObject
		)
			await this.flush();
	}

	async flush(): Promise<void> {
		const batch = this.pending;
		this.pending = [];
		if (batch.length > 0 && this.resource) await this.send(this.resource, batch);
	}

	private async post(resource: ResourceDefinition, batch: WriteRequest[]): Promise<unknown> {
		const single = batch.length === 1 ? batch[0] : undefined;
		const bodyIsObject =
			single !== undefined &&
			(single.id === undefined ? resource.create?.bodyIsObject : resource.update?.bodyIsObject);
		return haloApiRequest.call(this.ctx, {
			method: 'POST',
			path: resource.path,
			body: bodyIsObject ? single.record : batch.map((request) => request.record),
			itemIndex: batch[0].itemIndex,
			notFound:
				single?.id !== undefined
					? `No ${resource.displayName} with ID ${single.id} exists in HaloPSA`
					: undefined,
		});
	}

	private async send(resource: ResourceDefinition, batch: WriteRequest[]): Promise<void> {
		let answer: unknown;
		try {
			answer = await this.post(resource, batch);
		} catch (error) {
			if (isBadRequest(error) && batch.length > 1) return this.findBadItems(resource, batch, error);
			const reason = unknownOutcomeReason(error);
			if (reason !== undefined) {
				for (const request of batch)
					this.fail(
						request.itemIndex,
						this.outcomeUnknown(resource, request, reason, error as NodeApiError),
					);
				return;
			}
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.ctx.getNode(), error as Error);
			for (const request of batch)
				this.fail(request.itemIndex, forItem(this.ctx, failure, request.itemIndex));
			return;
		}
		this.pair(resource, batch, answer);
	}

	private pair(resource: ResourceDefinition, batch: WriteRequest[], answer: unknown): void {
		const records =
			batch.length === 1 && !Array.isArray(answer) ? [answer as IDataObject] : asRecords(answer);
		if (batch.length === 1 && (answer === undefined || answer === null || answer === '')) {
			this.results.saved(batch[0].itemIndex, []);
			return;
		}
		if (pairsByOrder(batch, records)) {
			batch.forEach((request, index) =>
				this.results.saved(request.itemIndex, withoutSecrets(resource, asRecords(records[index]))),
			);
			return;
		}
		const shape = Array.isArray(answer)
			? `${answer.length} records`
			: typeof answer === 'object' && answer !== null
				? 'one record'
				: 'no records';
		this.results.unconfirmed(
			batch.map((request) => ({
				...request,
				record: withoutSecrets(resource, [request.record])[0],
			})),
			Array.isArray(answer) || (typeof answer === 'object' && answer !== null)
				? withoutSecrets(resource, asRecords(answer))
				: answer,
			`HaloPSA saved a batch of ${batch.length} ${pluralNoun(resource)} but answered with ${shape}, which cannot be matched to the items sent. ` +
				'They were not sent again, so nothing is saved twice: check them in HaloPSA. The rest of this run is sent one item per request.',
		);
		this.size = 1;
	}

	/** Halo rejected the whole batch: fail the items it names, or split the batch until it does. */
	private async findBadItems(
		resource: ResourceDefinition,
		batch: WriteRequest[],
		error: NodeApiError,
	): Promise<void> {
		const rejected = rejectedElements(error.message);
		const named = [...rejected.keys()].filter((position) => position < batch.length);
		if (named.length === 0) {
			const middle = Math.ceil(batch.length / 2);
			await this.send(resource, batch.slice(0, middle));
			if (this.results.stopsAtFirstError && this.anyFailed) return;
			return this.send(resource, batch.slice(middle));
		}
		const firstBad = Math.min(...named);
		for (const position of named.sort((a, b) => a - b)) {
			const { itemIndex } = batch[position];
			const message = `HaloPSA rejected the request: ${rejected.get(position)}`;
			this.fail(
				itemIndex,
				new NodeApiError(this.ctx.getNode(), { message } as JsonObject, {
					message,
					httpCode: '400',
					itemIndex,
					description: error.description ?? undefined,
				}),
			);
		}
		// Without Continue On Fail the run ends at the first bad item, as it would one item at a time.
		const good = batch.filter(
			(_, position) =>
				!rejected.has(position) && (!this.results.stopsAtFirstError || position < firstBad),
		);
		if (good.length > 0) await this.send(resource, good);
	}

	private anyFailed = false;

	/** Names the record, so the user can look for it in Halo before running the item again. */
	private outcomeUnknown(
		resource: ResourceDefinition,
		request: WriteRequest,
		reason: string,
		error: NodeApiError,
	): NodeApiError {
		const done = request.id === undefined ? 'created' : 'updated';
		const record =
			request.id === undefined
				? `${singularNoun(resource)} ${recordLabel(request.record)}`
				: `${singularNoun(resource)} ${request.id}`;
		const message =
			`HaloPSA may have ${done} ${record}, but ${reason}. It was not sent again, so that nothing is ${done} twice: ` +
			`check HaloPSA for it before running this item again`;
		return new NodeApiError(this.ctx.getNode(), { message } as JsonObject, {
			message,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
			itemIndex: request.itemIndex,
		});
	}

	private fail(itemIndex: number, error: NodeApiError | NodeOperationError): void {
		this.anyFailed = true;
		this.results.failed(itemIndex, error);
	}
}
