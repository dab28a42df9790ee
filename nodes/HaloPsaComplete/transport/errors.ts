import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { maskSecretText, maskSecrets } from '../helpers/secrets';
import type { HttpFailure, TokenFailure } from './failure';
import { neverReachedHalo } from './retry';

interface ErrorLike {
	message?: string;
	code?: string;
	httpCode?: string | number;
	status?: number;
	statusCode?: number;
	response?: {
		status?: number;
		statusCode?: number;
		data?: unknown;
		body?: unknown;
		headers?: Record<string, unknown>;
	};
	cause?: unknown;
	error?: unknown;
	body?: unknown;
}

function asErrorLike(value: unknown): ErrorLike {
	return typeof value === 'object' && value !== null ? (value as ErrorLike) : {};
}

function headerValue(
	headers: Record<string, unknown> | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	return found === undefined ? undefined : String(found[1]);
}

// n8n 2.39 (n8n-core requestOAuth2) wraps a failed first token request in an OperationalError
// with this message and the cause below; a failed renewal after a 401 throws the cause bare.
const TOKEN_FAILURE_PREFIX = 'Failed to acquire OAuth2 access token';

/**
 * @n8n/client-oauth2 throws an AuthError (code EAUTH, `body` = the OAuth error JSON) when the
 * token endpoint answers an OAuth error, a ResponseError (code ESTATUS, `status`, `body`) when it
 * answers anything else that is not a token (404, a redirect, a page that is not JSON), and lets
 * axios errors through (no answer at all, or a 5xx).
 */
function readTokenFailure(
	layers: ErrorLike[],
	status: number | undefined,
): TokenFailure | undefined {
	const oauth = layers.find(
		(layer) => layer.code === 'EAUTH' && typeof layer.body === 'object' && layer.body !== null,
	);
	if (oauth) {
		const body = oauth.body as Record<string, unknown>;
		const description =
			typeof body.error_description === 'string' && body.error_description !== ''
				? body.error_description
				: undefined;
		return {
			oauthError: typeof body.error === 'string' ? body.error : 'unknown_error',
			oauthDescription: description,
		};
	}
	const notToken = layers.find(
		(layer) => layer.code === 'ESTATUS' && typeof layer.status === 'number',
	);
	if (notToken) return { status: notToken.status };
	if (!layers.some((layer) => layer.message?.startsWith(TOKEN_FAILURE_PREFIX))) return undefined;
	if (status !== undefined) return { status };
	return { unreachable: true, network: networkCode(layers) };
}

/** Any error code the layers carry (certificate errors have no E prefix), or undefined. */
function networkCode(layers: ErrorLike[]): string | undefined {
	return layers
		.map((layer) => layer.code)
		.find((code): code is string => typeof code === 'string' && code !== '');
}

// Plain words for network error codes. The code itself stays out of the main message: n8n's
// NodeApiError replaces any message that contains one of its common codes with its own generic
// sentence ("The service refused the connection - perhaps it is offline").
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name not found',
	ETIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
	ECONNRESET: 'connection closed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'host unreachable',
};

function networkWords(code: string | undefined): string {
	if (code === undefined) return 'no answer';
	return NETWORK_WORDS[code] ?? code;
}

