#!/usr/bin/env node
// `npm run bench`: issue 6's benchmark. In one run it drives this node and n8n's built-in HaloPSA
// node in the same real n8n against the same sandbox, whose knobs put a cost on every request and
// every row, and prints requests, wall time, peak RSS, failed items and duplicated records.
// Case 6 (issue 30) drives this node alone, without and with a credential's Allowed Clients, and
// prints the requests and time the scope adds, side by side.
// A measurement, not a test: it exits 0 whatever the numbers, unless something crashed.
//
//   npm run bench                  every case at full size (about 15 minutes)
//   npm run bench -- --quick       scaled-down counts, for a smoke run
//   npm run bench -- --ours-only --case=1 --page-concurrency=3   one setting of ours, no table
//   npm run bench -- --case=1,4    only some cases
//   npm run bench -- --case=5      only the editor: open the panel, switch the operation (Chromium)
//   npm run bench -- --case=6      only Allowed Clients: the requests a scoped credential adds
import { cpus, totalmem, availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CACHE_DIR, ensureN8nEnv, PINNED, ROOT } from './n8n-env.mjs';
import { buildAndPack } from './pack-extension.mjs';
import { startSandbox } from '../sandbox/server.mjs';
import {
	CREDENTIAL_TYPE,
	N8nSuite,
	NODE_TYPE,
	credential,
	nodeOutput,
	parseRawOutput,
	startN8nServer,
} from '../test/harness/n8n.mjs';
import { haveChromium, measurePanels, panelTimesReport } from '../test/harness/panel-timing.mjs';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const ONLY = args
	.find((arg) => arg.startsWith('--case='))
	?.slice('--case='.length)
	.split(',')
	.map(Number);
// For measuring the defaults: set our node's options, and leave the built-in node out (no table).
const option = (name) => {
	const value = args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
	return value === undefined ? undefined : Number(value);
};
const PAGE_CONCURRENCY = option('page-concurrency');
const BATCH_SIZE = option('batch-size');
const OURS_ONLY = args.includes('--ours-only');
/** No single n8n process may run longer than this (the run is killed and reported, not awaited). */
const RUN_LIMIT_MS = 20 * 60_000;
const EXTENSION_DIR = join(CACHE_DIR, 'bench-extension');

const SIZE = QUICK
	? { tickets: 1_000, clients: 100, executions: 5 }
	: { tickets: 10_000, clients: 1_000, executions: 50 };

// The sandbox's cost model. Case 3 scales Halo's rolling limit (300 requests per 5 minutes) by
// 1/100 in time, to 30 per 3 s, and its request cost with it (10 ms for about a second): a client
// sending requests one after another then outruns the limit, as it does against a real tenant.
const CASES = [
	{
		no: 1,
		title: `Get Many, Return All: ${SIZE.tickets} tickets`,
		knobs: { latencyMs: 100, latencyPerRowMs: 1 },
	},
	{ no: 2, title: `Create ${SIZE.clients} clients`, knobs: { latencyMs: 100 } },
	{
		no: 3,
		title: `Create ${SIZE.clients} clients, limit 30 requests / 3 s`,
		knobs: { latencyMs: 10, rateLimit: { max: 30, windowMs: 3000 } },
	},
	{
		no: 4,
		title: `${SIZE.executions} executions of a one-item workflow`,
		knobs: { latencyMs: 100 },
	},
].filter((entry) => !ONLY || ONLY.includes(entry.no));
/** Case 5, the editor (issue 29): how quick each node's panel opens and switches its operation. */
const EDITOR_CASE = 5;
const EDITOR = !OURS_ONLY && (!ONLY || ONLY.includes(EDITOR_CASE));
const EDITOR_ROUNDS = 5;
/** Case 6, Allowed Clients (issue 30): this node alone, with and without a client scope. */
const SCOPE_CASE = 6;
const SCOPE_BENCH = !ONLY || ONLY.includes(SCOPE_CASE);
const SCOPE_SIZE = QUICK
	? { tickets: 500, sites: 300, records: 20 }
	: { tickets: 2_000, sites: 1_500, records: 100 };
/** Case 6's tickets and sites belong to this many clients, in turn (ticket n is client (n - 1) % 10 + 1's). */
const SCOPE_CLIENTS = 10;
const SCOPE_KNOBS = { latencyMs: 100, latencyPerRowMs: 1 };

