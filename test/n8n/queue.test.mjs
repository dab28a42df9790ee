// Issue 12: HaloPSA Complete in n8n's queue mode, for real. The test starts PostgreSQL and Redis
// (Debian's packages), an n8n main and two n8n workers (EXECUTIONS_MODE=queue, all loading the
// packed package) and the sandbox, all on loopback. Workflows are started through main's REST API
// or a production webhook on main; the workers run them. Each worker logs the executions it
// picks up, which says where every execution ran. The cluster has a deadline, and after() stops
// every process and removes its folder (see test/harness/queue.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { startSandbox } from '../../sandbox/server.mjs';
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	tenantCredential,
	nodeOutput,
	workflow,
} from '../harness/n8n.mjs';
import { QueueCluster, queueModeMissing } from '../harness/queue.mjs';
import {
	POLLING_TRIGGER,
	WEBHOOK_TRIGGER,
	haloUser,
	triggerWorkflow,
	waitFor,
} from '../harness/triggers.mjs';

const WORKERS = 2;
/** A real auth server takes a few hundred ms: long enough for processes to race for a token. */
const TOKEN_LATENCY_MS = 300;
/** Processes that may call Halo: main (dropdowns, trigger registration, polls) and the workers. */
const PROCESSES = 1 + WORKERS;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Like the editor test without Chromium: skipped, saying what to install (.ci/run installs both).
const missing = queueModeMissing();
const needs = (options = {}) => ({ ...options, skip: missing ?? false });

const sandbox = await startSandbox();
const cluster = new QueueCluster('queue', { workers: WORKERS, deadlineMs: 9 * 60_000 });

function tenant(name, { seed, knobs, credentialFields = {} } = {}) {
	const halo = sandbox.addTenant(name, { seed, knobs });
	const cred = tenantCredential(sandbox, halo, credentialFields);
	cluster.add(cred);
	return { halo, cred };
}

const getClient = (id) => ({
	parameters: {
		resource: 'client',
		operation: 'get',
		clientId: { __rl: true, mode: 'id', value: String(id) },
	},
});
const getEach = {
	parameters: {
		resource: 'client',
		operation: 'get',
		clientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	},
};
const clients = (count) =>
	Array.from({ length: count }, (_, index) => ({ name: `Client ${index + 1}` }));

// Executions: one-item workflows started together, each reading its own client.
const spread = tenant('spread', {
	seed: { client: clients(8) },
	knobs: { latencyMs: 200, tokenLatencyMs: TOKEN_LATENCY_MS },
});
const spreadFlows = Array.from({ length: 8 }, (_, index) =>
	workflow({
		name: `Read client ${index + 1}`,
		credential: spread.cred,
		steps: [getClient(index + 1)],
	}),
);
cluster.add(undefined, ...spreadFlows);

// The same, on a credential nobody has used or tested yet.
const cold = tenant('cold', {
	seed: { client: clients(8) },
	knobs: { latencyMs: 200, tokenLatencyMs: TOKEN_LATENCY_MS },
});
const coldFlows = Array.from({ length: 8 }, (_, index) =>
	workflow({
		name: `Cold read ${index + 1}`,
		credential: cold.cred,
		steps: [getClient(index + 1)],
	}),
);
cluster.add(undefined, ...coldFlows);

// Tokens: a short token lifetime, and waves of executions more than a lifetime apart.
// Long enough that a wave, even on a busy machine, ends well inside one lifetime.
const TOKEN_LIFETIME_S = 15;
const tokens = tenant('tokens', {
	seed: { client: clients(6) },
	knobs: {
		tokenLifetimeSeconds: TOKEN_LIFETIME_S,
		latencyMs: 50,
		tokenLatencyMs: TOKEN_LATENCY_MS,
	},
});
const waveFlows = Array.from({ length: 6 }, (_, index) =>
	workflow({
		name: `Token wave reader ${index + 1}`,
		credential: tokens.cred,
		items: [{ id: index + 1 }, { id: index + 1 }],
		steps: [getEach],
	}),
);
cluster.add(undefined, ...waveFlows);

