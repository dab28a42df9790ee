// Helpers for the trigger tests: workflows that start with one of the package's triggers, the
// n8n REST calls that activate them and read their executions, and a Halo user who changes
// records through the sandbox's API (as people and integrations do in a real Halo).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

import { N8N_BIN } from '../../scripts/n8n-env.mjs';
import { CREDENTIAL_TYPE } from './n8n.mjs';

export { freeN8nPort } from './n8n.mjs';

// n8n's REST API answers execution data in its own "flatted" JSON; read it with n8n's copy.
const { parse: parseFlatted } = createRequire(N8N_BIN)('flatted');

export const WEBHOOK_TRIGGER = 'CUSTOM.haloPsaCompleteTrigger';
export const POLLING_TRIGGER = 'CUSTOM.haloPsaCompletePollingTrigger';

let counter = 0;

/**
 * A workflow of one trigger node (and a No-Op after it, as a user would have something there).
 * `typeVersion`: the trigger's version, 1 unless given (the workflows users saved before version 2).
 */
export function triggerWorkflow({ name, credential, type, parameters, typeVersion = 1 }) {
	counter += 1;
	const id =
		`trg${String(counter).padStart(3, '0')}${Math.random().toString(36).slice(2, 10)}`.slice(0, 16);
	const trigger = {
		id: randomUUID(),
		name: 'Halo Trigger',
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
	};
	if (type === WEBHOOK_TRIGGER) trigger.webhookId = randomUUID();
	const next = {
		id: randomUUID(),
		name: 'Next',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	return {
		id,
		name,
		nodes: [trigger, next],
		connections: { 'Halo Trigger': { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** n8n's REST calls for activation and executions, on a server from startN8nServer. */
export function n8nRest(server) {
	return {
		async activate(workflowId) {
			const workflow = await server.rest('GET', `/workflows/${workflowId}`);
			return server.rest('POST', `/workflows/${workflowId}/activate`, {
				versionId: workflow.versionId,
			});
		},
		async deactivate(workflowId) {
			return server.rest('POST', `/workflows/${workflowId}/deactivate`, {});
		},
		/** The workflow's executions, oldest first: [{id, status, mode}]. */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const answer = await server.rest('GET', `/executions?filter=${filter}&limit=250`);
			return [...(answer.results ?? answer)].sort((a, b) => Number(a.id) - Number(b.id));
		},
		/** Items the node output in one execution. */
		async output(executionId, nodeName = 'Halo Trigger') {
			const execution = await server.rest('GET', `/executions/${executionId}`);
			const data =
				typeof execution.data === 'string' ? parseFlatted(execution.data) : execution.data;
			return (data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map(
				(item) => item.json,
			);
		},
	};
}

/** Someone working in Halo: changes records through the sandbox's API with a token of its own. */
export async function haloUser(sandbox, tenantName) {
	const tenant = sandbox.tenant(tenantName);
	const app = tenant.apps[0];
	const tokenAnswer = await fetch(`${sandbox.url}/auth/token?tenant=${tenantName}`, {
		method: 'POST',
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: app.clientId,
			client_secret: app.clientSecret,
			scope: 'all',
		}),
	});
	const { access_token: token } = await tokenAnswer.json();
	const call = async (method, path, body) => {
		const response = await fetch(`${sandbox.url}/api${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
	return {
		token: token.slice(0, 8),
		save: (path, records) => call('POST', path, records),
		remove: (path) => call('DELETE', path),
		get: (path) => call('GET', path),
	};
}

export async function waitFor(what, check, { timeoutMs = 60_000, everyMs = 250 } = {}) {
	const started = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - started > timeoutMs)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the HaloPSA nodes said in n8n's log, printed for whoever reads a failed test. */
export function printHaloLog(server) {
	for (const line of (server?.log() ?? '').split('\n').filter((text) => /HaloPSA/.test(text)))
		process.stdout.write(`# ${line.slice(0, 400)}\n`);
}
