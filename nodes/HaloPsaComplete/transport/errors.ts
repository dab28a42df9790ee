import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** What a failed HTTP call left behind, stripped of request config, headers and tokens. */
export interface HttpFailure {
	status?: number;
	body?: unknown;
	code?: string;
	message: string;
	retryAfter?: string;
}

interface ErrorLike {
	message?: string;
	code?: string;
	httpCode?: string | number;
	status?: number;
	statusCode?: number;
	response?: { status?: number; statusCode?: number; data?: unknown; body?: unknown; headers?: Record<string, unknown> };
	cause?: unknown;
	error?: unknown;
}

function asErrorLike(value: unknown): ErrorLike {
	return typeof value === 'object' && value !== null ? (value as ErrorLike) : {};
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	return found === undefined ? undefined : String(found[1]);
}

/** n8n wraps axios errors in one or two layers; find the layer that carries the HTTP answer. */
export function readFailure(error: unknown): HttpFailure {
	const layers: ErrorLike[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		const layer = asErrorLike(current);
		layers.push(layer);
		current = layer.cause;
	}
	const withResponse = layers.find((layer) => layer.response);
	const response = withResponse?.response;
	const statusText =
		response?.status ?? response?.statusCode ?? layers.map((l) => l.status ?? l.statusCode ?? Number(l.httpCode)).find((s) => s && !Number.isNaN(s));
	return {
		status: typeof statusText === 'number' && !Number.isNaN(statusText) ? statusText : undefined,
		// axios keeps the body in response.data; n8n's legacy request adapter moves it to `.error`.
		body: response?.data ?? response?.body ?? layers.map((l) => l.error).find((e) => e !== undefined),
		code: layers.map((l) => l.code).find((code) => typeof code === 'string' && /^E[A-Z]+/.test(code)),
		message: layers[0]?.message ?? String(error),
		retryAfter: headerValue(response?.headers, 'retry-after'),
	};
}

function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function modelStateMessages(errors: Record<string, unknown>): string | undefined {
	const lines = Object.entries(errors)
		.filter(([, messages]) => isStringArray(messages) || typeof messages === 'string')
		.map(([field, messages]) => {
			const text = Array.isArray(messages) ? messages.join(' ') : String(messages);
			return field === '' ? text : `${field}: ${text}`;
		});
	return lines.length > 0 ? lines.join('; ') : undefined;
}

/**
 * Halo answers 400 in several shapes (halopsa-api.md §5): a ModelState object keyed by field,
 * ProblemDetails with `errors`, a plain string, .NET exception JSON, or OAuth error JSON.
 */
export function haloMessageFromBody(rawBody: unknown): string | undefined {
	const body = typeof rawBody === 'string' ? tryParseJson(rawBody.trim()) : rawBody;
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return body;
	if (typeof body !== 'object' || Array.isArray(body)) return JSON.stringify(body);
	const record = body as Record<string, unknown>;
	if (typeof record.errors === 'object' && record.errors !== null) {
		const fromErrors = modelStateMessages(record.errors as Record<string, unknown>);
		if (fromErrors) return fromErrors;
	}
	for (const key of ['Message', 'message', 'error_description', 'title', 'error']) {
		if (typeof record[key] === 'string' && record[key] !== '') return record[key] as string;
	}
	return modelStateMessages(record);
}

export interface FailureContext {
	method: string;
	path: string;
	itemIndex?: number;
	/** Plain words for a 404, e.g. "No Client with ID 42 exists". */
	notFound?: string;
}

function plainWords(failure: HttpFailure, context: FailureContext, haloMessage?: string): string {
	const status = failure.status;
	if (status === undefined) {
		return `Could not reach HaloPSA (${failure.code ?? failure.message}): check the credential's URL`;
	}
	if (status === 400) return `HaloPSA rejected the request: ${haloMessage ?? 'Bad Request'}`;
	if (status === 401) {
		return 'HaloPSA did not accept the credentials (401): check the client ID, the client secret and the tenant';
	}
	if (status === 403) {
		return 'HaloPSA refused access (403): the API application lacks permission for this, or the scope does not include it';
	}
	if (status === 404) return `${context.notFound ?? 'HaloPSA found no such record'} (404)`;
	if (status === 429) {
		return 'HaloPSA rate limit reached (429): Halo allows a few hundred requests per rolling 5 minutes; wait and run again';
	}
	if (status >= 500) return `HaloPSA had a server error (${status}): try again later`;
	return `HaloPSA answered ${status}${haloMessage ? `: ${haloMessage}` : ''}`;
}

export function toNodeApiError(node: INode, failure: HttpFailure, context: FailureContext): NodeApiError {
	const haloMessage = haloMessageFromBody(failure.body);
	const message = plainWords(failure, context, haloMessage);
	const detail = haloMessage && !message.includes(haloMessage) ? `HaloPSA said: ${haloMessage}. ` : '';
	const safeResponse: JsonObject = { status: failure.status ?? null, message: haloMessage ?? failure.message };
	return new NodeApiError(node, safeResponse, {
		message,
		description: `${detail}Request: ${context.method} ${context.path}`,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex: context.itemIndex,
	});
}
