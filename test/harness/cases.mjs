// Helpers for test files: one sandbox tenant and one credential per case, so every case reads its
// own request log, and workflows built the way a user would build them in the editor.
import { startSandbox } from '../../sandbox/server.mjs';
import { N8nSuite, credential, nodeOutput, workflow } from './n8n.mjs';

const CASE_CONCURRENCY = 4;

/** An input item with a binary file in `property` (n8n keeps it as base64 with its name and type). */
export const fileItem = (json, { property = 'data', bytes, fileName, mimeType }) => ({
	__file: true,
	json,
	binary: { [property]: { data: Buffer.from(bytes).toString('base64'), fileName, mimeType } },
});

/** Resource locator value, as the editor saves "By ID". */
export const byId = (id) => ({ __rl: true, mode: 'id', value: String(id) });

/** A tenant with its own API application, data and knobs, plus a credential pointing at it. */
export function tenantCase(sandbox, suite, name, { seed, knobs, credentialFields = {} } = {}) {
	const tenant = sandbox.addTenant(name, { seed, knobs });
	const app = tenant.apps[0];
	const cred = credential({
		name: `HaloPSA ${name}`,
		url: sandbox.url,
		tenant: name,
		clientId: app.clientId,
		clientSecret: app.clientSecret,
		...credentialFields,
	});
	suite.add(cred);
	return { tenant, cred };
}

/** Adds a workflow of one or more HaloPSA steps for a case and returns it. */
export function caseWorkflow(suite, { cred }, name, steps, items) {
	const flow = workflow({
		name,
		credential: cred,
		items,
		steps: Array.isArray(steps) ? steps : [steps],
	});
	suite.add(undefined, flow);
	return flow;
}

export function names(count, prefix = 'Client') {
	return Array.from({ length: count }, (_, index) => ({
		name: `${prefix} ${String(index + 1).padStart(3, '0')}`,
	}));
}

/**
 * A test file's cases: each gets its own sandbox tenant and credential; all of them, passing and
 * failing, are imported and run in one n8n boot.
 */
export class CaseBook {
	/** `env`: more settings for this file's n8n processes, e.g. { N8N_LOG_LEVEL: 'debug' }. */
	static async start(label, { env, concurrency } = {}) {
		return new CaseBook(await startSandbox(), new N8nSuite(label, env), { concurrency });
	}

	/**
	 * `concurrency`: how many cases run at once. Each case has its own tenant and credential (the
	 * node's limiter and token are per credential), so cases do not meet; a case's own workflows
	 * still run in order. Most of a case's time is waiting (retry back-off, rate-limit windows).
	 */
	constructor(sandbox, suite, { concurrency = CASE_CONCURRENCY } = {}) {
		this.sandbox = sandbox;
		this.suite = suite;
		this.concurrency = concurrency;
		this.cases = new Map();
		this.batchFlows = [];
		this.failingFlows = [];
	}

	/** A case whose workflow must finish (errors, if any, through Continue On Fail). */
	passing(name, { seed, knobs, credentialFields, steps, items }) {
		const ctx = tenantCase(this.sandbox, this.suite, name, { seed, knobs, credentialFields });
		ctx.flow = caseWorkflow(this.suite, ctx, name, steps, items);
		this.cases.set(name, ctx);
		this.batchFlows.push(ctx.flow);
		return ctx;
	}

	/**
	 * A case whose workflow the file builds itself from the case's credential (e.g. an AI Agent
	 * with the node as its tool); `credentials`: the other credentials it uses.
	 */
	built(name, { seed, knobs, credentials = [], build }) {
		const ctx = tenantCase(this.sandbox, this.suite, name, { seed, knobs });
		ctx.flow = build(ctx.cred);
		for (const cred of credentials) this.suite.add(cred);
		this.suite.add(undefined, ctx.flow);
		this.cases.set(name, ctx);
		this.batchFlows.push(ctx.flow);
		return ctx;
	}

	/** Another workflow on an existing case's tenant and credential (e.g. a second execution). */
	also(name, label, { steps, items }) {
		const flow = caseWorkflow(this.suite, this.cases.get(name), label, steps, items);
		this.batchFlows.push(flow);
		return flow;
	}

