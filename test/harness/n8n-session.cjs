// One n8n process for a whole test file: imports its credentials and workflows, then runs the
// workflows one after another, the way `n8n execute` does (n8n's WorkflowRunner, mode "cli"), and
// writes each execution to a file, failed ones included. Three CLI commands and one boot per
// failing case used to cost a boot each (6–8 s); this is one boot. Runs on the selected n8n line's
// Node 24: `node n8n-session.cjs <job.json>`, with the n8n environment of n8nEnv().
//
// job.json: { n8nBin, credentials?: file, workflows?: file, groups: [[workflowId]], concurrency?,
//   out: folder }
// out/<workflowId>.json: { status: 'success' | 'error', execution } or { status: 'crash', message }
'use strict';

const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const n8nRequire = createRequire(job.n8nBin);
const dist = (file) => path.join(path.dirname(job.n8nBin), '..', 'dist', file);

// What n8n's own bin/n8n does before it runs a command.
process.env.NODE_CONFIG_DIR ??= path.join(path.dirname(job.n8nBin), 'config');
n8nRequire('util').inspect.defaultOptions.customInspect = false;
n8nRequire('source-map-support').install();
n8nRequire('reflect-metadata');
n8nRequire('dotenv').config({ quiet: true });
n8nRequire(dist('config'));
require('node:net').setDefaultAutoSelectFamily?.(false);

/** A command as n8n's CommandRegistry makes it: its flags parsed from an argv of ours. */
function command(name, argv) {
	const { Container } = n8nRequire('@n8n/di');
	const { CommandMetadata } = n8nRequire('@n8n/decorators');
	const { CliParser } = n8nRequire('@n8n/backend-common');
	const entry = Container.get(CommandMetadata).get(name);
	const instance = Container.get(entry.class);
	instance.flags = Container.get(CliParser).parse({
		argv: ['node', 'n8n', name, ...argv],
		flagsSchema: entry.flagsSchema,
	}).flags;
	return instance;
}

/** What `n8n execute --id` runs, with the execution kept rather than printed. */
async function execute(workflowId) {
	const { Container } = n8nRequire('@n8n/di');
	const { WorkflowRepository } = n8nRequire('@n8n/db');
	const { WorkflowRunner } = require(dist('workflow-runner'));
	const { ActiveExecutions } = require(dist('active-executions'));
	const { OwnershipService } = require(dist('services/ownership.service'));
	const { findCliWorkflowStart } = require(dist('utils'));
	const workflowData = await Container.get(WorkflowRepository).findOneBy({ id: workflowId });
	if (workflowData === null) return { status: 'crash', message: `no workflow ${workflowId}` };
	const startingNode = findCliWorkflowStart(workflowData.nodes);
	const owner = await Container.get(OwnershipService).getInstanceOwner();
	const executionId = await Container.get(WorkflowRunner).run({
		executionMode: 'cli',
		startNodes: [{ name: startingNode.name, sourceData: null }],
		workflowData,
		userId: owner.id,
	});
	const execution = await Container.get(ActiveExecutions).getPostExecutePromise(executionId);
	if (execution === undefined) return { status: 'crash', message: 'the workflow returned no data' };
	return { status: execution.data.resultData.error ? 'error' : 'success', execution };
}

/** What `n8n execute` logs when an execution fails (its `catch`). */
function logFailure(error) {
	const { Container } = n8nRequire('@n8n/di');
	const { Logger } = n8nRequire('@n8n/backend-common');
	const logger = Container.get(Logger);
	logger.error('Error executing workflow. See log messages for details.');
	logger.error(error.message);
	if (error.description) logger.error(error.description);
	logger.error(error.stack);
}

async function runAndKeep(workflowId) {
	let result;
	try {
		result = await execute(workflowId);
	} catch (error) {
		result = { status: 'crash', message: error instanceof Error ? error.stack : String(error) };
	}
	if (result.status === 'error') logFailure(result.execution.data.resultData.error);
	writeFileSync(path.join(job.out, `${workflowId}.json`), JSON.stringify(result));
}

async function main() {
	const { Container } = n8nRequire('@n8n/di');
	const { ModuleRegistry } = n8nRequire('@n8n/backend-common');
	require(dist('zod-alias-support'));
	// The import commands first: in n8n 1.x, with `execute` loaded before them, importing
	// workflows meets a dependency cycle (ImportService -> ActiveWorkflowManager ->
	// ExecutionService -> WaitTracker) that n8n's own CLI, one command per process, never loads.
	for (const file of [
		'commands/import/workflow',
		'commands/import/credentials',
		'commands/execute',
	])
		require(dist(file));
	await Container.get(ModuleRegistry).loadModules();
	// `execute` needs the most of n8n (nodes, task runner, expression engine, binary data): its
	// start-up serves the imports too.
	const runner = command('execute', []);
	await runner.init();
	if (job.credentials) await command('import:credentials', [`--input=${job.credentials}`]).run();
	if (job.workflows) await command('import:workflow', [`--input=${job.workflows}`]).run();
	// Workflows of one group run in order (they share a credential, and may depend on what the
	// one before left, such as a stored token); `concurrency` groups run at once.
	const groups = job.groups.map((group) => [...group]);
	const worker = async () => {
		for (let group = groups.shift(); group; group = groups.shift())
			for (const workflowId of group) await runAndKeep(workflowId);
	};
	await Promise.all(Array.from({ length: Math.max(1, job.concurrency ?? 1) }, worker));
	await runner.finally();
}

main().catch((error) => {
	process.stderr.write(`n8n-session: ${error?.stack ?? error}\n`);
	process.exit(1);
});
