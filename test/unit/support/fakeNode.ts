// A stand-in for what n8n hands a node's `execute` (IExecuteFunctions), with the one request
// function mocked: the node runs its real code, from parameters to output items, and each request
// it would send to HaloPSA is recorded and answered by the test. Parameters are resolved as n8n
// resolves them (NodeHelpers.getNodeParameters: defaults filled, hidden ones dropped), so a
// parameter the form would not show is not there either.
import { NodeHelpers } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { HaloPsaComplete } from '../../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';

export const APP_URL = 'https://acme.halopsa.com';

/** One request as it would leave for HaloPSA, the path below the app URL. */
export interface SentRequest {
	method: string;
	/** Below the app URL, e.g. `/api/Client/7`. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
}

/** An answer with its own status and headers (a file download), instead of a JSON body alone. */
export class FullResponse {
	constructor(
		readonly body: unknown,
		readonly headers: IDataObject = {},
		readonly statusCode = 200,
	) {}
}

/** Halo's answer to a request: a body, or a thrown error shaped like n8n's HTTP errors. */
export type Responder = (request: SentRequest, index: number) => unknown;

/** An HTTP failure as n8n's request helper throws it (axios-like: status and body in `response`). */
export function httpError(status: number, body: unknown, headers: IDataObject = {}): Error {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data: body, headers },
	});
}

export interface RunOptions {
	/** The node's parameters; a function gives each item its own (as expressions would). */
	parameters: INodeParameters | ((itemIndex: number) => INodeParameters);
	/** Input items; one empty item when left out. */
	items?: INodeExecutionData[];
	typeVersion?: number;
	respond?: Responder;
	continueOnFail?: boolean;
	credentials?: IDataObject;
	nodeType?: INodeType;
}

export interface RunResult {
	output: INodeExecutionData[];
	requests: SentRequest[];
}

let applications = 0;
let sharedNode: INodeType | undefined;

/** The node is built once: its description (every resource's form) takes a while to generate. */
function haloNode(): INodeType {
	return (sharedNode ??= new HaloPsaComplete());
}

/** Each run its own API application, so runs never share a rate-limit window. */
function freshCredentials(extra: IDataObject = {}): IDataObject {
	applications += 1;
	return {
		url: APP_URL,
		tenant: 'acme',
		clientId: `unit-${applications}`,
		rateLimitRequests: 100_000,
		rateLimitWindowSeconds: 300,
		...extra,
	};
}

function valueAt(parameters: INodeParameters, path: string): unknown {
	let value: unknown = parameters;
	for (const part of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[part];
	}
	return value;
}

function isLocator(value: unknown): value is { __rl: true; value: unknown } {
	return typeof value === 'object' && value !== null && (value as IDataObject).__rl === true;
}

/** Whether a recorded request's path starts at the app's /api. */
function relativePath(url: string): string {
	if (!url.startsWith(APP_URL)) throw new Error(`request left the app URL: ${url}`);
	return url.slice(APP_URL.length);
}

export function fakeExecuteFunctions(options: RunOptions): {
	context: IExecuteFunctions;
	requests: SentRequest[];
} {
	const nodeType = options.nodeType ?? haloNode();
	const description = nodeType.description;
	const typeVersion = options.typeVersion ?? 1.1;
	const items = options.items ?? [{ json: {} }];
	const credentials = freshCredentials(options.credentials);
	const requests: SentRequest[] = [];
	const raw = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const cache = new Map<number, INodeParameters>();
	const resolve = (itemIndex: number) =>
		NodeHelpers.getNodeParameters(
			description.properties,
			raw(itemIndex),
			true,
			false,
			{ typeVersion },
			description,
		) ?? {};
	const resolved = (itemIndex: number): INodeParameters => {
		if (!cache.has(itemIndex)) cache.set(itemIndex, resolve(itemIndex));
		return cache.get(itemIndex)!;
	};
	const node: INode = {
		id: 'unit-node',
		name: 'HaloPSA Complete',
		type: `n8n-nodes-halopsa-complete.${description.name}`,
		typeVersion,
		position: [0, 0],
		parameters: resolved(0),
	};
	const respond = options.respond ?? (() => ({}));
	const context = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async () => credentials,
		getExecutionCancelSignal: () => undefined,
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			extra?: { extractValue?: boolean },
		) {
			let value = valueAt(resolved(itemIndex), name);
			if (value === undefined) {
				if (arguments.length < 3) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			if (extra?.extractValue && isLocator(value)) value = value.value;
			return structuredClone(value);
		},
		helpers: {
			async httpRequestWithAuthentication(_credentialType: string, request: IHttpRequestOptions) {
				const sent: SentRequest = {
					method: request.method ?? 'GET',
					path: relativePath(request.url),
				};
				if (request.qs !== undefined) sent.qs = request.qs;
				if (request.body !== undefined) sent.body = request.body;
				requests.push(structuredClone(sent));
				const answer = await respond(sent, requests.length - 1);
				if (answer instanceof FullResponse) return { ...answer };
				return { body: answer, statusCode: 200, headers: {} };
			},
			assertBinaryData(itemIndex: number, property: string): IBinaryData {
				const binary = items[itemIndex].binary?.[property];
				if (!binary) throw new Error(`no binary data in "${property}"`);
				return binary;
			},
			async getBinaryDataBuffer(itemIndex: number, property: string): Promise<Buffer> {
				return Buffer.from(context.helpers.assertBinaryData(itemIndex, property).data, 'base64');
			},
			async prepareBinaryData(
				content: Buffer,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> {
				return { data: content.toString('base64'), fileName, mimeType: mimeType ?? '' };
			},
		},
	};
	return { context: context as unknown as IExecuteFunctions, requests };
}

/** Runs the node's real `execute` and returns its one output and the requests it sent. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const nodeType = options.nodeType ?? haloNode();
	const { context, requests } = fakeExecuteFunctions({ ...options, nodeType });
	const output = await nodeType.execute!.call(context);
	return { output: output[0], requests };
}

/** A resource locator set "By ID", as a saved workflow holds it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value });
