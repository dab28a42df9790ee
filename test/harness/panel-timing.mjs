// How quick a node's panel is where users feel it (issue 29): in headless Chromium on a running
// n8n, open the node's panel from the canvas and switch its operation, timed from the click to the
// moment the parameter that proves it is on screen. Used by test/n8n/editor.test.mjs, which asserts
// that the panel opened and the operation switched and reports the times, and by `npm run bench`,
// which prints them. Timings are reported, never asserted: on a shared machine they are not tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { CACHE_DIR } from '../../scripts/n8n-env.mjs';
import { NODE_TYPE } from './n8n.mjs';

/** The latest measurement, as JSON: editor.test.mjs writes it, for comparing runs. */
export const PANEL_TIMES_FILE = join(CACHE_DIR, 'panel-times.json');

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = () => existsSync(CHROMIUM);

/**
 * The two nodes compared, each set to Ticket › Update and switched to Get Many: this node and n8n's
 * own HaloPSA node. `proof` is a parameter the operation shows and the other does not.
 */
export const PANEL_NODES = {
	ours: {
		label: 'HaloPSA Complete',
		nodeName: 'Halo Complete',
		type: NODE_TYPE,
		typeVersion: 1.2,
		parameters: { resource: 'ticket', operation: 'update' },
		opened: { operation: 'Update', proof: 'ticketId' },
		switched: { operation: 'Get Many', proof: 'returnAll' },
	},
	builtin: {
		label: "n8n's HaloPSA",
		nodeName: 'n8n HaloPSA',
		type: 'n8n-nodes-base.haloPSA',
		typeVersion: 1,
		parameters: { resource: 'ticket', operation: 'update', ticketId: '1' },
		opened: { operation: 'Update', proof: 'ticketId' },
		switched: { operation: 'Get Many', proof: 'returnAll' },
	},
};

export async function launchBrowser() {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** A page logged in as n8n's owner. */
export async function ownerPage(browser, server) {
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	const [name, value] = server.cookie.split('=');
	await context.addCookies([{ name, value, url: server.url }]);
	return context.newPage();
}

/** A saved workflow holding a Manual Trigger and the node, named `nodeName`, as `PANEL_NODES` sets it. */
export async function panelWorkflow(server, key, nodeName, credentials) {
	const node = PANEL_NODES[key];
	return server.rest('POST', '/workflows', {
		name: `Panel timing: ${node.label}`,
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'node',
				name: nodeName,
				type: node.type,
				typeVersion: node.typeVersion,
				position: [260, 0],
				parameters: node.parameters,
				...(credentials ? { credentials } : {}),
			},
		],
		connections: { Start: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	});
}

const parameter = (page, name) => page.locator(`[data-test-id="parameter-input-${name}"]`).first();
const operationShown = (page) =>
	page.locator('[data-test-id="parameter-input-operation"] input').first().inputValue();

/**
 * The page's main thread's CPU time so far, in ms (Chrome's ThreadTime metric): steadier than
 * wall time on a busy machine, since time spent waiting for a core is left out.
 */
