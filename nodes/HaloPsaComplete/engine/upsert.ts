import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { notePreview } from '../transport/dryRun';
import { haloList } from '../transport/paging';
import { resolvePickedCustomFields, withCurrentFieldValues } from './customFields';
import { recordLabel } from './batch';
import { bodyOneShot } from './oneShot';
import { oneShotFailure } from './oneShotErrors';
import { asRecords } from './records';
import {
	collectQueryValues,
	collectValues,
	fieldLabel,
	fieldToProperty,
	fieldsToOptions,
	toBodyValue,
	toQueryValue,
} from './fields';
import { pluralNoun, singularNoun, withArticle } from './nouns';
import { parseRecordId } from './ids';
import { readRequired } from './required';
import type { HaloField, ResourceDefinition, UpsertMatcher } from './types';

/**
 * Create or Update: one list request filtered by Halo finds the candidates, the node keeps those
 * whose field equals the value (Halo's search matches parts of words too), and then exactly one
 * match is updated, none is created, and several fail the item, naming them. Never a full download:
 * a filter that leaves more than MAX_CANDIDATES candidates fails instead.
 */

export const UPSERT_OPERATION = 'upsert';
const OTHER_FIELD = '__other';
/** Candidates read at most (two pages of 100): more means the filter does not narrow enough. */
const MAX_CANDIDATES = 200;
/** Halo's query parameter names: letters, digits and underscores. */
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type UpsertOutcome = 'created' | 'updated';

function show(
	resource: ResourceDefinition,
	more: IDataObject = {},
): INodeProperties['displayOptions'] {
	return { show: { resource: [resource.value], operation: [UPSERT_OPERATION], ...more } };
}

export function upsertOperationOptions(resource: ResourceDefinition): INodePropertyOptions[] {
	if (!resource.upsert || !resource.create) return [];
	const a = withArticle(singularNoun(resource));
	return [
		{
			name: 'Create or Update',
			value: UPSERT_OPERATION,
			action: `Create or update ${a}`,
			description: `Update the ${singularNoun(resource)} that matches a field, or create it when none does`,
		},
	];
}

function matchOnOptions(resource: ResourceDefinition): INodePropertyOptions[] {
	const options = resource.upsert!.matchOn.map((matcher) => ({
		name: matcher.label,
		value: matcher.field,
	}));
	return [...options, { name: 'Other Field', value: OTHER_FIELD }];
}

export function upsertProperties(resource: ResourceDefinition): INodeProperties[] {
	const { upsert, create } = resource;
	if (!upsert || !create) return [];
	const many = pluralNoun(resource);
	const firstMatch = upsert.matchOn[0].field;
	const properties: INodeProperties[] = [
		{
			displayName: 'Match On',
			name: 'matchOn',
			type: 'options',
			options: matchOnOptions(resource),
			default: firstMatch,
			description: `The field that identifies the ${singularNoun(resource)}: its value is taken from the fields below, and HaloPSA's list is filtered by it`,
			displayOptions: show(resource),
		},
		{
			displayName: 'Field to Match',
			name: 'matchField',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. website',
			description:
				'HaloPSA name of the field to match on; set its value in the fields below (Additional Fields)',
			displayOptions: show(resource, { matchOn: [OTHER_FIELD] }),
		},
		{
			displayName: 'Filter Parameter',
			name: 'matchFilter',
			type: 'string',
			default: 'search',
			required: true,
			placeholder: 'e.g. search',
			description: `The ${resource.path} list query parameter that finds ${many} by that value; the node then keeps only exact matches`,
			displayOptions: show(resource, { matchOn: [OTHER_FIELD] }),
		},
		...create.required.map((field) => ({
			...fieldToProperty(field),
			required: true,
			displayOptions: show(resource),
		})),
	];
	if (create.fields.length) {
		properties.push({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: fieldsToOptions(create.fields),
			displayOptions: show(resource),
		});
	}
	if (resource.getMany?.filters.length) {
		properties.push({
			displayName: 'Match Within',
			name: 'matchFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description:
				'List filters that narrow the search, e.g. a client for a site name that several clients use',
			options: fieldsToOptions(resource.getMany.filters),
			displayOptions: show(resource),
		});
	}
	return properties;
}

