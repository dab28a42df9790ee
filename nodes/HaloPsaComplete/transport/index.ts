import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	ICredentialDataDecryptedObject,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import {
	realRunRefusal,
	refusalOf,
	requestEffect,
	requestRulesOf,
	sqlRefusalIn,
} from '../guards/access';
import type { RequestAccess } from '../guards/access';
import { assertTenantKnown } from './credentialCheck';
import { heldAnswer, notePlanned } from '../guards/previewHold';
import { readFailure, toNodeApiError, unreadableAnswer, unreadableError } from './errors';
import type { HttpFailure } from './failure';
import { fileAnswerOptions, readStreamedErrorBody } from './fileAnswer';
import { isRepeatable, transientWait, verdict } from './retry';
import type { Attempt } from './retry';
import { cancellableSleep, limiterFor } from './rateLimiter';
import { requestSignals } from './deadline';
import type { RequestSignals } from './deadline';

export const CREDENTIAL_TYPE = 'haloPsaCompleteOAuth2Api';

export type HaloFunctions =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions
	| ITriggerFunctions;

export interface HaloRequest {
	method: IHttpRequestMethods;
	/** Path below /api, e.g. `/Client/12`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	/** Plain words for a 404 answer. */
	notFound?: string;
	/**
	 * Someone is waiting (the editor's dropdowns and "From list", Halo on a webhook delivery): a 429
	 * fails at once with Halo's words instead of backing off for minutes, and nothing is retried.
	 */
	interactive?: boolean;
	/**
	 * Time (epoch milliseconds) by which the request gives up, whatever it is waiting for: its turn
	 * in the limiter, a retry, or Halo's answer. For callers that must answer someone in time.
	 */
	deadline?: number;
	/** The answer may be a file: resolve to a FileAnswer (stream, headers, status); see ./fileAnswer. */
	fileAnswer?: boolean;
	/** What the request does, as the engine knows it (a report run POSTs but reads); see ./access. */
	access?: RequestAccess;
	/** The input items whose records the request carries, when several (a batch); see ./dryRun. */
	itemIndexes?: number[];
	/** The ids of the records posted: GUIDs (Webhook) or whole numbers (the default); see retry.ts. */
	idType?: 'number' | 'string';
	/**
	 * Halo does something once on this request (helpers/oneShot.ts): it is never sent again after
	 * it may have reached Halo. A body that sets a one-shot flag counts as one whatever this says.
	 */
	oneShot?: boolean;
}

/** A read whose answer arrives garbled is asked again this often (a create never is). */
const MAX_UNREADABLE_RETRIES = 2;

/** Accepts the app URL with or without a trailing slash or `/api`, as users paste it. */
function normaliseAppUrl(url: string): string {
	return url
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api$/i, '')
		.replace(/\/+$/, '');
}

/** Default for the credential's Request Timeout: long enough for Halo's slow reports. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

function timeoutMs(value: unknown): number {
	const seconds = Number(value);
	return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
}

/**
 * Paths are built from validated parts, and this is the last check: a path stays below /api on
 * the credential's host. No scheme or host, no `..` segment, no query string or fragment smuggled
 * in (query parameters travel in `qs`, encoded by n8n).
 */