// A token revoked in Halo while executions on both workers are using it. Each execution reads
// its own client, so a request's path says which execution, and so which worker, sent it.
const revoked = tenant('revoked', {
	seed: { client: clients(6) },
	knobs: { latencyMs: 150, tokenLatencyMs: TOKEN_LATENCY_MS },
});
const warmUp = workflow({
	name: 'Revoked: first token',
	credential: revoked.cred,
	steps: [getClient(1)],
});
const revokedFlows = Array.from({ length: 6 }, (_, index) =>
	workflow({
		name: `Revoked reader ${index + 1}`,
		credential: revoked.cred,
		items: Array.from({ length: 4 }, () => ({ id: index + 1 })),
		steps: [getEach],
	}),
);
cluster.add(undefined, warmUp, ...revokedFlows);

// The benchmark's rate-limited case (scripts/bench.mjs case 3): 1,000 client creates under a
// rolling 30 requests / 3 s, 10 ms a request. Spread over 10 executions of 100 items, with Batch
// Size 10 so that the 100 requests need the limiter (50 a request would fit one window). The
// credential's limit is per process: 30 / (main + 2 workers) = 10 per 3 s.
const RATE = { max: 30, windowMs: 3000 };
const limited = tenant('limited', {
	knobs: { latencyMs: 10, rateLimit: RATE },
	credentialFields: {
		rateLimitRequests: Math.floor(RATE.max / PROCESSES),
		rateLimitWindowSeconds: RATE.windowMs / 1000,
	},
});
function createRuns(cred, runs, perRun) {
	return Array.from({ length: runs }, (_, run) =>
		workflow({
			name: `Create clients ${run * perRun + 1}-${run * perRun + perRun}`,
			credential: cred,
			items: Array.from({ length: perRun }, (_, index) => ({
				name: `Bench client ${String(run * perRun + index + 1).padStart(4, '0')}`,
			})),
			steps: [
				{
					parameters: {
						resource: 'client',
						operation: 'create',
						name: '={{ $json.name }}',
						options: { batchSize: 10 },
					},
				},
			],
		}),
	);
}
const createFlows = createRuns(limited.cred, 10, 100);
cluster.add(undefined, ...createFlows);
// The same with the credential's limit left at the tenant's: each process allows the whole limit.
const unsized = tenant('unsized', {
	knobs: { latencyMs: 10, rateLimit: RATE },
	credentialFields: { rateLimitRequests: RATE.max, rateLimitWindowSeconds: RATE.windowMs / 1000 },
});
const unsizedFlows = createRuns(unsized.cred, 10, 100);
cluster.add(undefined, ...unsizedFlows);

// A production execution: n8n's Webhook node on main, a ticket created on a worker.
const hooked = tenant('hooked', { seed: { client: clients(1) } });
const WEBHOOK_PATH = `halo-queue-${randomUUID().slice(0, 8)}`;
const webhookFlow = {
	...workflow({ name: 'Webhook creates a ticket', credential: hooked.cred, steps: [] }),
	nodes: [
		{
			id: 'hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: {
				httpMethod: 'POST',
				path: WEBHOOK_PATH,
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: 'halo',
			name: 'Halo',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: {
				resource: 'ticket',
				operation: 'create',
				summary: '={{ $json.body.summary }}',
				additionalFields: { client_id: 1 },
			},
			credentials: { [CREDENTIAL_TYPE]: { id: hooked.cred.id, name: hooked.cred.name } },
		},
	],
	connections: { Webhook: { main: [[{ node: 'Halo', type: 'main', index: 0 }]] } },
};
cluster.add(undefined, webhookFlow);

// The webhook trigger, registered by main, with Halo (the sandbox) delivering to main.
const hooks = tenant('qhooks');
const hookFlow = triggerWorkflow({
	name: 'Queue: tickets logged',
	credential: hooks.cred,
	type: WEBHOOK_TRIGGER,
	parameters: { events: ['ticketLogged'] },
});
cluster.add(undefined, hookFlow);

// The webhook trigger, version 2: catch-up every 6 s, run by main alone.
const CATCH_UP_EVERY_MS = 6_000;
const caught = tenant('qcatch');
const catchFlow = triggerWorkflow({
	name: 'Queue: tickets logged, caught up',
	credential: caught.cred,
	type: WEBHOOK_TRIGGER,
	typeVersion: 2,
	parameters: {
		events: ['ticketLogged'],
		options: { catchUpIntervalMinutes: CATCH_UP_EVERY_MS / 60_000 },
	},
});
cluster.add(undefined, catchFlow);