// The built-in node's credential asks for these scopes (a hidden field); the API application allows them.
const BUILTIN_SCOPE = 'admin edit:tickets edit:customers';
const APP_SCOPES = ['all', 'admin', 'edit:tickets', 'edit:customers'];

const generateClients = (count) =>
	`return Array.from({ length: ${count} }, (_, i) => ({ json: { name: 'Bench client ' + String(i + 1).padStart(4, '0') } }));`;

/** The two contenders: how each one's credential, node and parameters look in a workflow. */
const NODES = {
	ours: {
		label: 'HaloPSA Complete',
		type: NODE_TYPE,
		credentialType: CREDENTIAL_TYPE,
		credential: (sandbox, tenant, caseNo) => {
			const cred = credential({
				name: `bench ${tenant.name}`,
				url: sandbox.url,
				tenant: tenant.name,
				clientId: tenant.apps[0].clientId,
				clientSecret: tenant.apps[0].clientSecret,
			});
			// The client-side rate limit, scaled like the sandbox's (n8n ignores fields a credential lacks).
			if (caseNo === 3)
				Object.assign(cred.data, { rateLimitRequests: 30, rateLimitWindowSeconds: 3 });
			return cred;
		},
		parameters: {
			1: {
				resource: 'ticket',
				operation: 'getMany',
				returnAll: true,
				...(PAGE_CONCURRENCY ? { options: { pageConcurrency: PAGE_CONCURRENCY } } : {}),
			},
			2: {
				resource: 'client',
				operation: 'create',
				name: '={{ $json.name }}',
				...(BATCH_SIZE ? { options: { batchSize: BATCH_SIZE } } : {}),
			},
			3: {
				resource: 'client',
				operation: 'create',
				name: '={{ $json.name }}',
				...(BATCH_SIZE ? { options: { batchSize: BATCH_SIZE } } : {}),
			},
			4: { resource: 'client', operation: 'get', clientId: { __rl: true, mode: 'id', value: '1' } },
		},
	},
	builtin: {
		label: 'n8n built-in HaloPSA',
		type: 'n8n-nodes-base.haloPSA',
		credentialType: 'haloPSAApi',
		credential: (sandbox, tenant) => ({
			id: benchId('cred'),
			name: `bench builtin ${tenant.name}`,
			type: 'haloPSAApi',
			// Its token URL is always authUrl/token?tenant=… (its on-premise branch tests a value the
			// Hosting Type field never has), so the hosted settings are the ones that work.
			data: {
				hostingType: 'hostedHalo',
				authUrl: `${sandbox.url}/auth`,
				resourceApiUrl: `${sandbox.url}/api`,
				client_id: tenant.apps[0].clientId,
				client_secret: tenant.apps[0].clientSecret,
				tenant: tenant.name,
				scope: BUILTIN_SCOPE,
			},
		}),
		parameters: {
			// Simplify off: both nodes then output whole records.
			1: { resource: 'ticket', operation: 'getAll', returnAll: true, simplify: false, filters: {} },
			2: {
				resource: 'client',
				operation: 'create',
				clientName: '={{ $json.name }}',
				additionalFields: {},
			},
			3: {
				resource: 'client',
				operation: 'create',
				clientName: '={{ $json.name }}',
				additionalFields: {},
			},
			4: { resource: 'client', operation: 'get', clientId: '1', simplify: true },
		},
	},
};

let serial = 0;
/** n8n's CLI drops a workflow id without a digit in it (`execute-batch --ids`): a serial number sees to that. */
function benchId(prefix) {
	serial += 1;
	return `${prefix}${String(serial).padStart(4, '0')}${Math.random().toString(36).slice(2, 8)}`.slice(
		0,
		16,
	);
}

