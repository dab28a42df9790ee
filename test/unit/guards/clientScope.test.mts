// The credential's Allowed Clients (issue 30), without n8n: the gate of guards/clientScope.ts
// judging requests against a tiny in-memory Halo (support/fakeHalo.mts) whose records belong to
// clients 1, 2 and 3. Parsing the field; lists narrowed (client_id, client_ids, one list per
// client merged), emptied or refused; records read, updated and deleted only when an allowed
// client's, another client's answered as a missing one; creates that must name an allowed client
// or a site, user or ticket of one; reference data read but never written; what cannot be proven
// refused. Then the same through the real transport (haloApiRequest, haloList), where another
// client's record and a missing one fail with the same words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	allowedClientsOf,
	clientScopeFor,
	resourceByValue,
} from '../../../nodes/HaloPsaComplete/guards/clientScope.ts';
import type {
	OwnerCache,
	ScopeContext,
	ScopeGate,
} from '../../../nodes/HaloPsaComplete/guards/clientScope.ts';
import { RESOURCES } from '../../../nodes/HaloPsaComplete/resources/index.ts';
import { pathResource } from '../../../nodes/HaloPsaComplete/helpers/paths.ts';
import type {
	Admission,
	HaloRequest,
	Refusal,
	Visible,
} from '../../../nodes/HaloPsaComplete/transport/client.ts';
// ROWS_BEFORE_SCOPE from the transport's index, as the gate takes it: the symbol of the module the
// sources load (a test importing transport/client.ts directly gets a copy of its own).
import {
	ROWS_BEFORE_SCOPE,
	haloApiRequest,
} from '../../../nodes/HaloPsaComplete/transport/index.ts';
import { haloList } from '../../../nodes/HaloPsaComplete/transport/paging.ts';
import { readPage } from '../../../nodes/HaloPsaComplete/transport/paging.ts';
import { FakeHalo, haloTransport } from '../support/fakeHalo.mts';
import type { FakeHaloOptions, HaloRecords } from '../support/fakeHalo.mts';
import { nodeError, present, records } from '../support/assertions.mts';
import { NodeApiError } from '../support/n8nWorkflow.mts';

/** Clients 1, 2 and 3; what each record is for whom is in its fields. */
const WORLD: HaloRecords = {
	client: [
		{ id: 1, name: 'Own' },
		{ id: 2, name: 'Rival' },
		{ id: 3, name: 'Third' },
	],
	site: [
		{ id: 1, client_id: 1, name: 'Head Office' },
		{ id: 2, client_id: 2, name: 'Rival HQ' },
		{ id: 3, client_id: 1, name: 'Branch' },
		{ id: 4, client_id: 3, name: 'Third site' },
	],
	user: [
		{ id: 1, client_id: 1, site_id: 1, name: 'Amy Own' },
		{ id: 2, client_id: 2, site_id: 2, name: 'Rob Rival' },
	],
	ticket: [
		{ id: 1, client_id: 1, site_id: 1, summary: 'Printer on fire' },
		{ id: 2, client_id: 2, site_id: 2, summary: 'Rival secret merger' },
		{ id: 3, client_id: 1, site_id: 3, summary: 'VPN drops' },
		{ id: 4, client_id: 3, summary: 'Third client issue' },
	],
	action: [
		{ id: 1, ticket_id: 1, note: 'Own note' },
		{ id: 2, ticket_id: 2, note: 'Rival note' },
		{ id: 3, ticket_id: 1, note: 'Another own note' },
	],
	address: [
		{ id: 1, site_id: 1, line1: '1 Own Street' },
		{ id: 2, user_id: 2, line1: '2 Rival Road' },
		{ id: 3, user_id: 1, line1: '3 Amy Lane' },
	],
	invoice: [
		{ id: 5, client_id: 1, invoicenumber: 'INV-5' },
		{ id: 6, client_id: 2, invoicenumber: 'INV-6' },
	],
	crmNote: [
		{ id: 1, client_id: 1, note: 'Own call' },
		{ id: 2, client_id: 2, note: 'Rival call' },
	],
	attachment: [
		{ id: 5, ticket_id: 1, filename: 'own.pdf' },
		{ id: 6, ticket_id: 2, filename: 'rival.pdf' },
	],
	ticketStatus: [
		{ id: 1, name: 'New' },
		{ id: 2, name: 'In Progress' },
	],
};

const LABEL = 'Test › Operation';

function gate(allowedClients: string, context: Partial<ScopeContext> = {}): ScopeGate {
	const scope = clientScopeFor({ allowedClients }, { label: LABEL, owners: new Map(), ...context });
	return present(scope, 'a gate');
}

function halo(options?: FakeHaloOptions): FakeHalo {
	return new FakeHalo(WORLD, options);
}

const get = (path: string, qs?: IDataObject): HaloRequest => ({
	method: 'GET',
	path,
	...(qs ? { qs } : {}),
});
const post = (path: string, body: IDataObject | IDataObject[]): HaloRequest => ({
	method: 'POST',
	path,
	body,
});
const del = (path: string, qs?: IDataObject): HaloRequest => ({
	method: 'DELETE',
	path,
	...(qs ? { qs } : {}),
});

