import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { maskSecrets } from './secrets';
import type { ResourceDefinition } from './types';

/** How Get and Get Many shape what Halo answered, as the user set it. */
export interface OutputShape {
	/** Only the fields people use (the resource's `simplified` list), plus `fields`. */
	simplify: boolean;
	/** Field names to return: added to Simplify's, or, with Simplify off, the only ones returned. */
	fields: string[];
	/** Custom fields as properties named by their labels, instead of Halo's `customfields` array. */
	customFieldsByLabel: boolean;
	/** Include Secrets: without it, an encrypted custom field is masked before it loses its flag. */
	includeSecrets?: boolean;
}

export function parseFieldList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

/** The fields Simplify keeps: the definition's list, else the id, the name and the required fields. */
export function simplifiedFields(resource: ResourceDefinition): string[] {
	if (resource.simplified) return resource.simplified;
	const required = resource.create?.required.map((field) => field.key) ?? [];
	return [...new Set(['id', resource.nameField ?? 'name', ...required])];
}

interface HaloCustomField {
	id?: number;
	name?: string;
	label?: string;
	value?: unknown;
	display?: unknown;
}

/**
 * Halo's `customfields` entries as readable properties: `"Contract Tier": "Gold"`. A selection's
 * `display` (its choice's name) is what people read; else the value. A label that is already a
 * property of the record keeps the record's and gets " (Custom Field)".
 */
function flattenCustomFields(record: IDataObject): { record: IDataObject; labels: string[] } {
	const entries = record.customfields;
	if (!Array.isArray(entries)) return { record, labels: [] };
	const rest = { ...record };
	delete rest.customfields;
	const labels: string[] = [];
	for (const entry of entries as HaloCustomField[]) {
		const label = entry.label || entry.name || `Custom Field ${String(entry.id)}`;
		const key = label in rest ? `${label} (Custom Field)` : label;
		const shown =
			entry.display !== undefined && entry.display !== null && entry.display !== ''
				? entry.display
				: entry.value;
		rest[key] = (shown ?? null) as IDataObject[string];
		labels.push(key);
	}
	return { record: rest, labels };
}

function pick(record: IDataObject, keys: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys) if (key in record) picked[key] = record[key];
	return picked;
}

/** One record as the user asked for it. */
export function shapeRecord(
	resource: ResourceDefinition,
	record: IDataObject,
	shape: OutputShape,
): IDataObject {
	// A flattened field no longer says it is encrypted, so it is masked while it still does.
	const { record: flat, labels } = shape.customFieldsByLabel
		? flattenCustomFields(shape.includeSecrets === true ? record : maskSecrets(record))
		: { record, labels: [] };
	if (!shape.simplify && shape.fields.length === 0) return flat;
	const keys = shape.simplify
		? [...simplifiedFields(resource), ...shape.fields, ...labels]
		: ['id', ...shape.fields];
	return pick(flat, [...new Set(keys)]);
}

/** Get and Get Many records as the item's Simplify and output options ask (version 1: all fields). */
export function shapeOutput(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	records: IDataObject[],
	itemIndex: number,
): IDataObject[] {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const shape: OutputShape = {
		simplify: this.getNodeParameter('simplify', itemIndex, false) === true,
		fields: parseFieldList(options.outputFields),
		customFieldsByLabel: options.customFieldsByLabel === true,
		includeSecrets: options.includeSecrets === true,
	};
	return records.map((record) => shapeRecord(resource, record, shape));
}
