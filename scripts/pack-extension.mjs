// Builds the package and unpacks `npm pack`'s tarball where N8N_CUSTOM_EXTENSIONS points,
// so tests and `npm start` load exactly what users install.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './n8n-env.mjs';

export function buildAndPack(targetDir) {
	process.stdout.write('[pack] building the node…\n');
	execFileSync('npx', ['n8n-node', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const packDir = join(ROOT, '.test-tmp', 'pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const tarball = execFileSync('npm', ['pack', '--silent', `--pack-destination=${packDir}`], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop();
	const packageDir = join(targetDir, 'n8n-nodes-halopsa-complete');
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', join(packDir, tarball), '-C', packageDir, '--strip-components=1']);
	process.stdout.write(`[pack] ${tarball} unpacked into ${packageDir}\n`);
	return packageDir;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
	buildAndPack(process.argv[2] ?? join(ROOT, '.test-tmp', 'extension'));
}
