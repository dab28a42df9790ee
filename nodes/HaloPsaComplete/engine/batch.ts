import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { haloList } from '../transport/paging';
import { unknownOutcomeReason } from '../transport/errors';
import { isUpdateElement } from '../transport/retry';
import { pluralNoun, singularNoun } from './nouns';
import { bodyOneShot, oneShotWords } from './oneShot';
import { asRecords, notFound } from './records';
import type { ResourceDefinition } from './types';

/**
 * Records per POST. Halo takes an array and saves every element; fewer, larger requests keep the
 * rate limit free for everything else. Measured with `npm run bench`
 * (docs/development/benchmark.md): 1,000 clients in 20 requests; Halo is known to time out on very
 * large creates, so not the 100 maximum.
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
	/**
	 * Halo may have saved the item's record, and it was not sent again so that it is not saved
	 * twice. Ends the run like a failure (Continue On Fail off), but a failure of the same batch
	 * is the one reported.
	 */
	uncertain(itemIndex: number, error: NodeApiError, record: string): void;
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
	this: IExecuteFunctions,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError)
		return new NodeOperationError(this.getNode(), error.message, {
			itemIndex,
			description: error.description ?? undefined,
		});
	return new NodeApiError(this.getNode(), { message: error.message } as JsonObject, {
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

/** Halo refused an element: a 400 (validation or business rule) or a 404 (an update's unknown id). */
function isRejection(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && (error.httpCode === '400' || error.httpCode === '404');
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

const isBlankAnswer = (answer: unknown) => answer === undefined || answer === null || answer === '';

/**
 * Sends creates and updates of many items as one POST array each, and pairs each saved record
 * back to its item. Halo is believed to save an array element by element and stop at the first
 * element it refuses, keeping the ones before it (halo-behaviour.md#batch-no-rollback), so after a
 * refused batch:
 * the elements after the refused one are sent again; the updates before it are sent again (an
 * update is idempotent); the creates before it are never sent again, and their items say that
 * Halo may have created them. An element is an update only when Halo reads it as one
 * (transport/retry.ts, isUpdateElement).
 */
export class BatchWriter {
	private pending: WriteRequest[] = [];
	private resource?: ResourceDefinition;
	private anyFailed = false;
	/**
	 * Per resource, the highest record id this run has seen: every record with a higher id was
	 * created after that record. It lets a refused batch's creates be looked for (findCreated).
	 */
	private readonly fence = new Map<ResourceDefinition, number>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly results: WriteResults,
		private size: number,
	) {}

	async add(resource: ResourceDefinition, request: WriteRequest, batchSize: number): Promise<void> {
		if (this.resource !== resource) await this.flush();
		// A one-shot write travels alone, so that no refused or lost batch leaves it in doubt
		// beside others, and nothing resends it with them (engine/oneShot.ts).
		const alone = this.oneShotOf(resource, request) !== undefined;
		if (alone) await this.flush();
		this.resource = resource;
		this.size = Math.min(this.size, batchSize);
		this.pending.push(request);
		if (
			alone ||
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

	private isUpdate(resource: ResourceDefinition, request: WriteRequest): boolean {
		return isUpdateElement(request.record, resource.idType);
	}

	/** What Halo does once if the record is saved (a welcome email, a conversion), if anything. */
	private oneShotOf(resource: ResourceDefinition, request: WriteRequest) {
		return bodyOneShot(request.record, resource);
	}

	/** Sending it again cannot change Halo twice: an update that makes Halo do nothing once. */
	private isRepeatableWrite(resource: ResourceDefinition, request: WriteRequest): boolean {
		return this.isUpdate(resource, request) && this.oneShotOf(resource, request) === undefined;
	}

	private async post(resource: ResourceDefinition, batch: WriteRequest[]): Promise<unknown> {
		const single = batch.length === 1 ? batch[0] : undefined;
		const singleIsUpdate = single !== undefined && this.isUpdate(resource, single);
		const bodyIsObject =
			single !== undefined &&
			(singleIsUpdate ? resource.update?.bodyIsObject : resource.create?.bodyIsObject);
		return haloApiRequest.call(this.ctx, {
			method: 'POST',
			path: resource.path,
			body: bodyIsObject ? single.record : batch.map((request) => request.record),
			itemIndex: batch[0].itemIndex,
			itemIndexes: batch.map((request) => request.itemIndex),
			idType: resource.idType,
			oneShot: single !== undefined && this.oneShotOf(resource, single) !== undefined,
			notFound: singleIsUpdate ? notFound(resource, single.record.id) : undefined,
		});
	}

	private async send(resource: ResourceDefinition, batch: WriteRequest[]): Promise<void> {
		let answer: unknown;
		try {
			answer = await this.post(resource, batch);
		} catch (error) {
			return this.afterFailure(resource, batch, error);
		}
		this.pair(resource, batch, answer);
	}

	private async afterFailure(
		resource: ResourceDefinition,
		batch: WriteRequest[],
		error: unknown,
	): Promise<void> {
		if (batch.length > 1 && isRejection(error)) return this.afterRejection(resource, batch, error);
		const reason = unknownOutcomeReason(error);
		if (reason === undefined) {
			// Halo certainly changed nothing (a 401, 403 or a refused one-element POST).
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.ctx.getNode(), error as Error);
			for (const request of batch)
				this.fail(request.itemIndex, forItem.call(this.ctx, failure, request.itemIndex));
			return;
		}
		// The answer was lost: any element may be saved. Updates are idempotent, so with Continue On
		// Fail they are sent again on their own; creates and one-shot updates never are.
		const resend = batch.filter(
			(request) => !this.results.stopsAtFirstError && this.isRepeatableWrite(resource, request),
		);
		this.forgetFence(resource);
		for (const request of batch) {
			if (!resend.includes(request))
				this.fail(
					request.itemIndex,
					this.outcomeUnknown(resource, request, reason, error as NodeApiError),
				);
		}
		if (resend.length > 0 && resend.length < batch.length) await this.send(resource, resend);
	}

	/** Empty 2xx answers still output the item: what was sent, marked as saved. */
	private pair(resource: ResourceDefinition, batch: WriteRequest[], answer: unknown): void {
		if (batch.length === 1 && isBlankAnswer(answer)) {
			this.results.saved(batch[0].itemIndex, [{ ...batch[0].record, success: true }]);
			return;
		}
		const records =
			batch.length === 1 && !Array.isArray(answer) ? [answer as IDataObject] : asRecords(answer);
		if (pairsByOrder(batch, records)) {
			this.noteCreated(
				resource,
				records.filter((_, index) => !this.isUpdate(resource, batch[index])),
			);
			batch.forEach((request, index) =>
				this.results.saved(request.itemIndex, asRecords(records[index])),
			);
			return;
		}
		const shape = Array.isArray(answer)
			? `${answer.length} records`
			: typeof answer === 'object' && answer !== null
				? 'one record'
				: 'no records';
		this.results.unconfirmed(
			batch,
			Array.isArray(answer) || (typeof answer === 'object' && answer !== null)
				? asRecords(answer)
				: answer,
			`HaloPSA saved a batch of ${batch.length} ${pluralNoun(resource)} but answered with ${shape}, which cannot be matched to the items sent. ` +
				'They were not sent again, so nothing is saved twice: check them in HaloPSA. The rest of this run is sent one item per request.',
		);
		this.size = 1;
		this.forgetFence(resource);
	}

	/**
	 * Halo refused an element of a batch of several. Where the refused element is known (Halo
	 * named it, or an unknown id found by reading the updated records) every item gets its outcome
	 * around it; otherwise see placeNothing.
	 */
	private async afterRejection(
		resource: ResourceDefinition,
		batch: WriteRequest[],
		error: NodeApiError,
	): Promise<void> {
		const named =
			error.httpCode === '400'
				? new Map([...rejectedElements(error.message)].filter(([at]) => at < batch.length))
				: new Map<number, string>();
		let refused = named.size > 0 ? Math.min(...named.keys()) : undefined;
		let words = refused === undefined ? undefined : named.get(refused);
		if (refused === undefined && error.httpCode === '404') {
			if (!batch.some((request) => this.isUpdate(resource, request))) {
				// No element names a record: the route itself is missing, and nothing was saved.
				for (const request of batch)
					this.fail(request.itemIndex, forItem.call(this.ctx, error, request.itemIndex));
				return;
			}
			if (batch.some((request) => !this.isUpdate(resource, request))) {
				refused = await this.findUnknownId(resource, batch);
				if (refused !== undefined) words = notFound(resource, batch[refused].record.id) + ' (404)';
			}
		}
		if (refused === undefined || words === undefined)
			return this.placeNothing(resource, batch, error);
		const again: WriteRequest[] = [];
		const doubtful: Doubt[] = [];
		batch.forEach((request, position) => {
			if (position === refused)
				return this.fail(request.itemIndex, this.refusal(error, request, words));
			if (position < refused) {
				if (this.isUpdate(resource, request)) again.push(request);
				else
					doubtful.push({
						request,
						error: this.createdBeforeRefusal(
							resource,
							request,
							batch[refused].itemIndex,
							words,
							error,
						),
					});
				return;
			}
			// Without Continue On Fail the run ends at the refused item, as it would one item at a time.
			if (this.results.stopsAtFirstError) return;
			const alsoNamed = named.get(position);
			if (alsoNamed !== undefined)
				this.fail(request.itemIndex, this.refusal(error, request, alsoNamed));
			else again.push(request);
		});
		await this.settle(resource, doubtful);
		if (again.length > 0) await this.send(resource, again);
	}

	/**
	 * Halo refused the batch without naming an element. Updates alone are found by halving (each
	 * is safe to send again). With creates in the batch, any of them may be saved (those before
	 * the refused one) or refused: none is sent again, and each item says so; the updates are sent
	 * again on their own with Continue On Fail.
	 */
	private async placeNothing(
		resource: ResourceDefinition,
		batch: WriteRequest[],
		error: NodeApiError,
	): Promise<void> {
		const creates = batch.filter((request) => !this.isUpdate(resource, request));
		if (creates.length === 0) {
			const middle = Math.ceil(batch.length / 2);
			await this.send(resource, batch.slice(0, middle));
			if (this.results.stopsAtFirstError && this.anyFailed) return;
			return this.send(resource, batch.slice(middle));
		}
		const updates = batch.filter((request) => this.isUpdate(resource, request));
		const words = haloWords(error);
		const doubtful: Doubt[] = [];
		for (const request of batch) {
			if (this.isUpdate(resource, request) && !this.results.stopsAtFirstError) continue;
			doubtful.push({
				request,
				error: this.unplacedRefusal(resource, request, batch.length, words, error),
			});
		}
		await this.settle(resource, doubtful);
		if (!this.results.stopsAtFirstError && updates.length > 0) await this.send(resource, updates);
	}

	/** Items Halo may have saved: those found in Halo are saved, the others say they may be. */
	private async settle(resource: ResourceDefinition, doubtful: Doubt[]): Promise<void> {
		const creates = doubtful.filter(({ request }) => !this.isUpdate(resource, request));
		const found = await this.findCreated(
			resource,
			creates.map(({ request }) => request),
		);
		for (const { request, error } of doubtful) {
			const record = found.get(request);
			if (record) {
				this.results.saved(request.itemIndex, [record]);
				continue;
			}
			this.results.uncertain(request.itemIndex, error, this.recordName(resource, request));
			if (!this.isUpdate(resource, request)) this.forgetFence(resource);
		}
	}

	/**
	 * Looks for a refused batch's creates in Halo, with one list request: the newest records, by
	 * id. A record counts as the item's only when its id is above every id this run saw before
	 * (so it was created after them, not by an earlier run) and it carries the item's name (or
	 * summary, subject…) exactly, matched in the order sent. Anything less leaves the item
	 * uncertain: a wrong "saved" would lose a record without a word. Without a fence (the run's
	 * first batch), a list, or a name to match, nothing is read.
	 */
	private async findCreated(
		resource: ResourceDefinition,
		creates: WriteRequest[],
	): Promise<Map<WriteRequest, IDataObject>> {
		const found = new Map<WriteRequest, IDataObject>();
		const fence = this.fence.get(resource);
		const labelled = creates.filter((request) => labelKey(request.record) !== undefined);
		if (
			fence === undefined ||
			labelled.length === 0 ||
			!resource.getMany ||
			resource.idType !== 'number'
		)
			return found;
		let rows: IDataObject[];
		try {
			rows = await haloList.call(this.ctx, {
				path: resource.path,
				listKey: resource.listKey,
				pages: resource.pages,
				qs: {
					...resource.getMany.fixedQuery,
					...resource.upsert?.fixedQuery,
					order: 'id',
					orderdesc: true,
				},
				limit: creates.length + NEWEST_SLACK,
				itemIndex: creates[0].itemIndex,
			});
		} catch {
			return found;
		}
		const newer = rows
			.filter((row) => typeof row.id === 'number' && row.id > fence)
			.sort((a, b) => (a.id as number) - (b.id as number));
		let from = 0;
		for (const request of labelled) {
			const key = labelKey(request.record)!;
			const at = newer.findIndex((row, index) => index >= from && row[key] === request.record[key]);
			if (at === -1) continue;
			found.set(request, newer[at]);
			from = at + 1;
		}
		return found;
	}

	/**
	 * A record this run created has an id above every record that existed then (Halo's ids only
	 * grow): the fence. Ids of updated or listed records say nothing of what is newer.
	 */
	private noteCreated(resource: ResourceDefinition, records: IDataObject[]): void {
		for (const { id } of records) {
			if (typeof id !== 'number' || !Number.isSafeInteger(id)) continue;
			this.fence.set(resource, Math.max(this.fence.get(resource) ?? 0, id));
		}
	}

	/**
	 * A create that may be in Halo unseen would pass for a later item's record: no search until
	 * a new create's id moves the fence above it.
	 */
	private forgetFence(resource: ResourceDefinition): void {
		this.fence.delete(resource);
	}

	/** The record in words: `client 12` for an update, `client "Acme"` for a create. */
	private recordName(resource: ResourceDefinition, request: WriteRequest): string {
		return this.isUpdate(resource, request)
			? `${singularNoun(resource)} ${String(request.record.id)}`
			: `${singularNoun(resource)} ${recordLabel(request.record)}`;
	}

	/** Flushes the pending batch when it holds a write of this record (its values are about to be read). */
	async settleRecord(resource: ResourceDefinition, id: string | number): Promise<void> {
		if (
			this.resource === resource &&
			this.pending.some((request) => String(request.record.id) === String(id))
		)
			await this.flush();
	}

	/** The first update of the batch whose record Halo does not have (one read per update, in order). */
	private async findUnknownId(
		resource: ResourceDefinition,
		batch: WriteRequest[],
	): Promise<number | undefined> {
		for (const [position, request] of batch.entries()) {
			if (!this.isUpdate(resource, request)) continue;
			try {
				await haloApiRequest.call(this.ctx, {
					method: 'GET',
					path: `${resource.path}/${encodeURIComponent(String(request.record.id))}`,
					itemIndex: request.itemIndex,
				});
			} catch (error) {
				if (error instanceof NodeApiError && error.httpCode === '404') return position;
				return undefined;
			}
		}
		return undefined;
	}

	private refusal(error: NodeApiError, request: WriteRequest, words: string): NodeApiError {
		const message = error.httpCode === '404' ? words : `HaloPSA rejected the request: ${words}`;
		return new NodeApiError(this.ctx.getNode(), { message } as JsonObject, {
			message,
			httpCode: error.httpCode ?? undefined,
			itemIndex: request.itemIndex,
			description: error.description ?? undefined,
		});
	}

	private createdBeforeRefusal(
		resource: ResourceDefinition,
		request: WriteRequest,
		refusedItem: number,
		words: string,
		error: NodeApiError,
	): NodeApiError {
		return this.mayHaveSaved(
			request,
			`HaloPSA may have created ${singularNoun(resource)} ${recordLabel(request.record)}: it saves a batch element by element, and it refused a later element of the same batch (item ${refusedItem + 1}: ${words}). ` +
				'It was not sent again, so that nothing is created twice: check HaloPSA for it before running this item again',
			error,
		);
	}

	private unplacedRefusal(
		resource: ResourceDefinition,
		request: WriteRequest,
		size: number,
		words: string,
		error: NodeApiError,
	): NodeApiError {
		const update = this.isUpdate(resource, request);
		const record = update
			? `${singularNoun(resource)} ${String(request.record.id)}`
			: `${singularNoun(resource)} ${recordLabel(request.record)}`;
		return this.mayHaveSaved(
			request,
			`HaloPSA refused a batch of ${size} ${pluralNoun(resource)} without saying which one (${words}). It may have ${update ? 'updated' : 'created'} ${record} before that, or refused it. ` +
				`It was not sent again, so that nothing is ${update ? 'changed' : 'created'} twice: check HaloPSA for it before running this item again`,
			error,
		);
	}

	private mayHaveSaved(request: WriteRequest, message: string, error: NodeApiError): NodeApiError {
		return new NodeApiError(this.ctx.getNode(), { message } as JsonObject, {
			message,
			description: error.description ?? undefined,
			itemIndex: request.itemIndex,
		});
	}

	/** Names the record, so the user can look for it in Halo before running the item again. */
	private outcomeUnknown(
		resource: ResourceDefinition,
		request: WriteRequest,
		reason: string,
		error: NodeApiError,
	): NodeApiError {
		const update = this.isUpdate(resource, request);
		const done = update ? 'updated' : 'created';
		const record = update
			? `${singularNoun(resource)} ${String(request.record.id)}`
			: `${singularNoun(resource)} ${recordLabel(request.record)}`;
		const oneShot = this.oneShotOf(resource, request);
		const message = oneShot
			? oneShotWords(oneShot, record, reason, !update)
			: `HaloPSA may have ${done} ${record}, but ${reason}. It was not sent again, so that nothing is ${done} twice: ` +
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

/** An item Halo may have saved, and what its item says if it cannot be found. */
interface Doubt {
	request: WriteRequest;
	error: NodeApiError;
}

/** Records read beyond the creates looked for: others' records created meanwhile. */
const NEWEST_SLACK = 20;

const LABEL_KEYS = ['name', 'summary', 'subject', 'reference', 'note', 'email', 'emailaddress'];

/** The field that names a record to create, as recordLabel shows it. */
function labelKey(record: IDataObject): string | undefined {
	return LABEL_KEYS.find((key) => typeof record[key] === 'string' && record[key] !== '');
}

/** Halo's own words in a refusal: the message less the node's "HaloPSA rejected the request: ". */
function haloWords(error: NodeApiError): string {
	return error.message.replace(/^HaloPSA rejected the request: /, '');
}
