// What only the running n8n app shows: its credential test on our credential, and the node in the
// editor (resources offered, "From list" picking a client through Halo's search). Headless
// Chromium from Debian's `chromium` package; the UI part is skipped, with a note, where it is absent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { startSandbox } from '../sandbox/server.mjs';
import { CACHE_DIR } from '../scripts/n8n-env.mjs';
import { N8nSuite, credential, startN8nServer, workflow } from './harness/n8n.mjs';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(CACHE_DIR, 'screenshots');

const sandbox = await startSandbox();
const editorTenant = sandbox.addTenant('editor', { seed: { client: [{ name: 'Acme Ltd' }, { name: 'Bolt Logistics' }, { name: 'Cedar Dental' }] } });
sandbox.addTenant('locked', { knobs: { forbiddenRoutes: ['/api/agent'] } });
const suite = new N8nSuite('editor');
const good = { name: 'HaloPSA sandbox', url: sandbox.url, tenant: 'editor', clientId: 'editor-client', clientSecret: 'editor-secret' };
const credentials = {
	good: credential(good),
	unreachable: credential({ ...good, name: 'unreachable', url: 'http://127.0.0.1:1' }),
	wrongSecret: credential({ ...good, name: 'wrong secret', clientSecret: 'not-the-secret' }),
	wrongTenant: credential({ ...good, name: 'wrong tenant', tenant: 'edit0r' }),
	noPermission: credential({ ...good, name: 'no permission', tenant: 'locked', clientId: 'locked-client', clientSecret: 'locked-secret' }),
	wrongPath: credential({ ...good, name: 'wrong path', url: `${sandbox.url}/halo` }),
	badScope: credential({ ...good, name: 'bad scope', scope: 'admin' }),
	// Hosted on a custom domain (any host but Halo's) with the Tenant left empty: no token URL.
	customNoTenant: credential({ ...good, name: 'custom domain, no tenant', tenant: '' }),
};
const flow = workflow({ name: 'Editor', credential: credentials.good, steps: [{ parameters: { resource: 'client', operation: 'get' } }] });
for (const cred of Object.values(credentials)) suite.add(cred);
suite.add(undefined, flow);

let server;
before(async () => {
	await suite.importAll();
	server = await startN8nServer(suite);
});
after(async () => {
	await server?.stop();
	await sandbox.close();
});

async function credentialTest(cred) {
	return server.rest('POST', '/credentials/test', { credentials: { id: cred.id, name: cred.name, type: cred.type, data: cred.data } });
}

test("n8n's credential test connects with good settings and says what is wrong otherwise", async () => {
	assert.deepEqual(await credentialTest(credentials.good), { status: 'OK', message: 'Connection successful!' });
	const expectations = {
		unreachable: /refused the connection/,
		wrongSecret: /access token: Client authentication failed \(e\.g\., unknown client/,
		wrongTenant: /access token: The request is missing a required parameter, includes an invalid parameter value/,
		noPermission: /^Connected, but the API application lacks permission \(403\)/,
		wrongPath: /access token: Expected JSON response from OAuth2 token endpoint.*Not Found/,
		badScope: /access token: The requested scope is invalid/,
		// n8n drops the error the token URL expression throws: its OAuth2 client only finds no URL,
		// and sends nothing (the form's notice and a workflow run name the Tenant instead).
		customNoTenant: /access token: Expected "accessTokenUri" to exist/,
	};
	for (const [name, pattern] of Object.entries(expectations)) {
		const result = await credentialTest(credentials[name]);
		assert.equal(result.status, 'Error', name);
		assert.match(result.message, pattern, name);
		assert.doesNotMatch(result.message, /not-the-secret|locked-secret|Bearer/, name);
	}
	const tokenCalls = sandbox.tenant('editor').tokenRequests();
	assert.equal(tokenCalls.find((entry) => entry.query.tenant === 'editor').path, '/auth/token');
	assert.deepEqual([...new Set(tokenCalls.map((entry) => entry.query.tenant))].sort(), ['edit0r', 'editor'], 'customNoTenant sent no token request');
});

const haveChromium = existsSync(CHROMIUM);
const needChromium = { skip: haveChromium ? false : 'Debian chromium is not installed (apt-get install chromium)' };

async function withBrowserPage(run) {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
		const [name, value] = server.cookie.split('=');
		await context.addCookies([{ name, value, url: server.url }]);
		await run(await context.newPage());
	} finally {
		await browser.close();
	}
}

