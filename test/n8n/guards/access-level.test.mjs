// The credential's Access Level and Allowed Resources (issue 18, point 1), inside real n8n against
// the sandbox: each level against representative operations (a read, a batched create, an update,
// a delete, Create or Update, the ticket shortcuts, Void, a runbook, API Request by method and
// path, Run SQL), what a refused item says, and that a refused item sends nothing at all. Then, in
// a running n8n: a "From list" loader on a read-only credential, the polling trigger's Test step
// on it, and the webhook trigger refusing to activate on it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId, names } from '../../harness/cases.mjs';
import { N8nSuite, credential, startN8nServer } from '../../harness/n8n.mjs';
import {
	POLLING_TRIGGER,
	WEBHOOK_TRIGGER,
	freeN8nPort,
	n8nRest,
	triggerWorkflow,
	waitFor,
} from '../../harness/triggers.mjs';

const book = await CaseBook.start('access-level');
const op = (resource, operation, extra = {}) => ({ resource, operation, ...extra });
const step = (parameters) => ({ parameters, continueOnFail: true });
const READ_ONLY = { accessLevel: 'readOnly' };
const READ_WRITE = { accessLevel: 'readWrite' };
const GUID = '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const seed = {
	client: names(3),
	tickets: [{ summary: 'Printer on fire', client_id: 1 }],
	invoice: [{ client_id: 1, reference: 'INV-A' }],
	webhook: [{ id: GUID, name: 'Onboard user', type: 1 }],
};
const knobs = { sqlTables: { faults: [{ Faultid: 1, Symptom: 'Printer on fire' }] } };
const api = (extra) => op('customApiCall', 'request', extra);

/** One case per level and operation, every one on its own tenant and credential. */
function both(name, credentialFields, parameters, items) {
	book.passing(name, { seed, knobs, credentialFields, steps: step(parameters), items });
}