/** The record the item writes: required fields, then Additional Fields, as Halo takes them. */
function recordFor(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
): IDataObject {
	const create = resource.create!;
	const required = readRequired.call(this, create.required, itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { values, problem } = collectValues(create.fields, additional, toBodyValue);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return { ...values, ...required };
}

function chosenMatcher(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
): UpsertMatcher {
	const matchOn = this.getNodeParameter('matchOn', itemIndex) as string;
	if (matchOn !== OTHER_FIELD) {
		const matcher = resource.upsert!.matchOn.find((candidate) => candidate.field === matchOn);
		if (matcher) return matcher;
		throw new NodeOperationError(
			this.getNode(),
			`Match On "${matchOn}" is not a field ${pluralNoun(resource)} can be matched on`,
			{ itemIndex },
		);
	}
	const field = String(this.getNodeParameter('matchField', itemIndex, '')).trim();
	const filter = String(this.getNodeParameter('matchFilter', itemIndex, '')).trim();
	if (!PARAMETER_NAME.test(field))
		throw new NodeOperationError(
			this.getNode(),
			`Field to Match must be a HaloPSA field name, like website, not "${field}"`,
			{ itemIndex },
		);
	if (!PARAMETER_NAME.test(filter))
		throw new NodeOperationError(
			this.getNode(),
			`Filter Parameter must be a HaloPSA query parameter name, like search, not "${filter}"`,
			{ itemIndex },
		);
	return { field, label: labelOf(resource, field), filter };
}

function labelOf(resource: ResourceDefinition, key: string): string {
	const create = resource.create!;
	const field = [...create.required, ...create.fields].find((candidate) => candidate.key === key);
	return field ? fieldLabel(field) : key;
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const comparable = (value: unknown) => String(value).trim().toLowerCase();

/**
 * Whether a candidate Halo's filter found is the record: its field holds the value (ignoring case
 * and surrounding spaces, as Halo's own lookups do). Halo's search also matches parts of words
 * and other fields, so it only narrows the candidates; a row without the field is no match.
 */
export function isMatch(row: IDataObject, field: string, value: unknown): boolean {
	if (!(field in row) || isBlank(row[field])) return false;
	return comparable(row[field]) === comparable(value);
}

/** Rows read in full at most when Halo's list leaves the match field out of them. */
const MAX_FULL_READS = 10;

/**
 * The candidates that match. A list row may leave the field out where the record has it (Halo
 * lists show fewer fields than a Get): such rows are read one by one, so a record that matches
 * is never taken for none (which would create a duplicate).
 */
async function exactMatches(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	matcher: UpsertMatcher,
	value: unknown,
	rows: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	// A row without a usable id cannot be read, nor updated: it is no match.
	const unknown = rows.filter(
		(row) => !(matcher.field in row) && 'id' in parseRecordId(resource.idType, row.id, 'ID'),
	);
	if (unknown.length > 0 && (!resource.get || unknown.length > MAX_FULL_READS)) {
		throw new NodeOperationError(
			this.getNode(),
			`HaloPSA's list of ${pluralNoun(resource)} does not show ${matcher.label} (${matcher.field}), so ${unknown.length} candidates cannot be checked`,
			{
				itemIndex,
				description:
					'Nothing was created or changed. Narrow the search with Match Within, or match on a field HaloPSA lists.',
			},
		);
	}
	const full: IDataObject[] = [];
	for (const row of unknown) {
		const answer = await haloApiRequest.call(this, {
			method: 'GET',
			path: `${resource.path}/${encodeURIComponent(String(row.id))}`,
			itemIndex,
		});
		full.push(...asRecords(answer));
	}
	return [...rows.filter((row) => matcher.field in row), ...full].filter((row) =>
		isMatch(row, matcher.field, value),
	);
}

function describe(resource: ResourceDefinition, row: IDataObject): string {
	const name = row[resource.nameField ?? 'name'];
	return isBlank(name) ? `ID ${String(row.id)}` : `ID ${String(row.id)} (${String(name)})`;
}

async function candidates(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	matcher: UpsertMatcher,
	value: unknown,
	itemIndex: number,
): Promise<IDataObject[]> {
	const within = this.getNodeParameter('matchFilters', itemIndex, {}) as IDataObject;
	const narrowed = collectQueryValues(resource.getMany?.filters ?? [], within);
	if (narrowed.problem)
		throw new NodeOperationError(this.getNode(), narrowed.problem, { itemIndex });
	// Halo's search looks for the text as typed: spaces around it would miss the record.
	const matchValue = toQueryValue(
		{ key: matcher.field, kind: 'string' } as HaloField,
		typeof value === 'string' ? value.trim() : value,
	);
	const qs = {
		...resource.upsert!.fixedQuery,
		...narrowed.values,
		...matcher.fixedQuery,
		[matcher.filter]: matchValue,
	};
	const rows = await haloList.call(this, {
		path: resource.path,
		listKey: resource.listKey,
		pages: resource.pages,
		qs,
		limit: MAX_CANDIDATES + 1,
		itemIndex,
	});
	if (rows.length > MAX_CANDIDATES) {
		throw new NodeOperationError(
			this.getNode(),
			`HaloPSA's ${matcher.filter}=${String(matchValue)} finds more than ${MAX_CANDIDATES} ${pluralNoun(resource)}: too many to check one by one`,
			{
				itemIndex,
				description: `Nothing was created or changed. Narrow the search with Match Within, or match on a field HaloPSA filters exactly.`,
			},
		);
	}
	return rows;
}

function severalMatches(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	matcher: UpsertMatcher,
	value: unknown,
	matches: IDataObject[],
	itemIndex: number,
): NodeOperationError {
	const listed = matches
		.slice(0, 20)
		.map((row) => describe(resource, row))
		.join(', ');
	const more = matches.length > 20 ? ` and ${matches.length - 20} more` : '';
	return new NodeOperationError(
		this.getNode(),
		`${matches.length} ${pluralNoun(resource)} match ${matcher.label} "${String(value)}": ${listed}${more}`,
		{
			itemIndex,
			description: `Create or Update changes one ${singularNoun(resource)} only, so nothing was created or changed. Make the match unique (Match Within, or another Match On field), or clean up the duplicates in HaloPSA.`,
		},
	);
}

/** Create or Update for one item; the output record says which it was in `upsertOutcome`. */
export async function runUpsert(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { record } = await resolvePickedCustomFields.call(this, resource, {
		itemIndex,
		record: recordFor.call(this, resource, itemIndex),
	});
	const matcher = chosenMatcher.call(this, resource, itemIndex);
	const value = record[matcher.field];
	if (isBlank(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`Set ${matcher.label} (${matcher.field}): Create or Update matches on it`,
			{
				itemIndex,
				description: `Its value is read from the fields this item writes; add it under Additional Fields.`,
			},
		);
	}
	const rows = await candidates.call(this, resource, matcher, value, itemIndex);
	const matches = await exactMatches.call(this, resource, matcher, value, rows, itemIndex);
	if (matches.length > 1)
		throw severalMatches.call(this, resource, matcher, value, matches, itemIndex);
	const existing = matches[0];
	const outcome: UpsertOutcome = existing ? 'updated' : 'created';
	// The matched id goes last, so no field the item sets can point the update at another record.
	const element = existing
		? (
				await withCurrentFieldValues.call(this, resource, {
					itemIndex,
					record: { ...record, id: existing.id as number | string },
					id: existing.id as number | string,
				})
			).record
		: record;
	notePreview(this, itemIndex, {
		upsertOutcome: outcome,
		matched: existing ? { id: existing.id ?? null, name: describe(resource, existing) } : null,
	});
	const oneShot = bodyOneShot(element, resource);
	const answer = await haloApiRequest
		.call(this, {
			method: 'POST',
			path: resource.path,
			body: resource.create?.bodyIsObject ? element : [element],
			itemIndex,
			idType: resource.idType,
			oneShot: oneShot !== undefined,
		})
		.catch((error: unknown) => {
			const record = existing
				? `${singularNoun(resource)} ${String(existing.id)}`
				: `${singularNoun(resource)} ${recordLabel(element)}`;
			throw oneShotFailure(this.getNode(), error, oneShot, record, itemIndex, !existing);
		});
	const saved = asRecords(answer);
	return (saved.length > 0 ? saved : [element]).map((json) => ({
		json: { ...json, upsertOutcome: outcome },
	}));
}