	/** A case whose execution must fail (its execution is read with failure()). */
	failing(name, options) {
		const ctx = tenantCase(this.sandbox, this.suite, name, options);
		ctx.flow = caseWorkflow(this.suite, ctx, name, options.steps, options.items);
		this.cases.set(name, ctx);
		this.failingFlows.push(ctx);
		return ctx;
	}

	/** Imports the file's cases and runs every workflow in one n8n boot (N8nSuite.session). */
	async run() {
		const failing = this.failingFlows.map((ctx) => ctx.flow);
		this.batch = await this.suite.session({
			importFirst: true,
			flows: [...this.batchFlows, ...failing],
			concurrency: this.concurrency,
		});
		await this.rerunUnstarted();
		for (const ctx of this.failingFlows) {
			ctx.failed = this.batch.failures.get(ctx.flow.id);
			ctx.failedRun = this.batch.run;
		}
	}

	/**
	 * n8n has been seen to die of a segmentation fault here in the middle of a run. Workflows it
	 * never got to (no result, not one request in their tenant's log) run once more.
	 */
	async rerunUnstarted() {
		if (!this.batch.run.signal && this.batch.run.code === 0) return;
		const tenantOf = new Map([...this.cases.values()].map((ctx) => [ctx.flow.id, ctx.tenant]));
		const unstarted = [...this.batchFlows, ...this.failingFlows.map((ctx) => ctx.flow)].filter(
			(flow) =>
				!this.batch.results.has(flow.id) &&
				!this.batch.failures.has(flow.id) &&
				(tenantOf.get(flow.id)?.log.length ?? 1) === 0,
		);
		if (unstarted.length === 0) return;
		process.stdout.write(
			`# n8n ended early (${this.batch.run.signal ?? this.batch.run.code}); running ${unstarted.length} workflows again\n`,
		);
		// Imported again too: n8n may have ended before its import.
		const again = await this.suite.session({
			importFirst: true,
			flows: unstarted,
			concurrency: this.concurrency,
		});
		for (const [id, execution] of again.results) this.batch.results.set(id, execution);
		for (const [id, execution] of again.failures) this.batch.failures.set(id, execution);
		this.batch.summary.summary.errors.push(...again.summary.summary.errors);
	}

	tenant(name) {
		return this.cases.get(name).tenant;
	}

	/** Requests the case's tenant received from n8n (token calls apart). */
	api(name) {
		return this.tenant(name).apiRequests();
	}

	/** Items (with pairedItem) the HaloPSA node output in the case's workflow. */
	items(name, flow = this.cases.get(name).flow, nodeName = 'Halo') {
		const execution = this.batch.results.get(flow.id);
		if (!execution) {
			const errors = JSON.stringify(this.batch.summary?.summary?.errors ?? []);
			throw new Error(
				`${name} did not finish successfully: ${errors}\n${this.batch.run.stderr.slice(-1500)}`,
			);
		}
		return nodeOutput(execution, nodeName) ?? [];
	}

	/**
	 * How a case's workflow failed, as `n8n execute-batch` sums it up (the error's description,
	 * else its message, then "on node …"); undefined when it did not fail.
	 */
	batchError(name) {
		const flow = this.cases.get(name).flow;
		const { errors = [], warnings = [] } = this.batch.summary?.summary ?? {};
		return [...errors, ...warnings].find((error) => error.workflowId === flow.id)?.error;
	}

	/** The JSON of the items the HaloPSA node output. */
	output(name, flow, nodeName) {
		return this.items(name, flow, nodeName).map((item) => item.json);
	}

	/** What n8n logged (stdout and stderr) in the run that held a failing case. */
	failureLog(name) {
		const run = this.cases.get(name).failedRun;
		return `${run.stdout}\n${run.stderr}`;
	}

	/** The execution of a failing case, as `n8n execute --rawOutput` would print it. */
	failure(name) {
		return this.cases.get(name).failed;
	}

	close() {
		return this.sandbox.close();
	}
}
