// A stand-in for what n8n hands a node's `execute` (IExecuteFunctions), with the one request
// function mocked: the node runs its real code, from parameters to output items, and each request
// it would send to HaloPSA is recorded and answered by the test. Parameters are resolved as n8n
// resolves them (NodeHelpers.getNodeParameters: defaults filled, hidden ones dropped), so a
// parameter the form would not show is not there either. The fake is typed as the members of
// n8n-workflow's interfaces it stands in for, so a change of those types fails the type check.
import { NodeHelpers } from './n8nWorkflow.mts';
import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IGetNodeParameterOptions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IPollFunctions,
	NodeParameterValueType,
} from 'n8n-workflow';

import { HaloPsaComplete } from '../../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { governedClient } from '../../../nodes/HaloPsaComplete/guards/access.ts';
import type { HaloClient, HaloFunctions } from '../../../nodes/HaloPsaComplete/transport/client.ts';

export const APP_URL = 'https://acme.halopsa.com';

/** The members of n8n's `execute` context the node uses, with n8n's own types. */
export type FakeExecuteFunctions = Pick<
	IExecuteFunctions,
	| 'getNode'
	| 'getInputData'
	| 'continueOnFail'
	| 'getCredentials'
	| 'getExecutionCancelSignal'
	| 'getNodeParameter'
> & {
	helpers: Pick<
		IExecuteFunctions['helpers'],
		| 'httpRequestWithAuthentication'
		| 'assertBinaryData'
		| 'getBinaryDataBuffer'
		| 'prepareBinaryData'
	>;
};

/** A request as the test sees it: the path below the app URL, e.g. `/api/Client/7`. */
export interface SentRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: unknown;
}

/** An answer with its own status and headers (a file download), instead of a JSON body alone. */
export class FullResponse {
	constructor(
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
		readonly statusCode = 200,
	) {}
}

/** An HTTP failure as n8n's request helper throws it (axios-like: status and body in `response`). */
export function httpError(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): Error & { response: { status: number; data: unknown; headers: Record<string, string> } } {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data: body, headers },
	});
}

export type Respond = (request: SentRequest, index: number) => unknown;

export interface FakeOptions {
	/** The node's parameters as a saved workflow holds them; a function gives each item its own. */
	parameters: INodeParameters | ((itemIndex: number) => INodeParameters);
	items?: INodeExecutionData[];
	typeVersion?: number;
	/** Halo's answer: a body, a FullResponse, or a thrown httpError. */
	respond?: Respond;
	continueOnFail?: boolean;
	/** Merged over a fresh API application's credential. */
	credentials?: ICredentialDataDecryptedObject;
	nodeType?: INodeType;
}

let applications = 0;
let sharedNode: HaloPsaComplete | undefined;

/** The node is built once: its description (every resource's form) takes a while to generate. */
function haloNode(): HaloPsaComplete {
	return (sharedNode ??= new HaloPsaComplete());
}