// Read only
both('roGet', READ_ONLY, op('client', 'get', { clientId: byId(2) }));
both('roGetMany', READ_ONLY, op('client', 'getMany', { limit: 2 }));
both('roCreate', READ_ONLY, op('client', 'create', { name: '={{ $json.name }}' }), [
	{ name: 'New 1' },
	{ name: 'New 2' },
]);
both(
	'roUpdate',
	READ_ONLY,
	op('client', 'update', { clientId: byId(1), updateFields: { notes: 'x' } }),
);
both('roDelete', READ_ONLY, op('client', 'delete', { clientId: byId(3) }));
both('roUpsert', READ_ONLY, op('client', 'upsert', { matchOn: 'name', name: 'Client 001' }));
both(
	'roAddNote',
	READ_ONLY,
	op('ticket', 'addNote', { ticketId: byId(1), outcome: 'Private Note', note: 'Hello' }),
);
both('roVoid', READ_ONLY, op('invoice', 'void', { invoiceId: byId(1) }));
both('roRunbook', READ_ONLY, op('webhook', 'executeRunbook', { webhookId: byId(GUID) }));
both('roApiDelete', READ_ONLY, api({ method: 'DELETE', path: '/Client/1' }));
both('roApiPost', READ_ONLY, api({ method: 'POST', path: '/Client', body: '[{"name": "X"}]' }));
both('roApiGet', READ_ONLY, api({ method: 'GET', path: '/Client/1' }));
both('roSql', READ_ONLY, op('report', 'runSql', { sql: 'SELECT Faultid, Symptom FROM Faults' }));
both(
	'roPreview',
	READ_ONLY,
	op('client', 'update', { clientId: byId(1), updateFields: { notes: 'x' }, preview: true }),
);
// Read and write, no deletes
both('rwCreate', READ_WRITE, op('client', 'create', { name: 'New 1' }));
both(
	'rwUpdate',
	READ_WRITE,
	op('client', 'update', { clientId: byId(1), updateFields: { notes: 'x' } }),
);
both('rwUpsert', READ_WRITE, op('client', 'upsert', { matchOn: 'name', name: 'Client 001' }));
both(
	'rwAddNote',
	READ_WRITE,
	op('ticket', 'addNote', { ticketId: byId(1), outcome: 'Private Note', note: 'Hello' }),
);
both('rwDelete', READ_WRITE, op('client', 'delete', { clientId: byId(3) }));
both('rwApiDelete', READ_WRITE, api({ method: 'DELETE', path: '/Client/1' }));
both('rwApiPost', READ_WRITE, api({ method: 'POST', path: '/Client', body: '[{"name": "X"}]' }));
// Full: the default, and what a credential saved before the setting has
both('fullDelete', {}, op('client', 'delete', { clientId: byId(3) }));
both('fullApiDelete', { accessLevel: 'full' }, api({ method: 'DELETE', path: '/Client/1' }));
// Allowed Resources
const TICKETS_ONLY = { allowedResources: 'Ticket, /Actions' };
both('arClient', TICKETS_ONLY, op('client', 'get', { clientId: byId(1) }));
both('arTicket', TICKETS_ONLY, op('ticket', 'get', { ticketId: byId(1) }));
both(
	'arAddNote',
	TICKETS_ONLY,
	op('ticket', 'addNote', { ticketId: byId(1), outcome: 'Private Note', note: 'Hello' }),
);
both('arApiClient', TICKETS_ONLY, api({ method: 'GET', path: '/Client' }));
both('arApiTickets', TICKETS_ONLY, api({ method: 'GET', path: '/api/tickets/1' }));
both('arApiActions', TICKETS_ONLY, api({ method: 'GET', path: '/Actions' }));
// Judged by effect, failing closed (issue 26, point 5)
const DELETE_SQL = '[{"_loadreportonly": true, "sql": "DELETE FROM Faults"}]';
both('rwApiReportDelete', READ_WRITE, api({ method: 'POST', path: '/Report', body: DELETE_SQL }));
both(
	'fullApiReportLock',
	{ accessLevel: 'full' },
	api({
		method: 'POST',
		path: '/report',
		body: '[{"_loadreportonly": true, "SQL": "SELECT * FROM Faults WITH (TABLOCKX)"}]',
	}),
);
both(
	'roSqlOtherDatabase',
	READ_ONLY,
	op('report', 'runSql', { sql: 'SELECT * FROM master.sys.sql_logins' }),
);
both(
	'rwApiDeleteFlag',
	READ_WRITE,
	api({ method: 'POST', path: '/Tickets', body: '[{"id": 1, "deleted": true}]' }),
);
both('unknownLevelCreate', { accessLevel: 'superuser' }, op('client', 'create', { name: 'New 1' }));
both('unknownLevelGet', { accessLevel: 'superuser' }, op('client', 'get', { clientId: byId(2) }));
both(
	'arUnknownName',
	{ allowedResources: 'Ticket, Tickte' },
	op('ticket', 'get', { ticketId: byId(1) }),
);

// ── A running n8n: a loader and both triggers on a read-only credential ───────────────────────
const sandbox = book.sandbox;
const serverTenant = sandbox.addTenant('accessserver', {
	seed: { client: names(3), tickets: [{ summary: 'Old' }] },
});
const readOnlyCredential = credential({
	name: 'HaloPSA read only',
	url: sandbox.url,
	tenant: serverTenant.name,
	clientId: serverTenant.apps[0].clientId,
	clientSecret: serverTenant.apps[0].clientSecret,
	accessLevel: 'readOnly',
});
const webhookFlow = triggerWorkflow({
	name: 'Webhook trigger, read only',
	credential: readOnlyCredential,
	type: WEBHOOK_TRIGGER,
	parameters: { events: ['ticketLogged'] },
});
const pollingFlow = triggerWorkflow({
	name: 'Polling trigger, read only',
	credential: readOnlyCredential,
	type: POLLING_TRIGGER,
	parameters: { resource: 'tickets', event: 'newOrUpdated' },
});
// Allowed Resources that leave out what the triggers watch (tickets) and what a Site form edits.
const restrictedTenant = sandbox.addTenant('accessrestricted', {
	seed: { client: names(3), tickets: [{ summary: 'Old' }] },
});
const clientsOnlyCredential = credential({
	name: 'HaloPSA clients only',
	url: sandbox.url,
	tenant: restrictedTenant.name,
	clientId: restrictedTenant.apps[0].clientId,
	clientSecret: restrictedTenant.apps[0].clientSecret,
	allowedResources: 'Client',
});
const restrictedWebhookFlow = triggerWorkflow({
	name: 'Webhook trigger, clients only',
	credential: clientsOnlyCredential,
	type: WEBHOOK_TRIGGER,
	parameters: { events: ['ticketLogged'] },
});
const restrictedPollingFlow = triggerWorkflow({
	name: 'Polling trigger, clients only',
	credential: clientsOnlyCredential,
	type: POLLING_TRIGGER,
	parameters: { resource: 'tickets', event: 'newOrUpdated' },
});
const serverSuite = new N8nSuite('access-level-server');
serverSuite.add(readOnlyCredential, webhookFlow);
serverSuite.add(undefined, pollingFlow);
serverSuite.add(clientsOnlyCredential, restrictedWebhookFlow);
serverSuite.add(undefined, restrictedPollingFlow);