export function unsafePathReason(path: string): string | undefined {
	if (!path.startsWith('/') || path.startsWith('//')) return 'it must start with a single /';
	if (/[?#\\\s]|%2f|%5c|%3f|%23/i.test(path))
		return 'it may not contain ?, #, \\, spaces or their encodings';
	if (
		path.split('/').some((segment) => segment === '.' || segment === '..' || /^%2e/i.test(segment))
	)
		return 'it may not contain . or .. segments';
	if (/^\/[a-z][a-z0-9+.-]*:/i.test(path)) return 'it may not name a scheme or host';
	return undefined;
}

interface FullResponse {
	body?: unknown;
	statusCode?: number;
}

/** One attempt: Halo's answer, or what the failure left behind (never both). */
async function send(
	this: HaloFunctions,
	options: IHttpRequestOptions,
	fileAnswer: boolean,
): Promise<{ response: FullResponse } | { failure: HttpFailure }> {
	try {
		return {
			response: (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
			)) as FullResponse,
		};
	} catch (error) {
		// A file request's error body is a stream: read Halo's words out of it first.
		if (fileAnswer) await readStreamedErrorBody(error);
		return { failure: readFailure(error) };
	}
}

function cancelSignal(context: HaloFunctions): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/** Refuses a request before it is sent: nothing reaches Halo, the item fails with the reason. */
function refused(
	this: HaloFunctions,
	request: HaloRequest,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(this.getNode(), message, {
		itemIndex: request.itemIndex,
		description,
	});
}

/**
 * The credential's Access Level and Allowed Resources, and the SQL guard, before anything is
 * sent; then, for an item in Preview (Dry Run), a write is noted and held back, answered as Halo
 * would have. A request whose entry point gave no rules is refused: the checks fail closed.
 */
function checkAccess(
	this: HaloFunctions,
	credentials: ICredentialDataDecryptedObject,
	request: HaloRequest,
): { answer: unknown } | undefined {
	const label = `${request.method} /api${request.path}`;
	const rules = requestRulesOf(this);
	const operation = rules?.operationOf(request.itemIndex);
	if (!rules || !operation)
		throw refused.call(
			this,
			request,
			`No access rules came with ${label}: it was not sent`,
			'Every request is checked against the credential’s Access Level and Allowed Resources before it is sent, and this one came without them. This is a fault in the node: please report it.',
		);
	const sql = sqlRefusalIn(request.body, request.qs);
	if (sql)
		throw refused.call(
			this,
			request,
			`${operation.label(request.method, request.path)} was not sent: ${sql}`,
			'HaloPSA runs SQL against its database with the API application’s rights, so only a single read-only SELECT (or WITH … SELECT) statement of Halo’s own data is sent, without comments.',
		);
	const effect = requestEffect(request.method, request.body, request.access);
	const refusal = refusalOf(
		credentials,
		request.method,
		request.path,
		effect,
		operation,
		rules.isKnownName,
	);
	if (refusal) throw refused.call(this, request, refusal.message, refusal.description);
	if (!operation.preview) return undefined;
	const sent = effect === 'read';
	const realRun = sent ? undefined : realRunRefusal(credentials, effect);
	notePlanned(this, {
		method: request.method,
		path: `/api${request.path}`,
		...(request.qs && Object.keys(request.qs).length > 0 ? { query: request.qs } : {}),
		...(request.body !== undefined ? { body: request.body } : {}),
		sent,
		itemIndexes: request.itemIndexes ?? [request.itemIndex!],
		...(realRun ? { realRun } : {}),
	});
	return sent ? undefined : { answer: heldAnswer(request) };
}

/**
 * The one way this package talks to HaloPSA. n8n's OAuth2 support fetches the client-credentials
 * token once, keeps it in the credential store, and on a 401 fetches a new one and retries once.
 * Every request first takes its turn in the API application's rolling-window limiter.
 */
export async function haloApiRequest(this: HaloFunctions, request: HaloRequest): Promise<unknown> {
	const signals = requestSignals(cancelSignal(this), request.deadline);
	try {
		return await requestWithRetries.call(this, request, signals);
	} finally {
		signals.release();
	}
}

async function requestWithRetries(
	this: HaloFunctions,
	request: HaloRequest,
	signals: RequestSignals,
): Promise<unknown> {
	const notInTime = () =>
		new NodeOperationError(
			this.getNode(),
			`HaloPSA did not answer ${request.method} /api${request.path} in time: gave up at the deadline`,
			{ itemIndex: request.itemIndex },
		);
	// Past its deadline a request is not even prepared (reading the credential takes time too).
	if (signals.pastDeadline()) throw notInTime();
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	assertTenantKnown(this.getNode(), credentials, request.itemIndex);
	const unsafe = unsafePathReason(request.path);
	if (unsafe) {
		throw new NodeOperationError(
			this.getNode(),
			`Refused to send a request to "${request.path}": ${unsafe}`,
			{ itemIndex: request.itemIndex },
		);
	}
	const held = checkAccess.call(this, credentials, request);
	if (held) return held.answer;
	const appUrl = normaliseAppUrl(String(credentials.url));
	const signal = signals.signal;
	const limiter = limiterFor(
		appUrl,
		String(credentials.clientId ?? ''),
		credentials.rateLimitRequests,
		credentials.rateLimitWindowSeconds,
	);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${appUrl}/api${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		timeout: Math.max(1, Math.min(timeoutMs(credentials.timeoutSeconds), signals.remainingMs())),
		abortSignal: signal,
		...(request.fileAnswer ? fileAnswerOptions() : {}),
	};
	const context = {
		method: request.method,
		path: `/api${request.path}`,
		itemIndex: request.itemIndex,
		notFound: request.notFound,
	};
	const cancelled = () =>
		signals.pastDeadline()
			? notInTime()
			: new NodeOperationError(
					this.getNode(),
					'Stopped waiting for HaloPSA: the execution was cancelled',
					{ itemIndex: request.itemIndex },
				);
	const attempt: Attempt = {
		rateLimited: 0,
		transient: 0,
		repeatable: isRepeatable(request.method, request.body, request.idType, request.oneShot),
		interactive: request.interactive === true,
	};
	for (;;) {
		const turn = await limiter.take(signal);
		if (!turn) throw cancelled();
		const sent = await send.call(this, options, request.fileAnswer === true);
		limiter.settle(turn);
		// An answer in hand at the deadline is still used; a cancelled execution stops either way.
		if (signals.cancelled() || ('failure' in sent && signals.pastDeadline())) throw cancelled();
		if ('response' in sent) {
			// A file answer is read by the caller, as a stream (see ./fileAnswer).
			if (request.fileAnswer) return sent.response;
			const unreadable = unreadableAnswer(sent.response.body);
			if (unreadable === undefined) return sent.response.body;
			if (
				!attempt.repeatable ||
				attempt.interactive ||
				attempt.transient >= MAX_UNREADABLE_RETRIES
			) {
				throw unreadableError(
					this.getNode(),
					unreadable,
					sent.response.statusCode,
					context,
					attempt.repeatable,
				);
			}
			if (!(await cancellableSleep(transientWait(attempt.transient++), signal))) throw cancelled();
			continue;
		}
		const { failure } = sent;
		// A delete asked again after its answer was lost: "no such record" means the first one worked.
		if (failure.status === 404 && request.method === 'DELETE' && attempt.transient > 0)
			return undefined;
		const next = verdict(failure, attempt);
		if (!next.retry)
			throw toNodeApiError(this.getNode(), failure, {
				...context,
				outcomeUnknown: next.outcomeUnknown,
			});
		if (failure.status === 429) attempt.rateLimited += 1;
		else attempt.transient += 1;
		if (!(await cancellableSleep(next.waitMs, signal))) throw cancelled();
	}
}
