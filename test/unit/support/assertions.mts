// Narrowing assertions for the unit tier: what a test reads from an output item or a sent request
// is `unknown` to the type checker; these check its shape and hand it on typed, without a cast.
import assert from 'node:assert/strict';
import { NodeError } from './n8nWorkflow.mts';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** The value, which must be a string (an error's words, say). */
export function text(value: unknown): string {
	if (typeof value !== 'string') assert.fail(`not a string: ${JSON.stringify(value)}`);
	return value;
}

/** The value, which must be there (neither undefined nor null): a definition looked up, say. */
export function present<T>(value: T | null | undefined, what = 'a value'): T {
	if (value === undefined || value === null) assert.fail(`no ${what}`);
	return value;
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A member of a value that may be a record (undefined when it is not one, or has no such member). */
export function member(value: unknown, key: string): unknown {
	return isRecord(value) ? value[key] : undefined;
}

/** A body (or an answer) that must be an array of records, such as a POST array. */
export function records(value: unknown): IDataObject[] {
	if (!Array.isArray(value) || !value.every(isRecord))
		assert.fail(`not an array of records: ${JSON.stringify(value)}`);
	return value;
}

/** What was thrown, which must be an n8n node error (NodeApiError or NodeOperationError). */
export function nodeError(thrown: unknown): NodeError {
	if (!(thrown instanceof NodeError)) assert.fail(`not a node error: ${String(thrown)}`);
	return thrown;
}

/** The index of the one input item an output item is paired with (undefined when not one). */
export function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = item.pairedItem;
	return typeof paired === 'object' && !Array.isArray(paired) ? paired.item : undefined;
}
