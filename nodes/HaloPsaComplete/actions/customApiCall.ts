import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { RESOURCES } from '../resources';
import { haloApiRequest } from '../transport';
import { mayHaveReachedHalo } from '../transport/errors';
import { haloList } from '../transport/paging';
import { ALL_METHODS, templateOf } from '../helpers/apiIndex';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, isRefusal, rejectedElements } from './batch';
import {
	API_REQUEST_BODY_SKELETON,
	API_REQUEST_PATH_SEARCH,
	API_REQUEST_QUERY_PARAMETERS,
} from '../methods/apiRequestEditor';
import { nameValueRow } from '../descriptions/fields';
import { parseRecordId } from '../helpers/ids';
import { singularNoun } from '../helpers/nouns';
import { pathBodyOneShot, resourcesAtPath } from '../helpers/oneShot';
import { oneShotFailure } from './oneShotErrors';
import { asRecords } from './records';
import type { ExtraAction, ResourceDefinition } from '../helpers/types';
import type { HaloClient } from '../transport';

/**
 * Custom API Call: any HaloPSA endpoint the node does not model, through the same transport as
 * every other operation (credential, token reuse, rate limit, retries, error words). The path is
 * confined to the API: it is joined to `{HaloPSA URL}/api`, so it may not name a host, climb out
 * with `..` (or its encoded forms, which URL parsers decode), or carry its own query string.
 */

