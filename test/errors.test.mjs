// Halo's 400 bodies come in several shapes (halopsa-api.md §5); the user must see Halo's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { EXTENSION_DIR } from './harness/n8n.mjs';

const require = createRequire(import.meta.url);
const { haloMessageFromBody, readFailure } = require(join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/transport/errors.js'));

test('ModelState object keyed by field', () => {
	assert.equal(haloMessageFromBody({ '[0].id': ["The value 'abc' is not valid."] }), "[0].id: The value 'abc' is not valid.");
});

test('ProblemDetails with errors', () => {
	const body = { title: 'One or more validation errors occurred.', status: 400, errors: { '[0].name': ['The name field is required.'] } };
	assert.equal(haloMessageFromBody(body), '[0].name: The name field is required.');
});

test('Plain message, raw or as a JSON string', () => {
	assert.equal(haloMessageFromBody('CODE:APP03/2 Please select the CAB members to approve'), 'CODE:APP03/2 Please select the CAB members to approve');
	assert.equal(haloMessageFromBody('"CODE:APP03/2 Please select the CAB members to approve"'), 'CODE:APP03/2 Please select the CAB members to approve');
});

test('.NET exception JSON and OAuth errors', () => {
	assert.equal(haloMessageFromBody({ ClassName: 'System.Exception', Message: 'Ticket type is closed' }), 'Ticket type is closed');
	assert.equal(haloMessageFromBody('{"ClassName":"System.Exception","Message":"Ticket type is closed"}'), 'Ticket type is closed');
	assert.equal(haloMessageFromBody({ error: 'invalid_request', error_description: "Unknown tenant 'x'" }), "Unknown tenant 'x'");
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
