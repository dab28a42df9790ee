// The token request, as n8n itself makes it: n8n evaluates the credential's Access Token URL
// expression and its OAuth2 client calls the result; the sandbox records what arrived. Then token
// failures at run time, as the user sees them (error items through Continue On Fail).
//
// Halo-hosted host names (acme.halopsa.com) cannot resolve here, and the tenant is derived from
// the host name, so this suite's n8n sends plain-HTTP requests for names other than 127.0.0.1
// through an HTTP proxy: the sandbox itself, which serves absolute-form request lines like any
// other. n8n's OAuth2 client and request helpers honour HTTP_PROXY/NO_PROXY (proxy-from-env), so
// the URL n8n derived, host name included, reaches the sandbox unchanged and nothing leaves the
// machine. This exercises n8n's own expression engine and OAuth2 client end to end, which
// evaluating the expression with n8n-workflow's Expression class alone would not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, names } from '../../harness/cases.mjs';

const book = await CaseBook.start('token');
const port = book.sandbox.port;
book.suite.env.HTTP_PROXY = book.sandbox.url;
book.suite.env.NO_PROXY = '127.0.0.1,localhost';

const getMany = { parameters: { resource: 'client', operation: 'getMany', limit: 1 } };
const failSoft = { ...getMany, continueOnFail: true };
const seed = { client: names(1) };

// Token URL per hosting choice.
book.passing('hosted', { seed, steps: getMany });
book.passing('derived', {
	seed,
	credentialFields: { tenant: '', url: `http://Derived.HaloPSA.com:${port}/api/` },
	steps: getMany,
});
book.passing('itsm', {
	seed,
	credentialFields: { tenant: '  ', url: `http://itsm.haloitsm.com:${port}` },
	steps: getMany,
});
book.passing('desk', {
	seed,
	credentialFields: { tenant: '', url: `http://desk.haloservicedesk.com:${port}/` },
	steps: getMany,
});
book.passing('a b&c', { seed, steps: getMany });
book.passing('selfdefault', {
	seed,
	credentialFields: { hosting: 'selfHosted', tenant: '', url: `${book.sandbox.url}/api` },
	steps: getMany,
});
book.passing('selfauth', {
	seed,
	credentialFields: {
		hosting: 'selfHosted',
		tenant: '',
		url: book.sandbox.url,
		authServerUrl: `http://login.example.com:${port}/identity/token`,
	},
	steps: getMany,
});
// A custom domain with an empty Tenant: the tenant cannot be derived.
const customUrl = `http://support.acme.com:${port}`;
book.passing('custom', { seed, credentialFields: { tenant: '', url: customUrl }, steps: failSoft });

// Token failures at run time.
book.passing('wrongsecret', {
	seed,
	credentialFields: { clientSecret: 'not-the-secret' },
	steps: failSoft,
});
book.passing('wrongtenant', {
	seed,
	credentialFields: { tenant: 'nosuchtenant' },
	steps: failSoft,
});
book.passing('badscope', { seed, credentialFields: { scope: 'all admin' }, steps: failSoft });
book.passing('notokenurl', {
	seed,
	credentialFields: {
		hosting: 'selfHosted',
		url: book.sandbox.url,
		authServerUrl: `${book.sandbox.url}/halo/auth`,
	},
	steps: failSoft,
});
book.passing('unreachable', {
	seed,
	credentialFields: {
		hosting: 'selfHosted',
		url: book.sandbox.url,
		authServerUrl: 'http://127.0.0.1:1/auth',
	},
	steps: failSoft,
});

before(() => book.run());
after(() => book.close());

const tokenOf = (name) => book.tenant(name).tokenRequests();
const errorOf = (name) => {
	const items = book.items(name);
	assert.equal(items.length, 1, name);
	assert.deepEqual(items[0].pairedItem, { item: 0 }, name);
	return items[0].json;
};

test('Hosted with a Tenant: POST {url}/auth/token?tenant=…, and the run goes on', () => {
	const [token] = tokenOf('hosted');
	assert.equal(token.host, `127.0.0.1:${port}`);
	assert.equal(token.path, '/auth/token');
	assert.deepEqual(token.query, { tenant: 'hosted' });
	assert.equal(book.output('hosted').length, 1);
});