const METHODS = ALL_METHODS;
/** Node version from which Path is picked from Halo's document (a resource locator). */
const PICKED_PATH_VERSION = 1.2;
/** A placeholder of a path template: {id}, {seq}… */
const PLACEHOLDER = /\{([^{}/]+)\}/g;
const WITH_BODY: IHttpRequestMethods[] = ['DELETE', 'PATCH', 'POST', 'PUT'];
/** Characters RFC 3986 allows in a path segment (percent-encoded bytes are checked decoded). */
const SEGMENT = /^[A-Za-z0-9\-._~%!$'()*+,;=:@]+$/;

export type PathCheck = { path: string } | { problem: string };

/** The path below /api to call, or why it is refused. `/api/Tickets`, `api/Tickets` and `/Tickets` are the same call. */
export function apiPath(raw: string): PathCheck {
	const text = raw.trim();
	if (text === '') return { problem: 'Path is required: the part after /api, like /KBArticle' };
	if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//') || text.startsWith('\\\\')) {
		return {
			problem: `Path "${text}" names a host: give only the part after /api, like /KBArticle (the credential's HaloPSA URL is used)`,
		};
	}
	if (/[?#]/.test(text))
		return {
			problem: `Path "${text}" has a query string: put query parameters under Query Parameters`,
		};
	const below = text.replace(/^\/?api(?=\/|$)/i, '');
	const segments = below.replace(/^\//, '').split('/');
	if (below.replace(/^\//, '') === '')
		return {
			problem: `Path "${text}" names no endpoint: give the part after /api, like /KBArticle`,
		};
	for (const segment of segments) {
		const problem = segmentProblem(segment);
		if (problem) return { problem: `Path "${text}" is refused: ${problem}` };
	}
	return { path: `/${segments.join('/')}` };
}

function segmentProblem(segment: string): string | undefined {
	if (segment === '') return 'it has an empty segment ("//")';
	if (!SEGMENT.test(segment))
		return `"${segment}" has characters a path cannot carry (spaces, backslashes, quotes…)`;
	let decoded: string;
	try {
		decoded = decodeURIComponent(segment);
	} catch {
		return `"${segment}" has a broken percent-encoding`;
	}
	if (decoded === '.' || decoded === '..') return 'it leaves /api with "." or ".." segments';
	// eslint-disable-next-line no-control-regex
	if (/[/\\?#\u0000-\u001f]/.test(decoded))
		return `"${segment}" encodes a "/", "\\", "?", "#" or a control character`;
	return undefined;
}

function show(
	resource: ResourceDefinition,
	action: ExtraAction,
	more: IDataObject = {},
): INodeProperties['displayOptions'] {
	return { show: { resource: [resource.value], operation: [action.value], ...more } };
}

function showFrom(
	resource: ResourceDefinition,
	action: ExtraAction,
	versions: 'before' | 'from',
	more: IDataObject = {},
): INodeProperties['displayOptions'] {
	const version = versions === 'from' ? { gte: PICKED_PATH_VERSION } : { lt: PICKED_PATH_VERSION };
	return show(resource, action, { '@version': [{ _cnd: version }], ...more });
}

const PATH_DESCRIPTION =
	'The endpoint below /api, as in HaloPSA’s API documentation, e.g. /KBArticle or /Tickets/42. The credential’s HaloPSA URL is used; other hosts are refused.';

/** Path: text up to version 1.1; from 1.2 picked from Halo's document, or typed. */
function pathProperties(resource: ResourceDefinition, action: ExtraAction): INodeProperties[] {
	return [
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			required: true,
			placeholder: '/KBArticle',
			description: PATH_DESCRIPTION,
			displayOptions: showFrom(resource, action, 'before'),
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description:
				'The endpoint below /api: pick one of the paths in HaloPSA’s API document (search by path or by entity, e.g. audit), or type one. The credential’s HaloPSA URL is used; other hosts are refused.',
			displayOptions: showFrom(resource, action, 'from'),
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Search paths, e.g. audit…',
					typeOptions: { searchListMethod: API_REQUEST_PATH_SEARCH, searchable: true },
				},
				{
					displayName: 'By Path',
					name: 'path',
					type: 'string',
					placeholder: 'e.g. /KBArticle or /Tickets/{id}',
				},
			],
		},
		{
			displayName: 'ID',
			name: 'pathId',
			type: 'string',
			default: '',
			// Not required for n8n: a Path given by an expression shows this field too, and n8n would
			// refuse to start the workflow; an {id} left empty fails its own item instead.
			placeholder: 'e.g. 42',
			description:
				'The record the path’s {ID} names: a whole number of 1 or more, or a GUID where HaloPSA’s document says the ID is one',
			displayOptions: show(resource, action, { path: [{ _cnd: { includes: '{id}' } }] }),
		},
		{
			displayName: 'Path Parameters',
			name: 'pathParameters',
			type: 'fixedCollection',
			placeholder: 'Add Path Parameter',
			typeOptions: { multipleValues: true },
			default: {},
			description:
				'Values of the path’s other placeholders, like {seq} in /TicketApproval/{ID}&{seq}: each a whole number of 1 or more, or a GUID',
			displayOptions: show(resource, action, {
				path: [{ _cnd: { regex: '\\{(?!id\\})[^{}/]+\\}' } }],
			}),
			options: [nameValueRow('e.g. seq', 'e.g. 2')],
		},
	];
}

export function customApiCallProperties(
	resource: ResourceDefinition,
	action: ExtraAction,
): INodeProperties[] {
	return [
		{
			displayName: 'Method Name or ID',
			name: 'method',
			type: 'options',
			typeOptions: {
				// Spelled out, not API_REQUEST_METHODS: n8n's lint rule for an options default
				// (node-param-default-wrong-for-options, which n8n's scanner enforces without
				// exceptions) accepts any default for options loaded at run time only when it can read
				// the loader's name as a string. test/unit/description.test.mts checks the name is a loader.
				loadOptionsMethod: 'apiRequestMethods',
				loadOptionsDependsOn: ['path.value', 'path.mode'],
			},
			// GET (one of the loaded methods) is what saved workflows that never changed Method were
			// saved with (n8n leaves defaults out): an empty default would send them without a method.
			default: 'GET',
			description:
				'The HTTP method of the call: the verbs HaloPSA’s document gives the picked path, or all five for a typed path. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: show(resource, action),
		},
		...pathProperties(resource, action),
		{
			displayName: 'Query Parameters',
			name: 'query',
			type: 'fixedCollection',
			placeholder: 'Add Query Parameter',
			typeOptions: { multipleValues: true },
			default: {},
			description:
				'Query parameters: picked from those HaloPSA’s document gives the path and method (each with its type), or any name typed',
			displayOptions: show(resource, action),
			options: [
				nameValueRow('e.g. search', 'e.g. printer'),
				{
					displayName: 'Documented Parameter',
					name: 'documented',
					values: [
						{
							displayName: 'Name or ID',
							name: 'name',
							type: 'options',
							typeOptions: {
								loadOptionsMethod: API_REQUEST_QUERY_PARAMETERS,
								loadOptionsDependsOn: ['path.value', 'method'],
							},
							default: '',
							description:
								'A query parameter HaloPSA’s document gives this path and method, with its type. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. true',
						},
					],
				},
			],
		},
		{
			displayName: 'Body Skeleton Name or ID',
			name: 'bodySkeleton',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: API_REQUEST_BODY_SKELETON,
				loadOptionsDependsOn: ['path.value', 'method'],
			},
			default: '',
			description:
				'The entity HaloPSA’s document says this POST takes, with a skeleton of its fields (as an array, as HaloPSA takes it) to copy into Body (JSON). Only a guide: nothing of it is sent. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: showFrom(resource, action, 'from', { method: ['POST'] }),
		},
		{
			displayName: 'Body (JSON)',
			name: 'body',
			type: 'json',
			default: '',
			description:
				'JSON body to send, as HaloPSA takes it; most writes take an array of records. Leave empty to send none.',
			placeholder: '[{"name": "New name"}]',
			displayOptions: show(resource, action, { method: WITH_BODY }),
		},
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			hint: 'On: reads every page of a list endpoint (pageinate, page_size 100, page_no 1, 2, …), one item per row. Off: one request, its answer output as it comes.',
			displayOptions: show(resource, action, { method: ['GET'] }),
		},
		{
			displayName: 'List Key',
			name: 'listKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. articles',
			description:
				'Key of the list in HaloPSA’s answer, like articles for /KBArticle. Empty: a bare array, or the answer’s one list.',
			displayOptions: show(resource, action, { method: ['GET'], returnAll: [true] }),
		},
	];
}

type PathParameterRow = { name?: string; value?: unknown };

/**
 * The path with its placeholders filled: {id} from the ID field, any other from Path Parameters,
 * each checked like every record id (whole number ≥ 1, or a GUID where the document says so, or
 * either where it says "string") and percent-encoded; or why it cannot be.
 */
function filledPath(this: IExecuteFunctions, template: string, itemIndex: number): PathCheck {
	const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
	if (names.length === 0) return { path: template };
	const idType = templateOf(template)?.idType ?? 'string';
	const { parameter: rows = [] } = this.getNodeParameter('pathParameters', itemIndex, {}) as {
		parameter?: PathParameterRow[];
	};
	const values = new Map<string, unknown>();
	for (const row of rows)
		values.set(
			String(row.name ?? '')
				.trim()
				.replace(/^\{|\}$/g, ''),
			row.value,
		);
	let path = template;
	for (const name of new Set(names)) {
		const isId = name === 'id';
		const raw = isId ? this.getNodeParameter('pathId', itemIndex, '') : values.get(name);
		const label = isId ? 'ID (the path’s {id})' : `Path parameter {${name}}`;
		const checked = checkedPathValue(isId ? idType : 'string', raw, label);
		if ('problem' in checked) return checked;
		path = path.split(`{${name}}`).join(encodeURIComponent(String(checked.id)));
	}
	return { path };
}

function checkedPathValue(
	idType: 'number' | 'guid' | 'string',
	raw: unknown,
	label: string,
): { id: number | string } | { problem: string } {
	if (idType === 'number') return parseRecordId('number', raw, label);
	if (idType === 'guid') return parseRecordId('string', raw, label);
	const asNumber = parseRecordId('number', raw, label);
	if ('id' in asNumber) return asNumber;
	const asGuid = parseRecordId('string', raw, label);
	if ('id' in asGuid) return asGuid;
	const text = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
	return text === ''
		? { problem: `${label} is required` }
		: { problem: `${label} must be a whole number of 1 or more or a GUID, not "${text}"` };
}

function queryValues(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const { parameter = [] } = this.getNodeParameter('query', itemIndex, {}) as {
		parameter?: Array<{ name: string; value: string }>;
	};
	const { documented = [] } = this.getNodeParameter('query', itemIndex, {}) as {
		documented?: Array<{ name: string; value: string }>;
	};
	const query: IDataObject = {};
	for (const { name, value } of [...documented, ...parameter])
		if (String(name ?? '').trim() !== '') query[String(name).trim()] = value;
	return query;
}

function bodyValue(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	itemIndex: number,
): IDataObject | IDataObject[] | undefined {
	if (!WITH_BODY.includes(method)) return undefined;
	const raw = this.getNodeParameter('body', itemIndex, '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return undefined;
	if (typeof raw !== 'string') return raw as IDataObject | IDataObject[];
	try {
		return JSON.parse(raw) as IDataObject | IDataObject[];
	} catch {
		throw new NodeOperationError(this.getNode(), 'Body (JSON) is not valid JSON', { itemIndex });
	}
}

/** `[3]`, or `[3]–[7]`: positions in the body's array, as Halo names them. */
function elements(first: number, last: number): string {
	return first === last ? `element [${first}]` : `elements [${first}]–[${last}]`;
}

/**
 * What a failed POST of the body's elements `start`…`start + count - 1` left in Halo, told
 * element by element so that a resend can leave the saved ones out. Halo saves an array element
 * by element and stops at the one it refuses (halo-behaviour.md#batch-no-rollback): the elements
 * before the refused one may be saved, those after it are not; after a lost answer any of them
 * may be.
 */
export function partialSaveNote(
	error: unknown,
	start: number,
	count: number,
	total: number,
): string {
	const end = start + count - 1;
	const notes: string[] = [];
	if (start > 0) notes.push(`${elements(0, start - 1)} were saved (HaloPSA answered them).`);
	const lost = mayHaveReachedHalo(error);
	const refused = lost === undefined && isRefusal(error);
	const named =
		refused && error.httpCode === '400'
			? [...rejectedElements(error.message).keys()].filter((at) => at < count)
			: [];
	const mayBe = (first: number, last: number, why = '') =>
		`HaloPSA may have saved ${elements(first, last)}${why}: check HaloPSA before sending ${first === last ? 'it' : 'them'} again, and leave what it saved out of a resend, or it is created twice.`;
	if (lost !== undefined) {
		notes.push(mayBe(start, end, ` (${lost})`));
	} else if (refused && named.length > 0) {
		const at = start + Math.min(...named);
		notes.push(`HaloPSA refused ${elements(at, at)}.`);
		if (at > start)
			notes.push(
				`${mayBe(start, at - 1)} It saves an array element by element up to the one it refuses (unless it rolled them back).`,
			);
		if (at < end) notes.push(`${elements(at + 1, end)} were not saved.`);
	} else if (refused && count > 1) {
		notes.push(
			`HaloPSA refused one of ${elements(start, end)} without saying which. ${mayBe(start, end - 1)} It saves an array element by element up to the one it refuses.`,
		);
	} else notes.push(`${elements(start, end)} ${count === 1 ? 'was' : 'were'} not saved.`);
	if (end < total - 1) notes.push(`${elements(end + 1, total - 1)} were not sent.`);
	return notes.map((note) => note.charAt(0).toUpperCase() + note.slice(1)).join(' ');
}

/** The failed POST's error, its description saying what of the body Halo saved. */
function withPartialSave(error: unknown, start: number, count: number, total: number): unknown {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	if (total <= 1) return error;
	const note = partialSaveNote(error, start, count, total);
	error.description = [note, error.description].filter(Boolean).join(' ');
	if (start > 0)
		error.message = `Records ${start + 1}–${start + count} of ${total} failed: ${error.message}`;
	return error;
}

/**
 * A POST of an array: more records than Halo takes at once
 * (docs/development/halo-behaviour.md#batch-size) go in batches of the size Create and Update use,
 * one after the other. Halo does not roll a batch back (halo-behaviour.md#batch-no-rollback), so
 * when a request fails its error says which elements were saved, which may be, and which were
 * never sent: sending the whole body again would create the saved ones twice.
 */
async function postArray(
	client: HaloClient<IExecuteFunctions>,
	path: string,
	qs: IDataObject,
	records: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const saved: IDataObject[] = [];
	const size = records.length > MAX_BATCH_SIZE ? DEFAULT_BATCH_SIZE : Math.max(records.length, 1);
	let start = 0;
	do {
		const batch = records.slice(start, start + size);
		const answer = await sendOnce(client, 'POST', path, qs, batch, itemIndex, (error) =>
			withPartialSave(error, start, batch.length, records.length),
		);
		saved.push(...asRecords(answer));
		start += size;
	} while (start < records.length);
	return saved;
}

/** The record a one-shot element names: `quotation 5` when the path is a known resource's. */
function postedRecord(path: string, element: Record<string, unknown> | undefined): string {
	const id = element?.id;
	const [resource] = resourcesAtPath(RESOURCES, path);
	if (id === undefined || id === null || id === '' || id === 0)
		return `the record posted to /api${path}`;
	return resource
		? `${singularNoun(resource)} ${String(id)}`
		: `record ${String(id)} of /api${path}`;
}

/**
 * One request of API Request. A body that makes Halo act once (judged as the resource at its
 * path judges it, and by the flag rule: helpers/oneShot.ts) is never sent again, and a lost answer
 * says what Halo may have done.
 */
async function sendOnce(
	client: HaloClient<IExecuteFunctions>,
	method: IHttpRequestMethods,
	path: string,
	qs: IDataObject,
	body: IDataObject | IDataObject[] | undefined,
	itemIndex: number,
	/** Words added to a failure before it is told (what of an array Halo saved). */
	annotate: (error: unknown) => unknown = (error) => error,
): Promise<unknown> {
	const oneShot = body === undefined ? undefined : pathBodyOneShot(RESOURCES, path, body);
	return haloApiRequest(client, {
		method,
		path,
		qs,
		body,
		itemIndex,
		oneShot: oneShot !== undefined,
	}).catch((error: unknown) => {
		const record = postedRecord(path, oneShot?.element);
		throw oneShotFailure(client.context.getNode(), annotate(error), oneShot, record, itemIndex);
	});
}

export async function customApiCall(
	client: HaloClient<IExecuteFunctions>,
	_resource: ResourceDefinition,
	_action: ExtraAction,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const method = client.context.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
	if (!METHODS.includes(method))
		throw new NodeOperationError(
			client.context.getNode(),
			`Method "${String(method)}" is not one of ${METHODS.join(', ')}`,
			{ itemIndex },
		);
	// A picked path is a template (/Audit/{id}); a typed or saved one may be too.
	const template = String(
		client.context.getNodeParameter('path', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	const filled = filledPath.call(client.context, template, itemIndex);
	const checked = 'problem' in filled ? filled : apiPath(filled.path);
	if ('problem' in checked)
		throw new NodeOperationError(client.context.getNode(), checked.problem, { itemIndex });
	const qs = queryValues.call(client.context, itemIndex);
	const body = bodyValue.call(client.context, method, itemIndex);
	const returnAll =
		method === 'GET' && (client.context.getNodeParameter('returnAll', itemIndex, false) as boolean);
	if (returnAll) {
		const listKey =
			String(client.context.getNodeParameter('listKey', itemIndex, '')).trim() || undefined;
		const rows = await haloList(client, {
			path: checked.path,
			listKey,
			pages: true,
			qs,
			itemIndex,
		});
		return rows.map((json) => ({ json }));
	}
	const records =
		method === 'POST' && Array.isArray(body)
			? await postArray(client, checked.path, qs, body, itemIndex)
			: asRecords(await sendOnce(client, method, checked.path, qs, body, itemIndex));
	return (records.length > 0 ? records : [{ success: true }]).map((json) => ({
		json,
	}));
}
