// Halo's secrets in the action node's output, inside real n8n against the sandbox: masked by
// default on every output path (Get, Get Many, a write's answer, API Request, one item of a run
// with Continue On Fail), shown with Include Secrets on; found by name, by shape (a token payload
// nested under a name no list gives), by a listed word with a suffix, and by Halo's encryption
// flag on a custom field; absent from n8n's stored execution and from errors. And the documented
// list of secret fields (docs/secrets.md) is the one the code's rule gives over Halo's document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { CaseBook, byId } from '../../harness/cases.mjs';
import { secretSeed } from '../../../sandbox/seed.mjs';
import { EXTENSION_DIR } from '../../harness/n8n.mjs';

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

// Records as sandbox/seed.mjs's secretSeed gives them: a client with an encrypted custom field
// (Door Code), an integration with a token object, a JWT, a token answer kept as JSON text, a
// private key and a Bearer credential in a note, under names no list gives, and the suffixed
// siblings `new_integration_key2` and `new_webhook_signature`.
const SEED = secretSeed();
const [INTEGRATION_2] = SEED.integrationconfiguration;
const [VAULT] = SEED.client;
const DOOR_CODE = VAULT.customfields[0].value;
const withSecretSeed = { seed: SEED };
const client = (extra = {}) => ({
	resource: 'client',
	operation: 'get',
	clientId: byId(1),
	simplify: false,
	...extra,
	options: { includedetails: true, ...extra.options },
});
book.passing('encryptedMasked', { ...withSecretSeed, steps: step(client()) });
book.passing('encryptedShown', {
	...withSecretSeed,
	steps: step(client({ options: { includeSecrets: true } })),
});
book.passing('encryptedByLabel', {
	...withSecretSeed,
	steps: step(client({ options: { customFieldsByLabel: true } })),
});
book.passing('encryptedByLabelShown', {
	...withSecretSeed,
	steps: step(client({ options: { customFieldsByLabel: true, includeSecrets: true } })),
});
book.passing('nestedMasked', { ...withSecretSeed, steps: step(request()) });
book.passing('nestedShown', {
	...withSecretSeed,
	steps: step(request({ options: { includeSecrets: true } })),
});
const [APPLICATION] = SEED.application;
book.passing('applicationMasked', {
	...withSecretSeed,
	steps: step(request({ path: '/Application/1' })),
});
book.passing('applicationShown', {
	...withSecretSeed,
	steps: step(request({ path: '/Application/1', options: { includeSecrets: true } })),
});
// Halo's 400 quoting a token it was sent: the run stops with the error; with Continue On Fail the
// item is an error item. Neither the error nor the stored execution carries the token.
const ECHOED = INTEGRATION_2.identity;
const echo = () => ({
	knobs: {
		failures: [
			{
				method: 'POST',
				route: '/api/integrationconfiguration',
				status: 400,
				body: { ClassName: 'System.Exception', Message: `Token ${ECHOED} is not valid here` },
			},
		],
	},
});
const postIntegration = (extra = {}) =>
	step(
		request({
			method: 'POST',
			path: '/IntegrationConfiguration',
			body: JSON.stringify([{ id: 1, client_id: 'integration-client' }]),
		}),
		extra,
	);
book.failing('errorStops', { ...withSecretSeed, ...echo(), steps: postIntegration() });
book.passing('errorItem', {
	...withSecretSeed,
	...echo(),
	steps: postIntegration({ continueOnFail: true }),
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
			'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/helpers/secretFields.js',
		),
	);
	const root = new URL('../../..', import.meta.url).pathname;
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

const storedExecution = (name) =>
	JSON.stringify(book.batch.results.get(book.cases.get(name).flow.id));
const NESTED_SECRETS = ['connection.value', 'identity', 'signing_certificate'];
const at = (record, path) => path.split('.').reduce((value, key) => value?.[key], record);

