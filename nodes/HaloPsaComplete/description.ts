import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { fieldLabel, fieldToProperty, fieldsToOptions, nameValueRow } from './descriptions/fields';
import { pluralNoun, singularNoun, withArticle } from './helpers/nouns';
import type { ExtraAction, HaloField, OperationKey, ResourceDefinition } from './helpers/types';

import { DEFAULT_PAGE_CONCURRENCY, MAX_PAGE_CONCURRENCY } from './transport/paging';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from './actions/batch';
import { extraKindProperties } from './actions/extraKinds';
import { GUID_PATTERN, POSITIVE_INTEGER_PATTERN } from './helpers/ids';
import { previewProperties } from './actions/preview';
import { requiredProperties } from './actions/required';
import { shareAcrossResources } from './descriptions/shareProperties';
import { INCLUDE_SECRETS_OPTION } from './helpers/secrets';
import { upsertOperationOptions, upsertProperties } from './actions/upsert';
import { simplifiedFields } from './helpers/simplify';
import { TOOL_DEFAULTS_VERSION, TOOL_LIST_LIMIT } from './helpers/toolMode';
import { UPSERT_OPERATION, idParameterName, listSearchMethodName } from './helpers/names';

/**
 * Node versions: 1.1 returns simplified records from Get and Get Many by default; 1.2, as an AI
 * tool, lists 10 records by default (Limit) and says when more may match, and picks API Request's
 * Path from Halo's document (a resource locator; 1 and 1.1 keep their text Path).
 */
export const NODE_VERSIONS = [1, 1.1, TOOL_DEFAULTS_VERSION];
export const DEFAULT_NODE_VERSION = TOOL_DEFAULTS_VERSION;

function show(
	resource: ResourceDefinition,
	operations: string[],
): INodeProperties['displayOptions'] {
	return { show: { resource: [resource.value], operation: operations } };
}

const a = (resource: ResourceDefinition): string => withArticle(singularNoun(resource));
const one = singularNoun;
const many = pluralNoun;

/** "A, B and C" */
function listInWords(words: string[], last = 'and'): string {
	return words.length < 2
		? words.join('')
		: `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

const idLabel = (r: ResourceDefinition): string => `the ${one(r)}'s ID (${r.displayName} ID)`;
const labels = (fields: HaloField[] | undefined): string[] => (fields ?? []).map(fieldLabel);

/**
 * What an operation cannot go without, in words, from its definition: an agent reads it to fill
 * the tool's inputs, a person to fill the node.
 */
function needs(what: string[], more = ''): string {
	return what.length ? `. Needs ${listInWords(what)}${more}` : `. Needs nothing${more}`;
}

const STANDARD_OPERATIONS: Record<OperationKey, (r: ResourceDefinition) => INodePropertyOptions> = {
	create: (r) => ({
		name: 'Create',
		value: 'create',
		action: `Create ${a(r)}`,
		description: `Create ${withArticle(`new ${one(r)}`)} in HaloPSA and return it with its new ID${needs(labels(r.create?.required), '; other fields go in Additional Fields')}`,
	}),
	delete: (r) => ({
		name: 'Delete',
		value: 'delete',
		action: `Delete ${a(r)}`,
		description: `Delete ${a(r)} by its ID${needs([idLabel(r), ...labels(r.delete?.required)])}`,
	}),
	get: (r) => ({
		name: 'Get',
		value: 'get',
		action: `Get ${a(r)}`,
		description: `Retrieve one ${one(r)} by its ID${needs([idLabel(r), ...labels(r.get?.required)], `; Get Many finds the ID by name`)}`,
	}),
	getMany: (r) => ({
		name: 'Get Many',
		value: 'getMany',
		action: `Get many ${many(r)}`,
		description: `List ${many(r)}, narrowed by filters such as a search text; use it to find the ID of a record by its name${needs(labels(r.getMany?.required), `; returns 50 (${TOOL_LIST_LIMIT} as a tool) unless Limit or Return All asks for more`)}`,
	}),
	update: (r) => ({
		name: 'Update',
		value: 'update',
		action: `Update ${a(r)}`,
		description: `Change fields of ${a(r)} by its ID; only the fields given are changed${needs([idLabel(r), ...labels(r.update?.required), 'at least one field in Update Fields'])}`,
	}),
};

export function supportedOperations(resource: ResourceDefinition): OperationKey[] {
	return (Object.keys(STANDARD_OPERATIONS) as OperationKey[]).filter(
		(key) => resource[key] !== undefined,
	);
}

function extraOperationOption(
	resource: ResourceDefinition,
	action: ExtraAction,
): INodePropertyOptions {
	const what = [
		...(action.needsId ? [idLabel(resource)] : []),
		...labels(action.parameters),
		...(action.needs ?? []),
	];
	if (action.atLeastOne?.length)
		what.push(
			`one of ${listInWords(
				action.atLeastOne.map((key) => labelOfOption(action, key)),
				'or',
			)}`,
		);
	return {
		name: action.name,
		value: action.value,
		action: action.action,
		description: `${action.description}${needs(what)}`,
	};
}

function labelOfOption(action: ExtraAction, key: string): string {
	const field = [...(action.parameters ?? []), ...(action.options ?? [])].find(
		(candidate) => candidate.key === key,
	);
	return field ? fieldLabel(field) : key;
}

function operationSelector(resource: ResourceDefinition): INodeProperties {
	const options = [
		...supportedOperations(resource).map((key) => STANDARD_OPERATIONS[key](resource)),
		...(resource.extraActions ?? []).map((action) => extraOperationOption(resource, action)),
		...upsertOperationOptions(resource),
	].sort((a, b) => a.name.localeCompare(b.name));
	const defaultOperation = resource.getMany ? 'getMany' : String(options[0].value);
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options,
		default: defaultOperation,
	};
}