function benchWorkflow({ name, node, cred, parameters, jsCode }) {
	const id = benchId('wf');
	return {
		id,
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
			{
				id: 'input',
				name: 'Input',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode },
			},
			{
				id: 'halo',
				name: 'Halo',
				type: node.type,
				typeVersion: 1,
				position: [400, 0],
				parameters,
				credentials: { [node.credentialType]: { id: cred.id, name: cred.name } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Input', type: 'main', index: 0 }]] },
			Input: { main: [[{ node: 'Halo', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

function seedFor(caseNo) {
	if (caseNo === 1) {
		return {
			tickets: Array.from({ length: SIZE.tickets }, (_, index) => ({
				summary: `Bench ticket ${index + 1}`,
				details: 'Printer on the second floor is offline again.',
				client_id: (index % 50) + 1,
				status_id: (index % 5) + 1,
				dateoccurred: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
			})),
		};
	}
	if (caseNo === 4) return { client: [{ name: 'Acme Ltd' }] };
	return {};
}

/**
 * Peak resident memory of the n8n process: the kernel's high-water mark (VmHWM), read until the
 * process ends. Any child processes' current RSS is added, in case n8n starts helpers.
 */
function memorySampler(child) {
	const read = (pid, field) => {
		try {
			const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
				readFileSync(`/proc/${pid}/status`, 'utf8'),
			);
			return match ? Number(match[1]) : 0;
		} catch {
			return 0;
		}
	};
	const children = (pid) => {
		try {
			return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
				.split(/\s+/)
				.filter(Boolean)
				.map(Number);
		} catch {
			return [];
		}
	};
	const state = { peakKb: 0, childSeen: false };
	const sample = () => {
		if (!child.pid) return;
		const kids = children(child.pid);
		if (kids.length) state.childSeen = true;
		const total = read(child.pid, 'VmHWM') + kids.reduce((sum, pid) => sum + read(pid, 'VmRSS'), 0);
		state.peakKb = Math.max(state.peakKb, total);
	};
	const timer = setInterval(sample, 100);
	// Stop the run if it overstays: a stuck benchmark must not keep the machine busy.
	const limit = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
	child.on('exit', () => {
		clearInterval(timer);
		clearTimeout(limit);
	});
	return state;
}

const okItems = (items) => (items ?? []).filter((item) => item.json?.error === undefined);
const errorItems = (items) => (items ?? []).filter((item) => item.json?.error !== undefined);
const durationMs = (execution) => Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt);
/** The HaloPSA node's own run time: the workflow's also holds the Code node and its task runner's start. */
const nodeMs = (execution) => execution?.data?.resultData?.runData?.Halo?.[0]?.executionTime ?? NaN;
const executionError = (execution) => execution?.data?.resultData?.error;

function duplicatesBy(values) {
	const seen = new Map();
	for (const value of values) seen.set(value, (seen.get(value) ?? 0) + 1);
	return [...seen.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
}

function requestCounts(tenant) {
	const api = tenant.apiRequests();
	return {
		requests: api.length,
		rejected: api.filter((entry) => entry.status === 429).length,
		tokens: tenant.tokenRequests().length,
	};
}

/** When the first request arrived and the last one was answered, from the execution's start: the rest is n8n. */
function requestSpan(tenant, execution) {
	const api = tenant.apiRequests();
	if (!execution || api.length === 0) return {};
	const started = Date.parse(execution.startedAt);
	return {
		firstRequestMs: api[0].at - started,
		lastAnswerMs: Math.max(...api.map((entry) => entry.answeredAt ?? entry.at)) - started,
	};
}

/** One workflow in its own n8n process (`n8n execute --rawOutput`), so its peak RSS is its own. */
async function runSingle(suite, run) {
	let memory;
	const stdoutFile = join(suite.folder, `${run.flow.id}.out.json`);
	const { run: process_ } = await suite
		.execute(run.flow, { stdoutFile, onSpawn: (child) => (memory = memorySampler(child)) })
		.catch((error) => ({ run: { error } }));
	let execution;
	try {
		execution = parseRawOutput(process_.stdout ?? '');
	} catch {
		execution = undefined;
	}
	const items = execution ? nodeOutput(execution, 'Halo') : undefined;
	const failedExecution = !execution || Boolean(executionError(execution));
	const result = {
		...requestCounts(run.tenant),
		...requestSpan(run.tenant, execution),
		wallMs: nodeMs(execution),
		workflowMs: execution ? durationMs(execution) : NaN,
		peakMb: memory ? memory.peakKb / 1024 : NaN,
		childSeen: memory?.childSeen,
		error: execution
			? executionError(execution)?.message
			: `no execution data (exit ${process_.code ?? process_.signal ?? process_.error?.message})`,
	};
	if (run.caseNo === 1) {
		const rows = okItems(items);
		Object.assign(result, {
			outcome: `${rows.length}/${SIZE.tickets} rows`,
			complete: rows.length === SIZE.tickets,
			failed: failedExecution ? 1 : errorItems(items).length,
			duplicated: duplicatesBy(rows.map((item) => item.json.id)),
		});
	} else {
		const created = run.tenant.records('client');
		// A failed execution outputs nothing, though the records before the failure exist in Halo.
		const done = failedExecution ? created.length : okItems(items).length;
		Object.assign(result, {
			outcome: `${created.length}/${SIZE.clients} created`,
			complete: created.length === SIZE.clients,
			failed: SIZE.clients - done,
			duplicated: duplicatesBy(created.map((record) => record.name)),
		});
	}
	return result;
}

/** Case 4: many executions in a row in one n8n process, every workflow on one credential. */
async function runSeries(suite, run) {
	let memory;
	const batch = await suite.executeBatch(run.flows, {
		onSpawn: (child) => (memory = memorySampler(child)),
	});
	const done = run.flows.map((flow) => batch.results.get(flow.id)).filter(Boolean);
	// Failed executions are kept apart from the successful ones; they have their time too.
	const sum = (measure) =>
		run.flows.reduce((total, flow) => total + measure(batch.results.get(flow.id), flow), 0);
	const workflowMs = sum((execution, flow) => {
		const ran = execution ?? batch.failures.get(flow.id);
		return ran ? durationMs(ran) : 0;
	});
	const wallMs = sum((execution) => (execution ? nodeMs(execution) : 0));
	const failed =
		run.flows.length -
		done.filter(
			(execution) =>
				!executionError(execution) && okItems(nodeOutput(execution, 'Halo')).length === 1,
		).length;
	return {
		...requestCounts(run.tenant),
		wallMs,
		workflowMs,
		peakMb: memory ? memory.peakKb / 1024 : NaN,
		childSeen: memory?.childSeen,
		outcome: `${done.length}/${run.flows.length} executions`,
		complete: done.length === run.flows.length,
		failed,
		duplicated: 0,
		error: batch.summary?.summary?.errors?.[0]?.error,
	};
}

/** The issue's targets, checked on our node's row against the built-in one's. */
function verdict(caseNo, ours, builtin) {
	const speedup = builtin.wallMs / ours.wallMs;
	const checks = {
		1: [
			[
				ours.requests <= Math.ceil(SIZE.tickets / 100) + 1,
				`≤ ${Math.ceil(SIZE.tickets / 100) + 1} requests`,
			],
			[speedup >= 3, '≥ 3× faster'],
			[ours.complete && ours.failed === 0 && ours.duplicated === 0, 'all rows once'],
		],
		2: [
			[ours.requests <= builtin.requests / 10, '≤ 1/10 of its requests'],
			[speedup >= 10, '≥ 10× faster'],
			[ours.complete && ours.failed === 0 && ours.duplicated === 0, 'all created once'],
		],
		3: [
			[
				ours.complete && ours.failed === 0 && ours.duplicated === 0,
				`${SIZE.clients}/${SIZE.clients}, none failed or duplicated`,
			],
		],
		4: [[ours.tokens === 1, '1 token request']],
	}[caseNo];
	const missed = checks.filter(([ok]) => !ok).map(([, label]) => label);
	const ratio = Number.isFinite(speedup) ? ` (${speedup.toFixed(1)}× vs built-in)` : '';
	return (missed.length ? `FAIL: ${missed.join('; ')}` : 'PASS') + (caseNo <= 2 ? ratio : '');
}

const seconds = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '–');
const megabytes = (mb) => (Number.isFinite(mb) ? `${Math.round(mb)} MB` : '–');

function tableRows(results) {
	const rows = [];
	for (const entry of CASES) {
		const { ours, builtin } = results.get(entry.no);
		for (const [key, result] of [
			['ours', ours],
			['builtin', builtin],
		]) {
			rows.push([
				`${entry.no}. ${entry.title}`,
				NODES[key].label,
				`${result.requests}${result.rejected ? ` (${result.rejected}× 429)` : ''}`,
				String(result.tokens),
				seconds(result.wallMs),
				seconds(result.workflowMs),
				megabytes(result.peakMb),
				result.outcome,
				String(result.failed),
				String(result.duplicated),
				key === 'ours'
					? verdict(entry.no, ours, builtin)
					: result.error
						? `execution failed: ${String(result.error).slice(0, 60)}`
						: '',
			]);
		}
	}
	return rows;
}

const HEADER = [
	'Case',
	'Node',
	'Requests',
	'Token requests',
	'Wall time',
	'Workflow time',
	'Peak RSS',
	'Result',
	'Failed items',
	'Duplicated',
	'Target',
];

function plainTable(rows, header = HEADER) {
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column].length)),
	);
	const line = (cells) =>
		cells
			.map((cell, column) => cell.padEnd(widths[column]))
			.join('  ')
			.trimEnd();
	return [
		line(header),
		widths.map((width) => '-'.repeat(width)).join('  '),
		...rows.map(line),
	].join('\n');
}

function markdownTable(rows, header = HEADER) {
	const line = (cells) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function machine() {
	const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
	return `${availableParallelism()} CPUs (${cpu}), ${(totalmem() / 1024 ** 3).toFixed(1)} GB memory; n8n ${PINNED.n8n} on Node ${PINNED.node}`;
}

function say(message) {
	process.stdout.write(`[bench] ${message}\n`);
}

async function main() {
	ensureN8nEnv();
	buildAndPack(EXTENSION_DIR);
	const sandbox = await startSandbox();
	const suite = new N8nSuite('bench');
	suite.env.N8N_CUSTOM_EXTENSIONS = EXTENSION_DIR;
	try {
		const runs = [];
		for (const entry of CASES) {
			for (const key of Object.keys(NODES).filter(
				(candidate) => !OURS_ONLY || candidate === 'ours',
			)) {
				const node = NODES[key];
				const tenant = sandbox.addTenant(`bench${entry.no}${key}`, {
					seed: seedFor(entry.no),
					knobs: structuredClone(entry.knobs),
				});
				tenant.apps[0].scopes = APP_SCOPES;
				const cred = node.credential(sandbox, tenant, entry.no);
				const parameters = node.parameters[entry.no];
				const name = `bench ${entry.no} ${key}`;
				if (entry.no === 4) {
					const flows = Array.from({ length: SIZE.executions }, (_, index) =>
						benchWorkflow({
							name: `${name} #${index + 1}`,
							node,
							cred,
							parameters,
							jsCode: 'return [{ json: {} }];',
						}),
					);
					suite.add(cred, ...flows);
					runs.push({ caseNo: entry.no, key, tenant, flows });
				} else {
					const jsCode = entry.no === 1 ? 'return [{ json: {} }];' : generateClients(SIZE.clients);
					const flow = benchWorkflow({ name, node, cred, parameters, jsCode });
					suite.add(cred, flow);
					runs.push({ caseNo: entry.no, key, tenant, flow });
				}
			}
		}
		if (runs.length) {
			say(
				`importing ${suite.credentials.length} credentials and ${suite.workflows.length} workflows into n8n…`,
			);
			await suite.importAll();
		}
		const results = new Map();
		for (const run of runs) {
			say(`case ${run.caseNo}, ${NODES[run.key].label}…`);
			const started = Date.now();
			const result = run.flows ? await runSeries(suite, run) : await runSingle(suite, run);
			const span =
				result.firstRequestMs === undefined
					? ''
					: `, requests from ${seconds(result.firstRequestMs)} to ${seconds(result.lastAnswerMs)}`;
			const extra = result.childSeen ? ', n8n started child processes (their RSS is included)' : '';
			say(
				`  ${result.outcome}, ${result.requests} requests, ${seconds(result.wallMs)} in the node, ${seconds(result.workflowMs)} in the workflow${span} (${seconds(Date.now() - started)} with boot)${extra}${result.error ? `; error: ${result.error}` : ''}`,
			);
			if (!results.has(run.caseNo)) results.set(run.caseNo, {});
			results.get(run.caseNo)[run.key] = result;
		}
		if (!OURS_ONLY && CASES.length) report(results);
	} finally {
		await sandbox.close();
	}
	if (EDITOR) await benchEditor();
	if (SCOPE_BENCH) await benchScope();
}

/**
 * Case 5: in headless Chromium on `n8n start`, open each node's panel on Ticket › Update and
 * switch it to Get Many, in turns, and weigh the description the editor downloads for it.
 */
async function benchEditor() {
	if (!haveChromium()) {
		say('case 5 (editor) skipped: Debian chromium is not installed (apt-get install chromium)');
		return;
	}
	say(`case 5, the editor: ${EDITOR_ROUNDS} rounds of each node's panel…`);
	const suite = new N8nSuite('bench-editor');
	suite.env.N8N_CUSTOM_EXTENSIONS = EXTENSION_DIR;
	const server = await startN8nServer(suite);
	let lines;
	try {
		lines = panelTimesReport(await measurePanels(server, {}, { rounds: EDITOR_ROUNDS }));
	} finally {
		await server.stop();
	}
	process.stdout.write(
		`\nOpen the panel (Ticket › Update) and switch the operation (to Get Many), medians:\n`,
	);
	for (const line of lines) process.stdout.write(`  ${line}\n`);
	const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const markdown = [
		'# Benchmark: the editor, latest run',
		'',
		`${when}, \`npm run bench -- --case=${EDITOR_CASE}\`. Machine: ${machine()}.`,
		'',
		"In headless Chromium, each round loads the editor afresh, opens the Manual Trigger's panel and",
		"closes it (the panel's own code loads once), then times a double-click on the node until its",
		'Ticket field shows (open), and a pick of Get Many in Operation until Return All shows (switch).',
		"Rounds alternate between the nodes. Sizes are each node's entry in n8n's /types/nodes.json.",
		'',
		...lines.map((line) => `- ${line}`),
		'',
	].join('\n');
	const dir = join(ROOT, 'bench');
	if (!existsSync(dir)) mkdirSync(dir);
	writeFileSync(join(dir, 'editor.md'), markdown);
	say('written to bench/editor.md');
}

/**
 * Case 6 (issue 30): what a credential's Allowed Clients cost. This node alone, each workload run
 * twice on tenants seeded alike, without Allowed Clients and with them (1 client, then 3), in one
 * n8n process, one execution after another. Without the scope, Get Many is filtered to the same
 * clients itself (client_id, client_ids; sites: one item per client, their list taking one id), so
 * both runs output the same records; the writes work on the same tickets, all of the allowed
 * clients'. Figures printed, not checked.
 */
const SCOPE_HEADER = [
	'Workload',
	'Allowed Clients',
	'Requests, none',
	'Requests, scoped',
	'Added',
	'Wall time, none',
	'Wall time, scoped',
	'Output',
	'What the scoped run sent',
];

const byIdOf = '={{ $json.id }}';
const SCOPE_WORKLOADS = [
	{
		key: 'list',
		title: "Ticket › Get Many, Return All (the allowed clients' tickets)",
		targets: () => [{}],
		parameters: (clients, scoped) => ({
			resource: 'ticket',
			operation: 'getMany',
			returnAll: true,
			...(scoped
				? {}
				: {
						filters:
							clients.length === 1 ? { client_id: clients[0] } : { client_ids: clients.join(',') },
					}),
		}),
	},
	{
		// Halo's site list takes one client_id: without the scope, one Get Many per client (an item
		// each); with it, one item, which the scope reads as one list per client, merged.
		key: 'sites',
		title: "Site › Get Many, Return All (the allowed clients' sites)",
		targets: (clients, scoped) => (scoped ? [{}] : clients.map((client) => ({ client }))),
		parameters: (clients, scoped) => ({
			resource: 'site',
			operation: 'getMany',
			returnAll: true,
			...(scoped ? {} : { filters: { client_id: '={{ $json.client }}' } }),
		}),
	},
	{
		key: 'update',
		title: `Ticket › Update, ${SCOPE_SIZE.records} tickets`,
		parameters: () => ({
			resource: 'ticket',
			operation: 'update',
			ticketId: { __rl: true, mode: 'id', value: byIdOf },
			updateFields: { summary: 'Updated by the bench' },
		}),
	},
	{
		key: 'delete',
		title: `Ticket › Delete, ${SCOPE_SIZE.records} tickets`,
		parameters: () => ({
			resource: 'ticket',
			operation: 'delete',
			ticketId: { __rl: true, mode: 'id', value: byIdOf },
		}),
	},
	{
		key: 'addNote',
		title: `Ticket › Add Note, on ${SCOPE_SIZE.records} tickets`,
		parameters: () => ({
			resource: 'ticket',
			operation: 'addNote',
			ticketId: { __rl: true, mode: 'id', value: byIdOf },
			outcome: 'Private Note',
			note: 'Noted by the bench',
		}),
	},
];

const scopeSeed = () => ({
	tickets: Array.from({ length: SCOPE_SIZE.tickets }, (_, index) => ({
		summary: `Bench ticket ${index + 1}`,
		details: 'Printer on the second floor is offline again.',
		client_id: (index % SCOPE_CLIENTS) + 1,
		status_id: 1,
	})),
	site: Array.from({ length: SCOPE_SIZE.sites }, (_, index) => ({
		name: `Bench site ${index + 1}`,
		client_id: (index % SCOPE_CLIENTS) + 1,
	})),
});

/** The first `count` tickets of the clients (the seed's ticket n is client (n - 1) % 10 + 1's). */
function ticketsOf(clients, count) {
	const ids = [];
	for (let id = 1; id <= SCOPE_SIZE.tickets && ids.length < count; id++)
		if (clients.includes(((id - 1) % SCOPE_CLIENTS) + 1)) ids.push(id);
	return ids;
}

/** Requests by method and path, record ids as {id}: `100 GET /Tickets/{id}, 2 POST /Tickets`. */
function requestMix(requests) {
	const counts = new Map();
	for (const request of requests) {
		const key = `${request.method} ${request.path.replace(/^\/api/, '').replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts].map(([key, count]) => `${count} ${key}`).join(', ');
}

async function benchScope() {
	const clientSets = [[1], [1, 2, 3]];
	say(
		`case ${SCOPE_CASE}, Allowed Clients: ${SCOPE_WORKLOADS.length} workloads × ${clientSets.length} client sets, without and with the scope…`,
	);
	const sandbox = await startSandbox();
	const suite = new N8nSuite('bench-scope');
	suite.env.N8N_CUSTOM_EXTENSIONS = EXTENSION_DIR;
	const runs = [];
	const addRun = (label, { clients, scoped, workload }) => {
		const tenant = sandbox.addTenant(`benchScope${runs.length}`, {
			seed: scopeSeed(),
			knobs: structuredClone(SCOPE_KNOBS),
		});
		const cred = credential({
			name: `bench scope ${tenant.name}`,
			url: sandbox.url,
			tenant: tenant.name,
			clientId: tenant.apps[0].clientId,
			clientSecret: tenant.apps[0].clientSecret,
			...(scoped ? { allowedClients: clients.join(', ') } : {}),
		});
		const items = workload.targets
			? workload.targets(clients, scoped)
			: ticketsOf(clients, SCOPE_SIZE.records).map((id) => ({ id }));
		const flow = benchWorkflow({
			name: label,
			node: NODES.ours,
			cred,
			parameters: workload.parameters(clients, scoped),
			jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));`,
		});
		suite.add(cred, flow);
		const run = { clients, scoped, workload, tenant, flow };
		runs.push(run);
		return run;
	};
	// A first execution loads what every later one reuses: it is not measured.
	addRun('bench scope warm-up', {
		clients: [1],
		scoped: false,
		workload: SCOPE_WORKLOADS[0],
	});
	const pairs = [];
	for (const clients of clientSets)
		for (const workload of SCOPE_WORKLOADS)
			pairs.push({
				workload,
				clients,
				none: addRun(`bench scope ${workload.key} ${clients.length} none`, {
					clients,
					scoped: false,
					workload,
				}),
				scoped: addRun(`bench scope ${workload.key} ${clients.length} scoped`, {
					clients,
					scoped: true,
					workload,
				}),
			});
	let batch;
	try {
		batch = await suite.importAndRun(runs.map((run) => run.flow));
	} finally {
		await sandbox.close();
	}
	const measure = (run) => {
		const execution = batch.results.get(run.flow.id);
		const items = execution ? nodeOutput(execution, 'Halo') : undefined;
		return {
			requests: run.tenant.apiRequests(),
			wallMs: nodeMs(execution),
			ok: okItems(items).length,
			failed: execution ? errorItems(items).length : NaN,
			error: execution
				? undefined
				: batch.summary.summary.errors.find((e) => e.workflowId === run.flow.id)?.error,
		};
	};
	const rows = pairs.map(({ workload, clients, none, scoped }) => {
		const [a, b] = [measure(none), measure(scoped)];
		const output = (result) =>
			result.error !== undefined
				? `failed: ${String(result.error).slice(0, 60)}`
				: `${result.ok}${result.failed ? ` (${result.failed} failed)` : ''}`;
		const outputs =
			output(a) === output(b) ? `${output(a)} items` : `${output(a)} / ${output(b)} items`;
		const added = b.requests.length - a.requests.length;
		return [
			workload.title,
			clients.join(', '),
			String(a.requests.length),
			String(b.requests.length),
			`${added >= 0 ? '+' : ''}${added}`,
			seconds(a.wallMs),
			seconds(b.wallMs),
			outputs,
			requestMix(b.requests),
		];
	});
	process.stdout.write(
		`\nAllowed Clients: requests and wall time without and with the scope (${SCOPE_SIZE.tickets} tickets and ${SCOPE_SIZE.sites} sites of ${SCOPE_CLIENTS} clients; ${JSON.stringify(SCOPE_KNOBS)}):\n\n${plainTable(rows, SCOPE_HEADER)}\n\n`,
	);
	const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const markdown = [
		'# Benchmark: Allowed Clients, latest run',
		'',
		`${when}, ${QUICK ? 'quick run (scaled-down counts)' : 'full run'}, \`npm run bench -- --case=${SCOPE_CASE}${QUICK ? ' --quick' : ''}\`. Machine: ${machine()}.`,
		'',
		`Each workload runs on a credential without Allowed Clients (*none*) and on one with them (*scoped*),`,
		`on tenants seeded alike: ${SCOPE_SIZE.tickets} tickets and ${SCOPE_SIZE.sites} sites, the n-th of client (n - 1) % ${SCOPE_CLIENTS} + 1. Sandbox cost: ${SCOPE_KNOBS.latencyMs} ms per`,
		`request + ${SCOPE_KNOBS.latencyPerRowMs} ms per row. Without the scope, Get Many is filtered to the same clients itself (tickets: \`client_id\`,`,
		"`client_ids`; sites: one item per client with `client_id`, Halo's site list taking one id), so both output the",
		"same records; the writes work on the same tickets, all of them the allowed clients'.",
		"Wall time is the HaloPSA node's own run time; requests are the API requests the sandbox received",
		'(token requests apart: one per run).',
		'',
		markdownTable(rows, SCOPE_HEADER),
		'',
	].join('\n');
	const dir = join(ROOT, 'bench');
	if (!existsSync(dir)) mkdirSync(dir);
	writeFileSync(join(dir, 'scope.md'), markdown);
	say('written to bench/scope.md');
}