function sent(admission: Admission): HaloRequest {
	if (!('send' in admission)) assert.fail(`not sent: ${JSON.stringify(admission)}`);
	return admission.send;
}

function answered(admission: Admission): unknown {
	if (!('answer' in admission)) assert.fail(`not answered: ${JSON.stringify(admission)}`);
	return admission.answer;
}

function shown(visible: Visible): unknown {
	if (!('answer' in visible)) assert.fail(`not shown: ${JSON.stringify(visible)}`);
	return visible.answer;
}

function refused(admission: Admission): Refusal {
	if (!('refused' in admission)) assert.fail(`not refused: ${JSON.stringify(admission)}`);
	assert.match(admission.refused.message, new RegExp(`^${LABEL} was not sent: `));
	assert.match(admission.refused.description, /Allowed Clients refused this request/);
	return admission.refused;
}

function notFound(admission: Admission): void {
	assert.deepEqual(admission, { notFound: true });
}

function fannedOut(admission: Admission): Extract<Admission, { fanOut: HaloRequest[] }> {
	if (!('fanOut' in admission)) assert.fail(`not fanned out: ${JSON.stringify(admission)}`);
	return admission;
}

/** How many rows Halo answered, where the scope dropped some (undefined when it dropped none). */
function rowsBefore(rows: unknown): number | undefined {
	return (rows as { [ROWS_BEFORE_SCOPE]?: number })[ROWS_BEFORE_SCOPE];
}

const ids = (rows: unknown): number[] => records(rows).map((row) => Number(row.id));

describe('Allowed Clients: the field', () => {
	test('client ids separated by commas (spaces, semicolons) are the allowed clients, each once', () => {
		assert.deepEqual(allowedClientsOf({ allowedClients: '1, 2' }), { ids: [1, 2] });
		assert.deepEqual(allowedClientsOf({ allowedClients: '7' }), { ids: [7] });
		assert.deepEqual(allowedClientsOf({ allowedClients: ' 3;1 3\n,1, 2 ' }), { ids: [3, 1, 2] });
		assert.deepEqual(gate('2, 2, 5').clients, [2, 5]);
	});

	test('empty (or left out) allows every client: no gate at all', () => {
		for (const credentials of [
			{ allowedClients: '' },
			{ allowedClients: ' , ;' },
			{},
		] as ICredentialDataDecryptedObject[]) {
			assert.equal(allowedClientsOf(credentials), undefined, JSON.stringify(credentials));
			assert.equal(
				clientScopeFor(credentials, { label: LABEL, owners: new Map() }),
				undefined,
				JSON.stringify(credentials),
			);
		}
	});

	test('what is not a client id makes the field invalid, naming it', () => {
		assert.deepEqual(allowedClientsOf({ allowedClients: '1, acme' }), { invalid: ['acme'] });
		assert.deepEqual(allowedClientsOf({ allowedClients: '0, -1, 1.5, 01, 2' }), {
			invalid: ['0', '-1', '1.5', '01'],
		});
	});

	test('an invalid field refuses every request, even a read of reference data, reading nothing', async () => {
		const fake = halo();
		const scope = gate('1, acme');
		for (const request of [get('/Status'), get('/Tickets/1'), get('/Tickets')]) {
			const refusal = refused(await scope.admit(request, fake.read));
			assert.match(refusal.message, /hold what is not a client ID \(acme\)/);
		}
		assert.deepEqual(fake.reads, []);
	});

	test('allows: only the listed ids', () => {
		const scope = gate('1, 3');
		assert.deepEqual(
			[undefined, 0, 1, 2, 3, 4].map((id) => scope.allows(id)),
			[false, false, true, false, true, false],
		);
	});
});

