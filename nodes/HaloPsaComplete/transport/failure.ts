/** The shapes a failed call is read into, shared by the error mapping and the retry policy. */

/**
 * Why n8n could not get an access token: the request never reached the API, so the API's status
 * words do not apply. Exactly one of oauthError, status and unreachable is set.
 */
export interface TokenFailure {
	/** OAuth error code the token endpoint answered (invalid_client, invalid_scope, …). */
	oauthError?: string;
	oauthDescription?: string;
	/** Status of a token answer that carried no OAuth error: 404, 5xx, or not JSON. */
	status?: number;
	/** The auth server did not answer: the network error code (ECONNREFUSED, …), if any. */
	network?: string;
	unreachable?: boolean;
}

/** What a failed HTTP call left behind, stripped of request config, headers and tokens. */
export interface HttpFailure {
	status?: number;
	body?: unknown;
	code?: string;
	message: string;
	retryAfter?: string;
	token?: TokenFailure;
}
