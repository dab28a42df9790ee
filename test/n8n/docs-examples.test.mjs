// Each resource page's "Example workflow to import" is a workflow a user can paste into n8n: this
// runs every one of them, as pasted, inside real n8n against the sandbox's demo data (the data
// `npm start` serves), with only the node type (a custom extension here, the npm package there)
// and a credential filled in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox } from '../../sandbox/server.mjs';
import { demoSeed } from '../../sandbox/seed.mjs';
import { ROOT } from '../../scripts/n8n-env.mjs';
import { CREDENTIAL_TYPE, N8nSuite, NODE_TYPE, credential, nodeOutput } from '../harness/n8n.mjs';

const PACKAGE_TYPE = 'n8n-nodes-halopsa-complete.haloPsaComplete';
const DOCS = join(ROOT, 'docs', 'resources');

function example(page) {
	const match = /## Example workflow to import[\s\S]*?```json\n([\s\S]*?)\n```/.exec(page);
	return match ? JSON.parse(match[1]) : undefined;
}

const sandbox = await startSandbox();
const suite = new N8nSuite('docs-examples');
const cases = readdirSync(DOCS)
	.filter((file) => file.endsWith('.md'))
	.map((file, index) => {
		const resource = file.replace(/\.md$/, '');
		const pasted = example(readFileSync(join(DOCS, file), 'utf8'));
		const tenant = sandbox.addTenant(`docs-${resource}`, { seed: demoSeed() });
		const cred = credential({
			name: `HaloPSA ${resource}`,
			url: sandbox.url,
			tenant: tenant.name,
			clientId: tenant.apps[0].clientId,
			clientSecret: tenant.apps[0].clientSecret,
		});
		const flow = pasted && {
			...structuredClone(pasted),
			id: `wfDocsExample${String(index).padStart(3, '0')}`,
			settings: { executionOrder: 'v1' },
			active: false,
			nodes: pasted.nodes.map((node, index) =>
				node.type === PACKAGE_TYPE
					? {
							...node,
							id: `n${index}`,
							type: NODE_TYPE,
							credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
						}
					: { ...node, id: `n${index}` },
			),
		};
		suite.add(cred, ...(flow ? [flow] : []));
		return { resource, pasted, tenant, flow };
	});

let batch;
before(
	async () => {
		batch = await suite.importAndRun(
			cases.filter((entry) => entry.flow).map((entry) => entry.flow),
		);
	},
	{ timeout: 600_000 },
);
after(() => sandbox.close());

const METHODS = { create: 'POST', update: 'POST', getMany: 'GET', get: 'GET', delete: 'DELETE' };

for (const entry of cases) {
	test(`docs/resources/${entry.resource}.md: its example workflow imports and runs against HaloPSA's demo data`, () => {
		assert.ok(entry.pasted, 'no example workflow on the page');
		const halo = entry.pasted.nodes.filter((node) => node.type === PACKAGE_TYPE);
		assert.ok(halo.length > 0, `no ${PACKAGE_TYPE} node in the example`);
		const execution = batch.results.get(entry.flow.id);
		assert.ok(
			execution,
			`the example did not run: ${JSON.stringify(batch.summary ?? {}).slice(0, 1500)} ${batch.run.stderr.slice(-1000)}`,
		);
		for (const node of halo) {
			assert.equal(node.parameters.resource, entry.resource);
			const items = nodeOutput(execution, node.name);
			assert.ok(items, `${node.name} did not run`);
			for (const item of items) assert.equal(item.json.error, undefined);
			// The API Request resource names its own method.
			const method = METHODS[node.parameters.operation] ?? node.parameters.method ?? 'GET';
			const sent = entry.tenant.apiRequests().filter((request) => request.method === method);
			assert.ok(sent.length > 0, `HaloPSA received no ${method} for ${node.parameters.operation}`);
			assert.ok(
				sent.every((request) => request.status < 400),
				JSON.stringify(sent.map((request) => [request.path, request.status])),
			);
		}
	});
}
