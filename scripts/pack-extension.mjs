// Builds the package and unpacks `npm pack`'s tarball where N8N_CUSTOM_EXTENSIONS points,
// so tests and `npm start` load exactly what users install.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { CACHE_DIR, ROOT } from './n8n-env.mjs';

const LOCK = join(CACHE_DIR, 'build.lock');
const STALE_LOCK_MS = 180_000;

/** Several developers' test runs may share one work tree: build and pack one at a time. */
function withBuildLock(work) {
	mkdirSync(CACHE_DIR, { recursive: true });
	for (;;) {
		try {
			mkdirSync(LOCK);
			break;
		} catch {
			try {
				if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
					rmSync(LOCK, { recursive: true, force: true });
			} catch {
				// the other run released it meanwhile
			}
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
		}
	}
	try {
		return work();
	} finally {
		rmSync(LOCK, { recursive: true, force: true });
	}
}

export function buildAndPack(targetDir) {
	return withBuildLock(() => buildAndPackUnlocked(targetDir));
}

function buildAndPackUnlocked(targetDir) {
	process.stdout.write('[pack] building the node…\n');
	execFileSync('npx', ['n8n-node', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const packDir = join(CACHE_DIR, `pack-${process.pid}`);
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const tarball = execFileSync('npm', ['pack', '--silent', `--pack-destination=${packDir}`], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	const packageDir = join(targetDir, 'n8n-nodes-halopsa-complete');
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', join(packDir, tarball), '-C', packageDir, '--strip-components=1']);
	rmSync(packDir, { recursive: true, force: true });
	process.stdout.write(`[pack] ${tarball} unpacked into ${packageDir}\n`);
	return packageDir;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
	buildAndPack(process.argv[2] ?? join(CACHE_DIR, 'extension'));
}
