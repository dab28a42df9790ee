import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import type { HaloClient } from '../transport';
import { haloList } from '../transport/paging';
import { haloSaid, mayHaveReachedHalo, refusedBeforeSending } from '../transport/errors';
import { isUpdateElement } from '../transport/retry';
import { pluralNoun, singularNoun } from '../helpers/nouns';
import { bodyOneShot, oneShotWords } from '../helpers/oneShot';
import { asRecords, notFound } from './records';
import type { ResourceDefinition } from '../helpers/types';

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

/**
 * Halo refused the array: a 4xx that is not about the credential (401) or the rate (429). It saves
 * element by element and stops at the one it refuses, so in a batch of several the elements before
 * that one may be saved, whatever the status (400 validation, 403 a record the agent may not use,
 * 404 a record an element names that does not exist, 409 a conflict).
 */
export function isRefusal(error: unknown): error is NodeApiError {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode);
	return status >= 400 && status < 500 && ![401, 408, 429].includes(status);
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
 * element it refuses, keeping the ones before it (halo-behaviour.md#batch-no-rollback). So after a
 * batch fails, whatever the status, each item gets one outcome: saved (with its record), failed
 * (Halo's words), or "may have been saved" (naming the record). Nothing Halo may have saved is sent
 * again unless sending it again changes nothing (an update that is not one-shot: resendable).
 */
export class BatchWriter {
	private pending: WriteRequest[] = [];
	private resource?: ResourceDefinition;
	private anyFailed = false;
	/**
	 * Per resource, the highest record id this run has created: every record with a higher id was
	 * created after that record. It is the lower fence of a failed batch's look-up (findCreated).
	 */
	private readonly fence = new Map<ResourceDefinition, number>();
	/** Per resource, the ids this run created (to know how many newer rows a look-up must pass). */
	private readonly createdIds = new Map<ResourceDefinition, number[]>();
	/** Creates of failed batches waiting for an upper fence before they are looked for. */
	private parked: Parked[] = [];

	constructor(
		private readonly client: HaloClient<IExecuteFunctions>,
		private readonly results: WriteResults,
		private size: number,
	) {}

	async add(resource: ResourceDefinition, request: WriteRequest, batchSize: number): Promise<void> {
		if (this.resource !== resource) await this.flush();
		// A one-shot write travels alone, so that no refused or lost batch leaves it in doubt
		// beside others, and nothing resends it with them (helpers/oneShot.ts).
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

	/** Sends the waiting batch. */
	async flush(): Promise<void> {
		const batch = this.pending;
		this.pending = [];
		if (batch.length > 0 && this.resource) await this.send(this.resource, batch);
	}

	/**
	 * The end of the run: sends the waiting batch, then gives every create still waiting for a
	 * look-up its outcome. Without a record this run created after it, nothing fences off records
	 * others create later, so it says Halo may have created it.
	 */
	async finish(): Promise<void> {
		await this.flush();
		const parked = this.parked;
		this.parked = [];
		for (const entry of parked) this.settle(entry.resource, entry.doubts, new Map());
	}

	private isUpdate(resource: ResourceDefinition, request: WriteRequest): boolean {
		return isUpdateElement(request.record, resource.idType);
	}

	/** What Halo does once if the record is saved (a welcome email, a conversion), if anything. */
	private oneShotOf(resource: ResourceDefinition, request: WriteRequest) {
		return bodyOneShot(request.record, resource);
	}

	/**
	 * Whether sending the element again cannot change Halo twice: an update that makes Halo do
	 * nothing once (helpers/oneShot.ts).
	 */
	private isResendable(resource: ResourceDefinition, request: WriteRequest): boolean {
		return this.isUpdate(resource, request) && this.oneShotOf(resource, request) === undefined;
	}

	private async post(resource: ResourceDefinition, batch: WriteRequest[]): Promise<unknown> {
		const single = batch.length === 1 ? batch[0] : undefined;
		const singleIsUpdate = single !== undefined && this.isUpdate(resource, single);
		const bodyIsObject =
			single !== undefined &&
			(singleIsUpdate ? resource.update?.bodyIsObject : resource.create?.bodyIsObject);
		return haloApiRequest(this.client, {
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
		await this.lookUpFenced(resource);
	}

	/**
	 * Every failure of a batch, by what Halo may have done: answered a refusal (the elements before
	 * the refused one may be saved), lost its answer (any element may be saved), or provably did
	 * nothing (a 401, a 429 given up on, a connection never made, a request refused before sending).
	 */
	private async afterFailure(
		resource: ResourceDefinition,
		batch: WriteRequest[],
		error: unknown,
	): Promise<void> {
		// Allowed Clients refused one of its records before anything was sent: each item alone
		// gets its own answer (the scope's reads are cached, so little is read twice).
		if (batch.length > 1 && refusedBeforeSending(error)) {
			for (const request of batch) await this.send(resource, [request]);
			return;
		}
		if (batch.some((request) => !this.isUpdate(resource, request))) this.abandonParked(resource);
		const lost = mayHaveReachedHalo(error);
		if (lost !== undefined)
			return this.afterLostAnswer(resource, batch, error as NodeApiError, lost);
		if (batch.length > 1 && isRefusal(error)) return this.afterRejection(resource, batch, error);
		// Nothing was saved: Halo refused the one element sent, or never took the request.
		const failure =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.client.context.getNode(), error as Error);
		for (const request of batch)
			this.fail(request.itemIndex, forItem.call(this.client.context, failure, request.itemIndex));
	}

	/**
	 * The answer was lost (a 5xx, a reset, a timeout): any element may be saved. Creates are looked
	 * for, never sent again; resendable updates are sent again on their own with Continue On Fail
	 * (unless the transport already did); every other item says what Halo may have done.
	 */
	private async afterLostAnswer(
		resource: ResourceDefinition,
		batch: WriteRequest[],
		error: NodeApiError,
		reason: string,
	): Promise<void> {
		const lower = this.fence.get(resource);
		const alreadyRetried = batch.every((request) => this.isResendable(resource, request));
		const again = batch.filter(
			(request) =>
				!alreadyRetried && !this.results.stopsAtFirstError && this.isResendable(resource, request),
		);
		const doubtful = batch
			.filter((request) => !again.includes(request))
			.map((request) => ({
				request,
				error: this.outcomeUnknown(resource, request, reason, error, alreadyRetried),
			}));
		this.hold(resource, doubtful, lower);
		if (again.length > 0) await this.send(resource, again);
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
		this.abandonParked(resource);
	}

	/**
	 * Records this run may have created unseen (a failed or unpaired batch) would lie between a
	 * waiting look-up's fences and could pass for its items' records: the creates still waiting say
	 * Halo may have created them.
	 */
	private abandonParked(resource: ResourceDefinition): void {
		const waiting = this.parked.filter(
			(entry) => entry.resource === resource && entry.upper === undefined,
		);
		if (waiting.length === 0) return;
		this.parked = this.parked.filter((entry) => !waiting.includes(entry));
		for (const entry of waiting) this.settle(resource, entry.doubts, new Map());
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
		const lower = this.fence.get(resource);
		const named =
			error.httpCode === '400'
				? new Map([...rejectedElements(error.message)].filter(([at]) => at < batch.length))
				: new Map<number, string>();
		let refused = named.size > 0 ? Math.min(...named.keys()) : undefined;
		let words = refused === undefined ? undefined : named.get(refused);
		if (
			refused === undefined &&
			error.httpCode === '404' &&
			batch.some((request) => this.isUpdate(resource, request)) &&
			batch.some((request) => !this.isUpdate(resource, request))
		) {
			refused = await this.findUnknownId(resource, batch);
			if (refused !== undefined) words = notFound(resource, batch[refused].record.id) + ' (404)';
		}
		if (refused === undefined || words === undefined)
			return this.placeNothing(resource, batch, error, lower);
		const again: WriteRequest[] = [];
		const doubtful: Doubt[] = [];
		batch.forEach((request, position) => {
			if (position === refused)
				return this.fail(request.itemIndex, this.refusal(error, request, words));
			if (position < refused) {
				if (this.isResendable(resource, request)) again.push(request);
				else
					doubtful.push({
						request,
						error: this.savedBeforeRefusal(
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
		this.hold(resource, doubtful, lower);
		// The creates sent again fence the look-up from above (lookUpFenced, after they are saved).
		if (again.length > 0) await this.send(resource, again);
	}

	/**
	 * Halo refused the batch without naming an element (a 400 in another shape, a 403, a 404, a
	 * 409…). Resendable updates alone are found by halving (each is safe to send again). Otherwise
	 * any element may be saved (those before the refused one) or refused: none but the resendable
	 * updates is sent again (with Continue On Fail), and each other item says so.
	 */
	private async placeNothing(
		resource: ResourceDefinition,
		batch: WriteRequest[],
		error: NodeApiError,
		lower: number | undefined,
	): Promise<void> {
		if (batch.every((request) => this.isResendable(resource, request))) {
			const middle = Math.ceil(batch.length / 2);
			await this.send(resource, batch.slice(0, middle));
			if (this.results.stopsAtFirstError && this.anyFailed) return;
			return this.send(resource, batch.slice(middle));
		}
		const again = batch.filter(
			(request) => !this.results.stopsAtFirstError && this.isResendable(resource, request),
		);
		const words = haloSaid(error) ?? haloWords(error);
		const doubtful = batch
			.filter((request) => !again.includes(request))
			.map((request) => ({
				request,
				error: this.unplacedRefusal(resource, request, batch.length, words, error),
			}));
		this.hold(resource, doubtful, lower);
		if (again.length > 0) await this.send(resource, again);
	}

	/**
	 * Items Halo may have saved. Updates say so now. Creates are looked for in Halo once this run
	 * has created a record after them (the upper fence): with Continue On Fail they wait for it;
	 * without, the run stops here and they say so now. A create that may be in Halo unseen would
	 * pass for a later item's record, so the lower fence is dropped until a new create moves it.
	 */
	private hold(resource: ResourceDefinition, doubtful: Doubt[], lower: number | undefined): void {
		const creates = doubtful.filter(({ request }) => !this.isUpdate(resource, request));
		this.settle(
			resource,
			doubtful.filter((doubt) => !creates.includes(doubt)),
			new Map(),
		);
		if (creates.length === 0) return;
		this.forgetFence(resource);
		if (this.results.stopsAtFirstError || lower === undefined || !canLookUp(resource))
			return this.settle(resource, creates, new Map());
		this.parked.push({ resource, lower, doubts: creates });
	}

	/** Items Halo may have saved: those found in Halo are saved, the others say they may be. */
	private settle(
		resource: ResourceDefinition,
		doubtful: Doubt[],
		found: Map<WriteRequest, IDataObject>,
	): void {
		for (const { request, error } of doubtful) {
			const record = found.get(request);
			if (record) this.results.saved(request.itemIndex, [record]);
			else this.results.uncertain(request.itemIndex, error, this.recordName(resource, request));
		}
	}

	/** Looks for the parked creates that now have an upper fence. */
	private async lookUpFenced(resource: ResourceDefinition): Promise<void> {
		const ready = this.parked.filter(
			(entry) => entry.resource === resource && entry.upper !== undefined,
		);
		if (ready.length === 0) return;
		this.parked = this.parked.filter((entry) => !ready.includes(entry));
		for (const entry of ready) {
			const found = await this.findCreated(entry);
			this.settle(resource, entry.doubts, found);
		}
	}

	/**
	 * Finds a failed batch's creates in Halo with one list read, newest first by id. A record is an
	 * item's only when it is proven to be: its id lies between the fences (above every record this
	 * run created before the batch, below the first it created after), every value the item sent
	 * that the row carries is the same, and no other row or item could take its place (items and
	 * rows that share candidates are paired only when they are as many and alike, in the order
	 * sent). Anything less, or a read that did not reach down to the lower fence, leaves the items
	 * saying Halo may have created them: a wrong "saved" would hide a duplicate or a lost record.
	 */
	private async findCreated(entry: Parked): Promise<Map<WriteRequest, IDataObject>> {
		const { resource, lower, upper } = entry;
		const creates = entry.doubts.map(({ request }) => request);
		if (upper === undefined || !resource.getMany) return new Map();
		const newer = (this.createdIds.get(resource) ?? []).filter((id) => id >= upper).length;
		const limit = Math.min(MAX_LOOKUP_ROWS, upper - lower - 1 + newer + NEWEST_SLACK);
		let rows: IDataObject[];
		try {
			rows = await haloList(this.client, {
				path: resource.path,
				listKey: resource.listKey,
				pages: resource.pages,
				qs: {
					...resource.getMany.fixedQuery,
					...resource.upsert?.fixedQuery,
					order: 'id',
					orderdesc: true,
				},
				limit,
				itemIndex: creates[0].itemIndex,
			});
		} catch {
			return new Map();
		}
		const ids = rows.map((row) => row.id).filter((id): id is number => typeof id === 'number');
		const reachedLower = rows.length < limit || Math.min(...ids) <= lower + 1;
		if (!reachedLower) return new Map();
		return attribute(
			creates,
			rows.filter((row) => typeof row.id === 'number' && row.id > lower && row.id < upper),
		);
	}

	/**
	 * A record this run created has an id above every record that existed then (Halo's ids only
	 * grow): the fence. Ids of updated or listed records say nothing of what is newer. The first
	 * created after a failed batch is that batch's upper fence.
	 */
	private noteCreated(resource: ResourceDefinition, records: IDataObject[]): void {
		const ids = records
			.map(({ id }) => id)
			.filter((id): id is number => typeof id === 'number' && Number.isSafeInteger(id));
		if (ids.length === 0) return;
		this.fence.set(resource, Math.max(this.fence.get(resource) ?? 0, ...ids));
		this.createdIds.set(resource, [...(this.createdIds.get(resource) ?? []), ...ids]);
		for (const entry of this.parked)
			if (entry.resource === resource && entry.upper === undefined) entry.upper = Math.min(...ids);
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
				await haloApiRequest(this.client, {
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
		return new NodeApiError(this.client.context.getNode(), { message } as JsonObject, {
			message,
			httpCode: error.httpCode ?? undefined,
			itemIndex: request.itemIndex,
			description: error.description ?? undefined,
		});
	}

	private savedBeforeRefusal(
		resource: ResourceDefinition,
		request: WriteRequest,
		refusedItem: number,
		words: string,
		error: NodeApiError,
	): NodeApiError {
		const update = this.isUpdate(resource, request);
		return this.mayHaveSaved(
			request,
			`HaloPSA may have ${update ? 'updated' : 'created'} ${this.recordName(resource, request)}: it saves a batch element by element, and it refused a later element of the same batch (item ${refusedItem + 1}: ${words}). ` +
				`It was not sent again, so that nothing is ${update ? 'done' : 'created'} twice: check HaloPSA for it before running this item again`,
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
		return this.mayHaveSaved(
			request,
			`HaloPSA refused a batch of ${size} ${pluralNoun(resource)} without saying which one (${words}). It may have ${update ? 'updated' : 'created'} ${this.recordName(resource, request)} before that, or refused it. ` +
				`It was not sent again, so that nothing is ${update ? 'done' : 'created'} twice: check HaloPSA for it before running this item again`,
			error,
		);
	}

	private mayHaveSaved(request: WriteRequest, message: string, error: NodeApiError): NodeApiError {
		return new NodeApiError(this.client.context.getNode(), { message } as JsonObject, {
			message,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
			itemIndex: request.itemIndex,
		});
	}

	/** Names the record, so the user can look for it in Halo before running the item again. */
	private outcomeUnknown(
		resource: ResourceDefinition,
		request: WriteRequest,
		reason: string,
		error: NodeApiError,
		/** The transport sent it again already (an update that is safe to repeat). */
		retried = false,
	): NodeApiError {
		const update = this.isUpdate(resource, request);
		const done = update ? 'updated' : 'created';
		if (retried)
			return this.mayHaveSaved(
				request,
				`HaloPSA may have updated ${this.recordName(resource, request)}, but ${reason} each time it was sent. ` +
					'An update sets the same values again, so it is safe to run this item again once HaloPSA answers',
				error,
			);
		const oneShot = this.oneShotOf(resource, request);
		const message = oneShot
			? oneShotWords(oneShot, this.recordName(resource, request), reason, !update)
			: `HaloPSA may have ${done} ${this.recordName(resource, request)}, but ${reason}. It was not sent again, so that nothing is ${update ? 'done' : 'created'} twice: ` +
				`check HaloPSA for it before running this item again`;
		return this.mayHaveSaved(request, message, error);
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

/** A failed batch's creates, waiting for a record this run creates after them (the upper fence). */
interface Parked {
	resource: ResourceDefinition;
	/** The highest id this run had created before the batch. */
	lower: number;
	/** The lowest id this run created after it. */
	upper?: number;
	doubts: Doubt[];
}

/** Records read beyond the window and this run's newer records: others' records created meanwhile. */
const NEWEST_SLACK = 20;
/** At most this many rows are read to look for a failed batch's creates (five pages). */
const MAX_LOOKUP_ROWS = 500;

/** Whether a failed batch's creates can be looked for: a list with whole-number ids. */
function canLookUp(resource: ResourceDefinition): boolean {
	return resource.getMany !== undefined && resource.idType === 'number';
}

const LABEL_KEYS = ['name', 'summary', 'subject', 'reference', 'note', 'email', 'emailaddress'];

/** The field that names a record to create, as recordLabel shows it. */
function labelKey(record: IDataObject): string | undefined {
	return LABEL_KEYS.find((key) => typeof record[key] === 'string' && record[key] !== '');
}

/** A plain value (not an array or object) as text, for comparing what was sent with a row. */
function plain(value: unknown): string | undefined {
	if (value === null || value === undefined) return undefined;
	return typeof value === 'object' ? undefined : String(value);
}

/**
 * Whether a row holds what the item sent: its name (or summary…) exactly, and every other plain
 * value the row carries. Values the list leaves out of its rows prove nothing either way.
 */
export function holdsSentValues(record: IDataObject, row: IDataObject): boolean {
	const key = labelKey(record);
	if (key === undefined || row[key] !== record[key]) return false;
	return Object.entries(record).every(([field, value]) => {
		if (field === 'id' || !(field in row) || plain(value) === undefined) return true;
		return plain(row[field]) === plain(value);
	});
}

/**
 * Pairs created records with items only where nothing else could be: items that share a
 * candidate row, with the rows they share, form a group; a group is paired (in the order sent,
 * rows by id) only when every item in it sees exactly the group's rows and there are as many rows
 * as items. The pairs must then follow the order sent (Halo saves in order, ids grow), and only
 * the creates before the first one not found are kept (Halo stops at the element it refuses).
 * `creates` are in the order they were sent.
 */
export function attribute(
	creates: WriteRequest[],
	rows: IDataObject[],
): Map<WriteRequest, IDataObject> {
	const candidates = creates.map((request) =>
		rows.filter((row) => holdsSentValues(request.record, row)),
	);
	const found = new Map<WriteRequest, IDataObject>();
	const grouped = new Set<number>();
	for (let first = 0; first < creates.length; first++) {
		if (grouped.has(first)) continue;
		const group = groupOf(first, candidates);
		group.forEach((index) => grouped.add(index));
		const groupRows = [...new Set(group.flatMap((index) => candidates[index]))].sort(
			(a, b) => (a.id as number) - (b.id as number),
		);
		const alike = group.every((index) => candidates[index].length === groupRows.length);
		if (!alike || groupRows.length !== group.length) continue;
		group
			.sort((a, b) => a - b)
			.forEach((index, position) => found.set(creates[index], groupRows[position]));
	}
	// Halo saves in the order sent and stops at the first element it refuses: what it saved is the
	// batch's first creates, with growing ids. A create found after one that is not was someone
	// else's.
	let previous = 0;
	let missing = false;
	for (const request of creates) {
		const id = found.get(request)?.id as number | undefined;
		if (id === undefined) missing = true;
		else if (missing) found.delete(request);
		else if (id <= previous) return new Map();
		else previous = id;
	}
	return found;
}

/** The items linked to one item through the rows they could be (a connected group). */
function groupOf(first: number, candidates: IDataObject[][]): number[] {
	const group = [first];
	for (let at = 0; at < group.length; at++) {
		const rows = candidates[group[at]];
		candidates.forEach((other, index) => {
			if (!group.includes(index) && other.some((row) => rows.includes(row))) group.push(index);
		});
	}
	return group;
}

/** Halo's own words in a refusal: the message less the node's "HaloPSA rejected the request: ". */
function haloWords(error: NodeApiError): string {
	return error.message.replace(/^HaloPSA rejected the request: /, '');
}