/** Each run its own API application, so runs never share a rate-limit window. */
function freshCredentials(
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
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

function valueAt(parameters: unknown, path: string): unknown {
	let value = parameters;
	for (const part of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

function isLocator(value: unknown): value is { __rl: true; value: unknown } {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;
}

/** The request's URL below the app URL (`/api/Client/7`); a request to any other host fails the test. */
function relativePath(url: string): string {
	if (!url.startsWith(APP_URL)) throw new Error(`request left the app URL: ${url}`);
	return url.slice(APP_URL.length);
}

/**
 * The context n8n would hand `execute`, and the list of requests sent through it. Each request is
 * recorded as `{ method, path, qs?, body? }`.
 */
export function fakeExecuteFunctions(options: FakeOptions): {
	context: FakeExecuteFunctions;
	requests: SentRequest[];
} {
	const nodeType = options.nodeType ?? haloNode();
	const description = nodeType.description;
	const typeVersion = options.typeVersion ?? 1.1;
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const credentials = freshCredentials(options.credentials);
	const requests: SentRequest[] = [];
	const raw = (itemIndex: number): INodeParameters =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const cache = new Map<number, INodeParameters>();
	const resolved = (itemIndex: number): INodeParameters => {
		let parameters = cache.get(itemIndex);
		if (!parameters) {
			parameters =
				NodeHelpers.getNodeParameters(
					description.properties,
					raw(itemIndex),
					true,
					false,
					{ typeVersion } as INode,
					description,
				) ?? {};
			cache.set(itemIndex, parameters);
		}
		return parameters;
	};
	const node: INode = {
		id: 'unit-node',
		name: 'HaloPSA Complete',
		type: `n8n-nodes-halopsa-complete.${description.name}`,
		typeVersion,
		position: [0, 0],
		parameters: resolved(0),
	};
	const respond: Respond = options.respond ?? (() => ({}));
	function getNodeParameter(
		name: string,
		itemIndex: number,
		...fallback: [unknown?, IGetNodeParameterOptions?]
	): NodeParameterValueType | object {
		let value = valueAt(resolved(itemIndex), name);
		if (value === undefined) {
			if (fallback.length === 0) throw new Error(`Could not get parameter "${name}"`);
			return fallback[0] as NodeParameterValueType;
		}
		if (fallback[1]?.extractValue && isLocator(value)) value = value.value;
		return structuredClone(value) as NodeParameterValueType;
	}
	const assertBinaryData = (itemIndex: number, property: string): IBinaryData => {
		const binary = items[itemIndex].binary?.[property];
		if (!binary) throw new Error(`no binary data in "${property}"`);
		return binary;
	};
	const context: FakeExecuteFunctions = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async <T extends object = ICredentialDataDecryptedObject>() => credentials as T,
		getExecutionCancelSignal: () => undefined,
		getNodeParameter: getNodeParameter as IExecuteFunctions['getNodeParameter'],
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
			assertBinaryData,
			async getBinaryDataBuffer(itemIndex: number, property: string) {
				return Buffer.from(assertBinaryData(itemIndex, property).data, 'base64');
			},
			async prepareBinaryData(
				content: Buffer | NodeJS.ReadableStream,
				fileName?: string,
				mimeType?: string,
			) {
				const data = Buffer.isBuffer(content) ? content.toString('base64') : '';
				return { data, fileName, mimeType: mimeType ?? '' };
			},
		},
	};
	return { context, requests };
}

/** The fake as the full interface a node method's `this` asks for (it implements the members used). */
export function asExecuteFunctions(context: FakeExecuteFunctions): IExecuteFunctions {
	return context as unknown as IExecuteFunctions;
}

/**
 * The client an entry point would make of a context, with plain rules (every request part of one
 * plain operation, any name known): for tests that call the transport directly, whose request
 * functions take a client and nothing else.
 */
export function plainClient<C extends HaloFunctions>(context: C): HaloClient<C> {
	return governedClient(context, {
		operationOf: () => ({
			label: (method: IHttpRequestMethods, path: string) => `${method} /api${path}`,
			resourceNames: () => [],
			preview: false,
		}),
		isKnownName: () => true,
	});
}

/** Runs the node's real `execute` and returns its one output and the requests it sent. */
export async function runNode(
	options: FakeOptions,
): Promise<{ output: INodeExecutionData[]; requests: SentRequest[] }> {
	const nodeType = options.nodeType ?? haloNode();
	const { context, requests } = fakeExecuteFunctions({ ...options, nodeType });
	const output = await nodeType.execute!.call(asExecuteFunctions(context));
	return { output: (output as INodeExecutionData[][])[0], requests };
}

/** A resource locator set "By ID", as a saved workflow holds it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value });

/**
 * The members every fake context shares with the execute fake: the node, the credential, and the
 * request function, whose requests are answered and recorded as fakeExecuteFunctions's.
 */
function sendingMembers(options: Omit<FakeOptions, 'parameters'>): {
	shared: Pick<FakeExecuteFunctions, 'getNode' | 'getCredentials'> & {
		helpers: Pick<FakeExecuteFunctions['helpers'], 'httpRequestWithAuthentication'>;
	};
	requests: SentRequest[];
} {
	const { context, requests } = fakeExecuteFunctions({ ...options, parameters: {} });
	const { getNode, getCredentials, helpers } = context;
	return {
		shared: {
			getNode,
			getCredentials,
			helpers: { httpRequestWithAuthentication: helpers.httpRequestWithAuthentication },
		},
		requests,
	};
}

/** The members of n8n's editor-loader context (ILoadOptionsFunctions) the node's loaders use. */
export type FakeLoadOptionsFunctions = Pick<
	ILoadOptionsFunctions,
	'getNode' | 'getCredentials' | 'getCurrentNodeParameters'
> & {
	helpers: Pick<ILoadOptionsFunctions['helpers'], 'httpRequestWithAuthentication'>;
};

/**
 * The context n8n hands an editor loader of a node whose form holds `current` (its resource,
 * operation, …), and the requests sent through it, answered and recorded as fakeExecuteFunctions's.
 */
export function fakeLoadOptionsFunctions(
	options: Omit<FakeOptions, 'parameters'> & { current: INodeParameters },
): { context: FakeLoadOptionsFunctions; requests: SentRequest[] } {
	const { shared, requests } = sendingMembers(options);
	return { context: { ...shared, getCurrentNodeParameters: () => options.current }, requests };
}

/** The loader fake as the full interface a loader's `this` asks for (it implements the members used). */
export function asLoadOptionsFunctions(context: FakeLoadOptionsFunctions): ILoadOptionsFunctions {
	return context as unknown as ILoadOptionsFunctions;
}

/**
 * The members of n8n's trigger contexts the triggers use: the webhook trigger's methods get
 * IHookFunctions, a poll IPollFunctions, and these members are the same in both.
 */
export type FakeTriggerFunctions = Pick<
	IHookFunctions,
	| 'getNode'
	| 'getNodeParameter'
	| 'getCredentials'
	| 'getMode'
	| 'getWorkflow'
	| 'getWorkflowStaticData'
	| 'getNodeWebhookUrl'
> & {
	helpers: Pick<IHookFunctions['helpers'], 'httpRequestWithAuthentication'>;
};

/**
 * A trigger's context: its `parameters` as saved (read as they are, with the caller's fallback),
 * the credential, and the requests sent through it, answered and recorded as fakeExecuteFunctions's.
 */
export function fakeTriggerFunctions(
	options: Omit<FakeOptions, 'parameters'> & { parameters: INodeParameters },
): { context: FakeTriggerFunctions; requests: SentRequest[] } {
	const { shared, requests } = sendingMembers(options);
	const { parameters } = options;
	const node: INode = {
		id: 'trigger',
		name: 'Halo Trigger',
		type: 'n8n-nodes-halopsa-complete.haloPsaCompleteTrigger',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters,
	};
	return {
		context: {
			...shared,
			getNode: () => node,
			getNodeParameter: (name: string, fallback?: NodeParameterValueType | object) =>
				parameters[name] ?? fallback,
			getMode: () => 'trigger',
			getWorkflow: () => ({ id: 'w1', name: 'W', active: true }),
			getWorkflowStaticData: () => ({}),
			getNodeWebhookUrl: () => 'https://n8n.example/webhook/x',
		},
		requests,
	};
}

/** The trigger fake as the context of the webhook trigger's methods (it implements the members used). */
export function asHookFunctions(context: FakeTriggerFunctions): IHookFunctions {
	return context as unknown as IHookFunctions;
}

/** The trigger fake as the context of a poll (it implements the members used). */
export function asPollFunctions(context: FakeTriggerFunctions): IPollFunctions {
	return context as unknown as IPollFunctions;
}