test('Credential form: "Enter the Tenant" shows for a custom domain with the Tenant empty, not once it is filled', needChromium, async () => {
	const notice = 'Enter the Tenant: it cannot be read from this URL';
	await withBrowserPage(async (page) => {
		await page.goto(`${server.url}/home/credentials/${credentials.customNoTenant.id}`);
		await page.getByText('HaloPSA URL').first().waitFor({ timeout: 60_000 });
		await page.getByText(notice).waitFor();
		await page.getByText(notice).scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(SCREENSHOTS, 'tenant-notice.png') });
		await page.goto(`${server.url}/home/credentials/${credentials.good.id}`);
		await page.getByText('HaloPSA URL').first().waitFor({ timeout: 60_000 });
		assert.equal(await page.getByText(notice).count(), 0);
	});
});

test('Editor: the node offers every resource, and "From list" finds a client through Halo search', { skip: haveChromium ? false : 'Debian chromium is not installed (apt-get install chromium)' }, async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
		const [name, value] = server.cookie.split('=');
		await context.addCookies([{ name, value, url: server.url }]);
		const page = await context.newPage();
		await page.goto(`${server.url}/workflow/${flow.id}`);
		await page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Halo' }).first().dblclick({ timeout: 60_000 });
		await page.locator('[data-test-id="parameter-input-resource"]').waitFor();

		await page.locator('[data-test-id="parameter-input-resource"]').click();
		const resourceNames = await page.locator('.el-select-dropdown__item:visible').allInnerTexts();
		// n8n itself appends "Custom API Call" for nodes whose credential HTTP Request can use.
		assert.deepEqual(
			resourceNames.map((text) => text.split('\n')[0].trim()).filter((text) => text !== 'Custom API Call'),
			[
				'Action', 'Agent', 'API Request', 'Appointment', 'Asset', 'Attachment', 'Canned Text', 'Category', 'Client', 'Field Info', 'Invoice',
				'Outcome', 'Priority', 'Report', 'Site', 'SLA', 'Team', 'Ticket', 'Ticket Status', 'Ticket Type', 'Timesheet', 'Timesheet Event',
				'To-Do', 'Top Level', 'User', 'Webhook', 'Webhook Event',
			],
		);
		await page.keyboard.press('Escape');

		editorTenant.clearLog();
		await page.locator('[data-test-id="rlc-input"]').click();
		await page.locator('[data-test-id="rlc-item"]').first().waitFor();
		assert.deepEqual(await page.locator('[data-test-id="rlc-item"]').allInnerTexts(), ['Acme Ltd', 'Bolt Logistics', 'Cedar Dental']);
		await page.keyboard.type('Bolt');
		await page.waitForFunction(() => document.querySelectorAll('[data-test-id="rlc-item"]').length === 1);
		assert.deepEqual(await page.locator('[data-test-id="rlc-item"]').allInnerTexts(), ['Bolt Logistics']);
		await page.screenshot({ path: join(SCREENSHOTS, 'from-list-search.png') });
		await page.locator('[data-test-id="rlc-item"]').first().click();
		assert.equal(await page.locator('[data-test-id="rlc-input-container"] input').first().inputValue(), 'Bolt Logistics');

		const searches = editorTenant.apiRequests().filter((request) => request.query.search === 'Bolt');
		assert.equal(searches.length, 1);
		assert.equal(searches[0].path, '/api/Client');
	} finally {
		await browser.close();
	}
});
