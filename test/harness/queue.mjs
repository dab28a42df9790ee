// n8n in queue mode, for real and on loopback: PostgreSQL (Debian's postgresql) and Redis
// (Debian's redis-server) in a temporary folder, an n8n main (`n8n start`) and `n8n worker`
// processes, all with EXECUTIONS_MODE=queue and the packed package loaded. Everything it starts
// is stopped by stop(), on a deadline, or when the test process exits; the folder is removed.
import { spawn, spawnSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { CACHE_DIR, ENV_DIR, N8N_BIN, NODE24 } from '../../scripts/n8n-env.mjs';
import { freePort, n8nEnv, ownerCookie } from './n8n.mjs';

// n8n's REST API sends execution data in `flatted` form; n8n's own copy reads it.
const { parse: unflatten } = createRequire(join(ENV_DIR, 'node_modules', 'n8n', 'package.json'))(
	'flatted',
);

/** Every process this module started and has not seen exit, and every cluster folder not yet removed. */
const running = new Set();
const folders = new Set();

/** Last resort, synchronous: the test process is exiting, perhaps on a signal. */
function killAndRemoveAll() {
	for (const child of running) child.kill('SIGKILL');
	for (const folder of folders) {
		try {
			rmSync(folder, { recursive: true, force: true });
		} catch {
			// a process killed a moment ago may still hold a file; the next run's sweep removes it
		}
	}
}
process.on('exit', killAndRemoveAll);
// Node does not run 'exit' handlers when a signal ends it (Ctrl-C, a CI timeout): do it here.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, () => {
		killAndRemoveAll();
		process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
	});
}

/** A cluster older than this was left by a test process that was killed outright (SIGKILL). */
const STALE_AFTER_MS = 30 * 60_000;

/** Whether a process belongs to a cluster folder: its working folder, or its n8n user folder, is inside it. */
function belongsTo(pid, folder) {
	try {
		if (readlinkSync(`/proc/${pid}/cwd`).startsWith(folder)) return true;
		return readFileSync(`/proc/${pid}/environ`, 'utf8')
			.split('\0')
			.includes(`N8N_USER_FOLDER=${readFileSync(join(folder, 'pids', String(pid)), 'utf8')}`);
	} catch {
		return false;
	}
}

/**
 * Removes the folders, and stops the processes, of clusters whose test process was killed
 * outright: each cluster notes its processes' ids in its folder, and a process is stopped only
 * when it still runs inside that folder.
 */
