import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import type { WriteRequest } from './batch';
import { notFound } from './records';
import { fieldTypeName, readDefinitions } from '../methods/customFieldOptions';
import type { FieldDefinition, ResourceDefinition } from '../helpers/types';
import type { HaloClient } from '../transport';

/**
 * Custom fields by label. Halo takes `customfields: [{id, value}]` with the FieldInfo id; people
 * know a field by its label. The editor lists the resource's field definitions (GET /FieldInfo
 * with the resource's `typeid`), and each value is checked against its field's type before the
 * record is sent.
 */

function definitionsFor(
	client: HaloClient<IExecuteFunctions>,
	typeid: number,
	itemIndex: number,
): Promise<FieldDefinition[]> {
	// One run reads each resource's definitions once, however many items it sends.
	const byType = client.cache.customFieldDefinitions;
	let definitions = byType.get(typeid);
	if (!definitions) {
		definitions = readDefinitions(client, typeid, false, itemIndex);
		byType.set(typeid, definitions);
		// A failed read is not kept: the next item tries again.
		definitions.catch(() => byType.delete(typeid));
	}
	return definitions;
}

function findDefinition(
	definitions: FieldDefinition[],
	wanted: unknown,
): FieldDefinition | undefined {
	const text = String(wanted ?? '').trim();
	if (/^\d+$/.test(text)) return definitions.find((definition) => definition.id === Number(text));
	const lower = text.toLowerCase();
	return (
		definitions.find((definition) => (definition.label ?? '').toLowerCase() === lower) ??
		definitions.find((definition) => (definition.name ?? '').toLowerCase() === lower)
	);
}

type Checked = { value: unknown } | { problem: string };

function choice(definition: FieldDefinition, wanted: string): number | undefined {
	const values = definition.values ?? [];
	const byName = values.find(
		(option) => (option.name ?? '').toLowerCase() === wanted.toLowerCase(),
	);
	if (byName?.id !== undefined) return byName.id;
	if (
		/^\d+$/.test(wanted) &&
		(values.length === 0 || values.some((option) => option.id === Number(wanted)))
	)
		return Number(wanted);
	return undefined;
}

function choicesText(definition: FieldDefinition): string {
	return (definition.values ?? []).map((option) => `"${option.name ?? option.id}"`).join(', ');
}

const TRUE_WORDS = ['true', 'yes', '1', 'on'];
const FALSE_WORDS = ['false', 'no', '0', 'off'];
/** FieldInfo `inputtype` of text fields that take numbers: integer, money, decimal. */
const NUMBER_INPUTS: Record<number, RegExp> = {
	1: /^-?\d+$/,
	2: /^-?\d+(\.\d+)?$/,
	4: /^-?\d+(\.\d+)?$/,
};

function checkText(definition: FieldDefinition, text: string): Checked {
	const pattern = NUMBER_INPUTS[definition.inputtype ?? 0];
	if (definition.type === 0 && pattern && !pattern.test(text))
		return { problem: `must be a number, not "${text}"` };
	if (
		definition.characterlimit &&
		definition.characterlimit > 0 &&
		text.length > definition.characterlimit
	) {
		return { problem: `takes at most ${definition.characterlimit} characters, not ${text.length}` };
	}
	if (definition.regex) {
		let regex: RegExp | undefined;
		try {
			regex = new RegExp(definition.regex);
		} catch {
			// Halo's .NET patterns are not all JavaScript ones: Halo checks those itself.
		}
		if (regex && !regex.test(text))
			return { problem: `must match ${definition.regex}, not "${text}"` };
	}
	return { value: pattern && definition.type === 0 ? Number(text) : text };
}

/** A value checked against its field's type, converted to what Halo stores. */
function checkValue(definition: FieldDefinition, raw: unknown): Checked {
	const text = typeof raw === 'string' ? raw.trim() : String(raw ?? '');
	if (text === '') return { value: '' };
	switch (definition.type) {
		case 2: {
			const id = choice(definition, text);
			return id === undefined
				? { problem: `has no choice "${text}"; its choices are ${choicesText(definition)}` }
				: { value: id };
		}
		case 3: {
			const ids: number[] = [];
			for (const part of text
				.split(',')
				.map((piece) => piece.trim())
				.filter(Boolean)) {
				const id = choice(definition, part);
				if (id === undefined)
					return { problem: `has no choice "${part}"; its choices are ${choicesText(definition)}` };
				ids.push(id);
			}
			return { value: ids.join(',') };
		}
		case 4: {
			const time = Date.parse(text);
			if (Number.isNaN(time)) return { problem: `must be a date like 2026-03-31, not "${text}"` };
			return {
				value:
					definition.inputtype === 1
						? new Date(time).toISOString()
						: new Date(time).toISOString().slice(0, 10),
			};
		}
		case 5:
			return /^\d{1,2}:\d{2}(:\d{2})?$/.test(text)
				? { value: text }
				: { problem: `must be a time like 09:30, not "${text}"` };
		case 6: {
			const lower = text.toLowerCase();
			if (TRUE_WORDS.includes(lower)) return { value: true };
			if (FALSE_WORDS.includes(lower)) return { value: false };
			return { problem: `is a checkbox: true or false, not "${text}"` };
		}
		default:
			return checkText(definition, text);
	}
}

