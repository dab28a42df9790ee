import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import type { ClientScope, HaloClient, HaloFunctions, HaloRequest, ScopeRead } from './client';
import { assertTenantKnown } from './credentialCheck';
import {
	markRefusedBeforeSending,
	readFailure,
	toNodeApiError,
	unreadableAnswer,
	unreadableError,
} from './errors';
import type { HttpFailure } from './failure';
import { fileAnswerOptions, readStreamedErrorBody } from './fileAnswer';
import { isRepeatable, transientWait, verdict } from './retry';
import type { Attempt } from './retry';
import { cancellableSleep, limiterFor } from './rateLimiter';
import { requestSignals } from './deadline';
import type { RequestSignals } from './deadline';

export { haloClient, ROWS_BEFORE_SCOPE } from './client';
export type {
	Admission,
	ClientScope,
	HaloClient,
	HaloFunctions,
	HaloRequest,
	ItemPreview,
	Judgement,
	PlannedRequest,
	PreviewHold,
	Refusal,
	RequestAccess,
	RequestEffect,
	RequestRules,
	ScopeRead,
	Visible,
} from './client';

export const CREDENTIAL_TYPE = 'haloPsaCompleteOAuth2Api';

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
	context: HaloFunctions,
	options: IHttpRequestOptions,
	fileAnswer: boolean,
): Promise<{ response: FullResponse } | { failure: HttpFailure }> {
	try {
		return {
			response: (await context.helpers.httpRequestWithAuthentication.call(
				context,
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

/**
 * The run's rules judge the request before anything is sent: the credential's Access Level and
 * Allowed Resources, the SQL guard, and for an item in Preview (Dry Run) the hold, which answers a
 * write as Halo would have. A refused request fails its item with the reason; nothing is sent.
 */
function judged(
	client: HaloClient,
	credentials: ICredentialDataDecryptedObject,
	request: HaloRequest,
): { answer: unknown } | undefined {
	const judgement = client.rules.judge(credentials, request);
	if ('refused' in judgement)
		throw new NodeOperationError(client.context.getNode(), judgement.refused.message, {
			itemIndex: request.itemIndex,
			description: judgement.refused.description,
		});
	return 'held' in judgement ? { answer: judgement.held } : undefined;
}

/**
 * The one way this package talks to HaloPSA. n8n's OAuth2 support fetches the client-credentials
 * token once, keeps it in the credential store, and on a 401 fetches a new one and retries once.
 * Every request first takes its turn in the API application's rolling-window limiter.
 */
export async function haloApiRequest(client: HaloClient, request: HaloRequest): Promise<unknown> {
	const signals = requestSignals(cancelSignal(client.context), request.deadline);
	try {
		return await requestWithRetries(client, request, signals);
	} finally {
		signals.release();
	}
}

async function requestWithRetries(
	client: HaloClient,
	request: HaloRequest,
	signals: RequestSignals,
): Promise<unknown> {
	const context = client.context;
	const notInTime = () =>
		new NodeOperationError(
			context.getNode(),
			`HaloPSA did not answer ${request.method} /api${request.path} in time: gave up at the deadline`,
			{ itemIndex: request.itemIndex },
		);
	// Past its deadline a request is not even prepared (reading the credential takes time too).
	if (signals.pastDeadline()) throw notInTime();
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	assertTenantKnown(context.getNode(), credentials, request.itemIndex);
	const unsafe = unsafePathReason(request.path);
	if (unsafe) {
		throw new NodeOperationError(
			context.getNode(),
			`Refused to send a request to "${request.path}": ${unsafe}`,
			{ itemIndex: request.itemIndex },
		);
	}
	const held = judged(client, credentials, request);
	const scope = client.rules.scope(credentials, request);
	if (scope) {
		const admission = await scope.admit(request, readUnlessMissing(client, request));
		if ('refused' in admission)
			throw markRefusedBeforeSending(
				new NodeOperationError(context.getNode(), admission.refused.message, {
					itemIndex: request.itemIndex,
					description: admission.refused.description,
				}),
			);
		if ('notFound' in admission)
			throw markRefusedBeforeSending(notFoundError(context.getNode(), request));
		if ('answer' in admission) return admission.answer;
		if ('fanOut' in admission) {
			const answers: unknown[] = [];
			for (const part of admission.fanOut) answers.push(await haloApiRequest(client, part));
			return admission.merge(answers);
		}
		request = admission.send;
	}
	if (held) return held.answer;
	const answer = await sendJudged(
		client,
		credentials,
		request,
		signals,
		notInTime,
		scope !== undefined,
	);
	if (!scope || request.method !== 'GET') return answer;
	const visible = await scope.visible(request, answer, readUnlessMissing(client, request));
	if ('notFound' in visible) throw notFoundError(context.getNode(), request);
	return visible.answer;
}

/**
 * The queries a list must be read with under the credential's Allowed Clients, one per allowed
 * client, when no one query narrows it; undefined when one read does. Paged readers read each
 * part as a list of its own and join the rows (one page of each is not a page of the whole).
 */
export async function listParts(
	client: HaloClient,
	request: Pick<HaloRequest, 'path' | 'qs' | 'itemIndex'>,
): Promise<IDataObject[] | undefined> {
	const list: HaloRequest = { method: 'GET', ...request };
	return (await scopeOf(client, list))?.listParts(list);
}

/** The credential's Allowed Clients as they judge this request; undefined when they allow every client. */
async function scopeOf(client: HaloClient, request: HaloRequest): Promise<ClientScope | undefined> {
	return client.rules.scope(await client.context.getCredentials(CREDENTIAL_TYPE), request);
}

/**
 * Under Allowed Clients, learns whose the records items are about to change are, in as few reads
 * as Halo's lists allow (`ticketids`), so that each item's own check reads nothing more.
 */
export async function learnOwners(
	client: HaloClient,
	path: string,
	ids: string[],
	itemIndex: number,
): Promise<void> {
	if (ids.length < 2) return;
	const scope = await scopeOf(client, { method: 'GET', path, itemIndex });
	await scope?.learnOwners(path, ids, readUnlessMissing(client, { itemIndex }));
}

/**
 * A read Allowed Clients make to learn whose a record is, through the same client (judged and
 * scoped), as part of `like`'s item: a record that is not there (or not visible) answers undefined.
 */
export function readUnlessMissing(
	client: HaloClient,
	like: Pick<HaloRequest, 'itemIndex' | 'interactive' | 'deadline'> = {},
): ScopeRead {
	return async (path, qs) =>
		await haloApiRequest(client, {
			method: 'GET',
			path,
			...(qs ? { qs } : {}),
			itemIndex: like.itemIndex,
			access: { effect: 'read' },
			...(like.interactive ? { interactive: true } : {}),
			...(like.deadline !== undefined ? { deadline: like.deadline } : {}),
		}).then(undefined, missingAsUndefined);
}

function missingAsUndefined(error: unknown): Promise<undefined> {
	if (error instanceof NodeApiError && error.httpCode === '404') return Promise.resolve(undefined);
	return Promise.reject(error);
}

/**
 * Under Allowed Clients, a record of another client and a record that does not exist get one
 * answer, word for word (Halo's own words on a 404 are left out, so neither tells the other apart).
 */
function notFoundError(node: INode, request: HaloRequest): NodeApiError {
	return toNodeApiError(
		node,
		{ status: 404, message: 'Not Found' },
		{
			method: request.method,
			path: `/api${request.path}`,
			itemIndex: request.itemIndex,
			notFound: request.notFound,
		},
	);
}

async function sendJudged(
	client: HaloClient,
	credentials: ICredentialDataDecryptedObject,
	request: HaloRequest,
	signals: RequestSignals,
	notInTime: () => NodeOperationError,
	scoped: boolean,
): Promise<unknown> {
	const context = client.context;
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
	const described = {
		method: request.method,
		path: `/api${request.path}`,
		itemIndex: request.itemIndex,
		notFound: request.notFound,
	};
	const cancelled = () =>
		signals.pastDeadline()
			? notInTime()
			: new NodeOperationError(
					context.getNode(),
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
		const sent = await send(context, options, request.fileAnswer === true);
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
					context.getNode(),
					unreadable,
					sent.response.statusCode,
					described,
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
		if (!next.retry && scoped && failure.status === 404)
			throw notFoundError(context.getNode(), request);
		if (!next.retry)
			throw toNodeApiError(context.getNode(), failure, {
				...described,
				outcomeUnknown: next.outcomeUnknown,
			});
		if (failure.status === 429) attempt.rateLimited += 1;
		else attempt.transient += 1;
		if (!(await cancellableSleep(next.waitMs, signal))) throw cancelled();
	}
}
