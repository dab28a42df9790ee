// What only the running n8n app shows: its credential test on our credential, and the node in the
// editor (resources offered, "From list" picking a client through Halo's search; issue 8: records
// picked by name in dependent lists, custom fields by label, a failing list showing Halo's words,
// Ticket › Update built and run in the browser). Headless Chromium from Debian's `chromium`
// package; the UI part is skipped, with a note, where it is absent. Screenshots are left in
// node_modules/.cache/halopsa-complete/screenshots as the run's artifacts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { startSandbox } from '../../sandbox/server.mjs';
import { CACHE_DIR } from '../../scripts/n8n-env.mjs';
import { EXTENSION_DIR, N8nSuite, credential, startN8nServer, workflow } from '../harness/n8n.mjs';
import {
	PANEL_TIMES_FILE,
	haveChromium,
	launchBrowser,
	measurePanels,
	ownerPage,
	panelTimesReport,
} from '../harness/panel-timing.mjs';

const SCREENSHOTS = join(CACHE_DIR, 'screenshots');

const sandbox = await startSandbox();
// A small MSP as Halo holds it: ticket types allow some statuses and categories (Halo's
// RequestType allowed_status / allowed_category1), agents belong to teams, users to sites.
const editorSeed = {
	client: [{ name: 'Acme Ltd' }, { name: 'Bolt Logistics' }, { name: 'Cedar Dental' }],
	site: [
		{ name: 'Acme HQ', client_id: 1 },
		{ name: 'Bolt Depot', client_id: 2 },
		{ name: 'Bolt Office', client_id: 2 },
		{ name: 'Cedar Clinic', client_id: 3 },
	],
	users: [
		{ name: 'Ann Archer', client_id: 1, site_id: 1 },
		{ name: 'Ben Brooks', client_id: 2, site_id: 2 },
		{ name: 'Bea Banks', client_id: 2, site_id: 3 },
	],
	team: [{ name: 'Service Desk' }, { name: 'Projects' }],
	agent: [
		{ name: 'Alex Admin', teams: [{ team_id: 1 }] },
		{ name: 'Sam Service', teams: [{ team_id: 1 }] },
		{ name: 'Priya Projects', teams: [{ team_id: 2 }] },
	],
	status: [
		{ id: 1, name: 'New' },
		{ id: 2, name: 'In Progress' },
		{ id: 3, name: 'Waiting on Customer' },
		{ id: 9, name: 'Closed' },
	],
	tickettype: [
		{
			id: 1,
			name: 'Incident',
			allowed_status: [{ status_id: 1 }, { status_id: 2 }, { status_id: 9 }],
		},
		{
			id: 2,
			name: 'Change',
			allowed_status: [{ status_id: 1 }, { status_id: 3 }, { status_id: 9 }],
			allowed_category1: [{ category_id: 2 }],
		},
	],
	category: [
		{ id: 1, value: 'Hardware', type_id: 1 },
		{ id: 2, value: 'Software', type_id: 1 },
		{ id: 3, value: 'Printer', type_id: 2 },
	],
	fieldinfo: [
		{
			id: 11,
			name: 'CFTier',
			label: 'Contract Tier',
			type: 2,
			usage: 1,
			values: [
				{ id: 1, name: 'Silver' },
				{ id: 2, name: 'Gold' },
			],
		},
		{ id: 12, name: 'CFRenewal', label: 'Renewal Date', type: 4, usage: 1 },
		{ id: 21, name: 'CFRegion', label: 'Region', type: 0, usage: 2 },
	],
	tickets: [
		{ summary: 'Printer offline', client_id: 1, tickettype_id: 1, status_id: 1, agent_id: 1 },
		{ summary: 'VPN drops', client_id: 2, tickettype_id: 2, status_id: 3, agent_id: 1 },
	],
};
const editorTenant = sandbox.addTenant('editor', { seed: editorSeed });
// The same data, but Halo fails the status list (500) and refuses the agent list (403).
sandbox.addTenant('broken', {
	seed: editorSeed,
	knobs: {
		failures: [
			{
				method: 'GET',
				route: '/api/status',
				status: 500,
				body: {
					ClassName: 'System.Exception',
					Message: 'Status list is unavailable: database timeout',
				},
			},
			{
				method: 'GET',
				route: '/api/agent',
				status: 403,
				body: 'You do not have permission to view agents',
			},
		],
	},
});
sandbox.addTenant('locked', { knobs: { forbiddenRoutes: ['/api/agent'] } });
const suite = new N8nSuite('editor');
const good = {
	name: 'HaloPSA sandbox',
	url: sandbox.url,
	tenant: 'editor',
	clientId: 'editor-client',
	clientSecret: 'editor-secret',
};
const credentials = {
	good: credential(good),
	unreachable: credential({ ...good, name: 'unreachable', url: 'http://127.0.0.1:1' }),
	wrongSecret: credential({ ...good, name: 'wrong secret', clientSecret: 'not-the-secret' }),
	wrongTenant: credential({ ...good, name: 'wrong tenant', tenant: 'edit0r' }),
	noPermission: credential({
		...good,
		name: 'no permission',
		tenant: 'locked',
		clientId: 'locked-client',
		clientSecret: 'locked-secret',
	}),
	wrongPath: credential({ ...good, name: 'wrong path', url: `${sandbox.url}/halo` }),
	badScope: credential({ ...good, name: 'bad scope', scope: 'admin' }),
	// Hosted on a custom domain (any host but Halo's) with the Tenant left empty: no token URL.
	customNoTenant: credential({ ...good, name: 'custom domain, no tenant', tenant: '' }),
	broken: credential({
		...good,
		name: 'HaloPSA broken lists',
		tenant: 'broken',
		clientId: 'broken-client',
		clientSecret: 'broken-secret',
	}),
};
const flow = workflow({
	name: 'Editor',
	credential: credentials.good,
	steps: [{ parameters: { resource: 'client', operation: 'get' } }],
});
for (const cred of Object.values(credentials)) suite.add(cred);
// n8n's own HaloPSA node, for comparing how quick its panel is (its credential is never called).
const builtinCredential = {
	id: 'credBuiltinHalo01',
	name: "n8n's HaloPSA",
	type: 'haloPSAApi',
	data: {
		hostingType: 'hostedHalo',
		authUrl: `${sandbox.url}/auth`,
		resourceApiUrl: `${sandbox.url}/api`,
		client_id: good.clientId,
		client_secret: good.clientSecret,
		tenant: good.tenant,
		scope: 'admin edit:tickets edit:customers',
	},
};
suite.add(builtinCredential);
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
	return server.rest('POST', '/credentials/test', {
		credentials: { id: cred.id, name: cred.name, type: cred.type, data: cred.data },
	});
}