test('Hosted, Tenant empty, on a Halo address: the tenant is the first part of the host', () => {
	for (const [name, host] of [
		['derived', 'derived.halopsa.com'],
		['itsm', 'itsm.haloitsm.com'],
		['desk', 'desk.haloservicedesk.com'],
	]) {
		const [token] = tokenOf(name);
		assert.equal(token.host.toLowerCase(), `${host}:${port}`, name);
		assert.equal(token.path, '/auth/token', name);
		assert.deepEqual(token.query, { tenant: name }, name);
		assert.equal(book.api(name)[0].path, '/api/Client', name);
		assert.equal(book.output(name).length, 1, name);
	}
});

test('The tenant is URL-encoded in the token URL', () => {
	const [token] = tokenOf('a b&c');
	assert.deepEqual(token.query, { tenant: 'a b&c' });
	assert.equal(token.status, 200);
});

test('Self-hosted: {url}/auth/token without a tenant, or the Authorisation Server URL + /token', () => {
	const [plain] = tokenOf('selfdefault');
	assert.equal(plain.host, `127.0.0.1:${port}`);
	assert.equal(plain.path, '/auth/token');
	assert.deepEqual(plain.query, {});
	const [elsewhere] = tokenOf('selfauth');
	assert.equal(elsewhere.host, `login.example.com:${port}`);
	assert.equal(elsewhere.path, '/identity/token');
	assert.deepEqual(elsewhere.query, {});
	assert.equal(book.output('selfdefault').length, 1);
	assert.equal(book.output('selfauth').length, 1);
});

test('Hosted, Tenant empty, on a custom domain: the run names the Tenant field and the URL, and no token is requested', () => {
	const item = errorOf('custom');
	assert.equal(
		item.error,
		`Enter the Tenant in the HaloPSA credential: it cannot be read from ${customUrl} (only Halo-hosted addresses, *.halopsa.com, *.haloitsm.com and *.haloservicedesk.com, name their tenant)`,
	);
	assert.match(item.description, /Configuration › Integrations › HaloPSA API/);
	assert.equal(tokenOf('custom').length, 0);
	assert.equal(book.api('custom').length, 0);
});

const AUTH_URL_HINT = 'check the HaloPSA URL (and the Authorisation Server URL if self-hosted)';
const TOKEN_FAILURES = {
	wrongsecret: {
		error:
			'HaloPSA does not know this client ID and secret (invalid_client): copy both again from the API application in HaloPSA',
		token: [401, { tenant: 'wrongsecret' }],
	},
	wrongtenant: {
		error:
			"HaloPSA refused the tenant (invalid_request: Unknown tenant 'nosuchtenant'): check the credential's Tenant",
		token: [400, { tenant: 'nosuchtenant' }],
	},
	badscope: {
		error:
			"HaloPSA refused the credential's Scope (invalid_scope): use scopes the API application allows, such as all",
		token: [400, { tenant: 'badscope' }],
	},
	// /halo/auth/token is no auth server: the sandbox answers 404 Not Found (text), logged nowhere.
	notokenurl: {
		error: `No HaloPSA authorisation server at the token URL (it answered 404 without a token): ${AUTH_URL_HINT}`,
	},
	unreachable: {
		error: `Could not reach HaloPSA's authorisation server (connection refused): ${AUTH_URL_HINT}`,
		code: 'ECONNREFUSED',
	},
};

test('Token failures at run time name their cause, never the URL when the URL answered', () => {
	for (const [name, expected] of Object.entries(TOKEN_FAILURES)) {
		const item = errorOf(name);
		assert.equal(item.error, expected.error, name);
		const code = expected.code ? `Error code: ${expected.code}. ` : '';
		assert.equal(
			item.description,
			`Client › Get Many, item 1. ${code}The access token was needed for GET /api/Client`,
			name,
		);
		assert.equal(
			item.httpCode,
			undefined,
			`${name}: the auth server's status is not an API status`,
		);
		const tokens = tokenOf(name);
		if (expected.token) {
			assert.deepEqual(
				tokens.map((token) => [token.status, token.query]),
				[expected.token],
				name,
			);
		} else {
			assert.equal(tokens.length, 0, name);
		}
		assert.equal(book.api(name).length, 0, `${name}: no API request without a token`);
	}
});

test('No client secret or token in any error item', () => {
	const secrets = [
		'not-the-secret',
		...Object.keys(TOKEN_FAILURES)
			.concat('custom')
			.map((name) => book.tenant(name).apps[0].clientSecret),
	];
	for (const name of [...Object.keys(TOKEN_FAILURES), 'custom']) {
		const text = JSON.stringify(book.items(name));
		for (const secret of secrets)
			assert.ok(!text.includes(secret), `${name} shows a client secret`);
		assert.doesNotMatch(text, /Bearer|access_token|client_secret/i, name);
	}
});
