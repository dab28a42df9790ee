// One run of node's test runner, its output passed through and its counts read from the spec
// reporter's closing lines: shared by the unit tier and the real-n8n tier.
import { spawn } from 'node:child_process';

import { ROOT } from './n8n-env.mjs';

/**
 * Resolves to { code, seconds, pass, fail, output } once the run ends. `echo: false` keeps the
 * output for the caller instead of passing it through as it comes (runs side by side); `env`: the
 * test process's environment (default: this one's).
 */
export function runNodeTest(nodeArgs, { echo = true, env } = {}) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn(process.execPath, nodeArgs, {
			cwd: ROOT,
			env: env ?? process.env,
			stdio: ['ignore', 'pipe', echo ? 'inherit' : 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (echo) process.stdout.write(chunk);
		});
		child.stderr?.on('data', (chunk) => (output += chunk));
		child.on('close', (code) => {
			const count = (word) => Number(new RegExp(`^ℹ ${word} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
			resolve({
				code,
				seconds: (Date.now() - started) / 1000,
				pass: count('pass'),
				fail: count('fail'),
				output,
			});
		});
	});
}
