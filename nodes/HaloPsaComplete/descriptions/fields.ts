import type {
	IDataObject,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
} from 'n8n-workflow';

import { customFieldsProperty } from './customFieldsProperty';
import { isPositiveId, parseRecordId } from '../helpers/ids';
import { plainValue, referenceProperty } from './references';
import { withArticle } from '../helpers/nouns';
import type { HaloField, HaloFieldType } from '../helpers/types';

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

/** A label that names the record, not its ID: "Agent ID" → "Agent", "Parent Ticket ID" → "Parent Ticket". */
function labelWithoutId(label: string): string {
	return label.replace(/\s+ID$/, '');
}

/**
 * The label the user sees for a field, in the editor and in error messages alike. A field picked
 * from a list names the record ("Agent"), as n8n's own nodes do; "ID" stays where one is typed.
 */
export function fieldLabel(field: HaloField): string {
	const label = field.label ?? labelFromName(field.key);
	return field.ref ? labelWithoutId(label) : label;
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
	customFields: 'fixedCollection',
};

const EMPTY_DEFAULTS: Record<HaloFieldType, INodeProperties['default']> = {
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
	customFields: {},
};

function sortedOptions(field: HaloField): INodePropertyOptions[] | undefined {
	if (!field.options) return undefined;
	return field.options
		.map((option) => ({ name: option.label, value: option.value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The n8n property for one HaloPSA field, as a top-level parameter or a collection option. */
export function fieldToProperty(field: HaloField): INodeProperties {
	if (field.ref) return referenceProperty(field, field.ref, fieldLabel(field));
	if (field.kind === 'customFields') return customFieldsProperty(field, fieldLabel(field));
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
	if (field.minValue !== undefined)
		property.typeOptions = { ...property.typeOptions, minValue: field.minValue };
	if (field.maxValue !== undefined)
		property.typeOptions = { ...property.typeOptions, maxValue: field.maxValue };
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
	return fields.map(fieldToProperty).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** A field that holds another record's id, such as `client_id` or "Primary Technician ID". */
export function isRecordIdField(field: HaloField): boolean {
	if (field.ref) return field.kind === 'number';
	return (
		field.kind === 'number' && (/(^|_)id$/.test(field.key) || fieldLabel(field).endsWith(' ID'))
	);
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(value: unknown): Parsed {
	if (typeof value !== 'string') return { ok: true, value };
	try {
		return { ok: true, value: JSON.parse(value) };
	} catch {
		return { ok: false };
	}
}

const SHAPE_EXAMPLES = { array: '[{"id": 1, "value": "…"}]', object: '{"name": "value"}' };

function jsonProblem(field: HaloField, value: unknown): string | undefined {
	const parsed = parseJson(value);
	if (!parsed.ok) return `${fieldLabel(field)} is not valid JSON`;
	const shape = field.jsonShape;
	const isArray = Array.isArray(parsed.value);
	const isObject = typeof parsed.value === 'object' && parsed.value !== null && !isArray;
	if ((shape === 'array' && !isArray) || (shape === 'object' && !isObject)) {
		return `${fieldLabel(field)} must be a JSON ${shape}, like ${SHAPE_EXAMPLES[shape]}`;
	}
	for (const [index, element] of (isArray ? (parsed.value as unknown[]) : []).entries()) {
		for (const key of field.elementIdKeys ?? []) {
			const id =
				typeof element === 'object' && element !== null
					? (element as Record<string, unknown>)[key]
					: undefined;
			if (!isPositiveId(id)) {
				return `${fieldLabel(field)}: element ${index + 1} needs "${key}" as a record ID of 1 or more, not ${JSON.stringify(id ?? null)}`;
			}
		}
	}
	return undefined;
}

/** Why a value cannot go to HaloPSA as it is, in words for the user; undefined when it can. */
export function invalidValueReason(field: HaloField, value: unknown): string | undefined {
	// An empty text reference (a category) clears the field; an empty id cannot be sent.
	if (field.ref && field.kind === 'number' && typeof value === 'string' && value.trim() === '') {
		return `${fieldLabel(field)} is empty: pick ${withArticle(field.ref.noun)} from the list, enter its ID, or remove the field`;
	}
	if (field.kind === 'json') return jsonProblem(field, value);
	if (field.kind === 'color') {
		const colour = String(value).trim();
		if (colour !== '' && !HEX_COLOUR.test(colour))
			return `${fieldLabel(field)} must be a colour like #E83C4A, not "${colour}"`;
	}
	if (field.kind === 'dateTime') return dateProblem(field, value);
	if (field.kind === 'number') return numberProblem(field, value);
	if (field.kind === 'idList') return idListProblem(field, value);
	if (field.maxLength !== undefined && typeof value === 'string' && value.length > field.maxLength)
		return `${fieldLabel(field)} takes at most ${field.maxLength} characters, not ${value.length}`;
	return undefined;
}

/** An empty date clears the field in Halo; anything else must read as a date. */
function dateProblem(field: HaloField, value: unknown): string | undefined {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? `${fieldLabel(field)} is not a valid date` : undefined;
	const text = typeof value === 'string' ? value.trim() : String(value);
	if (text === '' || !Number.isNaN(Date.parse(text))) return undefined;
	return `${fieldLabel(field)} must be a date like 2026-03-31 or 2026-03-31T09:00:00Z, not "${text}"`;
}

/**
 * Another record's id in a body or filter: a whole number of 1 or more, written plainly. Hex
 * ("0x10" would be record 16), binary, exponent and fractional forms are refused, not converted.
 * 0 alone is kept: in a body it clears the field (a site's SLA), in a filter it is left out.
 */
function recordIdProblem(field: HaloField, value: unknown): string | undefined {
	if (value === 0 || (typeof value === 'string' && value.trim() === '0')) return undefined;
	if (typeof value !== 'number' && typeof value !== 'string')
		return `${fieldLabel(field)} must be a record ID of 1 or more, written as a whole number, not ${JSON.stringify(value)}`;
	const parsed = parseRecordId('number', value, fieldLabel(field));
	if ('problem' in parsed)
		return `${fieldLabel(field)} must be a record ID of 1 or more, written as a whole number, not ${JSON.stringify(value)}`;
	return undefined;
}

/** A list of ids ("12,15,22"): each a plain whole number, and of 1 or more for record ids. */
function idListProblem(field: HaloField, value: unknown): string | undefined {
	const records = /ids$/i.test(field.key) || fieldLabel(field).endsWith('IDs');
	for (const part of splitList(value)) {
		const text = String(part);
		const plain = /^\d+$/.test(text) && Number.isSafeInteger(Number(text));
		if (!plain || (records && Number(text) === 0))
			return `${fieldLabel(field)} must list ${records ? 'record IDs (whole numbers of 1 or more)' : 'whole numbers'}, separated by commas; "${text}" is not one`;
	}
	return undefined;
}

function numberProblem(field: HaloField, value: unknown): string | undefined {
	if (isRecordIdField(field)) {
		const problem = recordIdProblem(field, value);
		if (problem) return problem;
	}
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: NaN;
	if (!Number.isFinite(number))
		return `${fieldLabel(field)} must be a number, not ${JSON.stringify(value)}`;
	if (field.minValue !== undefined && number < field.minValue)
		return `${fieldLabel(field)} must be ${field.minValue} or more, not ${number}`;
	if (field.maxValue !== undefined && number > field.maxValue)
		return `${fieldLabel(field)} must be ${field.maxValue} or less, not ${number}`;
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
	if (field.kind === 'number' && typeof value === 'string') return Number(value);
	if (field.kind === 'json') return typeof value === 'string' ? JSON.parse(value) : value;
	if (field.kind === 'color') return String(value).trim();
	if (field.kind === 'idList') return splitList(value);
	return value;
}

/** What HaloPSA expects in a query string for a filter value n8n holds. */
export function toQueryValue(field: HaloField, value: unknown): string | number | boolean {
	if (Array.isArray(value))
		return value
			.map((entry) =>
				typeof entry === 'object' && entry !== null ? JSON.stringify(entry) : String(entry),
			)
			.join(',');
	if (field.kind === 'idList') return splitList(value).join(',');
	if (field.kind === 'json')
		return typeof value === 'string' ? JSON.stringify(JSON.parse(value)) : JSON.stringify(value);
	// An expression may hand an object to a text filter: send it as JSON, never as "[object Object]".
	if (typeof value === 'object' && value !== null) return JSON.stringify(value);
	return value as string | number | boolean;
}

export interface CollectedValues {
	values: IDataObject;
	/** First value that cannot be sent, in words for the user. */
	problem?: string;
}

function isEmptyJson(value: unknown): boolean {
	const parsed = parseJson(value);
	if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return false;
	return Object.keys(parsed.value).length === 0;
}

/**
 * A filter or option added but left blank. Halo reads `client_id=0` as "client 0" and
 * `startdate=` as a date, so blanks never go into a query string (bodies keep them: see below).
 */
export function isBlankQueryValue(field: HaloField, value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string' && value.trim() === '') return true;
	if (Array.isArray(value) && value.length === 0) return true;
	if (field.kind === 'json' && isEmptyJson(value)) return true;
	if (field.kind === 'idList' && splitList(value).length === 0) return true;
	return (
		isRecordIdField(field) && (value === 0 || (typeof value === 'string' && value.trim() === '0'))
	);
}

/** The filters or options the user set, less the blank ones, as Halo takes them in a query string. */
export function collectQueryValues(fields: HaloField[], input: IDataObject): CollectedValues {
	const byKey = new Map(fields.map((field) => [field.key, field]));
	const set = Object.fromEntries(
		Object.entries(input)
			.map(([key, value]) => [key, plainValue(value)])
			.filter(([key, value]) => {
				const field = byKey.get(key as string);
				return field !== undefined && !isBlankQueryValue(field, value);
			}),
	);
	return collectValues(fields, set, toQueryValue);
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
	for (const [key, held] of Object.entries(input)) {
		const field = byKey.get(key);
		// A picked record arrives as a resource locator ({__rl, mode, value}); a saved plain number
		// or an expression's result arrives as it is. Both send the same value.
		const value = plainValue(held);
		if (!field || value === undefined || value === null) continue;
		const problem = invalidValueReason(field, value);
		if (problem) return { values, problem };
		values[key] = convert(field, value) as IDataObject[string];
	}
	return { values };
}

/** One "name = value" row of a free query or path parameter list (More Filters, API Request). */
export function nameValueRow(
	namePlaceholder: string,
	valuePlaceholder: string,
): INodePropertyCollection {
	return {
		displayName: 'Parameter',
		name: 'parameter',
		values: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: namePlaceholder,
			},
			{
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
				placeholder: valuePlaceholder,
			},
		],
	};
}