describe('Allowed Clients: lists', () => {
	test("a client's own records: narrowed with client_id, the other filters kept", async () => {
		const admission = await gate('1').admit(get('/Site', { search: 'Office' }), halo().read);
		assert.deepEqual(sent(admission).qs, { search: 'Office', client_id: 1 });
		// One allowed client: client_id, even where Halo takes several ids.
		assert.deepEqual(sent(await gate('3').admit(get('/Tickets'), halo().read)).qs, {
			client_id: 3,
		});
	});

	test("several allowed clients: one list through client_ids where Get Many has Halo's filter", async () => {
		const ticket = present(resourceByValue('ticket'));
		assert.ok(
			ticket.getMany?.filters.some((field) => field.key === 'client_ids'),
			'Ticket › Get Many has client_ids',
		);
		const admission = await gate('1, 3').admit(get('/Tickets', { search: 'x' }), halo().read);
		assert.deepEqual(sent(admission).qs, { search: 'x', client_ids: '1,3' });
	});

	test('several allowed clients without client_ids: one list per client, merged in the wrapper', async () => {
		const site = present(resourceByValue('site'));
		assert.ok(
			!site.getMany?.filters.some((field) => field.key === 'client_ids'),
			'Site › Get Many has no client_ids',
		);
		const fake = halo();
		const admission = fannedOut(
			await gate('1, 3').admit(
				get('/Site', { page_no: 1, page_size: 50, pageinate: true }),
				fake.read,
			),
		);
		assert.deepEqual(
			admission.fanOut.map((part) => part.qs),
			[
				{ page_no: 1, page_size: 50, pageinate: true, client_id: 1 },
				{ page_no: 1, page_size: 50, pageinate: true, client_id: 3 },
			],
		);
		const answers = admission.fanOut.map((part) =>
			fake.respond({ method: 'GET', path: `/api${part.path}`, qs: part.qs }),
		);
		const merged = admission.merge(answers) as IDataObject;
		assert.deepEqual(Object.keys(merged).sort(), ['page_no', 'record_count', 'sites']);
		assert.equal(merged.record_count, 3);
		assert.deepEqual(ids(merged.sites), [1, 3, 4]);
		assert.equal(rowsBefore(merged.sites), undefined, 'nothing was dropped');
	});

	test('the merge: bare arrays stay bare, a missing record_count is left out, dropped rows are counted, each record once', async () => {
		const fake = halo({ ignoredFilters: ['client_id'] });
		const scope = gate('1, 2');
		// CRM notes come as a bare array.
		const notes = fannedOut(await scope.admit(get('/CRMNote'), fake.read));
		const bare = notes.fanOut.map((part) =>
			fake.respond({ method: 'GET', path: `/api${part.path}`, qs: part.qs }),
		);
		assert.ok(Array.isArray(notes.merge(bare)), 'a bare array');
		// A part thinned by the scope (Halo ignored the filter) tells how many rows Halo answered.
		const sites = fannedOut(await gate('1, 3').admit(get('/Site'), fake.read));
		const parts: unknown[] = [];
		for (const part of sites.fanOut) {
			const answer = fake.respond({ method: 'GET', path: `/api${part.path}`, qs: part.qs });
			const visible = await gate('1, 3').visible(part, answer, fake.read);
			parts.push(shown(visible));
		}
		const merged = sites.merge(parts) as IDataObject;
		// Each record once: a list that ignores its client filter repeats them in every part.
		assert.deepEqual(ids(merged.sites).sort(), [1, 3, 4]);
		assert.equal(rowsBefore(merged.sites), 8, "Halo's rows: 4 sites, twice");
		assert.equal(merged.record_count, 8);
		const withoutCount = sites.merge([
			{ sites: [] },
			{ record_count: 2, sites: [] },
		]) as IDataObject;
		assert.ok(!('record_count' in withoutCount), 'no record_count');
	});

	test('a list filtered by a client not allowed is answered empty, in its shape, without sending', async () => {
		const fake = halo();
		const scope = gate('1');
		assert.deepEqual(answered(await scope.admit(get('/Site', { client_id: 2 }), fake.read)), {
			record_count: 0,
			sites: [],
		});
		assert.deepEqual(
			answered(await scope.admit(get('/CRMNote', { client_id: '2' }), fake.read)),
			[],
		);
		assert.deepEqual(
			answered(await scope.admit(get('/Tickets', { client_ids: '2,4' }), fake.read)),
			{
				record_count: 0,
				tickets: [],
			},
		);
		// Not a client id at all: not an allowed one either.
		answered(await scope.admit(get('/Site', { client_id: '1,2' }), fake.read));
		assert.deepEqual(fake.reads, []);
	});

	test('a list filtered by an allowed client is sent as asked; client_ids keep the allowed ones', async () => {
		const scope = gate('1, 3');
		assert.deepEqual(sent(await scope.admit(get('/Site', { client_id: 3 }), halo().read)).qs, {
			client_id: 3,
		});
		assert.deepEqual(
			sent(await scope.admit(get('/Tickets', { client_ids: '2,3,4' }), halo().read)).qs,
			{ client_ids: '3' },
		);
	});

	test("the clients' list is sent whole, and the rows of other clients are dropped", async () => {
		const fake = halo();
		const scope = gate('1, 3');
		const request = sent(await scope.admit(get('/Client'), fake.read));
		assert.deepEqual(request, get('/Client'));
		const answer = fake.respond({ method: 'GET', path: '/api/Client' });
		const visible = await scope.visible(request, answer, fake.read);
		const clients = (shown(visible) as IDataObject).clients;
		assert.deepEqual(ids(clients), [1, 3]);
		assert.equal(rowsBefore(clients), 3);
	});

	test("rows of other clients Halo answers anyway are dropped; the wrapper's other keys stay", async () => {
		const fake = halo({ ignoredFilters: ['client_id'] });
		const scope = gate('1');
		const request = sent(await scope.admit(get('/Site'), fake.read));
		const answer = {
			...(fake.respond({ ...request, path: '/api/Site' }) as IDataObject),
			columns: [],
		};
		const visible = await scope.visible(request, answer, fake.read);
		const kept = shown(visible) as IDataObject;
		assert.deepEqual(Object.keys(kept).sort(), ['columns', 'page_no', 'record_count', 'sites']);
		assert.deepEqual(ids(kept.sites), [1, 3]);
		assert.equal(rowsBefore(kept.sites), 4);
		assert.equal(readPage(kept, 'sites').answered, 4, 'paging counts the rows Halo answered');
		// Nothing dropped: the answer itself, unmarked.
		const own = halo().respond({ method: 'GET', path: '/api/Site', qs: { client_id: 1 } });
		const ownVisible = await scope.visible(request, own, fake.read);
		assert.deepEqual(ownVisible, { answer: own });
		// A bare array stays bare.
		const notes = await scope.visible(get('/CRMNote'), fake.all('crmNote'), fake.read);
		assert.deepEqual(ids(shown(notes)), [1]);
		assert.equal(rowsBefore(shown(notes)), 2);
	});

	test('a list through a parent must name it; it is read within an allowed parent only', async () => {
		const fake = halo();
		const scope = gate('1');
		const refusal = refused(await scope.admit(get('/Actions'), fake.read));
		assert.match(refusal.message, /within its ticket \(set ticket_id\)/);
		assert.match(
			refused(await scope.admit(get('/Address'), fake.read)).message,
			/within its site or user \(set site_id or user_id\)/,
		);
		assert.deepEqual(fake.reads, []);
		assert.deepEqual(sent(await scope.admit(get('/Actions', { ticket_id: 1 }), fake.read)).qs, {
			ticket_id: 1,
		});
		assert.deepEqual(fake.reads, ['/Tickets/1']);
		// Another client's ticket and a ticket that does not exist: the same empty list, nothing sent.
		for (const ticket of [2, 99])
			assert.deepEqual(
				answered(await scope.admit(get('/Actions', { ticket_id: ticket }), fake.read)),
				{ record_count: 0, actions: [] },
				`ticket ${ticket}`,
			);
		// The second parent of an address decides when the first is not set.
		sent(await scope.admit(get('/Address', { user_id: 1 }), fake.read));
		answered(await scope.admit(get('/Address', { user_id: 2 }), fake.read));
	});

	test("a list through a parent: rows of another client's parent are dropped", async () => {
		const fake = halo();
		const scope = gate('1');
		const request = get('/Actions', { ticket_id: 1 });
		const answer = { record_count: 3, actions: fake.all('action') };
		const visible = await scope.visible(request, answer, fake.read);
		assert.deepEqual(ids((shown(visible) as IDataObject).actions), [1, 3]);
		const addresses = await scope.visible(
			get('/Address', { site_id: 1 }),
			fake.all('address'),
			fake.read,
		);
		assert.deepEqual(ids(shown(addresses)), [1, 3]);
	});
});

