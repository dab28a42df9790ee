// The records a request carries, read from a sent body (which the fake types as unknown), and the
// text of a failed item's error.
import assert from 'node:assert/strict';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A body that must be one record. */
export function asRecord(value: unknown): IDataObject {
	assert.ok(isRecord(value), `not a record: ${JSON.stringify(value)}`);
	return value;
}

/** A body that must be an array of records, as Halo's writes take them. */
export function recordsOf(body: unknown): IDataObject[] {
	assert.ok(Array.isArray(body), `not an array: ${JSON.stringify(body)}`);
	return body.map((element: unknown) => asRecord(element));
}

/** Halo's answer to a write of records: each one posted, with `id` where it had none. */
export function written(body: unknown, id: number): IDataObject[] {
	return recordsOf(body).map((record) => ({ ...record, id: record.id ?? id }));
}

/** The error message an item failed with (continue on fail). */
export function errorOf(item: INodeExecutionData): string {
	const error = item.json.error;
	assert.ok(typeof error === 'string', `no error in ${JSON.stringify(item.json)}`);
	return error;
}
