import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { BatchWriter, MAX_BATCH_SIZE } from './actions/batch';
import type { WriteRequest } from './actions/batch';
import {
	resolvePickedCustomFields,
	setsWholeArrays,
	withCurrentFieldValues,
} from './actions/customFields';
import { runExtraAction } from './actions/extraActions';
import { runExtraKind } from './actions/extraKinds';
import { isPreview, runClient } from './guards/operationAccess';
import { HANDLERS, WRITE_BUILDERS } from './actions/operations';
import { asNodeError, ItemOutcomes, operationLabel } from './actions/outcomes';
import { batchSizeOf, recordId } from './actions/parameters';
import { previewItem } from './actions/preview';
import { CREDENTIAL_TYPE, learnOwners } from './transport';
import { allowedClientsOf } from './guards/clientScope';
import type { HaloClient } from './transport';
import { maskSecretParameters, passwordKeys } from './helpers/secrets';
import { isToolNode, missingRecordHint } from './helpers/toolMode';
import type { OperationKey, ResourceDefinition } from './helpers/types';
import { runUpsert } from './actions/upsert';
import { UPSERT_OPERATION } from './helpers/names';

// The action node's run: each item is planned (which resource, which operation) and dispatched;
// writes are batched, everything else runs at once. The operations live in their own files.

/** What one item asks for: a write to batch with others, or a call to make now. */
type Step = { resource: ResourceDefinition } & (
	| { write: WriteRequest }
	| { run: () => Promise<IDataObject[]> }
	/** Whole n8n items, binary data included (extraKinds.ts, upsert.ts). */
	| { runItems: () => Promise<INodeExecutionData[]> }
);

function planItem(
	client: HaloClient<IExecuteFunctions>,
	resources: Map<string, ResourceDefinition>,
	itemIndex: number,
): Step {
	const context = client.context;
	const resourceValue = context.getNodeParameter('resource', itemIndex) as string;
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	const resource = resources.get(resourceValue);
	if (!resource)
		throw new NodeOperationError(context.getNode(), `Unknown resource "${resourceValue}"`, {
			itemIndex,
		});
	const extra = resource.extraActions?.find((action) => action.value === operation);
	if (extra?.kind) {
		const id = () =>
			extra.needsId ? recordId.call(client.context, resource, itemIndex) : undefined;
		return { resource, runItems: () => runExtraKind(client, resource, extra, itemIndex, id()) };
	}
	if (operation === UPSERT_OPERATION && resource.upsert)
		return { resource, runItems: () => runUpsert(client, resource, itemIndex) };
	if (extra) return { resource, run: () => runExtraAction(client, resource, extra, itemIndex) };
	const key = operation as OperationKey;
	const unsupported = resource.unsupported?.[key];
	if (unsupported) throw new NodeOperationError(context.getNode(), unsupported, { itemIndex });
	const builder = WRITE_BUILDERS[key];
	const handler = HANDLERS[key];
	if (resource[key] === undefined || (!builder && !handler)) {
		throw new NodeOperationError(
			context.getNode(),
			`${resource.displayName} has no "${operation}" operation`,
			{ itemIndex },
		);
	}
	if (builder) return { write: builder.call(client.context, resource, itemIndex), resource };
	return { resource, run: () => handler!(client, resource, itemIndex) };
}

/**
 * Under Allowed Clients, each item that changes one record checks whose it is first: the records
 * of all items are learnt at once where Halo's list takes several ids (ticketids), instead of one
 * read per item. A failure here costs nothing: each item then reads its own.
 */
