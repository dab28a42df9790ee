// Runs workflows in a real n8n (the pinned one in .n8n-env) with the packed package loaded as a
// custom extension, against the sandbox. One n8n user folder per suite; many workflows per boot.
import { spawn } from 'node:child_process';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	existsSync,
	writeFileSync,
	readdirSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CACHE_DIR, N8N_BIN, NODE24, n8nProcessEnv } from '../../scripts/n8n-env.mjs';
import { releasePorts, reservePorts } from './ports.mjs';

// HALO_TEST_EXTENSION_DIR lets parallel test runs in one work tree each load their own copy.
export const EXTENSION_DIR = process.env.HALO_TEST_EXTENSION_DIR ?? join(CACHE_DIR, 'extension');
export const NODE_TYPE = 'CUSTOM.haloPsaComplete';
export const CREDENTIAL_TYPE = 'haloPsaCompleteOAuth2Api';

export function n8nEnv(userFolder, extra = {}) {
	// --rawOutput prints through n8n's logger, so the level must be info or higher.
	return n8nProcessEnv({
		userFolder,
		extensionDir: EXTENSION_DIR,
		encryptionKey: 'halopsa-complete-tests',
		N8N_LOG_LEVEL: 'info',
		...extra,
	});
}

/**
 * onSpawn(child) sees the n8n process as it starts (the benchmark samples its memory).
 * stdoutFile sends stdout to a file rather than a pipe: n8n may exit before a pipe drains a
 * large --rawOutput; the file's text is returned as stdout all the same.
 */
