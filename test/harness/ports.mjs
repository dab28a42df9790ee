// Ports for the servers tests start (n8n, its task broker, PostgreSQL, Redis, a sandbox on a set
// port). They come from below the system's ephemeral range: a port in that range that was free
// when probed can be taken a moment later as the local end of any outgoing connection (test files
// make hundreds a second), and n8n, which binds its ports only after seconds of booting, exits
// when one is taken. Below that range only explicit listeners compete, and a reservation file
// per port keeps test processes running side by side, even from different clones, apart.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOWEST_PORT = 15_000;
export const RESERVATIONS = join(tmpdir(), 'halopsa-complete-ports');
mkdirSync(RESERVATIONS, { recursive: true });
const reservedHere = new Set();

process.on('exit', () => {
	for (const port of [...reservedHere]) releasePorts(port);
});

/** The first port the system hands out for outgoing connections (32768 on Linux by default). */
function ephemeralLow() {
	try {
		const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
			.trim()
			.split(/\s+/)
			.map(Number);
		return Number.isInteger(low) && low > LOWEST_PORT + 1_000 ? low : 32_768;
	} catch {
		return 32_768;
	}
}
export const HIGHEST_PORT = ephemeralLow() - 1;

function processIsAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Takes the port's reservation file; a file whose process has ended is taken over. */
export function reservePort(port) {
	if (reservedHere.has(port)) return false;
	const file = join(RESERVATIONS, String(port));
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(file, String(process.pid), { flag: 'wx' });
			reservedHere.add(port);
			return true;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = Number(readFileSync(file, 'utf8'));
			if (owner && processIsAlive(owner)) return false;
			rmSync(file, { force: true });
		}
	}
	return false;
}

/** Hands ports back before this process exits (a long-lived process that keeps taking ports). */
export function releasePorts(first, count = 1) {
	for (let port = first; port < first + count; port++) {
		reservedHere.delete(port);
		rmSync(join(RESERVATIONS, String(port)), { force: true });
	}
}

/** Whether nothing listens on the port, on any address (n8n listens on all of them). */
function isFree(port) {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, () => probe.close(() => resolve(true)));
	});
}

const randomFirst = (count) =>
	LOWEST_PORT + Math.floor(Math.random() * (HIGHEST_PORT - LOWEST_PORT - count + 2));

/** Reserves `count` ports from `first` when each is unreserved and free; else leaves none of them reserved. */
async function reserveRun(first, count) {
	for (let port = first; port < first + count; port++) {
		const reserved = reservePort(port);
		if (reserved && (await isFree(port))) continue;
		releasePorts(first, port - first + (reserved ? 1 : 0));
		return false;
	}
	return true;
}

/**
 * `count` consecutive ports, free and reserved by this process until it exits, outside the
 * ephemeral range. Answers the first. `pick` chooses the candidates (random ones; tests set it).
 */
export async function reservePorts(count = 1, { pick = randomFirst } = {}) {
	for (let tries = 0; tries < 1_000; tries++) {
		const first = pick(count);
		if (await reserveRun(first, count)) return first;
	}
	throw new Error(`no ${count} free consecutive ports between ${LOWEST_PORT} and ${HIGHEST_PORT}`);
}