async function learnOwnersOfItems(
	client: HaloClient<IExecuteFunctions>,
	resources: Map<string, ResourceDefinition>,
	count: number,
	labels: Map<number, string>,
): Promise<void> {
	const context = client.context;
	// Without Allowed Clients nothing is checked: no item's ID is read ahead.
	if (count < 2) return;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE).catch(() => undefined);
	if (credentials === undefined || allowedClientsOf(credentials) === undefined) return;
	const byResource = new Map<ResourceDefinition, { ids: string[]; first: number }>();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const resource = resources.get(String(context.getNodeParameter('resource', itemIndex, '')));
		const operation = String(context.getNodeParameter('operation', itemIndex, ''));
		if (!resource || !changesOneRecord(resource, operation)) continue;
		let id: string;
		try {
			id = String(recordId.call(context, resource, itemIndex));
		} catch {
			continue; // The item says what is wrong with its id when it runs.
		}
		const known = byResource.get(resource) ?? { ids: [], first: itemIndex };
		known.ids.push(id);
		byResource.set(resource, known);
	}
	for (const [resource, { ids, first }] of byResource) {
		labels.set(first, operationLabel.call(context, resources, first));
		await learnOwners(client, resource.path, ids, first).catch(() => undefined);
	}
}

function changesOneRecord(resource: ResourceDefinition, operation: string): boolean {
	if (operation === 'update' || operation === 'delete') return true;
	return (
		resource.extraActions?.some((action) => action.value === operation && action.needsId) ?? false
	);
}

/**
 * Runs the chosen operation for every input item, keeping paired items and Continue On Fail.
 * Creates and updates of consecutive items go to Halo together, as POST arrays of Batch Size.
 */
export async function executeResources(
	this: IExecuteFunctions,
	resources: Map<string, ResourceDefinition>,
): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	const previews = new Map<number, () => INodeExecutionData>();
	const outcomes = new ItemOutcomes(
		!this.continueOnFail(),
		maskSecretParameters(this.getNode(), resources.values()),
		(itemIndex) => previews.get(itemIndex)?.(),
		{
			include: (itemIndex) =>
				this.getNodeParameter('options.includeSecrets', itemIndex, false) === true,
			keys: new Set([...resources.values()].flatMap((resource) => [...passwordKeys(resource)])),
		},
	);
	const client = runClient.call(this, resources, outcomes.operations);
	await learnOwnersOfItems(client, resources, count, outcomes.operations);
	const writer = new BatchWriter(client, outcomes, MAX_BATCH_SIZE);
	let previewing = false;
	for (
		let itemIndex = 0;
		itemIndex < count && !(outcomes.stopsAtFirstError && outcomes.hasError);
		itemIndex++
	) {
		try {
			outcomes.operations.set(itemIndex, operationLabel.call(this, resources, itemIndex));
			const step = planItem(client, resources, itemIndex);
			const preview = isPreview.call(this, itemIndex);
			if (preview) {
				const label = outcomes.operations.get(itemIndex) ?? '';
				previews.set(itemIndex, () => previewItem(client, step.resource, label, itemIndex));
			}
			const hint = isToolNode(this.getNode()) ? missingRecordHint(step.resource) : undefined;
			if (hint) outcomes.missingRecordHints.set(itemIndex, hint);
			if ('write' in step) {
				// Previews and real writes never share a batch: one is held back, the other sent.
				if (preview !== previewing) await writer.flush();
				previewing = preview;
				const picked = await resolvePickedCustomFields(client, step.resource, step.write);
				// Custom fields are merged with the record's current values: a write of the same
				// record still waiting in the batch goes first, so its values are the ones read.
				if (picked.id !== undefined && setsWholeArrays(picked.record))
					await writer.settleRecord(step.resource, picked.id);
				const write = await withCurrentFieldValues(client, step.resource, picked);
				await writer.add(step.resource, write, batchSizeOf.call(this, itemIndex));
				continue;
			}
			await writer.flush();
			if ('runItems' in step) outcomes.savedItems(itemIndex, await step.runItems());
			else outcomes.saved(itemIndex, await step.run());
		} catch (error) {
			// Items before this one, still waiting in a batch, are sent as they would have been one by one.
			if (outcomes.stopsAtFirstError) await writer.flush();
			outcomes.failed(itemIndex, asNodeError.call(this, error, itemIndex));
		}
	}
	await writer.finish();
	return [outcomes.output(count)];
}
