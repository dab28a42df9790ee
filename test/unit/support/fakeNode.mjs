// A stand-in for what n8n hands a node's `execute` (IExecuteFunctions), with the one request
// function mocked: the node runs its real code, from parameters to output items, and each request
// it would send to HaloPSA is recorded and answered by the test. Parameters are resolved as n8n
// resolves them (NodeHelpers.getNodeParameters: defaults filled, hidden ones dropped), so a
// parameter the form would not show is not there either.
import { NodeHelpers } from 'n8n-workflow';

import { HaloPsaComplete } from '../../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { createRequire } from 'node:module';

// The sources require each other as CommonJS (tsx): the guards' own copy, as the node uses it.
const { governedClient } = createRequire(import.meta.url)(
	'../../../nodes/HaloPsaComplete/guards/access.ts',
);

export const APP_URL = 'https://acme.halopsa.com';

/** An answer with its own status and headers (a file download), instead of a JSON body alone. */
export class FullResponse {
	body;
	headers;
	statusCode;
	constructor(body, headers = {}, statusCode = 200) {
		this.body = body;
		this.headers = headers;
		this.statusCode = statusCode;
	}
}

/** An HTTP failure as n8n's request helper throws it (axios-like: status and body in `response`). */
export function httpError(status, body, headers = {}) {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data: body, headers },
	});
}

let applications = 0;
let sharedNode;

/** The node is built once: its description (every resource's form) takes a while to generate. */
function haloNode() {
	return (sharedNode ??= new HaloPsaComplete());
}

/** Each run its own API application, so runs never share a rate-limit window. */
function freshCredentials(extra = {}) {
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

function valueAt(parameters, path) {
	let value = parameters;
	for (const part of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = value[part];
	}
	return value;
}

function isLocator(value) {
	return typeof value === 'object' && value !== null && value.__rl === true;
}

/** The request's URL below the app URL (`/api/Client/7`); a request to any other host fails the test. */
function relativePath(url) {
	if (!url.startsWith(APP_URL)) throw new Error(`request left the app URL: ${url}`);
	return url.slice(APP_URL.length);
}

/**
 * The context n8n would hand `execute`, and the list of requests sent through it. Each request is
 * recorded as `{ method, path, qs?, body? }` (path below the app URL, e.g. `/api/Client/7`).
 *
 * Options:
 * - `parameters`: the node's parameters as a saved workflow holds them; a function of the item
 *   index gives each item its own (as expressions would);
 * - `items`: input items (one empty item by default); `typeVersion` (1.1 by default);
 * - `respond(request, index)`: Halo's answer, as a body, a FullResponse, or a thrown httpError;
 * - `continueOnFail`, `credentials` (merged over a fresh API application's), `nodeType`.
 */
export function fakeExecuteFunctions(options) {
	const nodeType = options.nodeType ?? haloNode();
	const description = nodeType.description;
	const typeVersion = options.typeVersion ?? 1.1;
	const items = options.items ?? [{ json: {} }];
	const credentials = freshCredentials(options.credentials);
	const requests = [];
	const raw = (itemIndex) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const cache = new Map();
	const resolve = (itemIndex) =>
		NodeHelpers.getNodeParameters(
			description.properties,
			raw(itemIndex),
			true,
			false,
			{ typeVersion },
			description,
		) ?? {};
	const resolved = (itemIndex) => {
		if (!cache.has(itemIndex)) cache.set(itemIndex, resolve(itemIndex));
		return cache.get(itemIndex);
	};
	const node = {
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
		getNodeParameter(name, itemIndex, fallback, extra) {
			let value = valueAt(resolved(itemIndex), name);
			if (value === undefined) {
				if (arguments.length < 3) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			if (extra?.extractValue && isLocator(value)) value = value.value;
			return structuredClone(value);
		},
		helpers: {
			async httpRequestWithAuthentication(_credentialType, request) {
				const sent = {
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
			assertBinaryData(itemIndex, property) {
				const binary = items[itemIndex].binary?.[property];
				if (!binary) throw new Error(`no binary data in "${property}"`);
				return binary;
			},
			async getBinaryDataBuffer(itemIndex, property) {
				return Buffer.from(context.helpers.assertBinaryData(itemIndex, property).data, 'base64');
			},
			async prepareBinaryData(content, fileName, mimeType) {
				return { data: content.toString('base64'), fileName, mimeType: mimeType ?? '' };
			},
		},
	};
	return { context, requests };
}

/**
 * The client an entry point would make of a context, with plain rules (every request part of one
 * plain operation, any name known): for tests that call the transport directly, whose request
 * functions take a client and nothing else.
 */
export function plainClient(context) {
	return governedClient(context, {
		operationOf: () => ({
			label: (method, path) => `${method} /api${path}`,
			resourceNames: () => [],
			preview: false,
		}),
		isKnownName: () => true,
	});
}

/** Runs the node's real `execute` and returns its one output and the requests it sent. */
export async function runNode(options) {
	const nodeType = options.nodeType ?? haloNode();
	const { context, requests } = fakeExecuteFunctions({ ...options, nodeType });
	const output = await nodeType.execute.call(context);
	return { output: output[0], requests };
}

/** A resource locator set "By ID", as a saved workflow holds it. */
export const byId = (value) => ({ __rl: true, mode: 'id', value });
