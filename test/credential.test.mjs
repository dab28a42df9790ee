// The credential: token URL rules, the hidden n8n expression agreeing with them, and the
// credential test's messages, run with n8n's own request helper against the sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { startSandbox } from '../sandbox/server.mjs';
import { EXTENSION_DIR } from './harness/n8n.mjs';
import { ENV_DIR, NODE24 } from '../scripts/n8n-env.mjs';

const require = createRequire(import.meta.url);
const dist = join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete', 'dist');
const { haloTokenUrl } = require(join(dist, 'nodes/HaloPsaComplete/credentialTest.js'));
const { HaloPsaCompleteOAuth2Api } = require(join(dist, 'credentials/HaloPsaCompleteOAuth2Api.credentials.js'));

const URL_CASES = [
	[{ hosting: 'hosted', url: 'https://acme.halopsa.com', tenant: 'acme' }, 'https://acme.halopsa.com/auth/token?tenant=acme'],
	[{ hosting: 'hosted', url: 'https://acme.halopsa.com/api/', tenant: '' }, 'https://acme.halopsa.com/auth/token?tenant=acme'],
	[{ hosting: 'hosted', url: ' https://support.acme-it.co.uk/ ', tenant: 'acmeit' }, 'https://support.acme-it.co.uk/auth/token?tenant=acmeit'],
	[{ hosting: 'selfHosted', url: 'https://halo.example.com/api', authServerUrl: '' }, 'https://halo.example.com/auth/token'],
	[{ hosting: 'selfHosted', url: 'https://halo.example.com', authServerUrl: 'https://login.example.com/auth/' }, 'https://login.example.com/auth/token'],
	[{ hosting: 'selfHosted', url: 'https://halo.example.com', authServerUrl: 'https://login.example.com/auth/token' }, 'https://login.example.com/auth/token'],
];

test('Token URL: hosted tenants name the tenant; self-hosted may use another auth server', () => {
	for (const [data, expected] of URL_CASES) assert.equal(haloTokenUrl(data), expected, JSON.stringify(data));
});

test("The credential's hidden Access Token URL expression follows the same rules", () => {
	const property = new HaloPsaCompleteOAuth2Api().properties.find((p) => p.name === 'accessTokenUrl');
	const body = property.default.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	const evaluate = new Function('$self', `return (${body});`);
	for (const [data, expected] of URL_CASES) assert.equal(evaluate({ tenant: '', authServerUrl: '', ...data }), expected, JSON.stringify(data));
});

let sandbox;
before(async () => {
	sandbox = await startSandbox();
	sandbox.addTenant('acme');
	sandbox.addTenant('locked', { knobs: { forbiddenRoutes: ['/api/agent'] } });
});
after(() => sandbox.close());

async function runCredentialTests(cases) {
	const { stdout } = await promisify(execFile)(NODE24, [
		join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'harness', 'credential-test-runner.cjs'),
		EXTENSION_DIR,
		join(ENV_DIR, 'node_modules'),
		JSON.stringify(cases),
	]);
	return JSON.parse(stdout);
}

test('Credential test tells the user what is wrong', async () => {
	const good = { hosting: 'hosted', url: sandbox.url, tenant: 'acme', clientId: 'acme-client', clientSecret: 'acme-secret', scope: 'all' };
	const results = await runCredentialTests([
		good,
		{ ...good, url: 'http://127.0.0.1:1' },
		{ ...good, clientSecret: 'wrong' },
		{ ...good, tenant: 'acme-typo' },
		{ ...good, tenant: 'locked', clientId: 'locked-client', clientSecret: 'locked-secret' },
		{ ...good, url: `${sandbox.url}/halo` },
		{ ...good, scope: 'admin' },
	]);
	assert.deepEqual(results[0], { status: 'OK', message: 'Connected to HaloPSA as API User' });
	assert.match(results[1].message, /^Cannot reach 127\.0\.0\.1:1 \(ECONNREFUSED\): check the HaloPSA URL$/);
	assert.match(results[2].message, /did not accept the client ID and secret \(invalid_client\)/);
	assert.match(results[3].message, /Unknown tenant 'acme-typo'.*check the Tenant/);
	assert.match(results[4].message, /lacks permission \(403\)/);
	assert.match(results[5].message, /No HaloPSA authorisation server at .*\/halo\/auth\/token \(404\)/);
	assert.match(results[6].message, /invalid_scope/);
	for (const result of results.slice(1)) assert.equal(result.status, 'Error');
	assert.doesNotMatch(JSON.stringify(results), /acme-secret|Bearer/);
});
