import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { assertTenantKnown } from './credentialCheck';
import { readFailure, toNodeApiError } from './errors';
import { fileAnswerOptions, readStreamedErrorBody } from './fileAnswer';
import { cancellableSleep, limiterFor } from './rateLimiter';

export const CREDENTIAL_TYPE = 'haloPsaCompleteOAuth2Api';

export type HaloFunctions = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

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
	 * Someone is waiting in the editor (dropdowns, "From list"): a 429 fails at once with Halo's
	 * words instead of backing off for minutes.
	 */
	interactive?: boolean;
	/** The answer may be a file: resolve to a FileAnswer (stream, headers, status); see ./fileAnswer. */
	fileAnswer?: boolean;
}

/**
 * Waits before each retry after a 429. Halo's limit is a rolling 5-minute window and it sends no
 * Retry-After header that anyone has seen, so a burst that hit it frees up only as its oldest
 * requests age out: keep trying for about 5 minutes before giving up.
 */
const RATE_LIMIT_BACKOFF_MS = [2_000, 5_000, 15_000, 30_000, 60_000, 60_000, 60_000, 60_000];
const RATE_LIMIT_RETRIES = RATE_LIMIT_BACKOFF_MS.length;
const MAX_RETRY_AFTER_MS = 60_000;

/** Accepts the app URL with or without a trailing slash or `/api`, as users paste it. */
function normaliseAppUrl(url: string): string {
	return url
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api$/i, '')
		.replace(/\/+$/, '');
}

function waitBeforeRetry(attempt: number, retryAfter?: string): number {
	const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
	if (!Number.isNaN(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
	return RATE_LIMIT_BACKOFF_MS[attempt] ?? RATE_LIMIT_BACKOFF_MS[RATE_LIMIT_BACKOFF_MS.length - 1];
}

function cancelSignal(context: HaloFunctions): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/**
 * The one way this package talks to HaloPSA. n8n's OAuth2 support fetches the client-credentials
 * token once, keeps it in the credential store, and on a 401 fetches a new one and retries once.
 * Every request first takes its turn in the API application's rolling-window limiter.
 */
export async function haloApiRequest(this: HaloFunctions, request: HaloRequest): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	assertTenantKnown(this.getNode(), credentials, request.itemIndex);
	const appUrl = normaliseAppUrl(String(credentials.url));
	const signal = cancelSignal(this);
	const limiter = limiterFor(appUrl, String(credentials.clientId ?? ''), credentials.rateLimitRequests, credentials.rateLimitWindowSeconds);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${appUrl}/api${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		abortSignal: signal,
		...(request.fileAnswer ? fileAnswerOptions() : {}),
	};
	const cancelled = () =>
		new NodeOperationError(this.getNode(), 'Stopped waiting for HaloPSA: the execution was cancelled', { itemIndex: request.itemIndex });
	for (let attempt = 0; ; attempt++) {
		const turn = await limiter.take(signal);
		if (!turn) throw cancelled();
		let answer: unknown;
		try {
			answer = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);
		} catch (error) {
			limiter.settle(turn);
			if (request.fileAnswer) await readStreamedErrorBody(error);
			const failure = readFailure(error);
			if (failure.status === 429 && !request.interactive && attempt < RATE_LIMIT_RETRIES) {
				if (!(await cancellableSleep(waitBeforeRetry(attempt, failure.retryAfter), signal))) throw cancelled();
				continue;
			}
			throw toNodeApiError(this.getNode(), failure, {
				method: request.method,
				path: `/api${request.path}`,
				itemIndex: request.itemIndex,
				notFound: request.notFound,
			});
		}
		limiter.settle(turn);
		return answer;
	}
}
