// What needs a running n8n (`n8n start`): the "From list" loaders as the editor calls them, and
// an execution cancelled while it waits on Halo's rate limit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startSandbox } from '../../../sandbox/server.mjs';
import { NODE_TYPE, N8nSuite, credential, startN8nServer, workflow } from '../../harness/n8n.mjs';

const GUID = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sandbox = await startSandbox();
const suite = new N8nSuite('server');
const credentials = {};
function tenant(name, options) {
	sandbox.addTenant(name, options);
	credentials[name] = credential({
		name,
		url: sandbox.url,
		tenant: name,
		clientId: `${name}-client`,
		clientSecret: `${name}-secret`,
	});
	suite.add(credentials[name]);
}
tenant('nocount', {
	seed: { client: Array.from({ length: 120 }, (_, index) => ({ name: `Client ${index + 1}` })) },
	knobs: { omitRecordCount: true },
});
tenant('ignorespaging', {
	seed: { client: Array.from({ length: 120 }, (_, index) => ({ name: `Client ${index + 1}` })) },
	knobs: { omitRecordCount: true, ignorePageNo: true },
});
tenant('guids', {
	seed: {
		webhookevent: Array.from({ length: 120 }, (_, index) => ({
			id: GUID(index + 1),
			webhook_id: GUID(999),
			timestamp: `2026-11-${String((index % 28) + 1).padStart(2, '0')}T10:00:00Z`,
		})),
	},
});
tenant('limited', {
	seed: { client: [{ name: 'Acme' }] },
	knobs: { rateLimit: { max: 1, windowMs: 600_000 } },
});
tenant('slow', {
	seed: { client: [{ name: 'Acme' }, { name: 'Bolt' }] },
	knobs: { rateLimit: { max: 1, windowMs: 600_000 } },
});
const waiting = workflow({
	name: 'Waits on the rate limit',
	credential: credentials.slow,
	items: [{ id: 1 }, { id: 2 }],
	steps: [
		{
			parameters: {
				resource: 'client',
				operation: 'get',
				clientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
		},
	],
});
suite.add(undefined, waiting);

let server;
before(async () => {
	await suite.importAll();
	server = await startN8nServer(suite);
});
after(async () => {
	await server?.stop();
	await sandbox.close();
});

function search(name, resource, { filter, paginationToken } = {}) {
	const cred = credentials[name];
	return server.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
		path: `parameters.${resource}Id`,
		methodName: `${resource}Search`,
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
		currentNodeParameters: { resource, operation: 'get' },
		credentials: { [cred.type]: { id: cred.id, name: cred.name } },
		filter,
		paginationToken,
	});
}

async function allPages(name, resource, options) {
	const pages = [];
	let token;
	do {
		const page = await search(name, resource, { ...options, paginationToken: token });
		pages.push(page.results);
		token = page.paginationToken;
	} while (token && pages.length < 10);
	return pages;
}

test('From list pages on when Halo leaves out record_count, and stops on the short page', async () => {
	const pages = await allPages('nocount', 'client');
	assert.deepEqual(
		pages.map((page) => page.length),
		[50, 50, 20],
	);
	assert.equal(new Set(pages.flat().map((result) => result.value)).size, 120);
	assert.deepEqual(
		sandbox
			.tenant('nocount')
			.apiRequests()
			.map((request) => request.query.page_no),
		['1', '2', '3'],
	);
});

test('From list stops when a list answers the same page again', async () => {
	const pages = await allPages('ignorespaging', 'client');
	assert.deepEqual(
		pages.map((page) => page.length),
		[50, 0],
	);
});

test('From list pages and searches a GUID resource (Webhook Event)', async () => {
	const pages = await allPages('guids', 'webhookEvent');
	assert.deepEqual(
		pages.map((page) => page.length),
		[50, 50, 20],
	);
	assert.equal(pages[0][0].value, GUID(1));
	const found = await search('guids', 'webhookEvent', { filter: '2026-11-03' });
	assert.deepEqual(
		found.results.map((result) => result.value),
		[GUID(3), GUID(31)],
	);
});

test('A 429 in "From list" fails at once with Halo’s words, instead of freezing the editor', async () => {
	await search('limited', 'client');
	const started = Date.now();
	await assert.rejects(search('limited', 'client'), /429|rate limit/i);
	assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
	assert.deepEqual(
		sandbox
			.tenant('limited')
			.apiRequests()
			.map((request) => request.status),
		[200, 429],
	);
});

test('An execution cancelled while it backs off from a 429 stops waiting at once', async () => {
	const run = await server.rest('POST', `/workflows/${waiting.id}/run`, {
		triggerToStartFrom: { name: 'Start' },
	});
	const tenantLog = sandbox.tenant('slow');
	for (
		let waited = 0;
		!tenantLog.apiRequests().some((request) => request.status === 429);
		waited += 100
	) {
		assert.ok(waited < 60_000, 'the second item never met the rate limit');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const stopAsked = Date.now();
	await server.rest('POST', `/executions/${run.executionId}/stop`, {});
	let execution;
	for (;;) {
		execution = await server.rest('GET', `/executions/${run.executionId}`);
		if (
			execution.finished ||
			['canceled', 'error', 'success', 'crashed'].includes(execution.status)
		)
			break;
		assert.ok(Date.now() - stopAsked < 10_000, `still ${execution.status} 10 s after the stop`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	assert.equal(execution.status, 'canceled');
	// The node's backoff (2 s, 5 s, …) would have asked again; cancelled, it never does.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.deepEqual(
		tenantLog.apiRequests().map((request) => request.status),
		[200, 429],
	);
});