function sweepStaleClusters(runsDir) {
	if (!existsSync(runsDir)) return;
	for (const name of readdirSync(runsDir).filter((entry) => entry.startsWith('queue-'))) {
		const folder = join(runsDir, name);
		try {
			if (Date.now() - statSync(folder).mtimeMs < STALE_AFTER_MS) continue;
			const pidsDir = join(folder, 'pids');
			for (const pid of existsSync(pidsDir) ? readdirSync(pidsDir).map(Number) : []) {
				if (belongsTo(pid, folder)) process.kill(pid, 'SIGKILL');
			}
			rmSync(folder, { recursive: true, force: true });
		} catch {
			// another run removed it meanwhile
		}
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A started process whose output is kept, and that stops with `stopSignal`, then SIGKILL. */
function startProcess(
	label,
	command,
	args,
	{ env, cwd, uid, gid, stopSignal = 'SIGTERM', pidsDir } = {},
) {
	const child = spawn(command, args, { env, cwd, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(child);
	// For the sweep after a killed run: the process id, and the user folder that marks an n8n process as ours.
	if (pidsDir && child.pid)
		writeFileSync(join(pidsDir, String(child.pid)), env?.N8N_USER_FOLDER ?? '');
	let log = '';
	const keep = (chunk) => {
		log += chunk;
		// A long run must not grow without bound; the start and the recent past are what matter.
		if (log.length > 4_000_000) log = log.slice(0, 200_000) + '\n…\n' + log.slice(-2_000_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	exited.then(() => running.delete(child));
	return {
		label,
		child,
		log: () => log,
		exited,
		get alive() {
			return child.exitCode === null && child.signalCode === null;
		},
		async stop(graceMs = 15_000) {
			if (this.alive) {
				child.kill(stopSignal);
				const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
				await exited;
				clearTimeout(timer);
			}
		},
	};
}

function pidsDirOf(dir) {
	const pids = join(dir, 'pids');
	mkdirSync(pids, { recursive: true });
	return pids;
}

/** Waits for `ready()` to hold, failing early when the process exits or the time is up. */
async function waitFor(proc, what, ready, timeoutMs) {
	const started = Date.now();
	for (;;) {
		if (await ready().catch(() => false)) return;
		if (!proc.alive)
			throw new Error(`${proc.label} exited before ${what}\n${proc.log().slice(-3000)}`);
		if (Date.now() - started > timeoutMs)
			throw new Error(
				`${proc.label}: no ${what} within ${timeoutMs / 1000} s\n${proc.log().slice(-3000)}`,
			);
		await sleep(250);
	}
}

/** Why queue mode cannot run on this machine (what to install), or undefined when it can. */
export function queueModeMissing() {
	const missing = [];
	try {
		postgresBinDir();
		postgresUser();
	} catch (error) {
		missing.push(error.message);
	}
	try {
		redisBin();
	} catch (error) {
		missing.push(error.message);
	}
	return missing.length ? missing.join('; ') : undefined;
}

/** Debian installs PostgreSQL under /usr/lib/postgresql/<version>/bin, outside PATH. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
		: [];
	if (versions.length === 0)
		throw new Error('PostgreSQL is not installed: apt-get install postgresql (see .ci/run)');
	versions.sort((a, b) => Number(b) - Number(a));
	return join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` system user. */
function postgresUser() {
	if (process.getuid?.() !== 0) return {};
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('postgres:'));
	if (!line)
		throw new Error(
			'running as root, and there is no postgres user to run PostgreSQL as (Debian’s postgresql package creates it)',
		);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(dir, { timeoutMs = 60_000 } = {}) {
	const bin = postgresBinDir();
	const user = postgresUser();
	const data = join(dir, 'postgres');
	mkdirSync(data, { mode: 0o700 });
	if (user.uid !== undefined) {
		// mkdtemp's folder is the test user's alone, and so may be a folder above it (a clone made in
		// a mktemp folder): the postgres user must be able to pass through every one of them.
		chmodSync(dir, 0o711);
		for (let folder = dirname(dir); folder !== dirname(folder); folder = dirname(folder)) {
			const mode = statSync(folder).mode & 0o777;
			if ((mode & 0o001) === 0) chmodSync(folder, mode | 0o001);
		}
		chownSync(data, user.uid, user.gid);
	}
	const init = spawnSync(
		join(bin, 'initdb'),
		['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
		{
			...user,
			encoding: 'utf8',
		},
	);
	if (init.status !== 0)
		throw new Error(
			`initdb failed (${init.status ?? init.error?.message}):\n${init.stdout}\n${init.stderr}`,
		);
	const port = await freePort();
	// Loopback only; the socket in the data folder, so nothing is left in /var/run. No fsync: the
	// data is thrown away at the end.
	const args = [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		data,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
	];
	const proc = startProcess('postgres', join(bin, 'postgres'), args, {
		...user,
		cwd: data,
		stopSignal: 'SIGINT',
		pidsDir: pidsDirOf(dir),
	});
	/** psql on one of the server's databases, as n8n's user. */
	const psqlOn = (database, flags, sql) =>
		spawnSync(
			join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, ...flags],
			{ encoding: 'utf8' },
		);
	const psql = (sql) => psqlOn('postgres', ['-v', 'ON_ERROR_STOP=1', '-qc', sql]);
	await waitFor(proc, 'connections', async () => psql('SELECT 1').status === 0, timeoutMs);
	const created = psql('CREATE DATABASE n8n');
	if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	/** One SQL statement on n8n's database; its rows as text, one a line, fields separated by `|`. */
	const query = (sql) => {
		const answer = psqlOn('n8n', ['-AtX', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
		if (answer.status !== 0) throw new Error(`psql: ${answer.stderr}`);
		return answer.stdout;
	};
	return Object.assign(proc, { port, database: 'n8n', user: 'n8n', query });
}

function redisBin() {
	for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server'])
		if (existsSync(candidate)) return candidate;
	throw new Error('redis-server is not installed: apt-get install redis-server (see .ci/run)');
}

export async function startRedis(dir, { timeoutMs = 30_000 } = {}) {
	const data = join(dir, 'redis');
	mkdirSync(data);
	const port = await freePort();
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--protected-mode',
		'yes',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		data,
		'--daemonize',
		'no',
	];
	const proc = startProcess('redis', redisBin(), args, { cwd: data, pidsDir: pidsDirOf(dir) });
	await waitFor(
		proc,
		'connections',
		async () => /Ready to accept connections/.test(proc.log()),
		timeoutMs,
	);
	return Object.assign(proc, { port });
}

/**
 * A queue-mode n8n: PostgreSQL, Redis, one main and `workers` workers. `extraEnv` goes to every
 * n8n process. Call importAll() before start(); stop() always (it also runs on the deadline).
 */
export class QueueCluster {
	constructor(
		label,
		{ workers = 2, workerConcurrency = 5, extraEnv = {}, deadlineMs = 10 * 60_000 } = {},
	) {
		const runsDir = join(CACHE_DIR, 'runs');
		sweepStaleClusters(runsDir);
		mkdirSync(runsDir, { recursive: true });
		this.dir = mkdtempSync(join(runsDir, `queue-${label}-`));
		folders.add(this.dir);
		this.workerCount = workers;
		this.workerConcurrency = workerConcurrency;
		this.extraEnv = extraEnv;
		this.credentials = [];
		this.workflows = [];
		this.workers = [];
		this.processes = [];
		// Past this the cluster is torn down whatever the tests are doing, so a hang ends.
		this.deadline = setTimeout(() => {
			process.stderr.write(
				`# queue cluster ${label}: deadline of ${deadlineMs / 1000} s reached, stopping everything\n`,
			);
			void this.stop();
		}, deadlineMs);
	}

	add(cred, ...flows) {
		if (cred && !this.credentials.includes(cred)) this.credentials.push(cred);
		this.workflows.push(...flows);
		return flows[0];
	}

	/** Settings every n8n process of the cluster shares; `folder` is the process's own user folder. */
	env(folder, extra = {}) {
		mkdirSync(folder, { recursive: true });
		return n8nEnv(folder, {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: this.postgres.database,
			DB_POSTGRESDB_USER: this.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			// n8n 2.x runs manual executions on main unless told otherwise (n8n 3 always offloads).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			...this.extraEnv,
			...extra,
		});
	}

	async startServices() {
		this.postgres = await startPostgres(this.dir);
		this.processes.push(this.postgres);
		this.redis = await startRedis(this.dir);
		this.processes.push(this.redis);
	}

	/** Imports credentials and workflows into the shared database (this also runs n8n's migrations). */
	async importAll() {
		const folder = join(this.dir, 'import');
		const env = { ...this.env(folder), N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		writeFileSync(join(folder, 'credentials.json'), JSON.stringify(this.credentials));
		writeFileSync(join(folder, 'workflows.json'), JSON.stringify(this.workflows));
		for (const args of [
			['import:credentials', `--input=${join(folder, 'credentials.json')}`],
			['import:workflow', `--input=${join(folder, 'workflows.json')}`],
		]) {
			const proc = startProcess(args[0], NODE24, [N8N_BIN, ...args], {
				env,
				pidsDir: pidsDirOf(this.dir),
			});
			const { code, signal } = await proc.exited;
			if (code !== 0)
				throw new Error(`n8n ${args[0]} exited ${code ?? signal}\n${proc.log().slice(-3000)}`);
		}
	}

	async startN8n(label, args, extra) {
		const env = this.env(join(this.dir, label), {
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extra,
		});
		const proc = startProcess(label, NODE24, [N8N_BIN, ...args], {
			env,
			pidsDir: pidsDirOf(this.dir),
		});
		this.processes.push(proc);
		return proc;
	}

	/** Main and the workers, booted side by side; resolves once main serves its API and every worker listens to the queue. */
	async start({ timeoutMs = 240_000 } = {}) {
		const port = await freePort();
		this.url = `http://127.0.0.1:${port}`;
		// Webhooks are received by main: the address triggers register in Halo.
		const webhookUrl = { WEBHOOK_URL: `${this.url}/` };
		this.main = await this.startN8n('main', ['start'], { N8N_PORT: String(port), ...webhookUrl });
		for (let index = 1; index <= this.workerCount; index++) {
			this.workers.push(
				await this.startN8n(
					`worker${index}`,
					['worker', `--concurrency=${this.workerConcurrency}`],
					webhookUrl,
				),
			);
		}
		await Promise.all([
			waitFor(
				this.main,
				'API',
				async () => (await fetch(`${this.url}/rest/settings`)).ok,
				timeoutMs,
			),
			...this.workers.map((worker) =>
				waitFor(
					worker,
					'queue',
					async () => /n8n worker is now ready/.test(worker.log()),
					timeoutMs,
				),
			),
		]);
		this.cookie = await ownerCookie(this.url);
	}

	/**
	 * A workflow's static data as n8n saved it in the database (n8n's REST API does not show what a
	 * webhook or a trigger saved there).
	 */
	staticData(flow) {
		const text = this.postgres.query(
			`SELECT "staticData" FROM workflow_entity WHERE id = '${flow.id.replace(/'/g, "''")}'`,
		);
		return text.trim() === '' ? null : JSON.parse(text);
	}

	/** n8n's REST API on main, as the logged-in owner. */
	async rest(method, path, body) {
		const response = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				cookie: this.cookie,
				'browser-id': 'halopsa-complete-tests',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
		return JSON.parse(text).data;
	}

	/** Starts a manual run through main, as the editor's "Execute workflow" does; answers the execution id. */
	async run(flow) {
		const started = await this.rest('POST', `/workflows/${flow.id}/run`, {
			triggerToStartFrom: { name: flow.nodes[0].name },
		});
		if (!started?.executionId)
			throw new Error(`no execution started for ${flow.name}: ${JSON.stringify(started)}`);
		return started.executionId;
	}

	/** Activates a workflow on main (its triggers and webhooks are registered there). */
	async activate(flow) {
		const { versionId } = await this.rest('GET', `/workflows/${flow.id}`);
		return this.rest('POST', `/workflows/${flow.id}/activate`, { versionId });
	}

	async deactivate(flow) {
		return this.rest('POST', `/workflows/${flow.id}/deactivate`, {});
	}

	/** The finished execution, its data unflattened, once n8n has stored its end. */
	async execution(id, { timeoutMs = 120_000 } = {}) {
		const started = Date.now();
		for (;;) {
			const execution = await this.rest('GET', `/executions/${id}`);
			if (
				execution.finished ||
				['success', 'error', 'canceled', 'crashed'].includes(execution.status)
			) {
				if (typeof execution.data === 'string') execution.data = unflatten(execution.data);
				return execution;
			}
			if (Date.now() - started > timeoutMs)
				throw new Error(`execution ${id} still ${execution.status} after ${timeoutMs / 1000} s`);
			await sleep(250);
		}
	}

	/** Executions of a workflow, newest first (for runs that main started, e.g. from a webhook). */
	async executionsOf(flow) {
		const list = await this.rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: flow.id }))}&limit=100`,
		);
		return list.results ?? list;
	}

	/** Which process ran an execution: workers log each execution they pick up. */
	ranOn(executionId) {
		const pattern = new RegExp(`Worker started execution ${executionId} \\(job`);
		const on = [this.main, ...this.workers]
			.filter((proc) => pattern.test(proc.log()))
			.map((proc) => proc.label);
		return on.length === 1 ? on[0] : on.length === 0 ? 'main' : on.join('+');
	}

	/** Process labels of the cluster that are still running (e.g. to check none died). */
	alive() {
		return this.processes.filter((proc) => proc.alive).map((proc) => proc.label);
	}

	/** Stops n8n first (it needs the database and Redis to shut down cleanly), then Redis and PostgreSQL; removes the folder. */
	async stop() {
		if (this.stopping) return this.stopping;
		this.stopping = (async () => {
			clearTimeout(this.deadline);
			const n8n = this.processes.filter((proc) => proc !== this.postgres && proc !== this.redis);
			await Promise.all(n8n.map((proc) => proc.stop()));
			await Promise.all([this.redis?.stop(), this.postgres?.stop()]);
			rmSync(this.dir, { recursive: true, force: true });
			folders.delete(this.dir);
		})();
		return this.stopping;
	}
}