let server;
let activation;
let pollSample;
let loaded;
let afterLoader;
let afterPoll;
const restricted = {};

/** A "From list" loader as the editor calls it, on the clients-only credential: its results or its error. */
function restrictedLoader(resource, path, methodName) {
	return server
		.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
			path,
			methodName,
			nodeTypeAndVersion: { name: 'CUSTOM.haloPsaComplete', version: 1.1 },
			currentNodeParameters: { resource, operation: 'get' },
			credentials: {
				[clientsOnlyCredential.type]: {
					id: clientsOnlyCredential.id,
					name: clientsOnlyCredential.name,
				},
			},
		})
		.then(
			(answer) => ({ names: answer.results.map((result) => result.name) }),
			(error) => ({ error: String(error.message) }),
		);
}

before(async () => {
	await book.run();
	await serverSuite.importAll();
	const port = await freeN8nPort();
	server = await startN8nServer(serverSuite, {
		port,
		env: { WEBHOOK_URL: `http://127.0.0.1:${port}/` },
	});
	const n8n = n8nRest(server);
	serverTenant.clearLog();
	loaded = await server.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
		path: 'parameters.clientId',
		methodName: 'clientSearch',
		nodeTypeAndVersion: { name: 'CUSTOM.haloPsaComplete', version: 1.1 },
		currentNodeParameters: { resource: 'client', operation: 'get' },
		credentials: {
			[readOnlyCredential.type]: { id: readOnlyCredential.id, name: readOnlyCredential.name },
		},
	});
	afterLoader = serverTenant.apiRequests();
	serverTenant.clearLog();
	const run = await server.rest('POST', `/workflows/${pollingFlow.id}/run`, {
		triggerToStartFrom: { name: 'Halo Trigger' },
		destinationNode: { nodeName: 'Halo Trigger', mode: 'inclusive' },
	});
	await waitFor(
		'the polling trigger’s manual run',
		async () => (await server.rest('GET', `/executions/${run.executionId}`)).finished,
	);
	pollSample = await n8n.output(run.executionId);
	afterPoll = serverTenant.apiRequests();
	serverTenant.clearLog();
	activation = await n8n.activate(webhookFlow.id).then(
		() => ({ ok: true }),
		(error) => ({ ok: false, message: String(error.message) }),
	);
	const outcome = (promise) =>
		promise.then(
			() => ({ ok: true }),
			(error) => ({ ok: false, message: String(error.message) }),
		);
	restrictedTenant.clearLog();
	restricted.clientLoader = await restrictedLoader('client', 'parameters.clientId', 'clientSearch');
	restricted.afterClientLoader = restrictedTenant.apiRequests();
	restrictedTenant.clearLog();
	restricted.siteLoader = await restrictedLoader('site', 'parameters.clientId', 'clientRefSearch');
	restricted.webhook = await outcome(n8n.activate(restrictedWebhookFlow.id));
	restricted.polling = await outcome(n8n.activate(restrictedPollingFlow.id));
	restricted.afterRefusals = restrictedTenant.apiRequests();
});
after(async () => {
	await server?.stop();
	await book.close();
});

const sent = (name) => book.api(name);
const output = (name) => book.output(name);
const errorOf = (name) => output(name)[0]?.error;

function refusedWithNothingSent(name, message) {
	assert.deepEqual(sent(name), [], `${name}: nothing reaches HaloPSA`);
	const items = output(name);
	assert.ok(items.length > 0, `${name}: the item is there, failed`);
	for (const item of items) assert.equal(item.error, message);
}