async function mainThreadTime(page) {
	const session = await page.context().newCDPSession(page);
	await session.send('Performance.enable');
	return async () => {
		const { metrics } = await session.send('Performance.getMetrics');
		return (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
	};
}

/**
 * Opens and closes the Manual Trigger's panel first: the editor loads the panel's own code on its
 * first opening, the same for every node, which would otherwise drown the difference between them.
 */
async function warmPanel(page) {
	await page
		.locator('[data-test-id="canvas-node"]')
		.filter({ hasText: 'Start' })
		.first()
		.dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await panel.waitFor({ state: 'hidden' });
}

/**
 * One round on a freshly loaded editor (panel code warmed): double-click the node, wait for its operation's proof;
 * open the Operation list, pick the other operation, wait for its proof. Returns both times (ms)
 * and what the panel showed, for the caller to assert.
 */
export async function timePanel(page, server, workflowId, key, nodeName) {
	const node = PANEL_NODES[key];
	await page.goto(`${server.url}/workflow/${workflowId}`);
	const canvasNode = page
		.locator('[data-test-id="canvas-node"]')
		.filter({ hasText: nodeName })
		.first();
	await canvasNode.waitFor({ timeout: 60_000 });
	await warmPanel(page);
	const cpu = await mainThreadTime(page);

	let started = performance.now();
	let cpuBefore = await cpu();
	await canvasNode.dblclick();
	await parameter(page, node.opened.proof).waitFor({ timeout: 30_000 });
	const openMs = performance.now() - started;
	const openCpuMs = (await cpu()) - cpuBefore;
	const openedOperation = await operationShown(page);

	await parameter(page, 'operation').click();
	const choice = page
		.locator('.el-select-dropdown__item:visible')
		.filter({ has: page.getByText(node.switched.operation, { exact: true }) })
		.first();
	await choice.waitFor();
	started = performance.now();
	cpuBefore = await cpu();
	await choice.click();
	await parameter(page, node.switched.proof).waitFor({ timeout: 30_000 });
	const switchMs = performance.now() - started;
	const switchCpuMs = (await cpu()) - cpuBefore;
	return {
		openMs,
		switchMs,
		openCpuMs,
		switchCpuMs,
		openedOperation,
		switchedOperation: await operationShown(page),
		openedProofGone: (await parameter(page, node.opened.proof).count()) === 0,
	};
}

export const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * `rounds` rounds of each node, taken in turns (ours, n8n's, ours, …) so that a busy moment on the
 * machine falls on both. Each round loads the editor afresh on a workflow of its own: n8n saves
 * the switched operation, which the next round must not find. `check(key, round)` may assert.
 */
export async function comparePanels(browser, server, credentials, { rounds = 3, check } = {}) {
	const times = Object.fromEntries(Object.keys(PANEL_NODES).map((key) => [key, []]));
	for (let round = 0; round < rounds; round++) {
		for (const [key, node] of Object.entries(PANEL_NODES)) {
			const created = await panelWorkflow(server, key, node.nodeName, credentials[key]);
			const page = await ownerPage(browser, server);
			try {
				const result = await timePanel(page, server, created.id, key, node.nodeName).catch(
					async (error) => {
						await page.screenshot({ path: join(CACHE_DIR, `panel-timing-${key}-failed.png`) });
						throw new Error(`${node.label}, round ${round + 1}: ${error.message}`);
					},
				);
				check?.(key, result);
				times[key].push(result);
			} finally {
				await page.context().close();
			}
		}
	}
	return Object.fromEntries(
		Object.entries(times).map(([key, results]) => [
			key,
			{
				openMs: median(results.map((result) => result.openMs)),
				switchMs: median(results.map((result) => result.switchMs)),
				openCpuMs: median(results.map((result) => result.openCpuMs)),
				switchCpuMs: median(results.map((result) => result.switchCpuMs)),
				rounds: results,
			},
		]),
	);
}

/**
 * What the editor downloads of a node type: n8n serves every node's description in
 * /types/nodes.json, and a `usableAsTool` node twice (the node and its "…Tool" copy). `kb` is the
 * node's entry in KB of JSON, `withToolKb` both, `parameters` its top-level parameters.
 */
export async function descriptionSize(server, type) {
	const response = await fetch(`${server.url}/types/nodes.json`, {
		headers: { cookie: server.cookie },
	});
	const types = await response.json();
	const size = (name) =>
		types
			.filter((entry) => entry.name === name)
			.reduce((sum, entry) => sum + Buffer.byteLength(JSON.stringify(entry)), 0) / 1024;
	const node = types.find((entry) => entry.name === type);
	if (!node) throw new Error(`n8n serves no node type ${type}`);
	return {
		kb: size(type),
		withToolKb: size(type) + size(`${type}Tool`),
		parameters: node.properties.length,
	};
}

/**
 * Both nodes measured on a running n8n (each node with `credentials[key]`, as users have one),
 * `rounds` rounds in turns, and the size of each node's description.
 */
export async function measurePanels(server, credentials = {}, { rounds = 3, check } = {}) {
	const browser = await launchBrowser();
	try {
		const times = await comparePanels(browser, server, credentials, { rounds, check });
		for (const [key, node] of Object.entries(PANEL_NODES))
			times[key].size = await descriptionSize(server, node.type);
		return times;
	} finally {
		await browser.close();
	}
}

/** One line per node: medians, every round, and the description's size. */
export function panelTimesReport(times) {
	const ms = (value) => `${Math.round(value)} ms`;
	return Object.entries(times).map(([key, measured]) => {
		const { kb, withToolKb, parameters } = measured.size;
		const rounds = measured.rounds
			.map((round) => `${Math.round(round.openMs)}/${Math.round(round.switchMs)}`)
			.join(', ');
		return `${PANEL_NODES[key].label}: open ${ms(measured.openMs)}, switch ${ms(measured.switchMs)} (median of ${measured.rounds.length}: ${rounds}); main-thread CPU: open ${ms(measured.openCpuMs)}, switch ${ms(measured.switchCpuMs)}; description ${Math.round(kb)} KB (${Math.round(withToolKb)} KB with its tool copy), ${parameters} top-level parameters`;
	});
}
