// The per-execution client (issue 27, item 2): a request reaches the transport only with the rules
// of its entry point. The transport's request functions take a client, and a client without rules
// does not compile; and the client each kind of entry point makes (the action node's run, an
// editor loader, a trigger method) refuses what the credential forbids, sending nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import ts from 'typescript';

import { RESOURCES } from '../../../nodes/HaloPsaComplete/resources/index.ts';
import { loaderClient, runClient } from '../../../nodes/HaloPsaComplete/guards/operationAccess.ts';
import {
	governTrigger,
	resourceByValue,
} from '../../../nodes/HaloPsaComplete/guards/triggerAccess.ts';
import type { ResourceDefinition } from '../../../nodes/HaloPsaComplete/helpers/types.ts';
import { haloApiRequest } from '../../../nodes/HaloPsaComplete/transport/index.ts';
import { haloList } from '../../../nodes/HaloPsaComplete/transport/paging.ts';
import {
	asExecuteFunctions,
	asLoadOptionsFunctions,
	asPollFunctions,
	fakeExecuteFunctions,
	fakeLoadOptionsFunctions,
	fakeTriggerFunctions,
} from '../support/fakeNode.mts';
import { present } from '../support/assertions.mts';

const TRANSPORT = resolve(
	dirname(fileURLToPath(import.meta.url)),
	'../../../nodes/HaloPsaComplete/transport',
);

/**
 * Type-checks `code` (TypeScript, beside the transport's files) and answers its errors. n8n's
 * types are left out (n8n-workflow reads as `any`), which keeps this fast: what is checked is the
 * transport's own signatures.
 */