// The polling trigger, every 15 s (n8n's poll times: one a minute each, at seconds 0, 15, 30, 45).
const POLL_EVERY_MS = 15_000;
const polled = tenant('qpoll', {
	seed: {
		tickets: [
			{
				summary: 'Before activation',
				last_update: new Date(Date.now() - 3_600_000).toISOString().replace(/Z$/, ''),
			},
		],
	},
});
const pollFlow = triggerWorkflow({
	name: 'Queue: tickets new or updated',
	credential: polled.cred,
	type: POLLING_TRIGGER,
	parameters: {
		pollTimes: {
			item: [0, 15, 30, 45].map((second) => ({
				mode: 'custom',
				cronExpression: `${second} * * * * *`,
			})),
		},
		resource: 'tickets',
		event: 'newOrUpdated',
		options: { overlapMinutes: 1 },
	},
});
cluster.add(undefined, pollFlow);

before(
	async () => {
		if (missing) return;
		await cluster.startServices();
		await cluster.importAll();
		await cluster.start();
	},
	{ timeout: 5 * 60_000 },
);
after(async () => {
	await cluster.stop();
	await sandbox.close();
});

/** Runs workflows together through main and waits for them all; answers their executions. */
async function runAll(flows) {
	const ids = await Promise.all(flows.map((flow) => cluster.run(flow)));
	return Promise.all(
		ids.map(async (id) => {
			const execution = await cluster.execution(id);
			return { ...execution, id, on: cluster.ranOn(id) };
		}),
	);
}

const haloOutput = (execution) => (nodeOutput(execution, 'Halo') ?? []).map((item) => item.json);
/** Which worker ran each execution, once it has finished (the start line is logged by then). */
const workersOf = (executions) => executions.map((execution) => cluster.ranOn(execution.id));

test(
	'Workflows using the node run on the workers, both of them, never on main; all on the token main fetched',
	needs(),
	async () => {
		// The user saves the credential and clicks Test: main fetches the token and stores it.
		await testCredential(spread.cred);
		assert.equal(spread.halo.tokenRequests().length, 1);
		const executions = await runAll(spreadFlows);
		executions.forEach((execution, index) => {
			assert.equal(
				execution.status,
				'success',
				`${spreadFlows[index].name}: ${JSON.stringify(execution.data?.resultData?.error)}`,
			);
			assert.deepEqual(
				haloOutput(execution).map((client) => client.name),
				[`Client ${index + 1}`],
			);
		});
		const on = workersOf(executions);
		assert.ok(
			on.every((label) => /^worker\d$/.test(label)),
			`ran on ${on.join(', ')}`,
		);
		assert.deepEqual([...new Set(on)].sort(), ['worker1', 'worker2'], `ran on ${on.join(', ')}`);
		// Halo received each read once, all with the token main fetched.
		const issued = spread.halo.tokenRequests();
		assert.equal(issued.length, 1, `token requests: ${JSON.stringify(issued)}`);
		const reads = spread.halo.apiRequests().filter((request) => request.path !== '/api/Agent/me');
		assert.deepEqual(
			reads.map((request) => request.path).sort(),
			spreadFlows.map((_, index) => `/api/Client/${index + 1}`).sort(),
		);
		assert.deepEqual([...new Set(reads.map((request) => request.token))], [issued[0].issued]);
	},
);

test(
	'A credential never used nor tested, first used by executions starting together on both workers',
	needs(),
	async () => {
		const first = await runAll(coldFlows);
		for (const execution of first)
			assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error));
		const coldTokens = cold.halo.tokenRequests().length;
		process.stdout.write(
			`# cold start: ${coldTokens} token requests for ${coldFlows.length} executions started together on ${[...new Set(workersOf(first))].join(' and ')}\n`,
		);
		// n8n fetches a credential's first token without its cross-process lock: executions that
		// start at the same moment may each fetch one. The last one stored is then everyone's.
		assert.ok(coldTokens >= 1 && coldTokens <= coldFlows.length);
		const again = await runAll(coldFlows);
		for (const execution of again) assert.equal(execution.status, 'success');
		assert.equal(
			cold.halo.tokenRequests().length,
			coldTokens,
			'a second wave fetched another token',
		);
		const secondWave = cold.halo.apiRequests().slice(-coldFlows.length);
		assert.equal(new Set(secondWave.map((request) => request.token)).size, 1);
	},
);