describe('Allowed Clients: records', () => {
	test("a record read by id is sent, and answered as missing when it is another client's", async () => {
		const fake = halo();
		const scope = gate('1');
		for (const [path, resource, id] of [
			['/Tickets/2', 'ticket', 2],
			['/Site/2', 'site', 2],
			['/Users/2', 'user', 2],
			['/Client/2', 'client', 2],
			['/Actions/2', 'action', 2],
			['/Address/2', 'address', 2],
		] as const) {
			const request = sent(await scope.admit(get(path), fake.read));
			assert.deepEqual(request, get(path));
			assert.deepEqual(
				await scope.visible(request, fake.record(resource, id), fake.read),
				{ notFound: true },
				path,
			);
		}
		for (const [path, resource, id] of [
			['/Tickets/1', 'ticket', 1],
			['/Client/1', 'client', 1],
			['/Actions/3', 'action', 3],
		] as const) {
			const record = fake.record(resource, id);
			assert.deepEqual(await scope.visible(get(path), record, fake.read), { answer: record }, path);
		}
		// An answer that is no record at all names no client.
		for (const answer of ['a file', [fake.record('ticket', 1)], null])
			assert.deepEqual(await scope.visible(get('/Tickets/1'), answer, fake.read), {
				notFound: true,
			});
	});

	test("update: the record is read first; another client's, or a missing one, is not found", async () => {
		const fake = halo();
		const scope = gate('1');
		notFound(await scope.admit(post('/Tickets', [{ id: 2, summary: 'Hacked' }]), fake.read));
		notFound(await scope.admit(post('/Tickets', [{ id: 99, summary: 'Hacked' }]), fake.read));
		const own = post('/Tickets', [{ id: 1, summary: 'Printer out' }]);
		assert.deepEqual(sent(await scope.admit(own, fake.read)), own);
		assert.deepEqual(fake.reads, ['/Tickets/2', '/Tickets/99', '/Tickets/1']);
		// The client record itself: its id is its client.
		notFound(await scope.admit(post('/Client', [{ id: 2, notes: 'x' }]), fake.read));
		sent(await scope.admit(post('/Client', [{ id: 1, notes: 'x' }]), fake.read));
		// Through a parent: an action of another client's ticket.
		notFound(await scope.admit(post('/Actions', [{ id: 2, ticket_id: 2, note: 'x' }]), fake.read));
	});

	test('update: moving an allowed record to another client, or linking one of its records, is refused', async () => {
		const fake = halo();
		const scope = gate('1');
		assert.match(
			refused(await scope.admit(post('/Tickets', [{ id: 1, client_id: 2 }]), fake.read)).message,
			/it names client 2, which is not one of the allowed clients \(1\)/,
		);
		assert.match(
			refused(await scope.admit(post('/Tickets', [{ id: 1, site_id: 2 }]), fake.read)).message,
			/the site it names \(site_id 2\) is not one of the allowed clients'/,
		);
		assert.match(
			refused(await scope.admit(post('/Actions', [{ id: 1, ticket_id: 2 }]), fake.read)).message,
			/the ticket it names \(ticket_id 2\)/,
		);
	});

	test("delete: the record is read first; another client's, or a missing one, is not found", async () => {
		const fake = halo();
		const scope = gate('1');
		notFound(await scope.admit(del('/Tickets/2'), fake.read));
		notFound(await scope.admit(del('/Tickets/99'), fake.read));
		assert.deepEqual(sent(await scope.admit(del('/Tickets/3'), fake.read)), del('/Tickets/3'));
		// An action is read with its ticket, as Halo finds it.
		const action = del('/Actions/3', { ticket_id: 1 });
		assert.deepEqual(sent(await scope.admit(action, fake.read)), action);
		notFound(await scope.admit(del('/Actions/2', { ticket_id: 2 }), fake.read));
		assert.deepEqual(fake.reads, [
			'/Tickets/2',
			'/Tickets/99',
			'/Tickets/3',
			'/Actions/3',
			'/Tickets/1',
			'/Actions/2',
		]);
		assert.match(
			refused(await scope.admit(del('/Tickets'), fake.read)).message,
			/a delete must name its record/,
		);
	});

	test("a record's own action path (Invoice › Void) is read first; another path of no record is refused", async () => {
		const fake = halo();
		const scope = gate('1');
		notFound(await scope.admit(post('/Invoice/6/void', {}), fake.read));
		sent(await scope.admit(post('/Invoice/5/void', {}), fake.read));
		assert.match(
			refused(await scope.admit(post('/Invoice/updatelines', [{ ihid: 5 }]), fake.read)).message,
			/cannot tell whose records \/api\/Invoice\/updatelines touches/,
		);
	});

	test('ownerOf and ownerOfRecord: the client a record names, itself or through its parent', async () => {
		const fake = halo();
		const scope = gate('1');
		const ticket = present(resourceByValue('ticket'));
		const action = present(resourceByValue('action'));
		const client = present(resourceByValue('client'));
		assert.equal(await scope.ownerOf(ticket, { id: 9, client_id: 3 }, fake.read), 3);
		assert.equal(await scope.ownerOf(ticket, { id: 9 }, fake.read), undefined);
		assert.equal(await scope.ownerOf(client, { id: 2 }, fake.read), 2);
		assert.equal(await scope.ownerOf(action, { id: 9, ticket_id: 4 }, fake.read), 3);
		assert.equal(await scope.ownerOfRecord(action, '2', fake.read), 2);
		assert.equal(await scope.ownerOfRecord(ticket, '99', fake.read), undefined);
		assert.equal(await scope.ownerOfRecord(client, '2', fake.read), 2, 'no read for a client');
		assert.deepEqual(fake.reads, ['/Tickets/4', '/Actions/2', '/Tickets/2', '/Tickets/99']);
	});
});