test("n8n's credential test connects with good settings and says what is wrong otherwise", async () => {
	assert.deepEqual(await credentialTest(credentials.good), {
		status: 'OK',
		message: 'Connection successful!',
	});
	const expectations = {
		unreachable: /refused the connection/,
		wrongSecret: /access token: Client authentication failed \(e\.g\., unknown client/,
		wrongTenant:
			/access token: The request is missing a required parameter, includes an invalid parameter value/,
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
	assert.deepEqual(
		[...new Set(tokenCalls.map((entry) => entry.query.tenant))].sort(),
		['edit0r', 'editor'],
		'customNoTenant sent no token request',
	);
});

const needChromium = {
	skip: haveChromium() ? false : 'Debian chromium is not installed (apt-get install chromium)',
};

async function withBrowserPage(run) {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const browser = await launchBrowser();
	try {
		await run(await ownerPage(browser, server));
	} finally {
		await browser.close();
	}
}

test(
	'Credential form: "Enter the Tenant" shows for a custom domain with the Tenant empty, not once it is filled',
	needChromium,
	async () => {
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
	},
);

test(
	'Editor: the node offers every resource, and "From list" finds a client through Halo search',
	needChromium,
	async () => {
		await withBrowserPage(async (page) => {
			await page.goto(`${server.url}/workflow/${flow.id}`);
			await page
				.locator('[data-test-id="canvas-node"]')
				.filter({ hasText: 'Halo' })
				.first()
				.dblclick({ timeout: 60_000 });
			await page.locator('[data-test-id="parameter-input-resource"]').waitFor();

			// Its choices are read once they are there: a CI run read the list while it still opened.
			await openDropdown(page, page.locator('[data-test-id="parameter-input-resource"]'));
			const resourceNames = await dropdownItems(page);
			// n8n itself appends "Custom API Call" for nodes whose credential HTTP Request can use.
			assert.deepEqual(
				resourceNames
					.map((text) => text.split('\n')[0].trim())
					.filter((text) => text !== 'Custom API Call'),
				[
					'Action',
					'Agent',
					'API Request',
					'Appointment',
					'Asset',
					'Attachment',
					'Canned Text',
					'Category',
					'Client',
					'Field Info',
					'Invoice',
					'Outcome',
					'Priority',
					'Report',
					'Site',
					'SLA',
					'Team',
					'Ticket',
					'Ticket Status',
					'Ticket Type',
					'Timesheet',
					'Timesheet Event',
					'To-Do',
					'Top Level',
					'User',
					'Webhook',
					'Webhook Event',
					// Commercial (issue 10)
					'Charge Rate',
					'Client Prepay',
					'Contract',
					'Contract Schedule',
					'Cost Centre',
					'Currency',
					'Invoice Payment',
					'Item',
					'Item Stock',
					'Purchase Order',
					'Quotation',
					'Recurring Invoice',
					'Sales Order',
					'Supplier',
					'Supplier Contract',
					'Tax',
					// Work and assets (issue 10)
					'Asset Group',
					'Asset Software',
					'Asset Type',
					'Change Calendar',
					'Holiday',
					'Opportunity',
					'Project',
					'Release',
					'Schedule',
					'Service',
					'Service Category',
					'Service Status',
					'Software Licence',
					'Timeslot',
					'Workday',
					// Knowledge and organisation (issue 10).
					'Address',
					'CRM Note',
					'Custom Table',
					'Distribution List',
					'Email Template',
					'External Link',
					'FAQ List',
					'Feedback',
					'Knowledge Base Article',
					'Lookup',
					'Mailbox',
					'Notification',
					'Organisation',
					'Role',
					'Tag',
					'Ticket Template',
					// The editor lists resources by name; families are added as blocks, so sort as it does.
				].sort((a, b) => a.localeCompare(b)),
			);
			await page.keyboard.press('Escape');

			editorTenant.clearLog();
			await page.locator('[data-test-id="rlc-input"]').click();
			await page.locator('[data-test-id="rlc-item"]').first().waitFor();
			assert.deepEqual(await page.locator('[data-test-id="rlc-item"]').allInnerTexts(), [
				'Acme Ltd',
				'Bolt Logistics',
				'Cedar Dental',
			]);
			await page.keyboard.type('Bolt');
			await page.waitForFunction(
				() => document.querySelectorAll('[data-test-id="rlc-item"]').length === 1,
			);
			assert.deepEqual(await page.locator('[data-test-id="rlc-item"]').allInnerTexts(), [
				'Bolt Logistics',
			]);
			await page.screenshot({ path: join(SCREENSHOTS, 'from-list-search.png') });
			await page.locator('[data-test-id="rlc-item"]').first().click();
			assert.equal(
				await page.locator('[data-test-id="rlc-input-container"] input').first().inputValue(),
				'Bolt Logistics',
			);

			const searches = editorTenant
				.apiRequests()
				.filter((request) => request.query.search === 'Bolt');
			assert.equal(searches.length, 1);
			assert.equal(searches[0].path, '/api/Client');
		});
	},
);

// ---- Issue 8: pick records by name -------------------------------------------------------------

const NODE = { name: 'CUSTOM.haloPsaComplete', version: 1.1 };
const rl = (value, mode = 'list') => ({ __rl: true, mode, value: String(value) });

/** What the editor asks n8n for when a dropdown or "From list" opens: n8n's own REST routes. */
async function loader(kind, cred, methodName, path, currentNodeParameters, extra = {}) {
	const route =
		kind === 'options'
			? '/dynamic-node-parameters/options'
			: '/dynamic-node-parameters/resource-locator-results';
	const response = await fetch(`${server.url}/rest${route}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			cookie: server.cookie,
			'browser-id': 'halopsa-complete-tests',
		},
		body: JSON.stringify({
			nodeTypeAndVersion: NODE,
			path: `parameters.${path}`,
			methodName,
			currentNodeParameters,
			credentials: { [cred.type]: { id: cred.id, name: cred.name } },
			...extra,
		}),
	});
	const body = await response.json();
	return { status: response.status, data: body.data, message: body.message };
}
const names = (answer) =>
	(Array.isArray(answer.data) ? answer.data : answer.data.results).map((option) => option.name);
const lastRequest = (tenant, path) =>
	tenant
		.apiRequests()
		.filter((request) => request.path === path)
		.at(-1);

test('Dependent lists: statuses of the chosen ticket type or ticket, sites and users of the chosen client or site, agents of the chosen team, categories of the type', async () => {
	const ticketUpdate = (updateFields, more = {}) => ({
		resource: 'ticket',
		operation: 'update',
		ticketId: rl(''),
		updateFields,
		...more,
	});
	const cred = credentials.good;

	let answer = await loader(
		'options',
		cred,
		'ticketStatusRefOptions',
		'updateFields.status_id',
		ticketUpdate({ tickettype_id: 1, status_id: 1 }),
	);
	assert.deepEqual(names(answer), ['Closed', 'In Progress', 'New']);
	assert.deepEqual(lastRequest(editorTenant, '/api/Status').query, { tickettype_id: '1' });
	// Nothing chosen: every status. The ticket picked in Ticket: the statuses its type allows.
	answer = await loader(
		'options',
		cred,
		'ticketStatusRefOptions',
		'updateFields.status_id',
		ticketUpdate({ status_id: 1 }),
	);
	assert.deepEqual(names(answer), ['Closed', 'In Progress', 'New', 'Waiting on Customer']);
	answer = await loader(
		'options',
		cred,
		'ticketStatusRefOptions',
		'updateFields.status_id',
		ticketUpdate({ status_id: 1 }, { ticketId: rl(2) }),
	);
	assert.deepEqual(names(answer), ['Closed', 'New', 'Waiting on Customer']);
	assert.deepEqual(lastRequest(editorTenant, '/api/Status').query, { ticket_id: '2' });
	// Dropdown values are the ids the field sends.
	assert.deepEqual(answer.data.find((option) => option.name === 'Closed').value, 9);

	answer = await loader(
		'search',
		cred,
		'siteRefSearch',
		'updateFields.site_id',
		ticketUpdate({ client_id: rl(2), site_id: rl('') }),
	);
	assert.deepEqual(names(answer), ['Bolt Depot', 'Bolt Office']);
	assert.equal(lastRequest(editorTenant, '/api/Site').query.client_id, '2');
	answer = await loader(
		'search',
		cred,
		'userRefSearch',
		'updateFields.user_id',
		ticketUpdate({ client_id: 2, site_id: rl(3, 'id'), user_id: rl('') }),
	);
	assert.deepEqual(names(answer), ['Bea Banks']);
	assert.equal(lastRequest(editorTenant, '/api/Users').query.site_id, '3');
	answer = await loader(
		'search',
		cred,
		'agentRefSearch',
		'updateFields.agent_id',
		ticketUpdate({ team_id: 2, agent_id: rl('') }),
	);
	assert.deepEqual(names(answer), ['Priya Projects']);
	// An expression cannot be worked out before the run: the whole list then.
	answer = await loader(
		'search',
		cred,
		'agentRefSearch',
		'updateFields.agent_id',
		ticketUpdate({ team_id: '={{ $json.team }}', agent_id: rl('') }),
	);
	assert.deepEqual(names(answer), ['Alex Admin', 'Sam Service', 'Priya Projects']);
	answer = await loader(
		'options',
		cred,
		'category1RefOptions',
		'updateFields.category_1',
		ticketUpdate({ tickettype_id: 2, category_1: '' }),
	);
	assert.deepEqual(answer.data, [{ name: 'Software', value: 'Software' }]);
	assert.deepEqual(lastRequest(editorTenant, '/api/Category').query, {
		type_id: '1',
		tickettype_id: '2',
	});
	// "From list" searches Halo where the list can be searched.
	answer = await loader(
		'search',
		cred,
		'clientRefSearch',
		'updateFields.client_id',
		ticketUpdate({ client_id: rl('') }),
		{ filter: 'Ced' },
	);
	assert.deepEqual(names(answer), ['Cedar Dental']);
	assert.equal(lastRequest(editorTenant, '/api/Client').query.search, 'Ced');
});

test("Custom fields are offered by label from Halo's field definitions of the resource", async () => {
	const params = {
		resource: 'ticket',
		operation: 'update',
		ticketId: rl(1),
		updateFields: { customFieldValues: { field: [{ field: '', value: '' }] } },
	};
	const answer = await loader(
		'options',
		credentials.good,
		'customFieldOptions',
		'updateFields.customFieldValues.field[0].field',
		params,
	);
	assert.deepEqual(answer.data, [
		{ name: 'Contract Tier', value: 11, description: 'single selection (CFTier)' },
		{ name: 'Renewal Date', value: 12, description: 'date (CFRenewal)' },
	]);
	assert.deepEqual(lastRequest(editorTenant, '/api/FieldInfo').query, {
		typeid: '1',
		includevalues: 'true',
	});
	const clientFields = await loader(
		'options',
		credentials.good,
		'customFieldOptions',
		'updateFields.customFieldValues.field[0].field',
		{ ...params, resource: 'client' },
	);
	assert.deepEqual(names(clientFields), ['Region']);
});

test("A failing list answers with Halo's words, never an empty list", async () => {
	const params = {
		resource: 'ticket',
		operation: 'update',
		ticketId: rl(''),
		updateFields: { status_id: 1, agent_id: rl('') },
	};
	const statuses = await loader(
		'options',
		credentials.broken,
		'ticketStatusRefOptions',
		'updateFields.status_id',
		params,
	);
	assert.notEqual(statuses.status, 200);
	assert.equal(statuses.data, undefined);
	assert.equal(
		statuses.message,
		'HaloPSA had a server error (500): try again later. HaloPSA said: Status list is unavailable: database timeout. Request: GET /api/Status',
	);
	const agents = await loader(
		'search',
		credentials.broken,
		'agentRefSearch',
		'updateFields.agent_id',
		params,
	);
	assert.notEqual(agents.status, 200);
	assert.match(
		agents.message,
		/^HaloPSA refused access \(403\).*HaloPSA said: You do not have permission to view agents\. Request: GET \/api\/Agent$/,
	);
});

/** A new workflow holding only a Manual Trigger, as a user starts one. */
function newWorkflow(name, nodes = [], connections = {}) {
	return server.rest('POST', '/workflows', {
		name,
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes,
		],
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	});
}

const dropdownItems = (page) => page.locator('.el-select-dropdown__item:visible').allInnerTexts();
const pickDropdownItem = (page, text) =>
	page.locator('.el-select-dropdown__item:visible').filter({ hasText: text }).first().click();

/** Waits until an input shows `text` (dropdowns fill in their label once their list has loaded). */
async function waitForValue(input, text, timeoutMs = 30_000) {
	const started = Date.now();
	for (;;) {
		const value = await input.inputValue();
		if (value === text) return;
		if (Date.now() - started > timeoutMs) assert.equal(value, text);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Opens a dropdown and waits for its choices; a dropdown added a moment ago may miss the first click. */
async function openDropdown(page, trigger) {
	const items = page.locator('.el-select-dropdown__item:visible');
	for (let attempt = 0; ; attempt++) {
		await trigger.click();
		try {
			await items.first().waitFor({ timeout: 5_000 });
			return;
		} catch (error) {
			if (attempt === 3) throw error;
		}
	}
}

/**
 * Types into the node creator's search once it is there: keys typed while the panel still opens
 * are lost (a CI run lost enough of "HaloPSA Complete" that nothing matched).
 */
async function searchNodeCreator(page, text) {
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	await search.waitFor({ timeout: 60_000 });
	await search.fill(text);
}

async function addUpdateField(page, label) {
	await page.locator('[data-test-id="collection-parameter-add"]').first().click();
	await pickDropdownItem(page, new RegExp(`^${label}$`));
}

test(
	'Editor: add HaloPSA Complete, set Ticket › Update by picking the ticket, a status, an agent and a custom field by label, and run it',
	needChromium,
	async () => {
		const created = await newWorkflow('Pick by name');
		editorTenant.clearLog();
		await withBrowserPage(async (page) => {
			await page.goto(`${server.url}/workflow/${created.id}`);
			// Add the node as a user does: the + after the trigger, search, then the action.
			await page.locator('[data-test-id="canvas-handle-plus"]').first().click({ timeout: 60_000 });
			await searchNodeCreator(page, 'HaloPSA Complete');
			await page
				.locator('[data-test-id="item-iterator-item"]')
				.filter({ hasText: 'HaloPSA Complete' })
				.first()
				.click();
			await searchNodeCreator(page, 'Update a ticket');
			// Exactly "Update a ticket": "Update a ticket status" and "… type" match the words too, and
			// n8n's ranking of them varies.
			await page
				.locator('[data-test-id="item-iterator-item"]')
				.filter({ has: page.getByText('Update a ticket', { exact: true }) })
				.first()
				.click();
			await page.locator('[data-test-id="node-credentials-select"]').click();
			await pickDropdownItem(page, 'HaloPSA sandbox');

			// The ticket, from the list (Halo's ticket search).
			await page
				.locator('[data-test-id="resource-locator-ticketId"] [data-test-id="rlc-input"]')
				.click();
			await page.locator('[data-test-id="rlc-item"]').first().waitFor();
			assert.deepEqual(await page.locator('[data-test-id="rlc-item"]').allInnerTexts(), [
				'Printer offline',
				'VPN drops',
			]);
			await page.locator('[data-test-id="rlc-item"]').filter({ hasText: 'VPN drops' }).click();

			// A status, from a dropdown of the statuses this ticket's type (Change) allows.
			await addUpdateField(page, 'Status');
			await openDropdown(page, page.locator('[data-test-id="parameter-input-status_id"]'));
			assert.deepEqual(await dropdownItems(page), ['Closed', 'New', 'Waiting on Customer']);
			await pickDropdownItem(page, /^Closed$/);

			// An agent, from the list of agents.
			await addUpdateField(page, 'Agent');
			await page
				.locator('[data-test-id="resource-locator-agent_id"] [data-test-id="rlc-input"]')
				.click();
			await page.locator('[data-test-id="rlc-item"]').first().waitFor();
			assert.deepEqual(await page.locator('[data-test-id="rlc-item"]').allInnerTexts(), [
				'Alex Admin',
				'Sam Service',
				'Priya Projects',
			]);
			await page.locator('[data-test-id="rlc-item"]').filter({ hasText: 'Sam Service' }).click();

			// A custom field, by its label, with a choice's name as its value.
			await addUpdateField(page, 'Custom Fields');
			const custom = page.locator('[data-test-id="fixed-collection-customFieldValues"]');
			await custom.locator('[data-test-id="fixed-collection-add"]').click();
			// n8n names every text input "parameter-input-field"; the first is the field dropdown.
			await openDropdown(page, custom.locator('[data-test-id="parameter-input-field"]').first());
			assert.deepEqual(
				(await dropdownItems(page)).map((text) => text.split('\n')[0]),
				['Contract Tier', 'Renewal Date'],
			);
			await pickDropdownItem(page, 'Contract Tier');
			await custom.locator('[data-test-id="parameter-input-value"] input').first().fill('Gold');

			assert.equal(
				await page
					.locator('[data-test-id="resource-locator-ticketId"] [data-test-id="rlc-input"]')
					.inputValue(),
				'VPN drops',
			);
			assert.equal(
				await page
					.locator('[data-test-id="resource-locator-agent_id"] [data-test-id="rlc-input"]')
					.inputValue(),
				'Sam Service',
			);
			assert.equal(
				await page.locator('[data-test-id="parameter-input-status_id"] input').inputValue(),
				'Closed',
			);
			// The labels name what was picked; "ID" is only where an ID is typed (By ID).
			// A label's text is its name, then the Fixed/Expression switch on lines of their own.
			const labels = (await page.locator('label.n8n-input-label').allInnerTexts()).map((text) =>
				text
					.split('\n')[0]
					.replace(/\*\s*$/, '')
					.trim(),
			);
			for (const label of ['Ticket', 'Status', 'Agent'])
				assert.ok(labels.includes(label), `no "${label}" label in ${JSON.stringify(labels)}`);
			for (const label of ['Ticket ID', 'Status ID', 'Agent ID'])
				assert.ok(!labels.includes(label), `"${label}" still shown: ${JSON.stringify(labels)}`);
			await page.screenshot({ path: join(SCREENSHOTS, 'ticket-update-node-panel.png') });

			await page.locator('[data-test-id="node-execute-button"]').first().click();
			const output = page.locator('[data-test-id="output-panel"]');
			await output.getByText('1 item').waitFor({ timeout: 60_000 });
			await output.locator('[data-test-id="radio-button-json"]').click();
			// The JSON view renders in steps and puts keys and values on lines of their own.
			const expected = ['"summary": "VPN drops"', '"status_id": 9', '"agent_id": 2'];
			let shown = '';
			for (let tries = 0; tries < 40 && !expected.every((text) => shown.includes(text)); tries++) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				shown = (await output.innerText()).replace(/\s+/g, ' ');
			}
			for (const text of expected)
				assert.ok(shown.includes(text), `${text} not in the output panel: ${shown}`);
			await page.screenshot({ path: join(SCREENSHOTS, 'ticket-update-output.png') });
		});
		// What Halo received: one update, with the picked ids and the custom field's id and choice.
		const writes = editorTenant.apiRequests().filter((request) => request.method === 'POST');
		assert.deepEqual(
			writes.map((request) => [request.path, request.body]),
			[
				[
					'/api/Tickets',
					[{ id: 2, agent_id: 2, status_id: 9, customfields: [{ id: 11, value: 2 }] }],
				],
			],
		);
		assert.equal(editorTenant.record('tickets', 2).status_id, 9);
	},
);

test(
	'Editor: a failing list shows Halo\'s words in the dropdown and in "From list"',
	needChromium,
	async () => {
		const halo = {
			id: 'halo',
			name: 'HaloPSA Complete',
			type: 'CUSTOM.haloPsaComplete',
			typeVersion: 1.1,
			position: [220, 0],
			parameters: {
				resource: 'ticket',
				operation: 'update',
				updateFields: { status_id: 1, agent_id: rl('') },
			},
			credentials: {
				[credentials.broken.type]: { id: credentials.broken.id, name: credentials.broken.name },
			},
		};
		const created = await newWorkflow('Broken lists', [halo], {
			Start: { main: [[{ node: 'HaloPSA Complete', type: 'main', index: 0 }]] },
		});
		await withBrowserPage(async (page) => {
			await page.goto(`${server.url}/workflow/${created.id}`);
			await page
				.locator('[data-test-id="canvas-node"]')
				.filter({ hasText: 'HaloPSA' })
				.first()
				.dblclick({ timeout: 60_000 });
			const status = page.locator('[data-test-id="parameter-input-status_id"]');
			await status.locator('input[value="Error fetching options from HaloPSA Complete"]').waitFor();
			await status.locator('[data-test-id="parameter-issues"] span').first().hover();
			const tooltip = page.getByText(
				/There was a problem loading the parameter options from server/,
			);
			await tooltip.waitFor();
			assert.match(
				await tooltip.innerText(),
				/HaloPSA said: Status list is unavailable: database timeout/,
			);
			await page.screenshot({ path: join(SCREENSHOTS, 'failing-dropdown.png') });

			await page
				.locator('[data-test-id="resource-locator-agent_id"] [data-test-id="rlc-input"]')
				.click();
			const error = page.locator('[data-test-id="rlc-error-container"]');
			await error.waitFor();
			const text = await error.innerText();
			assert.match(text, /Could not load list/);
			assert.match(text, /HaloPSA said: You do not have permission to view agents/);
			assert.equal(await page.locator('[data-test-id="rlc-item"]').count(), 0);
			await page.screenshot({ path: join(SCREENSHOTS, 'failing-from-list.png') });
		});
	},
);

test(
	'Editor: a version 1 workflow saved with plain ids (before the pickers) opens with its values and runs unchanged',
	needChromium,
	async () => {
		const saved = {
			id: 'halo',
			name: 'HaloPSA Complete',
			type: 'CUSTOM.haloPsaComplete',
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'ticket',
				operation: 'update',
				ticketId: rl(1, 'id'),
				updateFields: { status_id: 2, agent_id: 3, client_id: '={{ 1 }}' },
			},
			credentials: {
				[credentials.good.type]: { id: credentials.good.id, name: credentials.good.name },
			},
		};
		const created = await newWorkflow('Saved before pickers', [saved], {
			Start: { main: [[{ node: 'HaloPSA Complete', type: 'main', index: 0 }]] },
		});
		editorTenant.clearLog();
		await withBrowserPage(async (page) => {
			await page.goto(`${server.url}/workflow/${created.id}`);
			await page
				.locator('[data-test-id="canvas-node"]')
				.filter({ hasText: 'HaloPSA' })
				.first()
				.dblclick({ timeout: 60_000 });
			await waitForValue(
				page.locator('[data-test-id="parameter-input-status_id"] input'),
				'In Progress',
			);
			assert.equal(
				await page
					.locator('[data-test-id="resource-locator-agent_id"] [data-test-id="rlc-input"]')
					.inputValue(),
				'3',
			);
			await page.screenshot({ path: join(SCREENSHOTS, 'saved-plain-ids.png') });
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			await page
				.locator('[data-test-id="output-panel"]')
				.getByText('1 item')
				.waitFor({ timeout: 60_000 });
		});
		const writes = editorTenant.apiRequests().filter((request) => request.method === 'POST');
		assert.deepEqual(
			writes.map((request) => request.body),
			[[{ id: 1, agent_id: 3, client_id: 1, status_id: 2 }]],
		);
	},
);

// ---- Issue 29: how quick the panel is -----------------------------------------------------------

test(
	"Editor: the panel opens on Ticket › Update and switches to Get Many, this node and n8n's HaloPSA node (times reported)",
	needChromium,
	async (t) => {
		const on = (cred) => ({ [cred.type]: { id: cred.id, name: cred.name } });
		const times = await measurePanels(
			server,
			{ ours: on(credentials.good), builtin: on(builtinCredential) },
			{
				// One round of each node: the times are reported, not asserted, and each round costs
				// about 10 s here. `npm run bench -- --case=5` takes the median of several.
				rounds: 1,
				check: (key, round) => {
					assert.equal(round.openedOperation, 'Update', `${key}: the panel shows Update`);
					assert.equal(round.switchedOperation, 'Get Many', `${key}: switched to Get Many`);
					assert.ok(round.openedProofGone, `${key}: Get Many hides the ticket to update`);
				},
			},
		);
		for (const line of panelTimesReport(times)) t.diagnostic(line);
		writeFileSync(PANEL_TIMES_FILE, `${JSON.stringify(times, null, '\t')}\n`);
		// What n8n serves is what the packed node describes: the measurement sizes the right thing.
		const { HaloPsaComplete } = createRequire(import.meta.url)(
			join(
				EXTENSION_DIR,
				'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/HaloPsaComplete.node.js',
			),
		);
		assert.equal(times.ours.size.parameters, new HaloPsaComplete().description.properties.length);
	},
);
