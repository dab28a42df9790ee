// The credential's hidden Access Token URL expression, for the URLs users paste, evaluated as
// plain JavaScript. test/token.test.mjs has n8n evaluate it and records the token requests it
// makes; test/editor.test.mjs runs n8n's credential test itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { EXTENSION_DIR } from '../harness/n8n.mjs';
import { ENV_DIR } from '../../scripts/n8n-env.mjs';

const require = createRequire(import.meta.url);
const { NodeHelpers } = require(join(ENV_DIR, 'node_modules', 'n8n-workflow'));
const dist = join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete', 'dist');
const { HaloPsaCompleteOAuth2Api } = require(
	join(dist, 'credentials/HaloPsaCompleteOAuth2Api.credentials.js'),
);
const { tenantFromHaloHost } = require(
	join(dist, 'nodes/HaloPsaComplete/transport/credentialCheck.js'),
);

const URL_CASES = [
	[
		{ hosting: 'hosted', url: 'https://acme.halopsa.com', tenant: 'acme' },
		'https://acme.halopsa.com/auth/token?tenant=acme',
	],
	[
		{ hosting: 'hosted', url: 'https://acme.halopsa.com/api/', tenant: '' },
		'https://acme.halopsa.com/auth/token?tenant=acme',
	],
	[
		{ hosting: 'hosted', url: ' https://support.acme-it.co.uk/ ', tenant: 'acmeit' },
		'https://support.acme-it.co.uk/auth/token?tenant=acmeit',
	],
	[
		{ hosting: 'hosted', url: 'https://Acme.HaloITSM.com:443/api', tenant: ' ' },
		'https://Acme.HaloITSM.com:443/auth/token?tenant=acme',
	],
	[
		{ hosting: 'hosted', url: 'https://acme-uat.haloservicedesk.com', tenant: '' },
		'https://acme-uat.haloservicedesk.com/auth/token?tenant=acme-uat',
	],
	[
		{ hosting: 'hosted', url: 'https://support.acme.com', tenant: 'acme & co/1' },
		'https://support.acme.com/auth/token?tenant=acme%20%26%20co%2F1',
	],
	[
		{ hosting: 'selfHosted', url: 'https://halo.example.com/api', authServerUrl: '' },
		'https://halo.example.com/auth/token',
	],
	[
		{
			hosting: 'selfHosted',
			url: 'https://halo.example.com',
			authServerUrl: 'https://login.example.com/auth/',
		},
		'https://login.example.com/auth/token',
	],
	[
		{
			hosting: 'selfHosted',
			url: 'https://halo.example.com',
			authServerUrl: 'https://login.example.com/auth/token',
		},
		'https://login.example.com/auth/token',
	],
];

const properties = new HaloPsaCompleteOAuth2Api().properties;
const tokenUrlBody = properties
	.find((p) => p.name === 'accessTokenUrl')
	.default.replace(/^=\{\{/, '')
	.replace(/\}\}$/, '');
const evaluate = new Function('$self', `return (${tokenUrlBody});`);

test('Token URL: hosted tenants name the tenant; self-hosted may use another auth server', () => {
	for (const [data, expected] of URL_CASES)
		assert.equal(
			evaluate({ tenant: '', authServerUrl: '', ...data }),
			expected,
			JSON.stringify(data),
		);
	// The run-time check reads the tenant from the host the same way.
	assert.equal(tenantFromHaloHost(' https://Acme.HaloITSM.com:443/api'), 'acme');
	assert.equal(tenantFromHaloHost('acme-uat.haloservicedesk.com'), 'acme-uat');
	assert.equal(tenantFromHaloHost('https://user@acme.halopsa.com/'), 'acme');
});

// Only Halo's own domains name the tenant; look-alikes and custom domains do not.
const NOT_HALO_HOSTED = [
	'https://support.acme.com',
	'https://halopsa.com',
	'https://acme.halopsa.com.evil.example',
	'https://acme.notahalopsa.com',
	'http://127.0.0.1:8080',
];

test("Token URL: hosted, Tenant empty, on a host that is not Halo's: no URL (the Tenant is required)", () => {
	for (const url of NOT_HALO_HOSTED) {
		assert.equal(tenantFromHaloHost(url), undefined, `run-time check: ${url}`);
		assert.throws(
			() => evaluate({ hosting: 'hosted', url, tenant: '', authServerUrl: '' }),
			/Enter the Tenant in the HaloPSA credential: it cannot be read from/,
			url,
		);
	}
});

// n8n's own display rules (the credential form uses them): the notice shows exactly when the
// Tenant is needed and empty.
test('The form says "Enter the Tenant" for a hosted custom domain with an empty Tenant, and only then', () => {
	const notice = properties.find((p) => p.name === 'tenantNotice');
	const shown = (values) =>
		NodeHelpers.displayParameter(
			{ hosting: 'hosted', tenant: '', url: '', ...values },
			notice,
			null,
		);
	for (const url of NOT_HALO_HOSTED) assert.equal(shown({ url }), true, url);
	for (const url of [
		'https://acme.halopsa.com',
		' https://Acme.HaloITSM.com:443/api/ ',
		'acme.haloservicedesk.com',
		'',
	])
		assert.equal(shown({ url }), false, url);
	assert.equal(shown({ url: 'https://support.acme.com', tenant: 'acme' }), false);
	assert.equal(shown({ url: 'https://support.acme.com', hosting: 'selfHosted' }), false);
});