describe('Allowed Clients: creates', () => {
	test('naming an allowed client: sent as it is, nothing read', async () => {
		const fake = halo();
		const create = post('/Tickets', [{ summary: 'New', client_id: 1 }]);
		assert.deepEqual(sent(await gate('1').admit(create, fake.read)), create);
		assert.deepEqual(fake.reads, []);
	});

	test('naming another client, or none, is refused, reading nothing', async () => {
		const fake = halo();
		const scope = gate('1');
		assert.match(
			refused(await scope.admit(post('/Tickets', [{ summary: 'x', client_id: 2 }]), fake.read))
				.message,
			/it names client 2, which is not one of the allowed clients \(1\)/,
		);
		assert.match(
			refused(await scope.admit(post('/Tickets', [{ summary: 'x' }]), fake.read)).message,
			/a new ticket must name one of the allowed clients \(client_id\), or a site, user or ticket of one/,
		);
		assert.match(
			refused(await scope.admit(post('/Tickets', [{ summary: 'x', client_id: 0 }]), fake.read))
				.message,
			/it names client 0/,
		);
		assert.deepEqual(fake.reads, []);
	});

	test('naming only a site, a user or a ticket: its client is read, and decides', async () => {
		const fake = halo();
		const scope = gate('1');
		sent(await scope.admit(post('/Tickets', [{ summary: 'x', site_id: 3 }]), fake.read));
		sent(await scope.admit(post('/Site', { name: 'x', client_id: 1 }), fake.read));
		sent(await scope.admit(post('/Tickets', [{ summary: 'x', user_id: 1 }]), fake.read));
		sent(await scope.admit(post('/Appointment', [{ subject: 'x', ticket_id: 3 }]), fake.read));
		assert.match(
			refused(await scope.admit(post('/Tickets', [{ summary: 'x', site_id: 2 }]), fake.read))
				.message,
			/the site it names \(site_id 2\) is not one of the allowed clients'/,
		);
		assert.match(
			refused(await scope.admit(post('/Tickets', [{ summary: 'x', site_id: 99 }]), fake.read))
				.message,
			/the site it names \(site_id 99\)/,
		);
		assert.deepEqual(fake.reads, ['/Site/3', '/Users/1', '/Tickets/3', '/Site/2', '/Site/99']);
	});

	test('an allowed client with a linked user of another client is refused', async () => {
		const fake = halo();
		const refusal = refused(
			await gate('1').admit(
				post('/Tickets', [{ summary: 'x', client_id: 1, user_id: 2 }]),
				fake.read,
			),
		);
		assert.match(
			refusal.message,
			/the user it names \(user_id 2\) is not one of the allowed clients'/,
		);
	});

	test('one element of another client refuses the whole batch', async () => {
		const batch = post('/Tickets', [
			{ summary: 'a', client_id: 1 },
			{ summary: 'b', client_id: 2 },
			{ summary: 'c', client_id: 1 },
		]);
		assert.match(refused(await gate('1').admit(batch, halo().read)).message, /client 2/);
	});

	test('no client is created; a record through a parent must name an allowed one', async () => {
		const fake = halo();
		const scope = gate('1');
		assert.match(
			refused(await scope.admit(post('/Client', [{ name: 'New' }]), fake.read)).message,
			/under Allowed Clients no client is created/,
		);
		sent(await scope.admit(post('/Actions', [{ ticket_id: 1, note: 'x' }]), fake.read));
		assert.match(
			refused(await scope.admit(post('/Actions', [{ ticket_id: 2, note: 'x' }]), fake.read))
				.message,
			/the ticket it names \(ticket_id 2\)/,
		);
		assert.match(
			refused(await scope.admit(post('/Actions', [{ note: 'x' }]), fake.read)).message,
			/a new ticket action must name its ticket \(ticket_id\)/,
		);
		assert.match(
			refused(await scope.admit(post('/Address', [{ line1: 'x' }]), fake.read)).message,
			/must name its site \(site_id\) or user \(user_id\)/,
		);
	});
});