function unsupportedNotice(resource: ResourceDefinition): INodeProperties[] {
	const reasons = Object.entries(resource.unsupported ?? {});
	if (reasons.length === 0) return [];
	return [
		{
			displayName: reasons.map(([, reason]) => reason).join(' '),
			name: `${resource.value}Notice`,
			type: 'notice',
			default: '',
			displayOptions: { show: { resource: [resource.value] } },
		},
	];
}

function idLocator(resource: ResourceDefinition, operations: string[]): INodeProperties {
	const isGuid = resource.idType === 'string';
	return {
		// Named by the record, as the references are; "By ID" says where an ID is typed.
		displayName: resource.displayName,
		name: idParameterName(resource),
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${one(resource)} to work on`,
		displayOptions: show(resource, operations),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${a(resource)}…`,
				typeOptions: { searchListMethod: listSearchMethodName(resource), searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `${resource.displayName} ID, e.g. ${isGuid ? '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12' : '42'}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: isGuid ? GUID_PATTERN : POSITIVE_INTEGER_PATTERN,
							errorMessage: isGuid ? 'Not a GUID' : 'Not a record ID: a whole number of 1 or more',
						},
					},
				],
			},
		],
	};
}

function collection(
	displayName: string,
	name: string,
	placeholder: string,
	options: INodeProperties[],
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder,
		default: {},
		displayOptions,
		options,
	};
}

function createProperties(resource: ResourceDefinition): INodeProperties[] {
	const create = resource.create;
	if (!create) return [];
	const required = create.required.map((field) => ({
		...fieldToProperty(field),
		// n8n refuses to start a workflow whose required locator holds 0, where every other item
		// could have run: a locator's emptiness is checked per item instead, with the field named.
		required: field.ref?.picker !== 'list',
		displayOptions: show(resource, ['create']),
	}));
	const additional = create.fields.length
		? [
				collection(
					'Additional Fields',
					'additionalFields',
					'Add Field',
					fieldsToOptions(create.fields),
					show(resource, ['create']),
				),
			]
		: [];
	return [...required, ...additional];
}

/**
 * Limit: 50, or 10 for a tool node from version 1.2 (an agent's context is small; it asks for more
 * when it needs them). n8n's `@tool` condition tells a tool apart (its type name ends in "Tool"), in
 * n8n 1.x and 2.x alike. A condition on `descriptionType`, the parameter only the tool form has,
 * would do the same in 2.x, but n8n 1.x cannot order a condition on a parameter missing from the
 * action node's form and fails every workflow ("Max iterations reached").
 */
function limitProperties(resource: ResourceDefinition): INodeProperties[] {
	const base: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	};
	const show = { resource: [resource.value], operation: ['getMany'], returnAll: [false] };
	const toolMode = { '@tool': [true] };
	const toolVersions = [{ _cnd: { gte: TOOL_DEFAULTS_VERSION } }];
	return [
		{
			...base,
			default: TOOL_LIST_LIMIT,
			description: `Max number of results to return. As a tool it returns ${TOOL_LIST_LIMIT} unless set here, and says when more may match.`,
			displayOptions: { show: { ...show, ...toolMode, '@version': toolVersions } },
		},
		{ ...base, displayOptions: { show: { ...show, ...toolMode, '@version': [1, 1.1] } } },
		// n8n hides a parameter when any one of its hide conditions holds.
		{ ...base, displayOptions: { show, hide: toolMode } },
	];
}

function getManyProperties(resource: ResourceDefinition): INodeProperties[] {
	const getMany = resource.getMany;
	if (!getMany) return [];
	const properties: INodeProperties[] = [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(resource, ['getMany']),
		},
		...limitProperties(resource),
	];
	if (getMany.filters.length) {
		properties.push(
			collection(
				'Filters',
				'filters',
				'Add Filter',
				fieldsToOptions(getMany.filters),
				show(resource, ['getMany']),
			),
		);
	}
	properties.push(moreFilters(resource));
	properties.push(
		collection(
			'Options',
			'options',
			'Add Option',
			listOptions(resource),
			show(resource, ['getMany']),
		),
	);
	return properties;
}

/** A whole number from 1 to `max`: the engine's own options, the same on every resource. */
function countOption(
	displayName: string,
	name: string,
	max: number,
	defaultValue: number,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: defaultValue,
		description,
	};
}

/** How the engine reads a list and shapes its records; not Halo fields, so the same on every resource. */
function listOptions(resource: ResourceDefinition): INodeProperties[] {
	const concurrency = countOption(
		'Parallel Page Requests',
		'pageConcurrency',
		MAX_PAGE_CONCURRENCY,
		DEFAULT_PAGE_CONCURRENCY,
		'How many pages of 100 to fetch at once once HaloPSA has said how many records match. 1 fetches them one by one. Every request counts against the rate limit either way.',
	);
	return [
		...(resource.pages ? [concurrency] : []),
		...outputOptions(resource),
		INCLUDE_SECRETS_OPTION,
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Output options of Get and Get Many: which fields come back, and custom fields by label. */
function outputOptions(resource: ResourceDefinition): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Output Fields',
			name: 'outputFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. summary, client_name',
			description:
				'HaloPSA field names to return, comma-separated. With Simplify on they are added to its fields; with Simplify off only these (and the ID) are returned.',
		},
	];
	if (resource.customFieldsType !== undefined) {
		options.push({
			displayName: 'Custom Fields by Label',
			name: 'customFieldsByLabel',
			type: 'boolean',
			default: false,
			description:
				'Whether to return each custom field as a property named by its label ("Contract Tier": "Gold") instead of HaloPSA\'s customfields array. Custom fields come with Get (Include Details) more than with Get Many.',
		});
	}
	return options;
}

/** Simplify on Get and Get Many: on by default from node version 1.1; version 1 keeps every field. */
function simplifyProperties(resource: ResourceDefinition): INodeProperties[] {
	const operations = (['get', 'getMany'] as OperationKey[]).filter(
		(key) => resource[key] !== undefined,
	);
	if (operations.length === 0) return [];
	const base: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return only the fields people use (${simplifiedFields(resource).join(', ')}) instead of every field HaloPSA sends; add others with the Output Fields option`,
	};
	const where = (version: Array<number | { _cnd: { gte: number } }>) => ({
		show: { resource: [resource.value], operation: operations, '@version': version },
	});
	return [
		{ ...base, default: true, displayOptions: where([{ _cnd: { gte: 1.1 } }]) },
		{ ...base, default: false, displayOptions: where([1]) },
	];
}

/** Halo lists take many more query parameters than are worth a field each: pass any by name. */
function moreFilters(resource: ResourceDefinition): INodeProperties {
	return {
		displayName: 'More Filters',
		name: 'moreFilters',
		type: 'fixedCollection',
		placeholder: 'Add HaloPSA Query Parameter',
		typeOptions: { multipleValues: true },
		default: {},
		// The same words on every resource: said once (shareProperties.ts), not once per list.
		description: "Any other query parameter HaloPSA's list takes, by its API name",
		displayOptions: show(resource, ['getMany']),
		options: [nameValueRow('e.g. includechildren', 'e.g. true')],
	};
}

function extraActionProperties(
	resource: ResourceDefinition,
	action: ExtraAction,
): INodeProperties[] {
	const where = show(resource, [action.value]);
	const parameters = (action.parameters ?? []).map((field) => ({
		...fieldToProperty(field),
		displayOptions: where,
	}));
	// Whatever an action answers may carry Halo's secrets: Include Secrets is always an option.
	const options = [
		collection(
			'Options',
			'options',
			'Add Option',
			[...fieldsToOptions(action.options ?? []), INCLUDE_SECRETS_OPTION],
			where,
		),
	];
	return [...parameters, ...extraKindProperties(resource, action), ...options];
}

/** Every n8n property for one resource, derived from its definition alone. */
export function resourceProperties(resource: ResourceDefinition): INodeProperties[] {
	const idOperations = [
		...(['get', 'update', 'delete'] as OperationKey[]).filter((key) => resource[key] !== undefined),
		...(resource.extraActions ?? [])
			.filter((action) => action.needsId)
			.map((action) => action.value),
	];
	const properties: INodeProperties[] = [
		operationSelector(resource),
		...unsupportedNotice(resource),
	];
	if (idOperations.length) properties.push(idLocator(resource, idOperations));
	properties.push(
		...createProperties(resource),
		...requiredProperties(resource),
		...upsertProperties(resource),
	);
	properties.push(...simplifyProperties(resource));
	if (resource.get) {
		const getOptions = [
			...fieldsToOptions(resource.get.options),
			...outputOptions(resource),
			INCLUDE_SECRETS_OPTION,
		].sort((a, b) => a.displayName.localeCompare(b.displayName));
		properties.push(
			collection('Options', 'options', 'Add Option', getOptions, show(resource, ['get'])),
		);
	}
	properties.push(...getManyProperties(resource));
	if (resource.update) {
		properties.push(
			collection(
				'Update Fields',
				'updateFields',
				'Add Field',
				fieldsToOptions(resource.update.fields),
				show(resource, ['update']),
			),
		);
	}
	if (resource.delete?.options?.length) {
		properties.push(
			collection(
				'Options',
				'options',
				'Add Option',
				fieldsToOptions(resource.delete.options),
				show(resource, ['delete']),
			),
		);
	}
	for (const action of resource.extraActions ?? [])
		properties.push(...extraActionProperties(resource, action));
	properties.push(...writeOptions(resource), ...previewProperties(resource));
	return properties;
}

/** How the engine sends creates and updates. */
function writeOptions(resource: ResourceDefinition): INodeProperties[] {
	const operations = (['create', 'update'] as OperationKey[]).filter(
		(key) => resource[key] !== undefined,
	);
	if (operations.length === 0) return [];
	const batchSize = countOption(
		'Batch Size',
		'batchSize',
		MAX_BATCH_SIZE,
		DEFAULT_BATCH_SIZE,
		'How many input items to send to HaloPSA in one request (Halo takes an array of records). Each result stays paired with its item. 1 sends one request per item.',
	);
	const upsert = resource.upsert
		? [
				collection(
					'Options',
					'options',
					'Add Option',
					[INCLUDE_SECRETS_OPTION],
					show(resource, [UPSERT_OPERATION]),
				),
			]
		: [];
	return [
		collection(
			'Options',
			'options',
			'Add Option',
			[batchSize, INCLUDE_SECRETS_OPTION],
			show(resource, operations),
		),
		...upsert,
	];
}

export function nodeProperties(
	resources: ResourceDefinition[],
	defaultResource: string,
): INodeProperties[] {
	const resourceSelector: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources
			.map((resource) => ({
				name: resource.displayName,
				value: resource.value,
				description: resource.description,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultResource,
	};
	return [resourceSelector, ...shareAcrossResources(resources.map(resourceProperties))];
}
