// One run of node's test runner, its output passed through and its counts read from the spec
// reporter's closing lines: shared by the unit tier and the real-n8n tier.
import { spawn } from 'node:child_process';

import { ROOT } from './n8n-env.mjs';

/** Resolves to { code, seconds, pass, fail } once the run ends. */
export function runNodeTest(nodeArgs) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn(process.execPath, nodeArgs, {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
			process.stdout.write(chunk);
		});
		child.on('close', (code) => {
			const count = (word) => Number(new RegExp(`^ℹ ${word} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
			resolve({
				code,
				seconds: (Date.now() - started) / 1000,
				pass: count('pass'),
				fail: count('fail'),
			});
		});
	});
}
