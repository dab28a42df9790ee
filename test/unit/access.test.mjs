// The credential's Access Level and Allowed Resources, and Preview (Dry Run), without n8n: which
// operations the form offers Preview on (every one that writes, and no read), how the transport
// judges a request, and a few runs through the node's real `execute` with the request function
// mocked (a refused operation sends nothing; a preview sends no write and names it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { HaloPsaComplete } from '../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { RESOURCES } from '../../nodes/HaloPsaComplete/resources/index.ts';
import {
	comparableName,
	effectOf,
	refusalOf,
	webhookTriggerRefusal,
} from '../../nodes/HaloPsaComplete/transport/access.ts';
import { byId, runNode } from './support/fakeNode.mjs';

const description = new HaloPsaComplete().description;
const READS = new Set(['get', 'getMany']);
const READING_KINDS = new Set(['runReport', 'runSql', 'download']);

/** Operations of a resource whose form shows Preview (Dry Run), whatever the method. */
function previewedOperations(resource) {
	return new Set(
		description.properties
			.filter(
				(property) =>
					property.name === 'preview' &&
					property.displayOptions.show.resource.includes(resource.value),
			)
			.flatMap((property) => property.displayOptions.show.operation),
	);
}

function formOperations(resource) {
	return description.properties
		.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		)
		.options.map((option) => option.value);
}

/** Whether an operation changes Halo, from the definition's data (the HTTP call it makes). */
function writes(resource, operation) {
	if (READS.has(operation)) return false;
	const action = resource.extraActions?.find((candidate) => candidate.value === operation);
	if (!action) return true; // create, update, delete, upsert
	if (action.kind === 'customApiCall') return true; // by its method: shown for all but GET
	if (READING_KINDS.has(action.kind)) return false;
	return action.kind === 'upload' || action.method !== 'GET';
}

describe('Preview (Dry Run) in the form', () => {
	test('every operation that writes offers it, and no read does', () => {
		for (const resource of RESOURCES) {
			const previewed = previewedOperations(resource);
			for (const operation of formOperations(resource))
				assert.equal(
					previewed.has(operation),
					writes(resource, operation),
					`${resource.value} › ${operation}`,
				);
		}
	});

	test('API Request offers it for every method but GET', () => {
		const shown = description.properties.filter(
			(property) =>
				property.name === 'preview' &&
				property.displayOptions.show.resource.includes('customApiCall'),
		);
		assert.deepEqual(
			shown.map((property) => property.displayOptions.show.method),
			[['DELETE', 'PATCH', 'POST', 'PUT']],
		);
	});
});