/** n8n's credential test on main, as the user runs it after saving (it stores the token it fetched). */
async function testCredential(cred) {
	const tested = await cluster.rest('POST', '/credentials/test', {
		credentials: { id: cred.id, name: cred.name, type: cred.type, data: cred.data },
	});
	assert.equal(tested.status, 'OK', JSON.stringify(tested));
}

test('A token revoked in Halo is replaced once, not once per worker', needs(), async () => {
	const [first] = await runAll([warmUp]);
	assert.equal(first.status, 'success');
	assert.equal(revoked.halo.tokenRequests().length, 1);
	const before = revoked.halo.apiRequests().length;
	// Revoked after 6 more requests: executions on both workers are mid-run.
	revoked.halo.knobs.expireTokensAfterRequests = 6;
	const executions = await runAll(revokedFlows);
	executions.forEach((execution, index) => {
		assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error));
		assert.deepEqual(
			haloOutput(execution).map((client) => client.name),
			Array(4).fill(`Client ${index + 1}`),
		);
	});
	const issued = revoked.halo.tokenRequests();
	assert.equal(issued.length, 2, `token requests: ${JSON.stringify(issued)}`);
	const during = revoked.halo.apiRequests().slice(before);
	const workerOfPath = new Map(
		revokedFlows.map((_, index) => [`/api/Client/${index + 1}`, executions[index].on]),
	);
	const refused = during.filter((request) => request.status === 401);
	const refusedOn = [...new Set(refused.map((request) => workerOfPath.get(request.path)))].sort();
	// Both workers were mid-run and met the revoked token; still one of them fetched a new one,
	// and the other used it. Every 401 came from the revocation; every item was read once.
	assert.deepEqual([...new Set(executions.map((execution) => execution.on))].sort(), [
		'worker1',
		'worker2',
	]);
	assert.deepEqual(refusedOn, ['worker1', 'worker2'], `401s met on ${refusedOn.join(', ')}`);
	assert.ok(refused.every((request) => request.token === issued[0].issued));
	const ok = during.filter((request) => request.status === 200);
	assert.equal(ok.length, 24);
	assert.equal(ok.filter((request) => request.token === issued[1].issued).length, 24 - 6);
	process.stdout.write(
		`# revoked token: ${refused.length} requests met the 401, on ${refusedOn.join(' and ')}; ${issued.length - 1} new token\n`,
	);
});

/** Runs create workflows together; checks every item was created once and nothing failed. */
async function createAll(flows, halo, count) {
	const started = Date.now();
	const executions = await runAll(flows);
	const seconds = (Date.now() - started) / 1000;
	const failed = executions.filter((execution) => execution.status !== 'success');
	assert.deepEqual(
		failed.map((execution) => execution.data?.resultData?.error?.message),
		[],
	);
	const output = executions.flatMap((execution) => haloOutput(execution));
	assert.equal(output.length, count);
	assert.deepEqual(
		output.filter((item) => item.error !== undefined),
		[],
	);
	const created = halo.records('client');
	assert.equal(created.length, count);
	assert.equal(
		new Set(created.map((record) => record.name)).size,
		count,
		'a client was created twice',
	);
	assert.deepEqual(
		output.map((client) => client.id).sort((a, b) => a - b),
		created.map((record) => record.id).sort((a, b) => a - b),
	);
	const on = workersOf(executions);
	assert.deepEqual([...new Set(on)].sort(), ['worker1', 'worker2'], `ran on ${on.join(', ')}`);
	const api = halo.apiRequests();
	const times = api
		.filter((request) => request.status !== 429)
		.map((request) => request.at)
		.sort((a, b) => a - b);
	// The busiest rolling window of requests Halo let through, and how many it refused.
	const busiest = Math.max(
		...times.map(
			(time, index) => times.slice(index).filter((later) => later - time < RATE.windowMs).length,
		),
	);
	const refused = api.filter((request) => request.status === 429).length;
	const perWorker = ['worker1', 'worker2']
		.map((label) => on.filter((worker) => worker === label).length)
		.join(' + ');
	return { seconds, api, busiest, refused, perWorker };
}

