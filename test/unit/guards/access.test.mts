// The credential's Access Level and Allowed Resources, and Preview (Dry Run), without n8n: which
// operations the form offers Preview on (every one that writes, and no read), how the transport
// judges a request, and a few runs through the node's real `execute` with the request function
// mocked (a refused operation sends nothing; a preview sends no write and names it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestMethods,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';

import { HaloPsaComplete } from '../../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { HaloPsaCompletePollingTrigger } from '../../../nodes/HaloPsaComplete/HaloPsaCompletePollingTrigger.node.ts';
import { HaloPsaCompleteTrigger } from '../../../nodes/HaloPsaComplete/HaloPsaCompleteTrigger.node.ts';
import { RESOURCES } from '../../../nodes/HaloPsaComplete/resources/index.ts';
import { knownNames } from '../../../nodes/HaloPsaComplete/guards/operationAccess.ts';
import {
	comparableName,
	credentialAccess,
	deleteFlagIn,
	effectOf,
	refusalOf,
	requestEffect,
	sqlRefusalIn,
	webhookTriggerRefusal,
} from '../../../nodes/HaloPsaComplete/guards/access.ts';
import type { ItemOperation } from '../../../nodes/HaloPsaComplete/guards/access.ts';
import type { ResourceDefinition } from '../../../nodes/HaloPsaComplete/helpers/types.ts';
import {
	asHookFunctions,
	asLoadOptionsFunctions,
	asPollFunctions,
	byId,
	fakeLoadOptionsFunctions,
	fakeTriggerFunctions,
	runNode,
} from '../support/fakeNode.mts';
import { text } from '../support/assertions.mts';

const description = new HaloPsaComplete().description;
const READS = new Set(['get', 'getMany']);
const READING_KINDS = new Set(['runReport', 'runSql', 'download']);

/** What a property's form shows it for (its `displayOptions.show`), by parameter. */
function shownFor(property: INodeProperties, parameter: string): unknown[] {
	return property.displayOptions?.show?.[parameter] ?? [];
}

/** The Preview (Dry Run) properties shown for a resource. */
function previewProperties(resource: string): INodeProperties[] {
	return description.properties.filter(
		(property) => property.name === 'preview' && shownFor(property, 'resource').includes(resource),
	);
}

/** Operations of a resource whose form shows Preview (Dry Run), whatever the method. */
function previewedOperations(resource: ResourceDefinition): Set<unknown> {
	return new Set(
		previewProperties(resource.value).flatMap((property) => shownFor(property, 'operation')),
	);
}

function formOperations(resource: ResourceDefinition): string[] {
	const operation = description.properties.find(
		(property) =>
			property.name === 'operation' && shownFor(property, 'resource').includes(resource.value),
	);
	assert.ok(operation?.options, `${resource.value} has an operation`);
	return operation.options.flatMap((option) => ('value' in option ? [String(option.value)] : []));
}

/** Whether an operation changes Halo, from the definition's data (the HTTP call it makes). */
function writes(resource: ResourceDefinition, operation: string): boolean {
	if (READS.has(operation)) return false;
	const action = resource.extraActions?.find((candidate) => candidate.value === operation);
	if (!action) return true; // create, update, delete, upsert
	if (action.kind === 'customApiCall') return true; // by its method: shown for all but GET
	if (action.kind !== undefined && READING_KINDS.has(action.kind)) return false;
	return action.kind === 'upload' || action.method !== 'GET';
}

/**
 * A credential as saved, with values n8n's type does not foresee (null, a number for a name): an
 * imported or API-made credential can hold them, and the node must read them safely.
 */
const saved = (values: Record<string, unknown>) => values as ICredentialDataDecryptedObject;

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
		const shown = previewProperties('customApiCall');
		assert.deepEqual(
			shown.map((property) => shownFor(property, 'method')),
			[['DELETE', 'PATCH', 'POST', 'PUT']],
		);
	});
});