function report(results) {
	const rows = tableRows(results);
	const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const mode = `${QUICK ? 'quick run (scaled-down counts)' : 'full run'}${ONLY ? `, case ${ONLY.join(', ')} only` : ''}`;
	process.stdout.write(`\n${plainTable(rows)}\n\n${mode}; ${machine()}\n`);
	const knobs = CASES.map((entry) => `- Case ${entry.no}: ${JSON.stringify(entry.knobs)}`).join(
		'\n',
	);
	const markdown = [
		'# Benchmark: latest run',
		'',
		`${when}, ${mode}, \`npm run bench${QUICK ? ' -- --quick' : ''}\`.`,
		'',
		`Machine: ${machine()}.`,
		'',
		markdownTable(rows),
		'',
		"Wall time is the HaloPSA node's own run time in n8n's execution data; workflow time is the whole execution's",
		'(startedAt to stoppedAt, which adds the Code node that makes the input items and the start of its task runner).',
		"Case 4 adds up its executions. Neither includes n8n's boot.",
		'Requests are the API requests the sandbox received (429 answers included); token requests are counted apart.',
		"Peak RSS is the n8n process's high-water mark (boot included) plus the largest resident size its child",
		"processes (the Code node's task runner) were seen at. Failed items are input items the node did not complete",
		'(error items; when the execution failed, those whose record was not created). Duplicated counts rows (case 1)',
		'or created records (cases 2, 3) beyond the first with the same id or name.',
		'',
		'Sandbox knobs per case (ms per request, ms per row, rolling limit):',
		'',
		knobs,
		'',
	].join('\n');
	const dir = join(ROOT, 'bench');
	if (!existsSync(dir)) mkdirSync(dir);
	writeFileSync(join(dir, 'latest.md'), markdown);
	say('table written to bench/latest.md');
}

main().catch((error) => {
	process.stderr.write(`[bench] ${error?.stack ?? error}\n`);
	process.exit(1);
});
