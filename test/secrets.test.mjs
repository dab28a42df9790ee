// Halo's secrets in the action node's output, inside real n8n against the sandbox: masked by
// default on every output path (Get, Get Many, a write's answer, API Request, one item of a run
// with Continue On Fail), shown with Include Secrets on. And the documented list of secret fields
// (docs/secrets.md) is the one the code's rule gives over Halo's OpenAPI document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { CaseBook, byId } from './harness/cases.mjs';
import { EXTENSION_DIR } from './harness/n8n.mjs';

const MASK = '********';
const book = await CaseBook.start('secrets');
const step = (parameters, extra = {}) => ({ parameters, ...extra });

const MAILBOX = {
	name: 'Support',
	server: 'outlook.office365.com',
	username: 'support@example.com',
	password: 'imap-pass-1',
	smtppassword: 'smtp-pass-2',
	accesstoken: 'access-token-3',
	refreshtoken: 'refresh-token-4',
	new_google_refresh_token: 'google-refresh-5',
	accesstokenexpirydate: '2026-12-31T00:00:00',
};
const MAILBOX_SECRETS = [
	'password',
	'smtppassword',
	'accesstoken',
	'refreshtoken',
	'new_google_refresh_token',
];
const INTEGRATION = {
	client_id: 'integration-client',
	new_client_secret: 'client-secret-6',
	new_access_token: 'access-token-7',
	new_refresh_token: 'refresh-token-8',
	webhook_username: 'hook',
	new_webhook_password: 'webhook-pass-9',
	token_url: 'https://login.example.com/token',
	token_expiry: '2026-12-31T00:00:00',
};
const INTEGRATION_SECRETS = [
	'new_client_secret',
	'new_access_token',
	'new_refresh_token',
	'new_webhook_password',
];
const mailbox = (operation, extra = {}) => ({
	resource: 'mailbox',
	operation,
	simplify: false,
	...extra,
});
const request = (extra = {}) => ({
	resource: 'customApiCall',
	operation: 'request',
	method: 'GET',
	path: '/IntegrationConfiguration/1',
	...extra,
});
const withMailbox = { seed: { mailbox: [MAILBOX] } };
const withIntegration = { seed: { integrationconfiguration: [INTEGRATION] } };

book.passing('getMasked', {
	...withMailbox,
	steps: step(mailbox('get', { mailboxId: byId(1) })),
});
book.passing('getShown', {
	...withMailbox,
	steps: step(mailbox('get', { mailboxId: byId(1), options: { includeSecrets: true } })),
});
book.passing('getManyMasked', {
	...withMailbox,
	steps: step(mailbox('getMany', { returnAll: true })),
});
book.passing('updateMasked', {
	...withMailbox,
	steps: step(mailbox('update', { mailboxId: byId(1), updateFields: { name: 'Helpdesk' } })),
});
book.passing('continueOnFail', {
	...withMailbox,
	steps: step(mailbox('get', { mailboxId: byId('={{ $json.id }}') }), { continueOnFail: true }),
	items: [{ id: 1 }, { id: 99 }],
});
book.passing('requestMasked', { ...withIntegration, steps: step(request()) });
book.passing('requestShown', {
	...withIntegration,
	steps: step(request({ options: { includeSecrets: true } })),
});
book.passing('requestListMasked', {
	...withIntegration,
	steps: step(request({ path: '/IntegrationConfiguration', returnAll: true })),
});

before(() => book.run());
after(() => book.close());

const output = (name) => book.output(name);
const pick = (record, keys) => Object.fromEntries(keys.map((key) => [key, record[key]]));
const masked = (keys) => Object.fromEntries(keys.map((key) => [key, MASK]));

test('Get on a mailbox: its passwords and tokens are masked, the rest is as Halo sent it', () => {
	const [record] = output('getMasked');
	assert.deepEqual(pick(record, MAILBOX_SECRETS), masked(MAILBOX_SECRETS));
	assert.deepEqual(
		pick(record, ['name', 'server', 'username', 'accesstokenexpirydate']),
		pick(MAILBOX, ['name', 'server', 'username', 'accesstokenexpirydate']),
	);
	// The node masked them, not Halo: the answer carried them.
	assert.equal(book.tenant('getMasked').record('mailbox', 1).password, MAILBOX.password);
});

test('Get with Include Secrets on shows them as Halo sent them, and sends nothing more to Halo', () => {
	const [record] = output('getShown');
	assert.deepEqual(pick(record, MAILBOX_SECRETS), pick(MAILBOX, MAILBOX_SECRETS));
	const [read] = book.api('getShown');
	assert.equal(read.query.includeSecrets, undefined);
});

test('Get Many and a write’s answer (Update) are masked too', () => {
	const [row] = output('getManyMasked');
	assert.deepEqual(pick(row, MAILBOX_SECRETS), masked(MAILBOX_SECRETS));
	const [updated] = output('updateMasked');
	assert.equal(updated.name, 'Helpdesk');
	assert.deepEqual(pick(updated, MAILBOX_SECRETS), masked(MAILBOX_SECRETS));
});

test('Continue On Fail: the good item is masked, the failed one is an error item', () => {
	const items = output('continueOnFail');
	assert.equal(items.length, 2);
	assert.deepEqual(pick(items[0], MAILBOX_SECRETS), masked(MAILBOX_SECRETS));
	assert.match(items[1].error, /not found|99/i);
	assert.ok(!JSON.stringify(items).includes(MAILBOX.password));
});

test('API Request on an integration: client secret, tokens and webhook password masked; shown with Include Secrets', () => {
	const [record] = output('requestMasked');
	assert.deepEqual(pick(record, INTEGRATION_SECRETS), masked(INTEGRATION_SECRETS));
	assert.deepEqual(
		pick(record, ['client_id', 'webhook_username', 'token_url', 'token_expiry']),
		pick(INTEGRATION, ['client_id', 'webhook_username', 'token_url', 'token_expiry']),
	);
	const [shown] = output('requestShown');
	assert.deepEqual(pick(shown, INTEGRATION_SECRETS), pick(INTEGRATION, INTEGRATION_SECRETS));
	const [row] = output('requestListMasked');
	assert.deepEqual(pick(row, INTEGRATION_SECRETS), masked(INTEGRATION_SECRETS));
});

test('docs/secrets.md lists exactly the text fields of Halo’s document the code counts as secrets', () => {
	const require = createRequire(import.meta.url);
	const { isSecretField } = require(
		join(
			EXTENSION_DIR,
			'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/engine/secretFields.js',
		),
	);
	const root = new URL('..', import.meta.url).pathname;
	const index = JSON.parse(readFileSync(join(root, 'schema/halo-index.json'), 'utf8'));
	const fromDocument = new Set();
	for (const types of Object.values(index.schemas))
		for (const name of String(types.string ?? '').split(' '))
			if (name && isSecretField(name)) fromDocument.add(name);
	const page = readFileSync(join(root, 'docs/secrets.md'), 'utf8');
	const table = page.slice(
		page.indexOf('<!-- secret-fields:start -->'),
		page.indexOf('<!-- secret-fields:end -->'),
	);
	const documented = new Set([...table.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]));
	assert.deepEqual([...documented].sort(), [...fromDocument].sort());
	for (const name of ['password', 'smtppassword', 'new_client_secret', 'basic_password'])
		assert.ok(documented.has(name), name);
	for (const name of ['token_expiry', 'token_url', 'password_char_length', 'concurrencyToken'])
		assert.ok(!isSecretField(name), `${name} is not a secret`);
});
