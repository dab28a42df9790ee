// Halo's 400 bodies come in several shapes (docs/development/halo-behaviour.md#errors-400); the
// user must see Halo's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { EXTENSION_DIR } from '../../harness/n8n.mjs';
import { ENV_DIR } from '../../../scripts/n8n-env.mjs';

const require = createRequire(import.meta.url);
const { haloMessageFromBody, readFailure } = require(
	join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/transport/errors.js'),
);

test('ModelState object keyed by field', () => {
	assert.equal(
		haloMessageFromBody({ '[0].id': ["The value 'abc' is not valid."] }),
		"[0].id: The value 'abc' is not valid.",
	);
});

test('ProblemDetails with errors', () => {
	const body = {
		title: 'One or more validation errors occurred.',
		status: 400,
		errors: { '[0].name': ['The name field is required.'] },
	};
	assert.equal(haloMessageFromBody(body), '[0].name: The name field is required.');
});

test('Plain message, raw or as a JSON string', () => {
	assert.equal(
		haloMessageFromBody('CODE:APP03/2 Please select the CAB members to approve'),
		'CODE:APP03/2 Please select the CAB members to approve',
	);
	assert.equal(
		haloMessageFromBody('"CODE:APP03/2 Please select the CAB members to approve"'),
		'CODE:APP03/2 Please select the CAB members to approve',
	);
});

test('.NET exception JSON and OAuth errors', () => {
	assert.equal(
		haloMessageFromBody({ ClassName: 'System.Exception', Message: 'Ticket type is closed' }),
		'Ticket type is closed',
	);
	assert.equal(
		haloMessageFromBody('{"ClassName":"System.Exception","Message":"Ticket type is closed"}'),
		'Ticket type is closed',
	);
	assert.equal(
		haloMessageFromBody({ error: 'invalid_request', error_description: "Unknown tenant 'x'" }),
		"Unknown tenant 'x'",
	);
	assert.equal(haloMessageFromBody(''), undefined);
});

test('A failure keeps status and body but never the request config or its Authorization header', () => {
	const axiosLike = {
		message: 'Request failed with status code 400',
		config: { headers: { Authorization: 'Bearer secret-token' } },
		response: { status: 400, data: { Message: 'Nope' }, headers: { 'Retry-After': '3' } },
	};
	const failure = readFailure({ message: 'wrapped', cause: axiosLike });
	assert.equal(failure.status, 400);
	assert.deepEqual(failure.body, { Message: 'Nope' });
	assert.equal(failure.retryAfter, '3');
	assert.doesNotMatch(JSON.stringify(failure), /secret-token|Authorization/);
});

// n8n renews a token after a 401 without its "Failed to acquire OAuth2 access token" wrapper:
// the OAuth client's own errors arrive bare, inside n8n's NodeApiError.
test("A token error is read as one, wrapped or bare, and its status is not taken for the API's", () => {
	const { AuthError } = require(join(ENV_DIR, 'node_modules/@n8n/client-oauth2'));
	const { ResponseError } = require(
		join(ENV_DIR, 'node_modules/@n8n/client-oauth2/dist/client-oauth2.js'),
	);
	const bare = readFailure({
		message: 'Client authentication failed',
		cause: new AuthError('Client authentication failed', { error: 'invalid_client' }),
	});
	assert.deepEqual(bare.token, { oauthError: 'invalid_client', oauthDescription: undefined });
	const wrapped = readFailure({
		message: 'Failed to acquire OAuth2 access token: HTTP status 404',
		cause: {
			message: 'Failed to acquire OAuth2 access token: HTTP status 404',
			cause: new ResponseError(404, ''),
		},
	});
	assert.deepEqual(wrapped.token, { status: 404 });
	const apiFailure = readFailure({
		message: 'Request failed with status code 404',
		cause: { response: { status: 404, data: '' } },
	});
	assert.equal(apiFailure.token, undefined);
});