describe('how the transport judges a request', () => {
	const operation = (label, extra = {}) => ({
		label: () => label,
		resourceNames: () => ['client', 'Client', 'client'],
		preview: false,
		...extra,
	});

	test('by what the engine says first, by the method otherwise', () => {
		assert.equal(effectOf('POST', { effect: 'read' }), 'read');
		assert.equal(effectOf('GET'), 'read');
		assert.equal(effectOf('DELETE'), 'delete');
		for (const method of ['POST', 'PUT', 'PATCH']) assert.equal(effectOf(method), 'write');
	});

	test('each level refuses what it does not allow, naming the setting and the operation', () => {
		const refuse = (level, method, extra) =>
			refusalOf(
				{ accessLevel: level },
				method,
				'/Client/1',
				effectOf(method),
				operation('Client › Delete', extra),
			)?.message;
		assert.equal(
			refuse('readOnly', 'DELETE'),
			'This credential allows reads only: Client › Delete was not sent',
		);
		assert.equal(
			refuse('readWrite', 'DELETE'),
			'This credential allows reads and writes but no deletes: Client › Delete was not sent',
		);
		assert.equal(refuse('full', 'DELETE'), undefined);
		assert.equal(refuse(undefined, 'DELETE'), undefined, 'a credential saved before the setting');
		assert.equal(refuse('readOnly', 'GET'), undefined);
		// The read a delete or write operation makes first is refused with it…
		assert.match(refuse('readOnly', 'GET', { effect: 'write' }), /reads only/);
		// …except in a preview, which sends no write: its reads go, its writes are held back.
		assert.equal(refuse('readOnly', 'GET', { effect: 'write', preview: true }), undefined);
		assert.equal(refuse('readOnly', 'DELETE', { preview: true }), undefined);
	});

	test('Allowed Resources match a name, a value or a path, in any case', () => {
		assert.equal(comparableName(' /api/Tickets/ '), 'tickets');
		const refuse = (allowed) =>
			refusalOf(
				{ allowedResources: allowed },
				'GET',
				'/Client/1',
				'read',
				operation('Client › Get'),
			)?.message;
		assert.equal(refuse(''), undefined);
		assert.equal(refuse('ticket, CLIENT'), undefined);
		assert.equal(refuse('/api/Client'), undefined);
		assert.equal(
			refuse('ticket'),
			'This credential allows only these resources (Allowed Resources): ticket: Client › Get was not sent',
		);
		// Even in a preview: it is not about sending, but about what the credential is for.
		assert.match(
			refusalOf({ allowedResources: 'ticket' }, 'POST', '/Client', 'write', {
				...operation('Client › Create'),
				preview: true,
			}).message,
			/Allowed Resources/,
		);
	});

	test('the webhook trigger needs Full access', () => {
		assert.match(webhookTriggerRefusal({ accessLevel: 'readOnly' }), /reads only .*Polling/);
		assert.match(webhookTriggerRefusal({ accessLevel: 'readWrite' }), /no deletes/);
		assert.equal(webhookTriggerRefusal({ accessLevel: 'full' }), undefined);
		assert.equal(webhookTriggerRefusal({}), undefined);
	});
});

describe('through the node', () => {
	test('a refused Create or Update sends nothing, not even its matching read', async () => {
		const { requests, output } = await runNode({
			parameters: { resource: 'client', operation: 'upsert', matchOn: 'name', name: 'Acme' },
			credentials: { accessLevel: 'readOnly' },
			continueOnFail: true,
		});
		assert.deepEqual(requests, []);
		assert.equal(
			output[0].json.error,
			'This credential allows reads only: Client › Create or Update was not sent',
		);
	});

	test('Run SQL is a read although it POSTs', async () => {
		const { requests } = await runNode({
			parameters: { resource: 'report', operation: 'runSql', sql: 'SELECT 1 AS one' },
			credentials: { accessLevel: 'readOnly' },
			respond: () => ({ report: { rows: [{ one: 1 }] } }),
		});
		assert.deepEqual(
			requests.map((request) => `${request.method} ${request.path}`),
			['POST /api/Report'],
		);
	});

	test('a preview of a batched update sends nothing and names the one POST each item is in', async () => {
		const { requests, output } = await runNode({
			items: [{ json: {} }, { json: {} }],
			parameters: (itemIndex) => ({
				resource: 'client',
				operation: 'update',
				clientId: byId(String(itemIndex + 5)),
				updateFields: { inactive: true },
				preview: true,
			}),
			credentials: { accessLevel: 'readOnly' },
		});
		assert.deepEqual(requests, []);
		const request = {
			method: 'POST',
			path: '/api/Client',
			body: [
				{ id: 5, inactive: true },
				{ id: 6, inactive: true },
			],
			sent: false,
			realRun: 'This credential allows reads only: a real run would not send this request',
		};
		assert.deepEqual(
			output.map((item) => [item.json.requests, item.pairedItem]),
			[
				[[{ ...request, batch: { size: 2, position: 1, itemIndexes: [0, 1] } }], { item: 0 }],
				[[{ ...request, batch: { size: 2, position: 2, itemIndexes: [0, 1] } }], { item: 1 }],
			],
		);
	});
});