describe('how the transport judges a request', () => {
	const known = knownNames(RESOURCES);
	const operation = (label: string, extra: Partial<ItemOperation> = {}): ItemOperation => ({
		label: () => label,
		resourceNames: () => ['client', 'Client', 'client'],
		preview: false,
		...extra,
	});

	test('by what the engine says first, by the method otherwise', () => {
		assert.equal(effectOf('POST', { effect: 'read' }), 'read');
		assert.equal(effectOf('GET'), 'read');
		assert.equal(effectOf('DELETE'), 'delete');
		for (const method of ['POST', 'PUT', 'PATCH'] as const) assert.equal(effectOf(method), 'write');
	});

	test('each level refuses what it does not allow, naming the setting and the operation', () => {
		const refuse = (
			level: string | undefined,
			method: IHttpRequestMethods,
			extra?: Partial<ItemOperation>,
		) =>
			refusalOf(
				level === undefined ? {} : { accessLevel: level },
				method,
				'/Client/1',
				effectOf(method),
				operation('Client › Delete', extra),
				known,
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
		assert.match(text(refuse('readOnly', 'GET', { effect: 'write' })), /reads only/);
		// …except in a preview, which sends no write: its reads go, its writes are held back.
		assert.equal(refuse('readOnly', 'GET', { effect: 'write', preview: true }), undefined);
		assert.equal(refuse('readOnly', 'DELETE', { preview: true }), undefined);
	});

	test('Allowed Resources match a name, a value or a path, in any case', () => {
		assert.equal(comparableName(' /api/Tickets/ '), 'tickets');
		const refuse = (allowed: string) =>
			refusalOf(
				{ allowedResources: allowed },
				'GET',
				'/Client/1',
				'read',
				operation('Client › Get'),
				known,
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
			text(
				refusalOf(
					{ allowedResources: 'ticket' },
					'POST',
					'/Client',
					'write',
					{ ...operation('Client › Create'), preview: true },
					known,
				)?.message,
			),
			/Allowed Resources/,
		);
	});

	test('the webhook trigger needs Full access', () => {
		assert.match(text(webhookTriggerRefusal({ accessLevel: 'readOnly' })), /reads only .*Polling/);
		assert.match(text(webhookTriggerRefusal({ accessLevel: 'readWrite' })), /no deletes/);
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

describe('access judged by effect, failing closed (issue 26, point 5)', () => {
	const known = knownNames(RESOURCES);

	test('a missing Access Level is Full; a value the node does not know is Read Only', () => {
		assert.equal(credentialAccess({}).level, 'full');
		assert.equal(credentialAccess(saved({ accessLevel: null })).level, 'full');
		for (const level of ['readonly', 'Full', 'admin', '', 'noDeletes', 3])
			assert.equal(credentialAccess({ accessLevel: level }).level, 'readOnly', String(level));
		for (const level of ['readOnly', 'readWrite', 'full'])
			assert.equal(credentialAccess({ accessLevel: level }).level, level);
	});

	test('Allowed Resources naming anything the node does not know refuse every request, saying which', () => {
		const operation: ItemOperation = {
			label: () => 'Client › Get',
			resourceNames: () => ['client', 'Client', 'client'],
			preview: false,
		};
		const refuse = (allowed: string) =>
			refusalOf({ allowedResources: allowed }, 'GET', '/Client/1', 'read', operation, known);
		assert.equal(refuse('Client, /Tickets, audit, Ticket Status'), undefined);
		const refusal = refuse('Client, Tickte');
		assert.equal(
			refusal?.message,
			"This credential's Allowed Resources name what the node does not know (tickte), so it refuses every request: Client › Get was not sent",
		);
		assert.match(text(refusal?.description), /Allowed Resources/);
	});

	test('a delete flag set in a body, at any depth, makes the request a delete', () => {
		for (const body of [
			[{ id: 5, deleted: true }],
			[{ id: 5, isdeleted: 'true' }],
			[{ id: 5, IsDeleted: 1 }],
			[{ id: 5, is_deleted: '1' }],
			[{ id: 5, lines: [{ id: 2, _delete: true }] }],
			{ id: 5, _deletedevices: true },
			[{ id: 5, _remove_licenses: 'yes' }],
			[{ id: 5, deleteforever: true }],
		])
			assert.equal(requestEffect('POST', body), 'delete', JSON.stringify(body));
		for (const body of [
			[{ id: 5, deleted: false }],
			[{ id: 5, isdeleted: 'false' }],
			[{ id: 5, is_deleted: 0 }],
			[{ id: 5, candelete: true, delete_devices: true, auto_delete_days: 5 }],
			[{ id: 5, name: 'deleted' }],
		])
			assert.equal(requestEffect('POST', body), 'write', JSON.stringify(body));
		assert.equal(
			deleteFlagIn([{ id: 5, lines: [{ id: 2, _delete: true }] }]),
			'[0].lines[0]._delete',
		);
		// What the engine says is raised, never lowered: a "read" POST with a delete flag deletes.
		assert.equal(requestEffect('POST', [{ deleted: true }], { effect: 'read' }), 'delete');
	});

	test('every query in a body or query string, any key case, any depth, passes the SQL guard', () => {
		assert.equal(sqlRefusalIn([{ _loadreportonly: true, sql: 'SELECT 1 AS one' }]), undefined);
		for (const body of [
			[{ _loadreportonly: true, sql: 'DELETE FROM Faults' }],
			[{ _loadreportonly: true, SQL: 'SELECT 1 DELETE FROM Faults' }],
			[{ report: { Sql: 'UPDATE Faults SET Symptom = 1' } }],
			[{ a: [{ b: [{ sql: 'SELECT * FROM Faults WITH (TABLOCKX)' }] }] }],
			{ sql_string: 'DROP TABLE Faults' },
			[{ sql: 5 }],
		])
			assert.ok(sqlRefusalIn(body), JSON.stringify(body));
		assert.match(text(sqlRefusalIn(undefined, { sql: 'DELETE FROM Faults' })), /"sql"/);
		assert.match(
			text(sqlRefusalIn([{ x: 1 }, { sql: 'DELETE FROM Faults' }])),
			/^the query in "\[1\]\.sql" was refused: "DELETE" at line 1, column 1/,
		);
	});
});

describe('access by effect, through the node', () => {
	const api = (extra: INodeParameters): INodeParameters => ({
		resource: 'customApiCall',
		operation: 'request',
		...extra,
	});
	const refused = async (
		parameters: INodeParameters,
		credentials?: ICredentialDataDecryptedObject,
	): Promise<string> => {
		const { requests, output } = await runNode({ parameters, credentials, continueOnFail: true });
		assert.deepEqual(requests, [], 'nothing sent');
		return text(output[0].json.error);
	};

	test('API Request POST /Report with DELETE in its sql: refused on No Deletes, and on Full too', async () => {
		const body = '[{"_loadreportonly": true, "sql": "DELETE FROM Faults"}]';
		for (const accessLevel of ['readWrite', 'full'])
			assert.match(
				await refused(api({ method: 'POST', path: '/Report', body }), { accessLevel }),
				/^API Request › POST \/api\/Report was not sent: the query in "\[0\]\.sql" was refused: "DELETE"/,
			);
	});

	test('Run SQL and API Request share the guard: a lock hint is refused in both', async () => {
		const sql = 'SELECT * FROM Faults WITH (TABLOCKX)';
		assert.match(await refused({ resource: 'report', operation: 'runSql', sql }), /TABLOCKX/);
		const body = JSON.stringify([{ _loadreportonly: true, sql }]);
		assert.match(await refused(api({ method: 'POST', path: '/report', body })), /TABLOCKX/);
	});

	test('a delete flag in an API Request body is a delete: refused on No Deletes, sent on Full', async () => {
		const body = '[{"id": 5, "deleted": true}]';
		assert.equal(
			await refused(api({ method: 'POST', path: '/Tickets', body }), { accessLevel: 'readWrite' }),
			'This credential allows reads and writes but no deletes: API Request › POST /api/Tickets was not sent',
		);
		const { requests } = await runNode({
			parameters: api({ method: 'POST', path: '/Tickets', body }),
			credentials: { accessLevel: 'full' },
			respond: () => [{ id: 5, deleted: true }],
		});
		assert.equal(requests.length, 1);
	});

	test('an Access Level the node does not know reads but never writes', async () => {
		assert.equal(
			await refused(
				{ resource: 'client', operation: 'create', name: 'Acme' },
				{ accessLevel: 'superuser' },
			),
			'This credential allows reads only: Client › Create was not sent',
		);
	});

	test('an editor loader is judged by the resource being edited, with Allowed Resources', async () => {
		const node = new HaloPsaComplete();
		const search = node.methods.listSearch?.clientRefSearch;
		assert.ok(search, 'the Client picker');
		const loader = async (resource: string, allowedResources: string) => {
			const { context, requests } = fakeLoadOptionsFunctions({
				current: { resource, operation: 'get' },
				credentials: { allowedResources },
				respond: () => ({ record_count: 1, clients: [{ id: 1, name: 'Acme' }] }),
			});
			const outcome = await search.call(asLoadOptionsFunctions(context), '').then(
				(result) => result.results.map((row) => row.name),
				(error: Error) => error.message,
			);
			return { outcome, requests };
		};
		assert.deepEqual((await loader('site', 'Site')).outcome, ['Acme']);
		const refusedLoad = await loader('site', 'Ticket');
		assert.deepEqual(refusedLoad.requests, []);
		assert.match(
			text(refusedLoad.outcome),
			/^This credential allows only these resources \(Allowed Resources\): ticket: Site › the editor’s list \(GET \/api\/Client\) was not sent/,
		);
		assert.match(text((await loader('site', 'Sitee')).outcome), /does not know \(sitee\)/);
	});
});

describe('the triggers under Allowed Resources', () => {
	/** A trigger's context: its parameters, the credential, and the requests it sends. */
	function triggerContext(
		parameters: INodeParameters,
		credentials: ICredentialDataDecryptedObject,
	) {
		return fakeTriggerFunctions({
			parameters,
			credentials,
			respond: () => [],
		});
	}

	test('the polling trigger refuses to poll what Allowed Resources leave out, sending nothing', async () => {
		const poller = new HaloPsaCompletePollingTrigger();
		const { context, requests } = triggerContext(
			{ resource: 'tickets', event: 'newOrUpdated', options: {} },
			{ allowedResources: 'Client' },
		);
		await assert.rejects(poller.poll.call(asPollFunctions(context)), {
			message:
				'This credential allows only these resources (Allowed Resources): client: HaloPSA Complete Polling Trigger (Tickets) sends nothing',
		});
		assert.deepEqual(requests, []);
	});

	test('the webhook trigger: Ticket allowed activates; Client only, or events by number, refuse before any request', async () => {
		const trigger = new HaloPsaCompleteTrigger();
		const activate = async (parameters: INodeParameters, allowedResources: string) => {
			const { context, requests } = triggerContext(
				{
					events: ['ticketLogged'],
					otherEventNumbers: '',
					filters: {},
					options: {},
					...parameters,
				},
				{ allowedResources },
			);
			const outcome = await trigger.webhookMethods.default.checkExists
				.call(asHookFunctions(context))
				.then(
					() => 'checked',
					(error: Error) => error.message,
				);
			return { outcome, requests };
		};
		const allowed = await activate({}, 'Ticket');
		assert.equal(allowed.outcome, 'checked');
		const clientsOnly = await activate({}, 'Client');
		assert.equal(
			clientsOnly.outcome,
			'This credential allows only these resources (Allowed Resources): client: HaloPSA Complete Trigger sends nothing',
		);
		assert.deepEqual(clientsOnly.requests, []);
		const byNumber = await activate({ otherEventNumbers: '1001' }, 'Ticket');
		assert.match(byNumber.outcome, /Allowed Resources/);
		assert.deepEqual(byNumber.requests, []);
		assert.equal((await activate({ otherEventNumbers: '1001' }, '')).outcome, 'checked');
	});
});
