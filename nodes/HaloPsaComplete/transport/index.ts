import { sleep } from 'n8n-workflow';
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

/**
 * The one way this package talks to HaloPSA. n8n's OAuth2 support fetches the client-credentials
 * token once, keeps it in the credential store, and on a 401 fetches a new one and retries once.
 */
export async function haloApiRequest(this: HaloFunctions, request: HaloRequest): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	assertTenantKnown(this.getNode(), credentials, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${normaliseAppUrl(String(credentials.url))}/api${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
	};
	for (let attempt = 0; ; attempt++) {
		try {
			return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);
		} catch (error) {
			const failure = readFailure(error);
			if (failure.status === 429 && attempt < RATE_LIMIT_RETRIES) {
				await sleep(waitBeforeRetry(attempt, failure.retryAfter));
				continue;
			}
			throw toNodeApiError(this.getNode(), failure, {
				method: request.method,
				path: `/api${request.path}`,
				itemIndex: request.itemIndex,
				notFound: request.notFound,
			});
		}
	}
}