export async function runN8n(
	args,
	env,
	{ allowFailure = false, onSpawn, stdoutFile, script } = {},
) {
	// n8n always starts its task broker (default port 5679); give each process a free port of its
	// own so test files, or developers, running side by side do not collide.
	const brokerPort = await freePort();
	return new Promise((resolve, reject) => {
		const out = stdoutFile === undefined ? 'pipe' : openSync(stdoutFile, 'w');
		const child = spawn(NODE24, [script ?? N8N_BIN, ...args], {
			env: { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env },
			stdio: ['ignore', out, 'pipe'],
		});
		if (typeof out === 'number') closeSync(out);
		onSpawn?.(child);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code, signal) => {
			releasePorts(brokerPort);
			if (stdoutFile !== undefined) stdout = readFileSync(stdoutFile, 'utf8');
			if ((code !== 0 || signal) && !allowFailure) {
				reject(
					new Error(
						`n8n ${args[0]} exited ${code ?? signal}\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
					),
				);
			} else resolve({ code, signal, stdout, stderr });
		});
	});
}

/** The JSON execution n8n prints with --rawOutput, after its log lines. */
export function parseRawOutput(stdout) {
	const start = stdout.search(/^(\{\s*$|\{")/m);
	if (start === -1) throw new Error(`no JSON in n8n output:\n${stdout.slice(-2000)}`);
	// Log lines may follow the JSON too: take the shortest prefix that parses.
	const text = stdout.slice(start);
	for (let end = text.indexOf('\n}'); end !== -1; end = text.indexOf('\n}', end + 1)) {
		try {
			return JSON.parse(text.slice(0, end + 2));
		} catch {
			// not the closing brace of the top-level object yet
		}
	}
	return JSON.parse(text);
}

let counter = 0;
function nextId(prefix) {
	counter += 1;
	return `${prefix}${String(counter).padStart(4, '0')}${Math.random().toString(36).slice(2, 8)}`.slice(
		0,
		16,
	);
}

export function credential({
	name,
	url,
	clientId,
	clientSecret,
	hosting = 'hosted',
	tenant = '',
	authServerUrl = '',
	scope = 'all',
	...more
}) {
	return {
		id: nextId('cred'),
		name: name ?? `HaloPSA ${clientId}`,
		type: CREDENTIAL_TYPE,
		data: { hosting, url, tenant, authServerUrl, clientId, clientSecret, scope, ...more },
	};
}

/** The credential of a sandbox tenant (its client id and secret are named after it). */
export function tenantCredential(sandbox, tenant, fields = {}) {
	return credential({
		name: `HaloPSA ${tenant.name}`,
		url: sandbox.url,
		tenant: tenant.name,
		clientId: `${tenant.name}-client`,
		clientSecret: `${tenant.name}-secret`,
		...fields,
	});
}

/**
 * Manual trigger → Code node emitting `items` → one or more HaloPSA nodes in a chain.
 * steps: [{ name?, parameters, continueOnFail?, typeVersion? }] (typeVersion 1 unless given: saved workflows)
 */
export function workflow({ name, credential: cred, items = [{}], steps }) {
	const nodes = [
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
			// An item made with fileItem() (cases.mjs) carries a binary file as base64; the rest are JSON.
			parameters: {
				jsCode: `return ${JSON.stringify(items)}.map((item) => (item && item.__file ? { json: item.json, binary: item.binary } : { json: item }));`,
			},
		},
	];
	const connections = { Start: { main: [[{ node: 'Input', type: 'main', index: 0 }]] } };
	let previous = 'Input';
	steps.forEach((step, index) => {
		const nodeName = step.name ?? (index === 0 ? 'Halo' : `Halo ${index + 1}`);
		nodes.push({
			id: `halo${index}`,
			name: nodeName,
			type: NODE_TYPE,
			typeVersion: step.typeVersion ?? 1,
			position: [400 + index * 200, 0],
			parameters: step.parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
			...(step.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		});
		connections[previous] = { main: [[{ node: nodeName, type: 'main', index: 0 }]] };
		previous = nodeName;
	});
	return {
		id: nextId('wf'),
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Items a node output in an execution, as the editor would show them. */
export function nodeOutput(execution, nodeName = 'Halo') {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	return runs[0]?.data?.main?.[0] ?? [];
}

// Runs a test file's imports and workflows in one n8n boot (see N8nSuite.session).
const SESSION_SCRIPT = fileURLToPath(new URL('./n8n-session.cjs', import.meta.url));

/**
 * Workflow ids grouped by the credential their HaloPSA nodes use, in order: a group's workflows
 * must run one after another (a second execution may rely on the first one's stored token).
 */
function byCredential(flows) {
	const groups = new Map();
	for (const flow of flows) {
		const used = flow.nodes.map((node) => node.credentials?.[CREDENTIAL_TYPE]?.id).find(Boolean);
		const key = used ?? flow.id;
		groups.set(key, [...(groups.get(key) ?? []), flow.id]);
	}
	return [...groups.values()];
}

/** How a failed execution reads in a summary, as `n8n execute-batch` words it. */
function describeFailure(execution, message) {
	const error = execution?.data?.resultData?.error;
	if (!error) return message ?? 'the workflow did not run';
	const lastNode = execution.data.resultData.lastNodeExecuted;
	return `${error.description || error.message}${lastNode === undefined ? '' : ` on node ${lastNode}`}`;
}

/** One n8n user folder: import everything once, then run workflows in batches. */
export class N8nSuite {
	constructor(label, extraEnv = {}) {
		mkdirSync(join(CACHE_DIR, 'runs'), { recursive: true });
		this.folder = mkdtempSync(join(CACHE_DIR, 'runs', `${label}-`));
		this.env = n8nEnv(this.folder, extraEnv);
		this.credentials = [];
		this.workflows = [];
	}

	add(cred, ...flows) {
		if (cred && !this.credentials.includes(cred)) this.credentials.push(cred);
		this.workflows.push(...flows);
		return flows[0];
	}

	/** Imports the suite's credentials and workflows (one n8n boot), e.g. before `n8n start`. */
	async importAll() {
		const { run } = await this.session({ importFirst: true, flows: [] });
		if (run.code !== 0 || run.signal)
			throw new Error(
				`n8n could not import the suite:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`,
			);
	}

	/**
	 * Runs workflows in one n8n process (test/harness/n8n-session.cjs: n8n's WorkflowRunner, as
	 * `n8n execute` runs it), after importing the suite first if asked. Workflows on one credential
	 * run one after another; `concurrency` of those groups run at once.
	 * Returns the successful executions by workflow id (`results`), the failed ones (`failures`),
	 * an `execute-batch`-like `summary` of the errors, and the process's output (`run`).
	 */
	async session({ flows, importFirst = false, concurrency = 1 }, runOptions = {}) {
		const stamp = `${Date.now()}-${(this.sessions = (this.sessions ?? 0) + 1)}`;
		const out = join(this.folder, `executions-${stamp}`);
		mkdirSync(out);
		const job = { n8nBin: N8N_BIN, groups: byCredential(flows), concurrency, out };
		if (importFirst) {
			job.credentials = join(this.folder, 'credentials.json');
			job.workflows = join(this.folder, 'workflows.json');
			writeFileSync(job.credentials, JSON.stringify(this.credentials));
			writeFileSync(job.workflows, JSON.stringify(this.workflows));
		}
		const jobFile = join(this.folder, `job-${stamp}.json`);
		writeFileSync(jobFile, JSON.stringify(job));
		const run = await runN8n([jobFile], this.env, {
			stdoutFile: join(this.folder, `session-${stamp}.log`),
			...runOptions,
			script: SESSION_SCRIPT,
			allowFailure: true,
		});
		const results = new Map();
		const failures = new Map();
		const errors = [];
		for (const flow of flows) {
			const file = join(out, `${flow.id}.json`);
			if (!existsSync(file)) continue;
			const { status, execution, message } = JSON.parse(readFileSync(file, 'utf8'));
			if (status === 'success') results.set(flow.id, execution);
			else if (status === 'error') failures.set(flow.id, execution);
			errors.push(
				...(status === 'success'
					? []
					: [{ workflowId: flow.id, error: describeFailure(execution, message) }]),
			);
		}
		return { results, failures, summary: { summary: { errors, warnings: [] } }, run };
	}

	/** Imports the suite and runs workflows in one n8n process (see session()). */
	importAndRun(flows, options = {}) {
		return this.session({ importFirst: true, flows, ...options });
	}

	/** Runs workflows, already imported, in one n8n process (see session()). */
	executeBatch(flows, runOptions = {}) {
		return this.session({ flows }, runOptions);
	}

	/** One workflow through `n8n execute --rawOutput`: the path that shows failed executions too. */
	async execute(flow, runOptions = {}) {
		const run = await runN8n(['execute', `--id=${flow.id}`, '--rawOutput'], this.env, {
			...runOptions,
			allowFailure: true,
		});
		return { execution: parseRawOutput(run.stdout), run };
	}
}

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Olive',
	lastName: 'Owner',
	password: 'Sandbox-Passw0rd',
};

/**
 * Sets up the owner account and returns its session cookie. /rest/settings can answer before the
 * owner routes do, and a setup may already have happened, so try setup, then login, a while.
 */
export async function ownerCookie(url) {
	const attempts = [
		['/rest/owner/setup', OWNER],
		['/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password }],
	];
	let last = '';
	for (let tries = 0; tries < 60; tries++) {
		for (const [path, body] of attempts) {
			const response = await fetch(`${url}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const cookie = response.headers.get('set-cookie')?.split(';')[0];
			if (response.ok && cookie) return cookie;
			last = `${path}: ${response.status} ${(await response.text()).slice(0, 200)}`;
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`could not log in to n8n: ${last}`);
}

/** A free port for one server, reserved for this test process (see ports.mjs). */
export const freePort = () => reservePorts(1);

/**
 * A port for `n8n start`, with the one after it for its task broker (brokerPortOf): a restart on
 * the same port needs both again, and keeps the webhook URLs n8n gives trigger nodes.
 */
export const freeN8nPort = () => reservePorts(2);
export const brokerPortOf = (n8nPort) => n8nPort + 1;

/**
 * `n8n start` on the suite's user folder (after importAll), with its owner account set up.
 * For what only the running app shows: the editor and n8n's credential test.
 */
export async function startN8nServer(
	suite,
	{ timeoutMs = 300_000, port, env: extraEnv = {} } = {},
) {
	port ??= await freeN8nPort();
	const url = `http://127.0.0.1:${port}`;
	// `port`: a restart on the same port keeps the webhook URLs n8n gives trigger nodes.
	const env = {
		...suite.env,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPortOf(port)),
		N8N_SECURE_COOKIE: 'false',
		...extraEnv,
	};
	const child = spawn(NODE24, [N8N_BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout.on('data', (chunk) => (log += chunk));
	child.stderr.on('data', (chunk) => (log += chunk));
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`n8n start exited ${child.exitCode}\n${log.slice(-3000)}`);
		if (Date.now() - started > timeoutMs) {
			child.kill('SIGKILL');
			throw new Error(`n8n start did not come up in ${timeoutMs / 1000} s\n${log.slice(-3000)}`);
		}
		try {
			if ((await fetch(`${url}/rest/settings`)).ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	const cookie = await ownerCookie(url);
	return {
		url,
		port,
		cookie,
		/** n8n's REST API as the logged-in owner. */
		async rest(method, path, body) {
			const response = await fetch(`${url}/rest${path}`, {
				method,
				headers: {
					'content-type': 'application/json',
					cookie,
					'browser-id': 'halopsa-complete-tests',
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok)
				throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
			return JSON.parse(text).data;
		},
		log: () => log,
		stop() {
			child.kill('SIGTERM');
			return new Promise((resolve) => {
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				child.on('exit', () => {
					clearTimeout(timer);
					resolve();
				});
			});
		},
	};
}