function typeErrors(code: string): string[] {
	const probe = join(TRANSPORT, '__probe.ts');
	const host = ts.createCompilerHost({});
	const read = host.getSourceFile;
	host.getSourceFile = (name, language, ...rest) =>
		name === probe ? ts.createSourceFile(name, code, language) : read(name, language, ...rest);
	const exists = host.fileExists;
	host.fileExists = (name) => name === probe || exists(name);
	const files = readdirSync(TRANSPORT)
		.filter((name) => name.endsWith('.ts'))
		.map((name) => join(TRANSPORT, name));
	const program = ts.createProgram(
		[probe, ...files],
		{
			strict: true,
			noEmit: true,
			noResolve: true,
			skipLibCheck: true,
			types: [],
			lib: ['lib.es2019.d.ts'],
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2019,
		},
		host,
	);
	return ts
		.getPreEmitDiagnostics(program, program.getSourceFile(probe))
		.filter((diagnostic) => !/n8n-workflow/.test(String(diagnostic.messageText)))
		.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('a request without its rules cannot be written', () => {
	test('the request functions take a client, and a client must carry rules, a preview hold and caches', () => {
		const errors = typeErrors(`
import { haloApiRequest } from './index';
import type { HaloClient } from './index';
import { haloList } from './paging';
declare const client: HaloClient;
declare const context: { getNode(): unknown };
const request = { method: 'GET', path: '/Client' } as const;
void haloApiRequest(client, request);
void haloList(client, { path: '/Client', pages: true });
void haloApiRequest(context, request); // refused: 1
void haloApiRequest({ context }, request); // refused: 2
void haloApiRequest({ context, preview: client.preview, cache: client.cache }, request); // refused: 3
void haloList(context, { path: '/Client', pages: true }); // refused: 4
void haloList({ context, preview: client.preview, cache: client.cache }, { path: '/Client', pages: true }); // refused: 5
`);
		assert.equal(errors.length, 5, errors.join('\n'));
		for (const error of errors)
			assert.match(
				error,
				/Property 'rules' is missing|missing the following properties .*\brules\b/,
				error,
			);
	});
});

describe("each entry point's client refuses what the credential forbids, sending nothing", () => {
	test("the action node's run: a request of no item is refused; an item's request is judged by its operation", async () => {
		const { context, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'client',
				operation: 'get',
				clientId: { __rl: true, mode: 'id', value: 1 },
			},
			credentials: { accessLevel: 'readOnly' },
		});
		const byValue = new Map<string, ResourceDefinition>(
			RESOURCES.map((resource) => [resource.value, resource]),
		);
		const client = runClient.call(
			asExecuteFunctions(context),
			byValue,
			new Map([[0, 'Client › Get']]),
		);
		await assert.rejects(haloApiRequest(client, { method: 'GET', path: '/Client' }), {
			message: 'No access rules came with GET /api/Client: it was not sent',
		});
		await assert.rejects(
			haloApiRequest(client, { method: 'DELETE', path: '/Client/1', itemIndex: 0 }),
			{ message: 'This credential allows reads only: Client › Get was not sent' },
		);
		assert.deepEqual(requests, []);
		await haloApiRequest(client, { method: 'GET', path: '/Client/1', itemIndex: 0 });
		assert.equal(requests.length, 1);
	});

	test('an editor loader: judged by the resource being edited, with the Access Level', async () => {
		const loader = (credentials: ICredentialDataDecryptedObject) => {
			const { context, requests } = fakeLoadOptionsFunctions({
				current: { resource: 'site', operation: 'get' },
				credentials,
			});
			return {
				client: loaderClient.call(asLoadOptionsFunctions(context), RESOURCES, 'client'),
				requests,
			};
		};
		const ticketsOnly = loader({ allowedResources: 'Ticket' });
		await assert.rejects(haloList(ticketsOnly.client, { path: '/Client', pages: true }), {
			message:
				'This credential allows only these resources (Allowed Resources): ticket: Site › the editor’s list (GET /api/Client) was not sent',
		});
		assert.deepEqual(ticketsOnly.requests, []);
		const readOnly = loader({ accessLevel: 'readOnly' });
		await assert.rejects(
			haloApiRequest(readOnly.client, { method: 'POST', path: '/Site', body: [{ name: 'x' }] }),
			{
				message:
					'This credential allows reads only: Site › the editor’s list (POST /api/Site) was not sent',
			},
		);
		assert.deepEqual(readOnly.requests, []);
		const sites = loader({ allowedResources: 'Site' });
		await haloList(sites.client, { path: '/Client', pages: true });
		assert.equal(sites.requests.length, 1, 'the lists a Site form picks from are read');
	});

	test('a trigger method: judged by the resources it watches, and by the Access Level', async () => {
		const { context, requests } = fakeTriggerFunctions({
			parameters: {},
			credentials: { allowedResources: 'Ticket', accessLevel: 'readOnly' },
		});
		const watching = (value: string) => [present(resourceByValue(value), value)];
		const { client, refused } = await governTrigger(asPollFunctions(context), {
			label: 'HaloPSA Complete Polling Trigger (Tickets)',
			watched: watching('ticket'),
			effect: 'read',
		});
		assert.equal(refused, undefined);
		await assert.rejects(haloApiRequest(client, { method: 'DELETE', path: '/Webhook/abc' }), {
			message:
				'This credential allows reads only: HaloPSA Complete Polling Trigger (Tickets) › DELETE /api/Webhook/abc was not sent',
		});
		assert.deepEqual(requests, []);
		const watchingClients = await governTrigger(asPollFunctions(context), {
			label: 'HaloPSA Complete Polling Trigger (Clients)',
			watched: watching('client'),
			effect: 'read',
		});
		assert.match(watchingClients.refused?.message ?? '', /Allowed Resources/);
		await assert.rejects(
			haloApiRequest(watchingClients.client, { method: 'GET', path: '/Client' }),
			/Allowed Resources\): ticket: HaloPSA Complete Polling Trigger \(Clients\) › GET \/api\/Client was not sent/,
		);
		assert.deepEqual(requests, []);
	});
});
