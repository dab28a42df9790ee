import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import type { WriteRequest, WriteResults } from './batch';
import { withoutSecrets } from './secrets';
import type { ResourceDefinition } from './types';
import { UPSERT_OPERATION } from './upsert';

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

export function withoutSecretsInItems(
	resource: ResourceDefinition,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: withoutSecrets(resource, [item.json])[0] }));
}

export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	}
	return { json, pairedItem: { item: itemIndex } };
}

export function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Each item's output, kept by item so the node answers in input order whatever was batched. */
export class ItemOutcomes implements WriteResults {
	private readonly items = new Map<number, INodeExecutionData[]>();
	private readonly errors = new Map<number, NodeApiError | NodeOperationError>();

	/** "Client › Update" for each item planned: every error says which operation on which item failed. */
	readonly operations = new Map<number, string>();

	constructor(
		readonly stopsAtFirstError: boolean,
		private readonly safeNode: INode,
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
		// `node` is read-only in the typings only; n8n reads it when it stores the error.
		Object.assign(error, { node: this.safeNode });
		this.errors.set(itemIndex, error);
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

	/** The output, in item order; without Continue On Fail the first error is thrown instead. */
	output(count: number): INodeExecutionData[] {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			const error = this.errors.get(itemIndex);
			if (error && this.stopsAtFirstError) throw error;
			if (error) output.push(errorItem(error, itemIndex));
			else output.push(...(this.items.get(itemIndex) ?? []));
		}
		return output;
	}
}