test(
	'Rate limit: 1,000 creates over both workers, limit sized per process, finish under Halo’s 30 requests / 3 s with no 429, none failed, none twice',
	needs({ timeout: 240_000 }),
	async () => {
		const { seconds, api, busiest, refused, perWorker } = await createAll(
			createFlows,
			limited.halo,
			1000,
		);
		assert.equal(refused, 0, 'Halo answered 429');
		assert.equal(api.length, 100);
		assert.ok(busiest <= RATE.max, `${busiest} requests in one window`);
		process.stdout.write(
			`# sized (${Math.floor(RATE.max / PROCESSES)} / ${RATE.windowMs / 1000} s per process): 1000 clients in ${seconds.toFixed(1)} s, ${api.length} requests, busiest window ${busiest}, executions per worker ${perWorker}\n`,
		);
	},
);

test(
	'Rate limit left at the tenant’s in every process: Halo refuses some requests, and still all 1,000 clients are created once',
	needs({ timeout: 240_000 }),
	async () => {
		const { seconds, api, busiest, refused, perWorker } = await createAll(
			unsizedFlows,
			unsized.halo,
			1000,
		);
		// Two workers each allowing the tenant's whole limit send more than Halo takes: that is why
		// the limit is divided. Refused creates were not saved, so the node sends them again.
		assert.ok(refused > 0, 'no 429: the workers did not share the tenant’s limit after all');
		assert.equal(api.length - refused, 100);
		process.stdout.write(
			`# unsized (${RATE.max} / ${RATE.windowMs / 1000} s per process): 1000 clients in ${seconds.toFixed(1)} s, ${api.length} requests of which ${refused} refused (429), busiest window ${busiest}, executions per worker ${perWorker}\n`,
		);
	},
);

