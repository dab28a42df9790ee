import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { haloList } from '../transport/paging';
import { asRecords } from './records';
import type { ExtraAction, ResourceDefinition } from './types';

/**
 * Custom API Call: any HaloPSA endpoint the node does not model, through the same transport as
 * every other operation (credential, token reuse, rate limit, retries, error words). The path is
 * confined to the API: it is joined to `{HaloPSA URL}/api`, so it may not name a host, climb out
 * with `..` (or its encoded forms, which URL parsers decode), or carry its own query string.
 */

const METHODS: IHttpRequestMethods[] = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];
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

export function customApiCallProperties(
	resource: ResourceDefinition,
	action: ExtraAction,
): INodeProperties[] {
	return [
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			options: METHODS.map((method) => ({ name: method, value: method })),
			default: 'GET',
			description: 'The HTTP method of the call',
			displayOptions: show(resource, action),
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			required: true,
			placeholder: '/KBArticle',
			description:
				'The endpoint below /api, as in HaloPSA’s API documentation, e.g. /KBArticle or /Tickets/42. The credential’s HaloPSA URL is used; other hosts are refused.',
			displayOptions: show(resource, action),
		},
		{
			displayName: 'Query Parameters',
			name: 'query',
			type: 'fixedCollection',
			placeholder: 'Add Query Parameter',
			typeOptions: { multipleValues: true },
			default: {},
			description: 'Query parameters by their HaloPSA name',
			displayOptions: show(resource, action),
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. search',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. printer',
						},
					],
				},
			],
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

function queryValues(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const { parameter = [] } = ctx.getNodeParameter('query', itemIndex, {}) as {
		parameter?: Array<{ name: string; value: string }>;
	};
	const query: IDataObject = {};
	for (const { name, value } of parameter)
		if (String(name ?? '').trim() !== '') query[name.trim()] = value;
	return query;
}

function bodyValue(
	ctx: IExecuteFunctions,
	method: IHttpRequestMethods,
	itemIndex: number,
): IDataObject | IDataObject[] | undefined {
	if (!WITH_BODY.includes(method)) return undefined;
	const raw = ctx.getNodeParameter('body', itemIndex, '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return undefined;
	if (typeof raw !== 'string') return raw as IDataObject | IDataObject[];
	try {
		return JSON.parse(raw) as IDataObject | IDataObject[];
	} catch {
		throw new NodeOperationError(ctx.getNode(), 'Body (JSON) is not valid JSON', { itemIndex });
	}
}

export async function customApiCall(
	this: IExecuteFunctions,
	_resource: ResourceDefinition,
	_action: ExtraAction,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
	if (!METHODS.includes(method))
		throw new NodeOperationError(
			this.getNode(),
			`Method "${String(method)}" is not one of ${METHODS.join(', ')}`,
			{ itemIndex },
		);
	const checked = apiPath(String(this.getNodeParameter('path', itemIndex, '')));
	if ('problem' in checked)
		throw new NodeOperationError(this.getNode(), checked.problem, { itemIndex });
	const qs = queryValues(this, itemIndex);
	const body = bodyValue(this, method, itemIndex);
	const returnAll =
		method === 'GET' && (this.getNodeParameter('returnAll', itemIndex, false) as boolean);
	if (returnAll) {
		const listKey = String(this.getNodeParameter('listKey', itemIndex, '')).trim() || undefined;
		const rows = await haloList.call(this, {
			path: checked.path,
			listKey,
			pages: true,
			qs,
			itemIndex,
		});
		return rows.map((json) => ({ json }));
	}
	const answer = await haloApiRequest.call(this, {
		method,
		path: checked.path,
		qs,
		body,
		itemIndex,
	});
	const records = asRecords(answer);
	return (records.length > 0 ? records : [{ success: true }]).map((json) => ({ json }));
}
