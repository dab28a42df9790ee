#!/usr/bin/env node
// n8n's community-package scanner (@n8n/scan-community-package), run the way n8n runs it before it
// offers a package to users: its ESLint gate on the packed tarball, unpacked, and on the shippable
// source. Its CLI also fetches the published package, its npm provenance and the source commit that
// provenance names, which needs a real publish; `analyzePackage` is the offline part. It ignores
// inline `eslint-disable` comments, so a rule `n8n-node lint` lets pass that way fails here.
// `npm run lint` runs this, and so does `npm test` (unless --no-lint).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

import { CACHE_DIR, ROOT } from './n8n-env.mjs';
import { buildAndPack } from './pack-extension.mjs';

function report(label, result) {
	process.stdout.write(`[scan] ${label}: ${result.passed ? 'passed' : result.message}\n`);
	if (!result.passed && result.details) process.stdout.write(`${result.details}\n`);
	return result.passed;
}

/**
 * Scans an unpacked tarball (every .js, .ts and .json it ships, as the scanner does by default:
 * a shipped file n8n does not need is scanned too) and the source. Resolves to whether both pass.
 */
export async function scanPackage(packageDir) {
	const tarball = await analyzePackage(packageDir);
	const source = await analyzePackage(ROOT, SOURCE_FILE_PATTERNS);
	const tarballPassed = report('packed tarball', tarball);
	const sourcePassed = report(`source (${SOURCE_FILE_PATTERNS.join(', ')})`, source);
	return tarballPassed && sourcePassed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const packageDir = buildAndPack(join(CACHE_DIR, 'scan'));
	if (!(await scanPackage(packageDir))) process.exit(1);
}
