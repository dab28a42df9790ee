// The credential's hidden Access Token URL expression, for the URLs users paste. (n8n evaluates
// it in every in-n8n test too; test/editor.test.mjs runs n8n's credential test itself.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { EXTENSION_DIR } from './harness/n8n.mjs';

const require = createRequire(import.meta.url);
const dist = join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete', 'dist');
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
	const property = new HaloPsaCompleteOAuth2Api().properties.find((p) => p.name === 'accessTokenUrl');
	const body = property.default.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	const evaluate = new Function('$self', `return (${body});`);
	for (const [data, expected] of URL_CASES) assert.equal(evaluate({ tenant: '', authServerUrl: '', ...data }), expected, JSON.stringify(data));
});

