import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { HaloField, HaloFieldType } from './types';

const ACRONYMS: Record<string, string> = {
	id: 'ID',
	ids: 'IDs',
	url: 'URL',
	sla: 'SLA',
	vip: 'VIP',
	utc: 'UTC',
	html: 'HTML',
	api: 'API',
	po: 'PO',
};

/** `toplevel_id` → "Toplevel ID": a readable label when a field has no hand-written one. */
export function labelFromName(name: string): string {
	return name
		.split('_')
		.filter((part) => part !== '')
		.map((part) => ACRONYMS[part.toLowerCase()] ?? part.charAt(0).toUpperCase() + part.slice(1))
		.join(' ');
}

/** The label the user sees for a field, in the editor and in error messages alike. */
export function fieldLabel(field: HaloField): string {
	return field.label ?? labelFromName(field.key);
}

const N8N_TYPES: Record<HaloFieldType, INodeProperties['type']> = {
	string: 'string',
	text: 'string',
	number: 'number',
	boolean: 'boolean',
	dateTime: 'dateTime',
	color: 'color',
	options: 'options',
	multiOptions: 'multiOptions',
	json: 'json',
	idList: 'string',
	password: 'string',
};

const EMPTY_DEFAULTS: Record<HaloFieldType, string | number | boolean | string[]> = {
	string: '',
	text: '',
	number: 0,
	boolean: false,
	dateTime: '',
	color: '#000000',
	options: '',
	multiOptions: [],
	json: '{}',
	idList: '',
	password: '',
};

function sortedOptions(field: HaloField): INodePropertyOptions[] | undefined {
	if (!field.options) return undefined;
	return field.options
		.map((option) => ({ name: option.label, value: option.value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The n8n property for one HaloPSA field, as a top-level parameter or a collection option. */
export function fieldToProperty(field: HaloField): INodeProperties {
	const property: INodeProperties = {
		displayName: fieldLabel(field),
		name: field.key,
		type: N8N_TYPES[field.kind],
		default: field.default ?? EMPTY_DEFAULTS[field.kind],
		description: field.hint,
	};
	if (field.placeholder) property.placeholder = field.placeholder;
	if (field.kind === 'text') property.typeOptions = { rows: 4 };
	if (field.kind === 'password') property.typeOptions = { password: true };
	if (field.kind === 'idList' && !field.placeholder) property.placeholder = 'e.g. 12,15,22';
	if (field.minValue !== undefined) property.typeOptions = { minValue: field.minValue };
	if (field.loadOptionsMethod) {
		property.typeOptions = { loadOptionsMethod: field.loadOptionsMethod };
	} else if (field.options) {
		property.options = sortedOptions(field);
	}
	if (field.options && field.default === undefined && field.kind === 'options') {
		property.default = field.options[0].value;
	}
	return property;
}

/** Collection options must be alphabetical by label in n8n's editor. */
export function fieldsToOptions(fields: HaloField[]): INodeProperties[] {
	return fields
		.map(fieldToProperty)
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;


function isJson(value: unknown): boolean {
	if (typeof value !== 'string') return true;
	try {
		JSON.parse(value);
		return true;
	} catch {
		return false;
	}
}

/** Why a value cannot go to HaloPSA as it is, in words for the user; undefined when it can. */
export function invalidValueReason(field: HaloField, value: unknown): string | undefined {
	if (field.kind === 'json' && !isJson(value)) return `${fieldLabel(field)} is not valid JSON`;
	if (field.kind === 'color') {
		const colour = String(value).trim();
		if (colour !== '' && !HEX_COLOUR.test(colour)) return `${fieldLabel(field)} must be a colour like #E83C4A, not "${colour}"`;
	}
	return undefined;
}

function splitList(value: unknown): Array<string | number> {
	const parts = Array.isArray(value) ? value : String(value).split(',');
	return parts
		.map((part) => String(part).trim())
		.filter((part) => part !== '')
		.map((part) => (/^-?\d+$/.test(part) ? Number(part) : part));
}

/** What HaloPSA expects in a body for a value n8n holds (checked by invalidValueReason first). */
export function toBodyValue(field: HaloField, value: unknown): unknown {
	if (field.kind === 'json') return typeof value === 'string' ? JSON.parse(value) : value;
	if (field.kind === 'color') return String(value).trim();
	if (field.kind === 'idList') return splitList(value);
	return value;
}

/** What HaloPSA expects in a query string for a filter value n8n holds. */
export function toQueryValue(field: HaloField, value: unknown): string | number | boolean {
	if (Array.isArray(value)) return value.join(',');
	if (field.kind === 'idList') return splitList(value).join(',');
	if (field.kind === 'json') return typeof value === 'string' ? JSON.stringify(JSON.parse(value)) : JSON.stringify(value);
	return value as string | number | boolean;
}

export interface CollectedValues {
	values: IDataObject;
	/** First value that cannot be sent, in words for the user. */
	problem?: string;
}

/**
 * Keeps every value the user set, including `false`, `0` and `''`: clearing a field in Halo
 * means sending the empty value, so nothing is dropped for being falsy.
 */
export function collectValues(
	fields: HaloField[],
	input: IDataObject,
	convert: (field: HaloField, value: unknown) => unknown,
): CollectedValues {
	const byKey = new Map(fields.map((field) => [field.key, field]));
	const values: IDataObject = {};
	for (const [key, value] of Object.entries(input)) {
		const field = byKey.get(key);
		if (!field || value === undefined || value === null) continue;
		const problem = invalidValueReason(field, value);
		if (problem) return { values, problem };
		values[key] = convert(field, value) as IDataObject[string];
	}
	return { values };
}