test(
	'A production webhook on main starts an execution that runs on a worker',
	needs(),
	async () => {
		await cluster.activate(webhookFlow);
		let response;
		for (let tries = 0; ; tries++) {
			response = await fetch(`${cluster.url}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ summary: 'Printer on fire' }),
			});
			if (response.ok || tries > 20) break;
			await sleep(500);
		}
		assert.equal(response.status, 200, await response.text());
		let executions = [];
		for (let waited = 0; executions.length === 0 && waited < 60_000; waited += 500) {
			await sleep(500);
			executions = (await cluster.executionsOf(webhookFlow)).filter(
				(execution) => execution.status === 'success',
			);
		}
		assert.equal(executions.length, 1);
		const execution = await cluster.execution(executions[0].id);
		assert.equal(execution.mode, 'webhook');
		assert.match(cluster.ranOn(execution.id), /^worker\d$/);
		assert.deepEqual(
			haloOutput(execution).map((ticket) => ticket.summary),
			['Printer on fire'],
		);
		assert.deepEqual(
			hooked.halo.records('tickets').map((ticket) => ticket.summary),
			['Printer on fire'],
		);
		await cluster.deactivate(webhookFlow);
	},
);

/** A trigger's finished executions, oldest first, each with where it ran and the items the trigger gave. */
async function triggered(flow) {
	const list = (await cluster.executionsOf(flow)).filter(
		(execution) => !['new', 'running', 'waiting'].includes(execution.status),
	);
	const executions = await Promise.all(list.map((execution) => cluster.execution(execution.id)));
	return executions
		.sort((a, b) => Number(a.id) - Number(b.id))
		.map((execution) => ({
			id: execution.id,
			status: execution.status,
			mode: execution.mode,
			on: cluster.ranOn(execution.id),
			items: (nodeOutput(execution, 'Halo Trigger') ?? []).map((item) => item.json),
		}));
}

// Side by side, each on its own tenant and workflow: the token lifetimes and the three triggers,
// whose time is mostly waiting (for a token to expire, the next poll, the next look).
describe('Token lifetimes and triggers', { concurrency: true }, () => {
	test(
		'Tokens: main and both workers share one token per token lifetime, through n8n’s credential store',
		needs({ timeout: 180_000 }),
		async () => {
			await testCredential(tokens.cred);
			const waves = [];
			for (let wave = 0; wave < 3; wave++) {
				// The first wave uses the token main's credential test fetched. Each later one starts once
				// the newest token has expired, so each needs a new one.
				const newest = tokens.halo.tokenRequests().at(-1);
				if (wave > 0)
					await sleep(
						Math.max(0, newest.at + TOKEN_LATENCY_MS + TOKEN_LIFETIME_S * 1000 + 500 - Date.now()),
					);
				const started = Date.now();
				const executions = await runAll(waveFlows);
				for (const execution of executions)
					assert.equal(
						execution.status,
						'success',
						JSON.stringify(execution.data?.resultData?.error),
					);
				waves.push({ executions, requestsFrom: started });
				if (wave === 1) {
					// Main (the editor's "From list") uses the token a worker fetched in this wave.
					const found = await cluster.rest(
						'POST',
						'/dynamic-node-parameters/resource-locator-results',
						{
							path: 'parameters.clientId',
							methodName: 'clientSearch',
							nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
							currentNodeParameters: { resource: 'client', operation: 'get' },
							credentials: { [CREDENTIAL_TYPE]: { id: tokens.cred.id, name: tokens.cred.name } },
						},
					);
					assert.equal(found.results.length, 6);
					const search = tokens.halo.apiRequests().at(-1);
					assert.equal(search.path, '/api/Client');
					assert.equal(search.status, 200);
					assert.equal(search.token, tokens.halo.tokenRequests().at(-1).issued);
					assert.equal(tokens.halo.tokenRequests().length, 2, 'main fetched a token of its own');
				}
			}
			const on = new Set(waves.flatMap((wave) => workersOf(wave.executions)));
			assert.deepEqual(
				[...on].sort(),
				['worker1', 'worker2'],
				'the waves did not use both workers',
			);
			// One token request per lifetime: main's credential test fetched the first; in each later
			// wave, one process found the token expired and replaced it for all.
			const issued = tokens.halo.tokenRequests();
			const t0 = issued[0].at;
			const api = tokens.halo.apiRequests();
			const trace = `tokens ${issued.map((entry) => `${entry.issued}@${entry.at - t0}`).join(' ')}; waves at ${waves.map((w) => w.requestsFrom - t0).join(' ')}; requests ${api.map((request) => `${request.at - t0}:${request.status}:${request.token}`).join(' ')}`;
			assert.deepEqual(
				issued.map((entry) => entry.status),
				[200, 200, 200],
				trace,
			);
			for (let index = 1; index < issued.length; index++) {
				assert.ok(
					issued[index].at - issued[index - 1].at >= TOKEN_LIFETIME_S * 1000,
					`token ${index + 1} asked for within the lifetime of token ${index}: ${trace}`,
				);
			}
			waves.forEach((wave, index) => {
				const until = waves[index + 1]?.requestsFrom ?? Infinity;
				const answered = api.filter(
					(request) =>
						request.at >= wave.requestsFrom && request.at < until && request.status === 200,
				);
				assert.deepEqual(
					[...new Set(answered.map((request) => request.token))],
					[issued[index].issued],
					`wave ${index + 1}: ${trace}`,
				);
				assert.equal(
					answered.length,
					12 + (index === 1 ? 1 : 0),
					`wave ${index + 1}: every item once, plus main's search in wave 2: ${trace}`,
				);
			});
		},
	);

	test(
		'Webhook trigger: main registers it in Halo once; its deliveries run on workers; deactivating it from main cleans up in Halo',
		needs({ timeout: 180_000 }),
		async () => {
			await cluster.activate(hookFlow);
			const [webhook] = hooks.halo.records('webhook');
			assert.equal(
				hooks.halo.records('webhook').length,
				1,
				'one Halo webhook for main and both workers',
			);
			assert.equal(webhook.url, `${cluster.url}/webhook/${hookFlow.nodes[0].webhookId}/webhook`);
			assert.equal(
				hooks.halo.records('notification').filter((row) => row.webhook_id === webhook.id).length,
				1,
			);

			const user = await haloUser(sandbox, hooks.halo.name);
			const summaries = Array.from({ length: 6 }, (_, index) => `Queue ticket ${index + 1}`);
			await Promise.all(
				summaries.map((summary) => user.save('/Tickets', [{ summary, client_id: 1 }])),
			);
			await waitFor('six deliveries', () => hooks.halo.deliveries.length === 6);
			await sandbox.webhooks.idle();
			assert.deepEqual(
				hooks.halo.deliveries.map((delivery) => delivery.status),
				Array(6).fill(200),
			);
			const executions = await waitFor('six executions', async () => {
				const done = await triggered(hookFlow);
				return done.length >= 6 && done;
			});
			assert.deepEqual(
				executions.map((execution) => [execution.status, execution.mode]),
				Array(6).fill(['success', 'webhook']),
			);
			assert.ok(
				executions.every((execution) => /^worker\d$/.test(execution.on)),
				`ran on ${executions.map((execution) => execution.on).join(', ')}`,
			);
			assert.deepEqual(
				executions
					.flatMap((execution) => execution.items.map((item) => item.ticket.summary))
					.sort(),
				summaries,
			);

			// Halo sending one of them again starts nothing: main, which receives every delivery, saw it.
			const again = await sandbox.webhooks.redeliver(hooks.halo, hooks.halo.deliveries[0]);
			assert.equal(again.status, 200);
			await sleep(3000);
			assert.equal((await triggered(hookFlow)).length, 6);

			await cluster.deactivate(hookFlow);
			assert.deepEqual(hooks.halo.records('webhook'), []);
			assert.deepEqual(hooks.halo.records('notification'), []);
			process.stdout.write(
				`# webhook trigger: 6 deliveries to main ran on ${executions.map((execution) => execution.on).join(', ')}\n`,
			);
		},
	);

	test(
		'Polling trigger: polls once per interval, not once per process; each change comes out once, on a worker',
		needs({ timeout: 180_000 }),
		async () => {
			const user = await haloUser(sandbox, polled.halo.name);
			/** First-page list reads n8n made: one per poll. */
			const polls = () =>
				polled.halo
					.apiRequests()
					.filter(
						(entry) =>
							entry.token !== user.token &&
							entry.method === 'GET' &&
							entry.route === '/api/tickets' &&
							entry.query.page_no === '1' &&
							entry.query.page_size === '100',
					)
					.map((entry) => entry.at);
			const activated = Date.now();
			await cluster.activate(pollFlow);
			// Activation itself reads once (the recent past, to start from); the poll times follow.
			const atActivation = polls().length;
			const trace = () =>
				polled.halo
					.apiRequests()
					.map(
						(entry) =>
							`${entry.at - activated} ${entry.method} ${entry.route} ${JSON.stringify(entry.query)} ${entry.token === user.token ? 'user' : 'n8n'}`,
					)
					.join('\n');
			assert.equal(atActivation, 1, trace());
			await user.save('/Tickets', [{ summary: 'First change', client_id: 1 }]);
			await waitFor('the first change', async () => (await triggered(pollFlow)).length === 1, {
				timeoutMs: 45_000,
			});
			await user.save('/Tickets', [
				{ summary: 'Second change', client_id: 1 },
				{ id: 1, summary: 'Before activation, changed' },
			]);
			await waitFor('the second change', async () => (await triggered(pollFlow)).length === 2, {
				timeoutMs: 45_000,
			});
			// One more poll with nothing new.
			const pollsSoFar = polls().length;
			await waitFor('one more poll', () => polls().length > pollsSoFar, { timeoutMs: 45_000 });
			await sleep(2000);
			await cluster.deactivate(pollFlow);
			const elapsed = Date.now() - activated;

			const at = polls().slice(atActivation);
			const gaps = at.slice(1).map((time, index) => time - at[index]);
			// One read per poll time, from one process: three processes polling would read three times at once.
			assert.ok(at.length >= 3);
			assert.ok(
				gaps.every((gap) => gap >= POLL_EVERY_MS - 5000),
				`polls ${gaps.join(', ')} ms apart`,
			);
			assert.ok(
				at.length <= Math.ceil(elapsed / POLL_EVERY_MS),
				`${at.length} polls in ${elapsed} ms`,
			);
			const executions = await triggered(pollFlow);
			assert.deepEqual(
				executions.map((execution) => execution.status),
				['success', 'success'],
			);
			assert.ok(
				executions.every((execution) => /^worker\d$/.test(execution.on)),
				`ran on ${executions.map((execution) => execution.on).join(', ')}`,
			);
			assert.deepEqual(
				executions.map((execution) => execution.items.map((item) => item.summary).sort()),
				[['First change'], ['Before activation, changed', 'Second change']],
			);
			process.stdout.write(
				`# polling trigger: ${at.length} polls in ${(elapsed / 1000).toFixed(0)} s, ${gaps.map((gap) => (gap / 1000).toFixed(1)).join(' s, ')} s apart; executions on ${executions.map((execution) => execution.on).join(', ')}\n`,
			);
		},
	);

	test(
		'Webhook trigger catch-up: main alone looks, once per interval; deliveries and catch-up share one memory, in the workflow’s static data in the database',
		needs({ timeout: 180_000 }),
		async () => {
			const user = await haloUser(sandbox, caught.halo.name);
			const reads = () =>
				caught.halo
					.apiRequests()
					.filter(
						(entry) =>
							entry.token !== user.token &&
							entry.method === 'GET' &&
							entry.route === '/api/tickets' &&
							entry.query.lastupdatefromdate !== undefined,
					)
					.map((entry) => entry.at);
			const activated = Date.now();
			await cluster.activate(catchFlow);
			await user.save('/Tickets', [{ summary: 'Delivered', client_id: 1 }]);
			await waitFor('the delivered ticket', async () => (await triggered(catchFlow)).length === 1, {
				timeoutMs: 45_000,
			});
			// Halo switches the webhook off; two tickets are logged meanwhile and not delivered.
			const [webhook] = caught.halo.records('webhook');
			webhook.active = false;
			await user.save('/Tickets', [{ summary: 'Missed 1', client_id: 1 }]);
			await user.save('/Tickets', [{ summary: 'Missed 2', client_id: 1 }]);
			await waitFor(
				'the caught-up tickets',
				async () => (await triggered(catchFlow)).length === 2,
				{
					timeoutMs: 45_000,
				},
			);
			// Some more looks, to count them.
			const soFar = reads().length;
			await waitFor('three more looks', () => reads().length >= soFar + 3, { timeoutMs: 45_000 });
			const stored = cluster.staticData(catchFlow);
			await cluster.deactivate(catchFlow);
			const elapsed = Date.now() - activated;

			const executions = await triggered(catchFlow);
			assert.deepEqual(
				executions.map((execution) => [
					execution.status,
					execution.mode,
					execution.items.map((item) => [item.ticket.summary, item.deliveredBy]),
				]),
				[
					['success', 'webhook', [['Delivered', 'webhook']]],
					[
						'success',
						'trigger',
						[
							['Missed 1', 'catch-up'],
							['Missed 2', 'catch-up'],
						],
					],
				],
			);
			assert.ok(
				executions.every((execution) => /^worker\d$/.test(execution.on)),
				`ran on ${executions.map((execution) => execution.on).join(', ')}`,
			);
			assert.equal(executions[1].items[0].webhookRepair?.action, 'reEnabled');
			assert.equal(caught.halo.records('webhook').length, 0, 'deactivated');

			// One look per interval: three processes looking would read at the same moments.
			const at = reads();
			const gaps = at.slice(1).map((time, index) => time - at[index]);
			assert.ok(
				gaps.every((gap) => gap >= CATCH_UP_EVERY_MS - 3000),
				`looks ${gaps.join(', ')} ms apart`,
			);
			assert.ok(at.length <= Math.ceil(elapsed / CATCH_UP_EVERY_MS) + 1, `${at.length} looks`);

			// The memory in the database row: the delivered ticket noted by the delivery, the missed
			// ones by catch-up, and the delivered event's id.
			const node = Object.values(stored ?? {}).find((entry) => entry?.catchUp);
			assert.ok(node, `static data: ${JSON.stringify(stored)}`);
			const ticketId = (summary) =>
				String(caught.halo.records('tickets').find((ticket) => ticket.summary === summary).id);
			assert.ok(node.catchUp.state.seen[ticketId('Delivered')], 'the delivery noted its ticket');
			assert.deepEqual(
				Object.keys(node.catchUp.caughtUp).sort(),
				[ticketId('Missed 1'), ticketId('Missed 2')].sort(),
			);
			assert.ok(
				Object.keys(node.recentEvents ?? {}).includes(executions[0].items[0].id),
				'the delivered event’s id',
			);
			process.stdout.write(
				`# webhook catch-up: ${at.length} looks in ${(elapsed / 1000).toFixed(0)} s, ${gaps.map((gap) => (gap / 1000).toFixed(1)).join(' s, ')} s apart\n`,
			);
		},
	);
});

test('Every process of the cluster is still running', needs(), () => {
	assert.deepEqual(cluster.alive(), ['postgres', 'redis', 'main', 'worker1', 'worker2']);
});
