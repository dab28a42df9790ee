// The test harness's ports (test/harness/ports.mjs): outside the system's ephemeral range, never
// handed out twice, and kept apart between test processes by reservation files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import {
	HIGHEST_PORT,
	LOWEST_PORT,
	RESERVATIONS,
	releasePorts,
	reservePort,
	reservePorts,
} from '../../harness/ports.mjs';

const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
	.trim()
	.split(/\s+/)
	.map(Number);

test('Ports come from below the ephemeral range, each once, and pairs are consecutive and free', async () => {
	assert.ok(HIGHEST_PORT < ephemeralLow);
	const seen = new Set<number>();
	for (let index = 0; index < 40; index++) {
		const first = await reservePorts(2);
		for (const port of [first, first + 1]) {
			assert.ok(port >= LOWEST_PORT && port <= HIGHEST_PORT, `${port} in range`);
			assert.ok(!seen.has(port), `${port} handed out once`);
			seen.add(port);
			assert.equal(readFileSync(join(RESERVATIONS, String(port)), 'utf8'), String(process.pid));
		}
	}
});

test('A port another live process reserved is refused; one left by an ended process is taken over', async () => {
	const other = spawn(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			`import { reservePorts } from ${JSON.stringify(new URL('../../harness/ports.mjs', import.meta.url).href)};
			console.log(await reservePorts(1)); setInterval(() => {}, 1000);`,
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const port = await new Promise<number>((resolve) =>
		other.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk))),
	);
	try {
		assert.equal(reservePort(port), false);
	} finally {
		other.kill('SIGKILL');
		await new Promise((resolve) => other.once('exit', resolve));
	}
	// SIGKILL skips the exit handler: the file stays, naming a process that is gone.
	assert.equal(readFileSync(join(RESERVATIONS, String(port)), 'utf8'), String(other.pid));
	assert.equal(reservePort(port), true);
	assert.equal(readFileSync(join(RESERVATIONS, String(port)), 'utf8'), String(process.pid));
});

test('A port something listens on is not handed out, nor a pair whose second port is taken', async () => {
	const base = await reservePorts(5);
	const listener = createServer().listen(base + 1);
	await new Promise((resolve) => listener.once('listening', resolve));
	releasePorts(base, 5);
	const candidates = [base + 1, base + 4, base, base + 2];
	const pick = (): number => {
		const next = candidates.shift();
		assert.ok(next !== undefined, 'asked for more candidates than the test gave');
		return next;
	};
	try {
		assert.equal(await reservePorts(1, { pick }), base + 4);
		assert.equal(await reservePorts(2, { pick }), base + 2);
		assert.deepEqual(candidates, []);
	} finally {
		listener.close();
	}
});