interface PickedValue {
	field?: unknown;
	value?: unknown;
}

/**
 * Turns the Custom Fields picked by label (`key` in the record) into Halo's `customfields`
 * entries, merged with any given as JSON (a field set both ways takes the picked value).
 */
export async function resolveCustomFields(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	key: string,
	record: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const held = record[key] as { field?: PickedValue[] } | undefined;
	const rest = { ...record };
	delete rest[key];
	const picked = held?.field ?? [];
	if (picked.length === 0 || resource.customFieldsType === undefined) return rest;
	const definitions = await definitionsFor(client, resource.customFieldsType, itemIndex);
	const entries = new Map<number, IDataObject>();
	for (const entry of Array.isArray(rest.customfields) ? (rest.customfields as IDataObject[]) : [])
		entries.set(Number(entry.id), entry);
	for (const { field, value } of picked) {
		const definition = findDefinition(definitions, field);
		if (!definition) {
			throw new NodeOperationError(
				client.context.getNode(),
				`HaloPSA has no ${resource.displayName.toLowerCase()} custom field "${String(field ?? '')}"`,
				{
					itemIndex,
					description: `Its custom fields are: ${definitions.map((candidate) => candidate.label || candidate.name).join(', ')}`,
				},
			);
		}
		const checked = checkValue(definition, value);
		if ('problem' in checked) {
			const label = definition.label || definition.name || `#${definition.id}`;
			throw new NodeOperationError(
				client.context.getNode(),
				`Custom field "${label}" (${fieldTypeName(definition)}) ${checked.problem}`,
				{ itemIndex },
			);
		}
		entries.set(definition.id, { id: definition.id, value: checked.value as IDataObject[string] });
	}
	return { ...rest, customfields: [...entries.values()] };
}

/** A create's or update's record with its Custom Fields picked by label turned into `customfields`. */
export async function resolvePickedCustomFields(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	write: WriteRequest,
): Promise<WriteRequest> {
	const fields = [...(resource.create?.fields ?? []), ...(resource.update?.fields ?? [])];
	let record = write.record;
	for (const key of new Set(
		fields.filter((field) => field.kind === 'customFields').map((field) => field.key),
	)) {
		if (key in record)
			record = await resolveCustomFields(client, resource, key, record, write.itemIndex);
	}
	return record === write.record ? write : { ...write, record };
}

/**
 * Arrays of `{id, value}` that Halo replaces whole when a record is updated
 * (halo-behaviour.md#customfields-replaced):
 * every resource's `customfields`, and an asset's asset-type `fields`. Sending one entry would
 * empty all the others.
 */
export const REPLACED_WHOLE = ['customfields', 'fields'] as const;

/**
 * The whole array to post: the record's current entries, each given entry replacing the one with
 * its id (or added). Only `id` and `value` go back (Halo's read adds name, label, display…).
 * Pure, so a preview can show exactly what would be sent.
 */
export function mergeFieldValues(current: unknown, given: IDataObject[]): IDataObject[] {
	const merged = new Map<string, IDataObject>();
	for (const entry of Array.isArray(current) ? (current as IDataObject[]) : []) {
		if (typeof entry !== 'object' || entry === null || entry.id === undefined) continue;
		merged.set(String(entry.id), { id: entry.id, value: entry.value ?? null });
	}
	for (const entry of given) merged.set(String(entry.id), { ...entry });
	return [...merged.values()];
}

/** Whether a record sets an array Halo replaces whole (so an update of it reads the record first). */
export function setsWholeArrays(record: IDataObject): boolean {
	return replacedArrays(record).length > 0;
}

/** The whole-array fields an update sets, by key (empty when it sets none: then nothing is read). */
function replacedArrays(record: IDataObject): Array<[string, IDataObject[]]> {
	return REPLACED_WHOLE.filter((key) => Array.isArray(record[key])).map((key) => [
		key,
		record[key] as IDataObject[],
	]);
}

/**
 * An update that sets custom fields (or an asset's fields) gets the record's other current
 * values added, read with one GET of the record, so that Halo's whole-array replace keeps them.
 * A create, or an update that sets none, is returned as it is, with no request.
 */
export async function withCurrentFieldValues(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	write: WriteRequest,
): Promise<WriteRequest> {
	const arrays = replacedArrays(write.record);
	if (write.id === undefined || arrays.length === 0) return write;
	const answer = await haloApiRequest(client, {
		method: 'GET',
		path: `${resource.path}/${encodeURIComponent(String(write.id))}`,
		qs: { includedetails: true },
		itemIndex: write.itemIndex,
		notFound: notFound(resource, write.id),
	});
	const current =
		typeof answer === 'object' && answer !== null && !Array.isArray(answer)
			? (answer as IDataObject)
			: {};
	const record = { ...write.record };
	for (const [key, given] of arrays) {
		if (!Array.isArray(current[key])) {
			throw new NodeOperationError(
				client.context.getNode(),
				`HaloPSA's answer for ${resource.displayName} ${String(write.id)} does not show its ${key}, so setting some would empty the others: nothing was sent`,
				{ itemIndex: write.itemIndex },
			);
		}
		record[key] = mergeFieldValues(current[key], given);
	}
	return { ...write, record };
}