describe('Allowed Clients: reference data and what cannot be proven', () => {
	test('reference data is read as Halo answers it, never written', async () => {
		const fake = halo();
		const scope = gate('1');
		const list = get('/Status');
		assert.deepEqual(sent(await scope.admit(list, fake.read)), list);
		const rows = [{ id: 1, name: 'New', client_id: 2 }];
		assert.deepEqual(await scope.visible(list, rows, fake.read), { answer: rows });
		sent(await scope.admit(get('/Agent/4'), fake.read));
		for (const request of [
			post('/Status', [{ name: 'Waiting' }]),
			post('/Status', [{ id: 1, name: 'Renamed' }]),
			del('/Status/1'),
			post('/Team', [{ name: 'x' }]),
			{ ...post('/Status', []), access: { effect: 'read' as const } },
		])
			assert.match(
				refused(await scope.admit(request, fake.read)).message,
				/\(reference data of no client\) is read, never written/,
				`${request.method} ${request.path}`,
			);
		assert.deepEqual(fake.reads, []);
	});

	test('what cannot be proven is refused with its reason; a path of no resource too', async () => {
		const fake = halo();
		const scope = gate('1');
		assert.match(
			refused(await scope.admit(get('/KBArticle'), fake.read)).message,
			/KB Article|Knowledge|article may be written for one client/,
		);
		assert.match(
			refused(await scope.admit(post('/Report', [{ sql: 'SELECT 1' }]), fake.read)).message,
			/a report or a query can read any table, of every client/,
		);
		assert.match(
			refused(await scope.admit(get('/Timesheet/1'), fake.read)).message,
			/an agent's timesheet holds time on every client's work/,
		);
		assert.match(
			refused(await scope.admit(get('/Audit'), fake.read)).message,
			/cannot tell whose records \/api\/Audit holds/,
		);
		assert.match(
			refused(await scope.admit(get('/Tickets/abc'), fake.read)).message,
			/cannot tell whose records \/api\/Tickets\/abc touches/,
		);
		assert.deepEqual(fake.reads, []);
	});

	test('an operation that cannot be proven as a whole (API Request) refuses every request, reference reads too', async () => {
		const fake = halo();
		const scope = gate('1', {
			operationOwner: { kind: 'unprovable', why: 'API Request can call any path' },
		});
		for (const request of [get('/Status'), get('/Tickets/1'), post('/Tickets', [{ client_id: 1 }])])
			assert.match(
				refused(await scope.admit(request, fake.read)).message,
				/under Allowed Clients this is refused: API Request can call any path/,
			);
		assert.deepEqual(fake.reads, []);
		// An operation whose owner is a client's resource is judged by each path, as without one.
		const byPath = gate('1', { operationOwner: present(resourceByValue('ticket')).owner });
		sent(await byPath.admit(get('/Tickets'), fake.read));
	});

	test('segments an operation manages for itself pass untouched, both ways', async () => {
		const fake = halo();
		const scope = gate('1', { manages: ['webhook', 'webhookevent'] });
		const create = post('/Webhook', [{ name: 'n8n' }]);
		assert.deepEqual(sent(await scope.admit(create, fake.read)), create);
		const remove = del('/Webhook/abc');
		assert.deepEqual(sent(await scope.admit(remove, fake.read)), remove);
		const events = get('/WebhookEvent', { webhook_id: 'abc' });
		assert.deepEqual(sent(await scope.admit(events, fake.read)), events);
		const rows = [{ id: 1, client_id: 2 }];
		assert.deepEqual(await scope.visible(events, rows, fake.read), { answer: rows });
		assert.deepEqual(fake.reads, []);
		// Others' segments are still judged.
		refused(await scope.admit(post('/Status', [{ name: 'x' }]), fake.read));
		refused(await gate('1').admit(create, fake.read));
	});
});