test('Read only: Get, Get Many, an API Request GET and Run SQL are sent and answered', () => {
	assert.deepEqual(
		sent('roGet').map((request) => `${request.method} ${request.path}`),
		['GET /api/Client/2'],
	);
	assert.equal(output('roGet')[0].name, 'Client 002');
	assert.equal(output('roGetMany').length, 2);
	assert.equal(output('roApiGet')[0].name, 'Client 001');
	const [sql] = sent('roSql');
	assert.equal(`${sql.method} ${sql.path}`, 'POST /api/Report');
	assert.deepEqual(output('roSql'), [{ Faultid: 1, Symptom: 'Printer on fire' }]);
});

test('Read only: every write is refused by name, and nothing at all is sent for it', () => {
	const readsOnly = 'This credential allows reads only';
	// Both items of a batch fail, each naming the operation.
	refusedWithNothingSent('roCreate', `${readsOnly}: Client › Create was not sent`);
	assert.equal(output('roCreate').length, 2);
	refusedWithNothingSent('roUpdate', `${readsOnly}: Client › Update was not sent`);
	refusedWithNothingSent('roDelete', `${readsOnly}: Client › Delete was not sent`);
	// Not even the read that finds the match.
	refusedWithNothingSent('roUpsert', `${readsOnly}: Client › Create or Update was not sent`);
	refusedWithNothingSent('roAddNote', `${readsOnly}: Ticket › Add Note was not sent`);
	refusedWithNothingSent('roVoid', `${readsOnly}: Invoice › Void was not sent`);
	refusedWithNothingSent('roRunbook', `${readsOnly}: Webhook › Execute Runbook was not sent`);
	refusedWithNothingSent(
		'roApiDelete',
		`${readsOnly}: API Request › DELETE /api/Client/1 was not sent`,
	);
	refusedWithNothingSent('roApiPost', `${readsOnly}: API Request › POST /api/Client was not sent`);
	assert.match(output('roDelete')[0].description, /Access Level/);
});

test('Read only: a write can be previewed, and the preview says a real run would be refused', () => {
	assert.deepEqual(sent('roPreview'), []);
	const [preview] = output('roPreview');
	assert.equal(preview.preview, true);
	assert.deepEqual(preview.requests, [
		{
			method: 'POST',
			path: '/api/Client',
			body: [{ id: 1, notes: 'x' }],
			sent: false,
			realRun: 'This credential allows reads only: a real run would not send this request',
		},
	]);
	assert.notEqual(book.tenant('roPreview').record('client', 1).notes, 'x');
});

test('Read and write: creates, updates, upserts and notes go; deletes are refused, unsent', () => {
	assert.deepEqual(
		sent('rwCreate').map((request) => `${request.method} ${request.path}`),
		['POST /api/Client'],
	);
	assert.equal(output('rwCreate')[0].name, 'New 1');
	assert.equal(book.tenant('rwUpdate').record('client', 1).notes, 'x');
	assert.equal(output('rwUpsert')[0].upsertOutcome, 'updated');
	assert.equal(errorOf('rwAddNote'), undefined);
	assert.equal(sent('rwAddNote').at(-1).path, '/api/Actions');
	assert.equal(sent('rwApiPost').length, 1);
	const noDeletes = 'This credential allows reads and writes but no deletes';
	refusedWithNothingSent('rwDelete', `${noDeletes}: Client › Delete was not sent`);
	refusedWithNothingSent(
		'rwApiDelete',
		`${noDeletes}: API Request › DELETE /api/Client/1 was not sent`,
	);
	assert.ok(book.tenant('rwDelete').record('client', 3));
});

test('Full (the default, and a credential saved without the setting) deletes', () => {
	assert.deepEqual(
		sent('fullDelete').map((request) => `${request.method} ${request.path}`),
		['DELETE /api/Client/3'],
	);
	assert.equal(book.tenant('fullDelete').record('client', 3), undefined);
	assert.deepEqual(
		sent('fullApiDelete').map((request) => `${request.method} ${request.path}`),
		['DELETE /api/Client/1'],
	);
});

test('Allowed Resources: the resources listed (by name or path) go, the others are refused unsent', () => {
	const only = 'This credential allows only these resources (Allowed Resources): ticket, actions';
	refusedWithNothingSent('arClient', `${only}: Client › Get was not sent`);
	refusedWithNothingSent('arApiClient', `${only}: API Request › GET /api/Client was not sent`);
	assert.equal(output('arTicket')[0].summary, 'Printer on fire');
	assert.equal(errorOf('arAddNote'), undefined);
	assert.deepEqual(
		sent('arApiTickets').map((request) => `${request.method} ${request.path}`),
		['GET /api/tickets/1'],
	);
	assert.equal(sent('arApiActions').length, 1);
});