test('An encrypted custom field is masked in the customfields array, shown with Include Secrets', () => {
	const [record] = output('encryptedMasked');
	const [door, tier] = record.customfields;
	assert.equal(door.isencrypted, true, 'the sandbox marks the encrypted field as Halo does');
	assert.deepEqual([door.value, tier.value], [MASK, VAULT.customfields[1].value]);
	assert.equal(record.keywords, VAULT.keywords);
	assert.ok(!storedExecution('encryptedMasked').includes(DOOR_CODE));
	const [shown] = output('encryptedShown');
	assert.equal(shown.customfields[0].value, DOOR_CODE);
});

test('Custom Fields by Label: the encrypted field is masked under its label, shown with Include Secrets', () => {
	const [record] = output('encryptedByLabel');
	assert.deepEqual(
		{ door: record['Door Code'], tier: record['Contract Tier'] },
		{ door: MASK, tier: VAULT.customfields[1].value },
	);
	assert.ok(!storedExecution('encryptedByLabel').includes(DOOR_CODE));
	const [shown] = output('encryptedByLabelShown');
	assert.equal(shown['Door Code'], DOOR_CODE);
});

test('Token payloads nested under names no list gives, and suffixed keys, are masked; shown with Include Secrets', () => {
	const [record] = output('nestedMasked');
	for (const path of NESTED_SECRETS) assert.equal(at(record, path), MASK, path);
	assert.equal(record.new_integration_key2, MASK);
	assert.equal(record.new_webhook_signature, MASK);
	assert.deepEqual(JSON.parse(record.last_answer), { access_token: MASK, refresh_token: MASK });
	assert.equal(record.note, `Connected with Authorization: ${MASK} by the setup wizard`);
	// What describes the secrets stays.
	assert.deepEqual(
		pick(record, ['tokenexpiry', 'token_url', 'client_id']),
		pick(INTEGRATION_2, ['tokenexpiry', 'token_url', 'client_id']),
	);
	assert.deepEqual(
		{ ...record.connection, value: undefined },
		{ ...INTEGRATION_2.connection, value: undefined },
	);
	const stored = storedExecution('nestedMasked');
	for (const path of NESTED_SECRETS) assert.ok(!stored.includes(at(INTEGRATION_2, path)), path);
	for (const secret of [INTEGRATION_2.new_integration_key2, INTEGRATION_2.new_webhook_signature])
		assert.ok(!stored.includes(secret), secret);
	const [shown] = output('nestedShown');
	assert.deepEqual(
		pick(shown, [
			'connection',
			'identity',
			'last_answer',
			'signing_certificate',
			'note',
			'new_integration_key2',
			'new_webhook_signature',
		]),
		pick(INTEGRATION_2, [
			'connection',
			'identity',
			'last_answer',
			'signing_certificate',
			'note',
			'new_integration_key2',
			'new_webhook_signature',
		]),
	);
});

test('A token Halo quotes in an error is masked: in the stopped run and in a Continue On Fail item', () => {
	const failed = book.failure('errorStops');
	assert.ok(failed, 'the run stopped with the error');
	const stored = JSON.stringify(failed);
	assert.match(stored, /is not valid here/);
	assert.ok(!stored.includes(ECHOED), 'the stored execution carries no token');
	assert.ok(!book.failureLog('errorStops').includes(ECHOED), "n8n's log carries no token");
	const [item] = output('errorItem');
	assert.match(item.error, /is not valid here/);
	assert.ok(!JSON.stringify(item).includes(ECHOED));
	assert.ok(!storedExecution('errorItem').includes(ECHOED));
	assert.equal(book.api('errorItem').filter((entry) => entry.method === 'POST').length, 1);
});

test("An application's token records: the token (payload, reference) masked, what describes it kept; shown with Include Secrets", () => {
	const [record] = output('applicationMasked');
	const [token] = APPLICATION.tokens;
	assert.deepEqual(record.tokens, [{ ...token, payload: MASK, referenceId: MASK }]);
	assert.equal(record.clientSecret, MASK);
	assert.equal(record.displayName, APPLICATION.displayName);
	const stored = storedExecution('applicationMasked');
	for (const secret of [token.payload, token.referenceId, APPLICATION.clientSecret])
		assert.ok(!stored.includes(secret), secret);
	const [shown] = output('applicationShown');
	assert.deepEqual(shown.tokens, APPLICATION.tokens);
});