describe('Allowed Clients: the owner cache', () => {
	test('a parent is read once per execution, however many requests and rows name it', async () => {
		const fake = halo();
		const owners: OwnerCache = new Map();
		// judgeBy makes a gate per request, all sharing the execution's cache.
		const scope = () => gate('1', { owners });
		await scope().admit(get('/Actions', { ticket_id: 1 }), fake.read);
		await scope().admit(get('/Actions', { ticket_id: 1 }), fake.read);
		await scope().visible(
			get('/Actions', { ticket_id: 1 }),
			{ actions: fake.all('action') },
			fake.read,
		);
		await scope().admit(post('/Actions', [{ ticket_id: 1, note: 'x' }]), fake.read);
		await scope().admit(post('/Actions', [{ ticket_id: 2, note: 'x' }]), fake.read);
		assert.deepEqual(fake.reads, ['/Tickets/1', '/Tickets/2']);
		assert.deepEqual([...owners.keys()].sort(), ['ticket:1', 'ticket:2']);
		// Another execution reads again.
		await gate('1').admit(get('/Actions', { ticket_id: 1 }), fake.read);
		assert.deepEqual(fake.reads, ['/Tickets/1', '/Tickets/2', '/Tickets/1']);
	});

	test('reads made at once share one read', async () => {
		const fake = halo();
		const owners: OwnerCache = new Map();
		await Promise.all(
			[1, 2, 3].map(() => gate('1', { owners }).admit(del('/Tickets/3'), fake.read)),
		);
		assert.deepEqual(fake.reads, ['/Tickets/3']);
	});
});

/** A run of the real transport against the fake Halo, with this credential's Allowed Clients. */
function transport(fake: FakeHalo, allowedClients?: string): ReturnType<typeof haloTransport> {
	return haloTransport(fake.respond, allowedClients === undefined ? {} : { allowedClients });
}

async function failure(run: Promise<unknown>): Promise<{ message: string; description: string }> {
	try {
		await run;
	} catch (error) {
		const thrown = nodeError(error);
		return { message: thrown.message, description: String(thrown.description ?? '') };
	}
	assert.fail('it did not fail');
}

describe('Allowed Clients through the transport', () => {
	test("another client's record fails word for word as a missing one, and nothing is written", async () => {
		const cases: Array<[(id: number) => HaloRequest, number]> = [
			[(id) => get(`/Tickets/${id}`), 2],
			[(id) => post('/Tickets', [{ id, summary: 'Hacked' }]), 2],
			[(id) => del(`/Tickets/${id}`), 2],
			[(id) => get(`/Client/${id}`), 2],
			[(id) => get(`/Actions/${id}`, { ticket_id: 2 }), 2],
			[(id) => del(`/Actions/${id}`, { ticket_id: 2 }), 2],
			[(id) => post(`/Invoice/${id}/void`, {}), 6],
		];
		for (const [request, foreign] of cases) {
			const fake = halo();
			const run = transport(fake, '1');
			const a = await failure(haloApiRequest(run.client, request(foreign)));
			const b = await failure(haloApiRequest(run.client, request(99)));
			const same = (text: string, id: number) => text.replace(new RegExp(`\\b${id}\\b`, 'g'), 'N');
			assert.equal(same(a.message, foreign), same(b.message, 99), request(foreign).path);
			assert.equal(same(a.description, foreign), same(b.description, 99), request(foreign).path);
			assert.match(a.message, /not found|does not exist|404/i);
			assert.deepEqual(
				run.requests.filter((sentRequest) => sentRequest.method !== 'GET'),
				[],
				'nothing written',
			);
			assert.doesNotMatch(JSON.stringify(a), /Rival|secret|INV-6/);
		}
	});

	test('an allowed record is read, updated and deleted; the reads come first', async () => {
		const fake = halo();
		const run = transport(fake, '1');
		assert.equal(
			((await haloApiRequest(run.client, get('/Tickets/1'))) as IDataObject).summary,
			'Printer on fire',
		);
		await haloApiRequest(run.client, post('/Tickets', [{ id: 3, summary: 'VPN fixed' }]));
		await haloApiRequest(run.client, del('/Tickets/3'));
		assert.deepEqual(
			run.requests.map((request) => `${request.method} ${request.path}`),
			['GET /api/Tickets/1', 'GET /api/Tickets/3', 'POST /api/Tickets', 'DELETE /api/Tickets/3'],
		);
		assert.equal(fake.record('ticket', 3), undefined);
	});

	test('Get Many across pages: a page the scope thinned does not end the list early', async () => {
		const sites = Array.from({ length: 150 }, (_, index) => ({
			id: index + 1,
			client_id: index % 2 === 0 ? 1 : 2,
		}));
		const fake = new FakeHalo(
			{ site: sites },
			{ ignoredFilters: ['client_id'], noRecordCount: true },
		);
		const run = transport(fake, '1');
		const rows = await haloList(run.client, { path: '/Site', listKey: 'sites', pages: true });
		assert.deepEqual(
			ids(rows),
			sites.filter((site) => site.client_id === 1).map((site) => site.id),
		);
		assert.deepEqual(
			run.requests.map((request) => request.qs?.page_no),
			[1, 2],
		);
	});

	test('Get Many of several clients without client_ids: every page of each, merged', async () => {
		const sites = Array.from({ length: 240 }, (_, index) => ({
			id: index + 1,
			client_id: index < 150 ? 1 : index < 230 ? 2 : 3,
		}));
		const fake = new FakeHalo({ site: sites });
		const run = transport(fake, '1, 3');
		const rows = await haloList(run.client, { path: '/Site', listKey: 'sites', pages: true });
		assert.deepEqual(
			ids(rows).sort((a, b) => a - b),
			sites.filter((site) => site.client_id !== 2).map((site) => site.id),
		);
		assert.ok(
			run.requests.every((request) => request.qs?.client_id !== 2),
			'no list of client 2',
		);
	});

	test('every client allowed (the field empty): requests and answers as without it', async () => {
		for (const allowed of ['', undefined]) {
			const fake = halo();
			const run = transport(fake, allowed);
			const list = await haloApiRequest(run.client, get('/Tickets'));
			assert.deepEqual(ids((list as IDataObject).tickets), [1, 2, 3, 4]);
			assert.equal(
				((await haloApiRequest(run.client, get('/Tickets/2'))) as IDataObject).summary,
				'Rival secret merger',
			);
			await haloApiRequest(run.client, post('/Tickets', [{ summary: 'x' }]));
			assert.deepEqual(
				run.requests.map(
					(request) => `${request.method} ${request.path} ${JSON.stringify(request.qs ?? {})}`,
				),
				['GET /api/Tickets {}', 'GET /api/Tickets/2 {}', 'POST /api/Tickets {}'],
			);
		}
	});

	test("Attachment › Download: the file of an allowed ticket's attachment is sent, its ticket learnt from its details", async () => {
		// GET /Attachment/{id} answers the file; with includedetails, the details (Halo's document).
		const fake = halo({
			recordAnswer: {
				attachment: (record, qs) =>
					String(qs.includedetails) === 'true' ? record : `%PDF-1.4 ${String(record.filename)}`,
			},
		});
		const run = transport(fake, '1');
		await haloApiRequest(run.client, { ...get('/Attachment/5'), fileAnswer: true });
		const foreign = halo({
			recordAnswer: {
				attachment: (record, qs) =>
					String(qs.includedetails) === 'true' ? record : `%PDF-1.4 ${String(record.filename)}`,
			},
		});
		await assert.rejects(
			haloApiRequest(transport(foreign, '2').client, { ...get('/Attachment/5'), fileAnswer: true }),
			/\(404\)/,
		);
	});

	test('a write linking a record of another client through any reference field of its definition is refused', async () => {
		const unchecked = await uncheckedLinks();
		assert.deepEqual(unchecked, []);
	});
});