test('Read only: a "From list" loader reads as usual', () => {
	assert.deepEqual(
		loaded.results.map((result) => result.name),
		['Client 001', 'Client 002', 'Client 003'],
	);
	assert.ok(afterLoader.length > 0);
	assert.ok(afterLoader.every((request) => request.method === 'GET'));
});

test('Read only: the polling trigger polls (its Test step gives a sample)', () => {
	assert.ok(afterPoll.length > 0);
	assert.ok(afterPoll.every((request) => request.method === 'GET'));
	assert.equal(pollSample[0]?.summary, 'Old');
});

test('Read only: the webhook trigger refuses to activate, says why, and sends nothing', () => {
	assert.equal(activation.ok, false);
	assert.match(
		activation.message,
		/This credential allows reads only \(Access Level\), and this trigger creates a webhook in HaloPSA/,
	);
	assert.match(activation.message, /Polling Trigger/);
	assert.deepEqual(serverTenant.apiRequests(), []);
	assert.deepEqual(serverTenant.records('webhook'), []);
});

test('No Deletes: API Request POST /Report with DELETE in its sql is refused, unsent, and the table keeps its rows', () => {
	assert.deepEqual(sent('rwApiReportDelete'), []);
	assert.match(
		errorOf('rwApiReportDelete'),
		/^API Request › POST \/api\/Report was not sent: the query in "\[0\]\.sql" was refused: "DELETE" at line 1, column 1/,
	);
	assert.equal(book.tenant('rwApiReportDelete').knobs.sqlTables.faults.length, 1);
});

test('Any level: SQL with a lock hint (API Request) or another database (Run SQL) is refused, unsent', () => {
	assert.deepEqual(sent('fullApiReportLock'), []);
	assert.match(errorOf('fullApiReportLock'), /"TABLOCKX" at line 1, column 28 holds locks/);
	assert.deepEqual(sent('roSqlOtherDatabase'), []);
	assert.match(errorOf('roSqlOtherDatabase'), /has 3 parts/);
});

test('No Deletes: a delete flag in an API Request body is a delete, refused unsent', () => {
	refusedWithNothingSent(
		'rwApiDeleteFlag',
		'This credential allows reads and writes but no deletes: API Request › POST /api/Tickets was not sent',
	);
	assert.notEqual(book.tenant('rwApiDeleteFlag').record('tickets', 1)?.deleted, true);
});

test('An Access Level the node does not know reads, and refuses writes as Read Only', () => {
	refusedWithNothingSent(
		'unknownLevelCreate',
		'This credential allows reads only: Client › Create was not sent',
	);
	assert.equal(output('unknownLevelGet')[0].name, 'Client 002');
});

test('Allowed Resources naming a resource the node does not know refuse everything, saying which', () => {
	refusedWithNothingSent(
		'arUnknownName',
		"This credential's Allowed Resources name what the node does not know (tickte), so it refuses every request: Ticket › Get was not sent",
	);
});

test('Allowed Resources in the editor: a list for a Client form loads, one for a Site form is refused, unsent', () => {
	assert.deepEqual(restricted.clientLoader.names, ['Client 001', 'Client 002', 'Client 003']);
	assert.ok(restricted.afterClientLoader.length > 0);
	assert.match(
		restricted.siteLoader.error,
		/This credential allows only these resources \(Allowed Resources\): client: Site › the editor’s list \(GET \/api\/Client\) was not sent/,
	);
});

test('Allowed Resources leaving out tickets: both ticket triggers refuse to activate, say why, and send nothing', () => {
	assert.equal(restricted.webhook.ok, false);
	assert.match(
		restricted.webhook.message,
		/This credential allows only these resources \(Allowed Resources\): client: HaloPSA Complete Trigger sends nothing/,
	);
	assert.equal(restricted.polling.ok, false);
	assert.match(
		restricted.polling.message,
		/This credential allows only these resources \(Allowed Resources\): client: HaloPSA Complete Polling Trigger \(Tickets\) sends nothing/,
	);
	assert.deepEqual(restricted.afterRefusals, []);
	assert.deepEqual(restrictedTenant.records('webhook'), []);
});
