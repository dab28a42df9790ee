import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { haloList } from '../transport/paging';
import { resolvePickedCustomFields, withCurrentFieldValues } from './customFields';
import { recordLabel } from './batch';
import { bodyOneShot } from '../helpers/oneShot';
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
} from '../descriptions/fields';
import { pluralNoun, singularNoun, withArticle } from '../helpers/nouns';
import { parseRecordId } from '../helpers/ids';
import { readRequired } from './required';
import type { HaloField, ResourceDefinition, UpsertMatcher, UpsertParent } from '../helpers/types';
import { UPSERT_OPERATION } from '../helpers/names';
import type { HaloClient } from '../transport';

/**
 * Create or Update: one list request filtered by Halo finds the candidates, the node keeps those
 * whose field equals the value (Halo's search matches parts of words too) and that belong to the
 * item's parents (the client of a site, the site of a user), and then exactly one match is updated,
 * none is created, and several fail the item, naming them. Never a full download: a filter that
 * leaves more than MAX_CANDIDATES candidates fails instead. See halo-behaviour.md#upsert-parents.
 */

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
			description: matchWithinDescription(resource),
			options: fieldsToOptions(resource.getMany.filters),
			displayOptions: show(resource),
		});
	}
	return properties;
}

function matchWithinDescription(resource: ResourceDefinition): string {
	const parents = (resource.upsert!.parents ?? []).map((parent) => labelOf(resource, parent.field));
	if (parents.length === 0)
		return "List filters that narrow the search (any of Get Many's filters)";
	return `List filters that narrow the search further; it always keeps to the ${parents.join(' and ')} the item writes`;
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

/** Rows read in full at most when Halo's list leaves the match field or a parent out of them. */
const MAX_FULL_READS = 10;

/** A parent the item names, with the id it gives it (≥ 1, checked before any request). */
export interface ParentId {
	field: string;
	label: string;
	filter?: string;
	id: number;
}

/**
 * What one row tells about the record: `match` (its field holds the value and every parent is the
 * item's), `other` (its field holds another value, or a parent is another record: never the
 * record, whatever else it leaves out), or `unproven` (it leaves out the field or a parent, so
 * only a full read can tell).
 */
export type CandidateVerdict = 'match' | 'other' | 'unproven';

/** A parent id as the row gives it, or undefined where the row gives no usable one. */
function parentIdOf(row: IDataObject, field: string): number | undefined {
	const parsed = parseRecordId('number', row[field], field);
	return 'id' in parsed ? (parsed.id as number) : undefined;
}

/** The matching rule for one row (or one record read whole): see CandidateVerdict. */
export function judgeCandidate(
	row: IDataObject,
	field: string,
	value: unknown,
	parents: ParentId[],
): CandidateVerdict {
	const fieldShown = field in row;
	if (fieldShown && !isMatch(row, field, value)) return 'other';
	const rowParents = parents.map((parent) => parentIdOf(row, parent.field));
	if (rowParents.some((id, index) => id !== undefined && id !== parents[index].id)) return 'other';
	if (!fieldShown || rowParents.some((id) => id === undefined)) return 'unproven';
	return 'match';
}

/** The parents of the record the item writes, from its own values (Create needs each). */
function parentIds(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	record: IDataObject,
	itemIndex: number,
): ParentId[] {
	return (resource.upsert!.parents ?? []).map((parent: UpsertParent) => {
		const label = labelOf(resource, parent.field);
		const parsed = parseRecordId('number', record[parent.field], label);
		if ('problem' in parsed)
			throw new NodeOperationError(this.getNode(), parsed.problem, {
				itemIndex,
				description: `Create or Update matches only ${pluralNoun(resource)} under the ${label} the item writes, so nothing was created or changed.`,
			});
		return { ...parent, label, id: parsed.id as number };
	});
}

function missingParents(row: IDataObject, parents: ParentId[]): string {
	return parents
		.filter((parent) => parentIdOf(row, parent.field) === undefined)
		.map((parent) => `${parent.label} (${parent.field})`)
		.join(' and ');
}

/**
 * The candidates that are the record. A list row may leave the field or a parent out where the
 * record has it (Halo lists show fewer fields than a Get): such rows are read one by one, so a
 * record that matches is never taken for none (a duplicate), and a record under another parent is
 * never taken for the item's (which would move it). A record whose parent even a read does not
 * show fails the item: the node does not guess.
 */
async function exactMatches(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	matcher: UpsertMatcher,
	value: unknown,
	parents: ParentId[],
	rows: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const judge = (row: IDataObject) => judgeCandidate(row, matcher.field, value, parents);
	const unproven = rows.filter((row) => judge(row) === 'unproven');
	const unreadable = unproven.filter(
		(row) => !('id' in parseRecordId(resource.idType, row.id, 'ID')),
	);
	if (
		unproven.length > 0 &&
		(!resource.get || unproven.length > MAX_FULL_READS || unreadable.length)
	) {
		const shown = [matcher, ...parents].map((item) => `${item.label} (${item.field})`).join(' or ');
		const why = unreadable.length
			? `${unreadable.length} of them without a usable ID to read them by`
			: !resource.get
				? `HaloPSA offers no read of one ${singularNoun(resource)} to check them`
				: `more than ${MAX_FULL_READS} to read one by one`;
		throw new NodeOperationError(
			client.context.getNode(),
			`HaloPSA's list of ${pluralNoun(resource)} leaves out ${shown} on ${unproven.length} candidate${unproven.length === 1 ? '' : 's'}, ${why}`,
			{
				itemIndex,
				description:
					'Nothing was created or changed. Narrow the search with Match Within, or match on a field HaloPSA lists.',
			},
		);
	}
	const matches = rows.filter((row) => judge(row) === 'match');
	for (const row of unproven) {
		const answer = await haloApiRequest(client, {
			method: 'GET',
			path: `${resource.path}/${encodeURIComponent(String(row.id))}`,
			itemIndex,
		});
		const [full] = asRecords(answer);
		// A record that lacks the field even when read whole does not hold the value: no match.
		if (!full || !(matcher.field in full)) continue;
		const verdict = judge(full);
		if (verdict === 'match') matches.push(full);
		if (verdict === 'unproven')
			throw unprovenParent.call(client.context, resource, full, parents, itemIndex);
	}
	return matches;
}

function unprovenParent(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	record: IDataObject,
	parents: ParentId[],
	itemIndex: number,
): NodeOperationError {
	const missing = missingParents(record, parents);
	return new NodeOperationError(
		this.getNode(),
		`HaloPSA does not show the ${missing} of ${singularNoun(resource)} ${describe(resource, record)}, so it cannot tell whether it is the one to update`,
		{
			itemIndex,
			description: `Create or Update never changes a record under another ${missing}, and never creates a second one beside the item's own, so nothing was created or changed. Check the ${singularNoun(resource)} in HaloPSA.`,
		},
	);
}

function describe(resource: ResourceDefinition, row: IDataObject): string {
	const name = row[resource.nameField ?? 'name'];
	return isBlank(name) ? `ID ${String(row.id)}` : `ID ${String(row.id)} (${String(name)})`;
}

/**
 * The list query that keeps the parents' records, where Halo filters by them. Halo may ignore a
 * filter, so rows are checked against the parents as well (judgeCandidate); a Match Within value
 * that names another parent than the item writes could only match records the item must not
 * touch, so it fails the item.
 */
function parentFilters(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	parents: ParentId[],
	within: IDataObject,
	itemIndex: number,
): IDataObject {
	const query: IDataObject = {};
	for (const parent of parents) {
		if (!parent.filter) continue;
		const chosen = within[parent.filter];
		if (chosen !== undefined && String(chosen).trim() !== String(parent.id)) {
			throw new NodeOperationError(
				this.getNode(),
				`Match Within ${parent.filter}=${String(chosen)} is not the ${parent.label} this item writes (${parent.id})`,
				{
					itemIndex,
					description: `Create or Update matches only ${pluralNoun(resource)} under the item's own ${parent.label}, so nothing was created or changed. Remove ${parent.filter} from Match Within, or set it to ${parent.id}.`,
				},
			);
		}
		query[parent.filter] = parent.id;
	}
	return query;
}

async function candidates(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	matcher: UpsertMatcher,
	value: unknown,
	parents: ParentId[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const within = client.context.getNodeParameter('matchFilters', itemIndex, {}) as IDataObject;
	const narrowed = collectQueryValues(resource.getMany?.filters ?? [], within);
	if (narrowed.problem)
		throw new NodeOperationError(client.context.getNode(), narrowed.problem, { itemIndex });
	const underParents = parentFilters.call(
		client.context,
		resource,
		parents,
		narrowed.values,
		itemIndex,
	);
	// Halo's search looks for the text as typed: spaces around it would miss the record.
	const matchValue = toQueryValue(
		{ key: matcher.field, kind: 'string' } as HaloField,
		typeof value === 'string' ? value.trim() : value,
	);
	const qs = {
		...resource.upsert!.fixedQuery,
		...narrowed.values,
		...underParents,
		...matcher.fixedQuery,
		[matcher.filter]: matchValue,
	};
	const rows = await haloList(client, {
		path: resource.path,
		listKey: resource.listKey,
		pages: resource.pages,
		qs,
		limit: MAX_CANDIDATES + 1,
		itemIndex,
	});
	if (rows.length > MAX_CANDIDATES) {
		throw new NodeOperationError(
			client.context.getNode(),
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

/**
 * The matched record's id, checked like any id: Halo reads a POST element with id 0 (or none) as a
 * new record, so a row without a usable id would turn the update into a create.
 */
function matchedId(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	matcher: UpsertMatcher,
	value: unknown,
	existing: IDataObject,
	itemIndex: number,
): number | string {
	const parsed = parseRecordId(resource.idType, existing.id, 'its ID');
	if ('id' in parsed) return parsed.id;
	throw new NodeOperationError(
		this.getNode(),
		`The ${singularNoun(resource)} that matches ${matcher.label} "${String(value)}" has no ID to update it by: ${parsed.problem}`,
		{
			itemIndex,
			description: `Posting it without a usable ID would create another ${singularNoun(resource)} rather than update this one, so nothing was created or changed. Check the ${singularNoun(resource)} in HaloPSA.`,
		},
	);
}

/**
 * The update leaves the parents out: the matched record is under them already (judgeCandidate),
 * and a parent id posted into an update would move the record should Halo's row have misled.
 */
function withoutParents(record: IDataObject, parents: ParentId[]): IDataObject {
	const kept = { ...record };
	for (const parent of parents) delete kept[parent.field];
	return kept;
}

/** Create or Update for one item; the output record says which it was in `upsertOutcome`. */
export async function runUpsert(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { record } = await resolvePickedCustomFields(client, resource, {
		itemIndex,
		record: recordFor.call(client.context, resource, itemIndex),
	});
	const matcher = chosenMatcher.call(client.context, resource, itemIndex);
	const value = record[matcher.field];
	if (isBlank(value)) {
		throw new NodeOperationError(
			client.context.getNode(),
			`Set ${matcher.label} (${matcher.field}): Create or Update matches on it`,
			{
				itemIndex,
				description: `Its value is read from the fields this item writes; add it under Additional Fields.`,
			},
		);
	}
	const parents = parentIds.call(client.context, resource, record, itemIndex);
	const rows = await candidates(client, resource, matcher, value, parents, itemIndex);
	const matches = await exactMatches(client, resource, matcher, value, parents, rows, itemIndex);
	if (matches.length > 1)
		throw severalMatches.call(client.context, resource, matcher, value, matches, itemIndex);
	const existing = matches[0];
	const outcome: UpsertOutcome = existing ? 'updated' : 'created';
	const id =
		existing && matchedId.call(client.context, resource, matcher, value, existing, itemIndex);
	// The matched id goes last, so no field the item sets can point the update at another record.
	const element = id
		? (
				await withCurrentFieldValues(client, resource, {
					itemIndex,
					record: { ...withoutParents(record, parents), id },
					id,
				})
			).record
		: record;
	client.preview.note(itemIndex, {
		upsertOutcome: outcome,
		matched: id ? { id, name: describe(resource, existing) } : null,
	});
	const oneShot = bodyOneShot(element, resource);
	const answer = await haloApiRequest(client, {
		method: 'POST',
		path: resource.path,
		body: resource.create?.bodyIsObject ? element : [element],
		itemIndex,
		idType: resource.idType,
		oneShot: oneShot !== undefined,
	}).catch((error: unknown) => {
		const record = existing
			? `${singularNoun(resource)} ${String(existing.id)}`
			: `${singularNoun(resource)} ${recordLabel(element)}`;
		throw oneShotFailure(client.context.getNode(), error, oneShot, record, itemIndex, !existing);
	});
	const saved = asRecords(answer);
	return (saved.length > 0 ? saved : [element]).map((json) => ({
		json: { ...json, upsertOutcome: outcome },
	}));
}