/** n8n wraps axios errors in one or two layers; find the layer that carries the HTTP answer. */
export function readFailure(error: unknown): HttpFailure {
	const layers: ErrorLike[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		const layer = asErrorLike(current);
		layers.push(layer);
		current = layer.cause;
	}
	const withResponse = layers.find((layer) => layer.response);
	const response = withResponse?.response;
	const statusText =
		response?.status ??
		response?.statusCode ??
		layers
			.map((l) => l.status ?? l.statusCode ?? Number(l.httpCode))
			.find((s) => s && !Number.isNaN(s));
	const status =
		typeof statusText === 'number' && !Number.isNaN(statusText) ? statusText : undefined;
	const code = layers
		.map((l) => l.code)
		.find((candidate) => typeof candidate === 'string' && /^E[A-Z]+/.test(candidate));
	return {
		status,
		// axios keeps the body in response.data; n8n's legacy request adapter moves it to `.error`.
		body:
			response?.data ?? response?.body ?? layers.map((l) => l.error).find((e) => e !== undefined),
		code,
		message: layers[0]?.message ?? String(error),
		retryAfter: headerValue(response?.headers, 'retry-after'),
		token: readTokenFailure(layers, status),
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
 * Halo answers 400 in several shapes (halo-behaviour.md#errors-400): a ModelState object keyed by
 * field, ProblemDetails with `errors`, a plain string, .NET exception JSON, or OAuth error JSON.
 */
export function haloMessageFromBody(rawBody: unknown): string | undefined {
	if (typeof rawBody === 'string' && looksLikeHtml(rawBody)) return htmlGist(rawBody);
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

function looksLikeHtml(text: string): boolean {
	return /^\s*</.test(text);
}

/** A proxy's or server's HTML error page, in a few words: its title, else its text. */
function htmlGist(html: string): string {
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
	const text = (
		title ?? html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
	)
		.replace(/\s+/g, ' ')
		.trim();
	const gist = text.length > 160 ? `${text.slice(0, 157)}…` : text;
	return `an HTML page instead of JSON${gist ? ` ("${gist}")` : ''}`;
}

/**
 * A 2xx answer n8n could not parse reaches us as text: JSON cut short, or an HTML page where
 * JSON belongs. Halo answers JSON or nothing, so either means the answer is lost.
 */
export function unreadableAnswer(body: unknown): string | undefined {
	if (typeof body !== 'string') return undefined;
	if (looksLikeHtml(body)) return htmlGist(body);
	if (/^\s*[[{]/.test(body)) return 'JSON that is cut short or malformed';
	return undefined;
}

export interface FailureContext {
	method: string;
	path: string;
	itemIndex?: number;
	/** Plain words for a 404, e.g. "No Client with ID 42 exists". */
	notFound?: string;
	/** Halo may have done the work, and the request was not sent again (see retry.ts). */
	outcomeUnknown?: boolean;
}

export const OUTCOME_UNKNOWN = 'outcomeUnknown';

/**
 * Set on an error the credential's Allowed Clients gave before anything was sent: a batch so
 * refused is sent again element by element, so that each item gets its own answer.
 */
const REFUSED_BEFORE_SENDING = 'refusedByAllowedClients';

export function markRefusedBeforeSending<E extends NodeApiError | NodeOperationError>(error: E): E {
	error.context[REFUSED_BEFORE_SENDING] = true;
	return error;
}

export function refusedBeforeSending(error: unknown): boolean {
	return (
		(error instanceof NodeApiError || error instanceof NodeOperationError) &&
		error.context[REFUSED_BEFORE_SENDING] === true
	);
}

export const OUTCOME_REASON = 'outcomeReason';

/** Set on an error whose request Halo may have received and acted on (see mayHaveReachedHalo). */
const REACHED_REASON = 'reachedReason';
/** Halo's own words in a failed answer's body, when it had any. */
const HALO_SAID = 'haloSaid';

function outcomeReason(failure: HttpFailure): string {
	return failure.status === undefined
		? `no answer came (${networkWords(failure.code)})`
		: `it answered ${failure.status}`;
}

function outcomeUnknownWords(failure: HttpFailure): string {
	return `HaloPSA may have saved this request, but ${outcomeReason(failure)}. It was not sent again, so that nothing is saved twice: check HaloPSA before running it again`;
}

const CHECK_AUTH_URL = 'check the HaloPSA URL (and the Authorisation Server URL if self-hosted)';

function oauthWords(error: string, description: string | undefined): string {
	if (error === 'invalid_client') {
		return 'HaloPSA does not know this client ID and secret (invalid_client): copy both again from the API application in HaloPSA';
	}
	if (error === 'invalid_scope') {
		return "HaloPSA refused the credential's Scope (invalid_scope): use scopes the API application allows, such as all";
	}
	if (error === 'unauthorized_client' || error === 'unsupported_grant_type') {
		return `HaloPSA does not let this API application sign in with a client secret (${error}): set its Authentication Method to Client ID and Secret (Services)`;
	}
	const said = description ? `: ${description}` : '';
	if (/tenant/i.test(description ?? ''))
		return `HaloPSA refused the tenant (${error}${said}): check the credential's Tenant`;
	return `HaloPSA refused the token request (${error}${said}): check the credential's Tenant, then its Scope`;
}

/** The token request failed: name its cause, and blame the URL only when nothing answered there. */
function tokenWords(token: TokenFailure): string {
	if (token.oauthError !== undefined) return oauthWords(token.oauthError, token.oauthDescription);
	if (token.status !== undefined && token.status >= 500) {
		return `HaloPSA's authorisation server had an error (${token.status}): try again later`;
	}
	if (token.status !== undefined) {
		return `No HaloPSA authorisation server at the token URL (it answered ${token.status} without a token): ${CHECK_AUTH_URL}`;
	}
	return `Could not reach HaloPSA's authorisation server (${networkWords(token.network)}): ${CHECK_AUTH_URL}`;
}

function plainWords(failure: HttpFailure, context: FailureContext, haloMessage?: string): string {
	if (failure.token) return tokenWords(failure.token);
	if (context.outcomeUnknown) return outcomeUnknownWords(failure);
	const status = failure.status;
	if (status === undefined) {
		return `Could not reach HaloPSA (${networkWords(failure.code)}): check the credential's URL`;
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

export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	context: FailureContext,
): NodeApiError {
	// Halo's words are quoted in the error n8n stores and shows: a secret its answer echoed is not.
	const haloMessage = haloMessageFromBody(maskSecrets(failure.body));
	const message = plainWords(failure, context, haloMessage);
	const detail =
		haloMessage && !message.includes(haloMessage) ? `HaloPSA said: ${haloMessage}. ` : '';
	// A token failure's status is the auth server's, not an answer to the API request.
	const apiStatus = failure.token ? undefined : failure.status;
	const code = failure.token
		? failure.token.network
		: apiStatus === undefined
			? failure.code
			: undefined;
	const codeNote = code ? `Error code: ${code}. ` : '';
	const request = `${failure.token ? 'The access token was needed for' : 'Request:'} ${context.method} ${context.path}`;
	const safeResponse: JsonObject = {
		status: apiStatus ?? null,
		message: haloMessage ?? maskSecretText(failure.message),
	};
	const error = new NodeApiError(node, safeResponse, {
		message,
		description: `${detail}${codeNote}${request}`,
		httpCode: apiStatus === undefined ? undefined : String(apiStatus),
		itemIndex: context.itemIndex,
	});
	if (context.outcomeUnknown) {
		error.context[OUTCOME_UNKNOWN] = true;
		error.context[OUTCOME_REASON] = outcomeReason(failure);
	}
	if (mayHaveActed(failure)) error.context[REACHED_REASON] = outcomeReason(failure);
	if (haloMessage !== undefined) error.context[HALO_SAID] = haloMessage;
	return error;
}

/**
 * A failure after which Halo may have done the work: a 5xx or a 408 (Halo may have saved before
 * failing), or no answer on a connection that may have reached it. A 4xx refusal, a 429 and a
 * connection never made (retry.ts, neverReachedHalo) did not.
 */
function mayHaveActed(failure: HttpFailure): boolean {
	if (failure.token) return false;
	if (failure.status === undefined) return !neverReachedHalo(failure.code);
	return failure.status >= 500 || failure.status === 408;
}

/**
 * Why Halo may have done what a failed request asked, in words that follow "but" ("it answered
 * 502", "no answer came (connection closed)"), whether or not the request was sent again before
 * giving up: undefined when Halo answered a refusal, or was never reached.
 */
export function mayHaveReachedHalo(error: unknown): string | undefined {
	const unknown = unknownOutcomeReason(error);
	if (unknown !== undefined) return unknown;
	if (!(error instanceof NodeApiError)) return undefined;
	const reason = error.context[REACHED_REASON];
	return typeof reason === 'string' ? reason : undefined;
}

/** Halo's own words in the answer that failed (its body), if it said any. */
export function haloSaid(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const said = error.context[HALO_SAID];
	return typeof said === 'string' && said.trim() !== '' ? said : undefined;
}

/**
 * Why Halo may have done what a failed request asked (so it must not be sent again), in words
 * that follow "but": undefined when the request certainly changed nothing.
 */
export function unknownOutcomeReason(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError) || error.context[OUTCOME_UNKNOWN] !== true) return undefined;
	return String(error.context[OUTCOME_REASON] ?? 'its answer was lost');
}

/**
 * Halo answered 2xx, but n8n could not read the answer. A read was asked again first; a write was
 * done (Halo said so) but what it saved is unknown, and it is not sent again.
 */
export function unreadableError(
	node: INode,
	what: string,
	status: number | undefined,
	context: FailureContext,
	repeatable: boolean,
): NodeApiError {
	const message = repeatable
		? `HaloPSA's answer could not be read (${what}), several times: try again later`
		: `HaloPSA accepted the request${status ? ` (${status})` : ''}, but its answer could not be read (${what}). It was not sent again, so that nothing is saved twice: check the result in HaloPSA`;
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description: `Request: ${context.method} ${context.path}`,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: context.itemIndex,
	});
	if (!repeatable) {
		error.context[OUTCOME_UNKNOWN] = true;
		error.context[OUTCOME_REASON] = `its answer could not be read (${what})`;
	}
	// Halo answered 2xx: whatever was asked was done, even when the answer was asked again.
	error.context[REACHED_REASON] = `its answer could not be read (${what})`;
	return error;
}