/**
 * Each reference field (`ref`) of a client's record's create and update fields whose target is a
 * client's record too: an update of an allowed record (id 1, client 1) setting it to the target's
 * record of client 2 (id 2). The fields whose write the gate would send.
 */
async function uncheckedLinks(): Promise<string[]> {
	const bySegment = new Map(RESOURCES.map((resource) => [pathResource(resource.path), resource]));
	const owned = (kind: string) => kind === 'client' || kind === 'clientField' || kind === 'parent';
	const world: HaloRecords = { client: WORLD.client, ticket: WORLD.ticket, site: WORLD.site };
	const recordOf = (value: string, client: number): IDataObject => {
		const resource = present(resourceByValue(value));
		const owner = resource.owner;
		if (owner.kind === 'clientField') return { id: client, [owner.field]: client };
		if (owner.kind === 'parent') return { id: client, [owner.parents[0].field]: client };
		return { id: client };
	};
	for (const resource of RESOURCES)
		if (owned(resource.owner.kind) && !world[resource.value])
			world[resource.value] = [recordOf(resource.value, 1), recordOf(resource.value, 2)];
	const unchecked: string[] = [];
	for (const resource of RESOURCES) {
		if (!owned(resource.owner.kind)) continue;
		const fields = [
			...(resource.create?.required ?? []),
			...(resource.create?.fields ?? []),
			...(resource.update?.required ?? []),
			...(resource.update?.fields ?? []),
		];
		for (const key of new Set(
			fields.filter((field) => field.ref && !field.ref.valueField).map((field) => field.key),
		)) {
			const target = bySegment.get(
				pathResource(present(fields.find((field) => field.key === key)?.ref).path),
			);
			if (!target || !owned(target.owner.kind)) continue;
			const fake = new FakeHalo(world);
			const admission = await gate('1').admit(
				post(resource.path, [{ id: 1, [key]: 2 }]),
				fake.read,
			);
			if ('send' in admission) unchecked.push(`${resource.value}.${key} → ${target.value}`);
		}
	}
	return unchecked.sort();
}

test('a not-found under Allowed Clients is an API error with code 404', async () => {
	const run = transport(halo(), '1');
	let thrown: unknown;
	await haloApiRequest(run.client, get('/Tickets/2')).catch((error: unknown) => (thrown = error));
	assert.equal(thrown instanceof NodeApiError, true, 'an API error');
	assert.equal((thrown as NodeApiError).httpCode, '404');
});
