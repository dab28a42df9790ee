import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import type { WriteRequest, WriteResults } from './batch';
import { maskSecretText, maskSecrets } from '../helpers/secrets';
import type { ResourceDefinition } from '../helpers/types';
import { UPSERT_OPERATION } from '../helpers/names';

// What each input item outputs: its records, its error (Continue On Fail), or what is known of a
// batch whose answer could not be paired; always paired with its item, always in input order.

export function operationLabel(
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
	itemIndex: number,
): string {
	const resource = resources.get(this.getNodeParameter('resource', itemIndex) as string);
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	if (!resource) return operation;
	const extra = resource.extraActions?.find((action) => action.value === operation);
	return `${resource.displayName} › ${extra?.name ?? STANDARD_OPERATION_NAMES[operation] ?? operation}`;
}

export const STANDARD_OPERATION_NAMES: Record<string, string> = {
	create: 'Create',
	get: 'Get',
	getMany: 'Get Many',
	update: 'Update',
	delete: 'Delete',
	[UPSERT_OPERATION]: 'Create or Update',
};

export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	}
	return { json, pairedItem: { item: itemIndex } };
}

export function asNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/** Whether an item shows Halo's secrets, and the fields its resources declare as passwords. */
export interface SecretsPolicy {
	include: (itemIndex: number) => boolean;
	keys: ReadonlySet<string>;
}

/** Without a policy, every item's secrets are masked. */
const MASK_ALL: SecretsPolicy = { include: () => false, keys: new Set() };

/** Each item's output, kept by item so the node answers in input order whatever was batched. */
export class ItemOutcomes implements WriteResults {
	private readonly items = new Map<number, INodeExecutionData[]>();
	private readonly errors = new Map<number, NodeApiError | NodeOperationError>();
	/** Items Halo may have saved (not sent again): the record each names, by item. */
	private readonly doubtful = new Map<number, string>();

	/** "Client › Update" for each item planned: every error says which operation on which item failed. */
	readonly operations = new Map<number, string>();

	/** For a tool: what the agent can do when the record it named does not exist, by item. */
	readonly missingRecordHints = new Map<number, string>();

	constructor(
		readonly stopsAtFirstError: boolean,
		private readonly safeNode: INode,
		/** An item in Preview (Dry Run) outputs the requests it would send instead (actions/preview.ts). */
		private readonly previewed: (itemIndex: number) => INodeExecutionData | undefined = () =>
			undefined,
		private readonly secrets: SecretsPolicy = MASK_ALL,
	) {}

	get hasError(): boolean {
		return this.errors.size > 0;
	}

	saved(itemIndex: number, records: IDataObject[]): void {
		this.savedItems(
			itemIndex,
			records.map((json) => ({ json })),
		);
	}

	savedItems(itemIndex: number, items: INodeExecutionData[]): void {
		const preview = this.previewed(itemIndex);
		if (preview) items = [preview];
		this.items.set(
			itemIndex,
			items.map((item) => ({ ...item, pairedItem: { item: itemIndex } })),
		);
	}

	failed(itemIndex: number, error: NodeApiError | NodeOperationError): void {
		const operation = this.operations.get(itemIndex);
		const where = `${operation ? `${operation}, ` : ''}item ${itemIndex + 1}.`;
		if (!error.description?.startsWith(where))
			error.description = `${where}${error.description ? ` ${error.description}` : ''}`;
		const hint = this.missingRecordHints.get(itemIndex);
		if (hint && error instanceof NodeApiError && error.httpCode === '404')
			error.message = `${error.message.replace(/ \(404\)$/, '')} — ${hint}`;
		// An error is stored and shown whatever Include Secrets says: a secret quoted in it is masked.
		error.message = maskSecretText(error.message);
		if (error.description) error.description = maskSecretText(error.description);
		// `node` is read-only in the typings only; n8n reads it when it stores the error.
		Object.assign(error, { node: this.safeNode });
		this.errors.set(itemIndex, error);
	}

	uncertain(itemIndex: number, error: NodeApiError, record: string): void {
		this.failed(itemIndex, error);
		this.doubtful.set(itemIndex, record);
	}

	unconfirmed(batch: WriteRequest[], answer: unknown, message: string): void {
		for (const request of batch) {
			this.items.set(request.itemIndex, [
				{
					json: { outcome: 'unconfirmed', message, sent: request.record },
					pairedItem: { item: request.itemIndex },
				},
			]);
		}
		const first = batch[0].itemIndex;
		const everyItem = batch.map((request) => ({ item: request.itemIndex }));
		this.items.get(first)?.push({
			json: { outcome: 'batchAnswer', answer: answer as IDataObject },
			pairedItem: everyItem,
		});
	}

	/** Every item leaves through here: Halo's secrets masked, unless the item's Include Secrets is on. */
	private shown(itemIndex: number, items: INodeExecutionData[]): INodeExecutionData[] {
		if (this.secrets.include(itemIndex)) return items;
		return items.map((item) => {
			const json = maskSecrets(item.json, this.secrets.keys);
			return json === item.json ? item : { ...item, json };
		});
	}

	/**
	 * The output, in item order. Without Continue On Fail the first error is thrown instead: the
	 * first item Halo refused (where one item at a time would have stopped), else the first that
	 * may be saved, and it says what the run saved and what it may have saved.
	 */
	output(count: number): INodeExecutionData[] {
		if (this.stopsAtFirstError && this.errors.size > 0) throw this.stoppingError();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			const error = this.errors.get(itemIndex);
			if (error) {
				const item = errorItem(error, itemIndex);
				if (this.doubtful.has(itemIndex)) item.json.outcome = 'uncertain';
				output.push(item);
			} else output.push(...this.shown(itemIndex, this.items.get(itemIndex) ?? []));
		}
		return output;
	}

	private stoppingError(): NodeApiError | NodeOperationError {
		const indexes = [...this.errors.keys()].sort((a, b) => a - b);
		const stopAt = indexes.find((index) => !this.doubtful.has(index)) ?? indexes[0];
		const error = this.errors.get(stopAt)!;
		const saved = [...this.items.keys()].filter((index) => !this.errors.has(index));
		const doubtful = [...this.doubtful.entries()].filter(([index]) => index !== stopAt);
		const notes: string[] = [];
		if (saved.length > 0) notes.push(`Saved before the run stopped: ${itemRanges(saved)}.`);
		if (doubtful.length > 0) {
			const shown = doubtful
				.slice(0, MAX_NAMED)
				.map(([index, record]) => `item ${index + 1} (${record})`)
				.join(', ');
			const more = doubtful.length > MAX_NAMED ? ` and ${doubtful.length - MAX_NAMED} more` : '';
			notes.push(
				`HaloPSA may have saved ${shown}${more}: not sent again, so that nothing is saved twice; check HaloPSA for them before running them again.`,
			);
		}
		if (notes.length > 0 && !error.description?.includes(notes[0]))
			error.description = [error.description, ...notes].filter(Boolean).join(' ');
		return error;
	}
}

/** Records named at most in a stopping error's description. */
const MAX_NAMED = 10;

/** "items 1–48 and 50": item numbers (from 1) as ranges. */
export function itemRanges(indexes: number[]): string {
	const sorted = [...new Set(indexes)].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		ranges.push(end === start ? `${sorted[start] + 1}` : `${sorted[start] + 1}–${sorted[end] + 1}`);
		start = end + 1;
	}
	const listed =
		ranges.length > 1
			? `${ranges.slice(0, -1).join(', ')} and ${ranges[ranges.length - 1]}`
			: ranges[0];
	return `${sorted.length === 1 ? 'item' : 'items'} ${listed}`;
}
