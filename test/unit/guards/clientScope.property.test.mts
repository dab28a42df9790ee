// Property-based tests (fast-check) of Allowed Clients (issue 30) through the real transport
// (haloApiRequest, haloList) against a fake Halo (support/fakeHalo.mts) of four clients: random
// worlds (who owns each site, user, ticket, note, action and address), random credentials (one to
// three of the four clients allowed) and random operations on a resource of each kind (the client,
// own client_id with and without Halo's client_ids filter, a bare-array list, through a ticket,
// through a site or user, reference data, unprovable): lists with or without filters, reads by id,
// updates, deletes and creates with random client_id, site_id, user_id and ticket_id; a Halo that
// applies its filters or one that answers every client's rows anyway. Halo itself checks every
// write it receives against the world as it is then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IDataObject } from 'n8n-workflow';

import fc from 'fast-check';

import { haloApiRequest } from '../../../nodes/HaloPsaComplete/transport/index.ts';
import type { HaloRequest } from '../../../nodes/HaloPsaComplete/transport/index.ts';
import { haloList } from '../../../nodes/HaloPsaComplete/transport/paging.ts';
import type { SentRequest } from '../support/fakeNode.mts';
import { FakeHalo, haloTransport } from '../support/fakeHalo.mts';
import type { FakeHaloOptions, HaloRecords } from '../support/fakeHalo.mts';
import { nodeError } from '../support/assertions.mts';
import { runs } from '../support/propertyRuns.mts';

const PROPERTY_RUNS = { ...runs, numRuns: 200 };
const CLIENTS = [1, 2, 3, 4];
const MISSING = 99;

/**
 * The resources exercised, by kind, with the fields a write of each may carry, how many records of
 * each the world holds, and how often each is drawn (those whose writes name other records more).
 */
const SUBJECTS = {
	client: { path: '/Client', fields: ['name'], count: 4, weight: 1 },
	ticket: {
		path: '/Tickets',
		fields: ['client_id', 'site_id', 'user_id', 'summary'],
		count: 8,
		weight: 3,
	},
	site: { path: '/Site', fields: ['client_id', 'name'], count: 6, weight: 2 },
	user: { path: '/Users', fields: ['client_id', 'site_id', 'name'], count: 6, weight: 2 },
	crmNote: {
		path: '/CRMNote',
		fields: ['client_id', 'site_id', 'user_id', 'ticket_id', 'note'],
		count: 4,
		weight: 2,
	},
	action: { path: '/Actions', fields: ['ticket_id', 'note'], count: 8, weight: 2 },
	address: { path: '/Address', fields: ['site_id', 'user_id', 'line1'], count: 4, weight: 2 },
	ticketStatus: { path: '/Status', fields: ['name'], count: 2, weight: 1 },
	kbArticle: { path: '/KBArticle', fields: ['name'], count: 2, weight: 1 },
} as const;
type Subject = keyof typeof SUBJECTS;
const SUBJECT_NAMES = Object.keys(SUBJECTS) as Subject[];
/** Whose records these are not: reference data and what cannot be proven. */
const OWNERLESS = new Set<Subject>(['ticketStatus', 'kbArticle']);

type Op =
	| { kind: 'list'; subject: Subject; qs: IDataObject }
	| { kind: 'get'; subject: Subject; id: number; qs: IDataObject }
	| { kind: 'update'; subject: Subject; id: number; fields: IDataObject }
	| { kind: 'delete'; subject: Subject; id: number; qs: IDataObject }
	| { kind: 'create'; subject: Subject; fields: IDataObject };

const client = fc.constantFrom(...CLIENTS);
const idOf = (subject: Subject) =>
	fc.oneof(
		{ weight: 5, arbitrary: fc.integer({ min: 1, max: SUBJECTS[subject].count }) },
		{ weight: 1, arbitrary: fc.constant(MISSING) },
	);

/**
 * The allowed clients and their sites, users and tickets in the world as drawn: values drawn more
 * often than others, so that writes are sent often enough (with no favour, most are refused).
 */
interface Favoured {
	client_id: number[];
	site_id: number[];
	user_id: number[];
	ticket_id: number[];
}

function favouring(records: HaloRecords, clients: number[]): Favoured {
	const owned = (subject: string) =>
		(records[subject] ?? [])
			.filter((record) => clients.includes(Number(record.client_id)))
			.map((record) => Number(record.id));
	return {
		client_id: clients,
		site_id: owned('site'),
		user_id: owned('user'),
		ticket_id: owned('ticket'),
	};
}

/** Any value of a link field: an id of the world, a missing one or 0; a favoured one often. */
function linkValue(field: keyof Favoured, subject: Subject, favoured?: Favoured) {
	const any = fc.oneof(
		{ weight: 6, arbitrary: idOf(subject) },
		{ weight: 1, arbitrary: fc.constant(0) },
	);
	const liked = favoured?.[field] ?? [];
	return liked.length === 0
		? any
		: fc.oneof({ weight: 2, arbitrary: any }, { weight: 3, arbitrary: fc.constantFrom(...liked) });
}

/** A value for a field a write or a list filter carries. */
function valueOf(field: string, favoured?: Favoured): fc.Arbitrary<string | number> {
	if (field === 'client_id')
		return linkValue('client_id', 'client', favoured).chain((id) =>
			id === MISSING ? fc.constant(7) : fc.constant(id),
		);
	if (field === 'site_id') return linkValue('site_id', 'site', favoured);
	if (field === 'user_id') return linkValue('user_id', 'user', favoured);
	if (field === 'ticket_id') return linkValue('ticket_id', 'ticket', favoured);
	return fc.constantFrom('x', 'Renamed');
}

/** Some of the fields, each with a random value. */
function someOf(fields: readonly string[], favoured?: Favoured): fc.Arbitrary<IDataObject> {
	return fc
		.subarray([...fields])
		.chain((chosen) =>
			fc
				.tuple(...chosen.map((field) => valueOf(field, favoured)))
				.map((values) => Object.fromEntries(chosen.map((field, index) => [field, values[index]]))),
		);
}

const LIST_FILTERS = ['client_id', 'client_ids', 'ticket_id', 'site_id', 'user_id', 'search'];
function listQuery(favoured?: Favoured): fc.Arbitrary<IDataObject> {
	return fc
		.subarray(LIST_FILTERS)
		.chain((chosen) =>
			fc
				.tuple(
					...chosen.map((filter) =>
						filter === 'client_ids'
							? fc.subarray([...CLIENTS, 7], { minLength: 1 }).map((ids) => ids.join(','))
							: valueOf(filter, favoured),
					),
				)
				.map((values) =>
					Object.fromEntries(chosen.map((filter, index) => [filter, values[index]])),
				),
		);
}
/** An action is read and deleted with its ticket (as the definitions send it); others without. */
const recordQuery = (subject: Subject): fc.Arbitrary<IDataObject> =>
	subject === 'action' ? idOf('ticket').map((ticket) => ({ ticket_id: ticket })) : fc.constant({});

const subject = fc.oneof(
	...SUBJECT_NAMES.map((name) => ({ weight: SUBJECTS[name].weight, arbitrary: fc.constant(name) })),
);
function readOp(favoured?: Favoured): fc.Arbitrary<Op> {
	return subject.chain((name) =>
		fc.oneof(
			listQuery(favoured).map((qs): Op => ({ kind: 'list', subject: name, qs })),
			fc
				.tuple(idOf(name), recordQuery(name))
				.map(([id, qs]): Op => ({ kind: 'get', subject: name, id, qs })),
		),
	);
}
function op(favoured?: Favoured): fc.Arbitrary<Op> {
	const write = subject.chain((name) =>
		fc.oneof(
			{
				weight: 2,
				arbitrary: fc
					.tuple(idOf(name), someOf(SUBJECTS[name].fields, favoured))
					.map(([id, fields]): Op => ({ kind: 'update', subject: name, id, fields })),
			},
			{
				weight: 1,
				arbitrary: fc
					.tuple(idOf(name), recordQuery(name))
					.map(([id, qs]): Op => ({ kind: 'delete', subject: name, id, qs })),
			},
			{
				weight: 2,
				arbitrary: someOf(SUBJECTS[name].fields, favoured).map(
					(fields): Op => ({ kind: 'create', subject: name, fields }),
				),
			},
		),
	);
	return fc.oneof({ weight: 3, arbitrary: readOp(favoured) }, { weight: 5, arbitrary: write });
}

/** Who owns what: random clients for every record of a client's, random parents for the rest. */
const world: fc.Arbitrary<HaloRecords> = fc
	.record({
		site: fc.array(client, { minLength: 6, maxLength: 6 }),
		user: fc.array(fc.tuple(client, idOf('site')), { minLength: 6, maxLength: 6 }),
		ticket: fc.array(fc.tuple(client, idOf('site')), { minLength: 8, maxLength: 8 }),
		crmNote: fc.array(client, { minLength: 4, maxLength: 4 }),
		action: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 8, maxLength: 8 }),
		address: fc.array(
			fc.oneof(
				fc.integer({ min: 1, max: 6 }).map((site) => ({ site_id: site })),
				fc.integer({ min: 1, max: 6 }).map((user) => ({ user_id: user })),
			),
			{ minLength: 4, maxLength: 4 },
		),
	})
	.map((drawn) => ({
		client: CLIENTS.map((id) => ({ id, name: `Client ${id}` })),
		site: drawn.site.map((owner, index) => ({
			id: index + 1,
			client_id: owner,
			name: `Site of ${owner}`,
		})),
		user: drawn.user.map(([owner, site], index) => ({
			id: index + 1,
			client_id: owner,
			site_id: site,
		})),
		ticket: drawn.ticket.map(([owner, site], index) => ({
			id: index + 1,
			client_id: owner,
			site_id: site,
			summary: `Ticket of ${owner}`,
		})),
		crmNote: drawn.crmNote.map((owner, index) => ({ id: index + 1, client_id: owner })),
		action: drawn.action.map((ticket, index) => ({ id: index + 1, ticket_id: ticket })),
		address: drawn.address.map((parent, index) => ({ id: index + 1, ...parent })),
		ticketStatus: [
			{ id: 1, name: 'New' },
			{ id: 2, name: 'In Progress' },
		],
		kbArticle: [
			{ id: 1, name: 'Reset a password', client_id: 2 },
			{ id: 2, name: 'VPN', client_id: 3 },
		],
	}));
const allowed = fc.subarray(CLIENTS, { minLength: 1, maxLength: 3 });
/** A Halo that applies its client filters, or one that answers every client's rows anyway. */
const halos: fc.Arbitrary<FakeHaloOptions> = fc.constantFrom(
	{},
	{ ignoredFilters: ['client_id', 'client_ids', 'ticket_id', 'site_id', 'user_id'] },
);

/** Halo's truth: the client a record belongs to, from the world as it is (or was, once deleted). */
class Truth {
	private readonly gone = new Map<string, IDataObject>();

	constructor(private readonly halo: FakeHalo) {}

	buried(subject: string, record: IDataObject): void {
		this.gone.set(`${subject}:${String(record.id)}`, record);
	}

	private find(subject: string, id: unknown): IDataObject | undefined {
		return this.halo.record(subject, id) ?? this.gone.get(`${subject}:${Number(id)}`);
	}

	/** The client of a record of this subject; undefined when it names none that exists. */
	owner(subject: Subject | string, record: IDataObject | undefined): number | undefined {
		if (!record) return undefined;
		switch (subject) {
			case 'client':
				return Number(record.id);
			case 'action':
				return this.owner('ticket', this.find('ticket', record.ticket_id));
			case 'address':
				return record.site_id
					? this.owner('site', this.find('site', record.site_id))
					: this.owner('user', this.find('user', record.user_id));
			default:
				return record.client_id === undefined ? undefined : Number(record.client_id);
		}
	}

	ownerOf(subject: string, id: unknown): number | undefined {
		return this.owner(subject, this.find(subject, id));
	}
}

const LINKS: Record<string, string> = { site_id: 'site', user_id: 'user', ticket_id: 'ticket' };
const SUBJECT_OF_PATH = new Map(
	SUBJECT_NAMES.map((name) => [SUBJECTS[name].path.toLowerCase(), name]),
);

function subjectOf(path: string): Subject {
	const segment = `/${
		path
			.replace(/^\/api/, '')
			.split('/')
			.filter(Boolean)[0]
	}`.toLowerCase();
	const found = SUBJECT_OF_PATH.get(segment);
	if (!found) throw new Error(`no subject at ${path}`);
	return found;
}

/**
 * The fake Halo's answer, after Halo checked every write it receives against the world as it is:
 * each a write of an allowed client's record, naming allowed clients and their records only.
 */
function watchedHalo(
	halo: FakeHalo,
	truth: Truth,
	clients: number[] | undefined,
	foreignWrites: string[],
) {
	const mine = (owner: number | undefined) => owner !== undefined && clients!.includes(owner);
	return (request: SentRequest): unknown => {
		if (request.method === 'GET' || clients === undefined) {
			if (request.method === 'DELETE') {
				const [, id] = request.path
					.replace(/^\/api/, '')
					.split('/')
					.filter(Boolean);
				const record = halo.record(subjectOf(request.path), id);
				if (record) truth.buried(subjectOf(request.path), record);
			}
			return halo.respond(request);
		}
		const name = subjectOf(request.path);
		const said = `${request.method} ${request.path} ${JSON.stringify(request.body ?? {})}`;
		if (request.method === 'DELETE') {
			const [, id] = request.path
				.replace(/^\/api/, '')
				.split('/')
				.filter(Boolean);
			const record = halo.record(name, id);
			if (!mine(truth.owner(name, record)))
				foreignWrites.push(`${said}: not an allowed client's record`);
			if (record) truth.buried(name, record);
			return halo.respond(request);
		}
		const elements = (Array.isArray(request.body) ? request.body : [request.body]) as IDataObject[];
		for (const element of elements) {
			const existing = Number(element.id) > 0 ? halo.record(name, element.id) : undefined;
			if (existing && !mine(truth.owner(name, existing)))
				foreignWrites.push(`${said}: changes another client's record`);
			if ('client_id' in element && !mine(Number(element.client_id)))
				foreignWrites.push(`${said}: names another client`);
			for (const [field, linked] of Object.entries(LINKS))
				if (Number(element[field]) > 0 && !mine(truth.ownerOf(linked, element[field])))
					foreignWrites.push(`${said}: links another client's ${linked}`);
			// What the record is once written: never another client's (a record of no client, as an
			// address taken off its site, is no other client's either).
			const after = truth.owner(name, { ...existing, ...element });
			if (after !== undefined && !mine(after))
				foreignWrites.push(`${said}: makes the record another client's`);
		}
		return halo.respond(request);
	};
}

type Outcome = { value: unknown } | { error: { message: string; description: string } };

/** The request of an operation, as the node would send it (a list goes through haloList). */
function requestOf(step: Op): HaloRequest {
	const path = SUBJECTS[step.subject].path;
	switch (step.kind) {
		case 'list':
			return { method: 'GET', path, qs: step.qs };
		case 'get':
			return { method: 'GET', path: `${path}/${step.id}`, qs: step.qs };
		case 'delete':
			return { method: 'DELETE', path: `${path}/${step.id}`, qs: step.qs };
		case 'update':
			return { method: 'POST', path, body: [{ ...step.fields, id: step.id }] };
		case 'create':
			return { method: 'POST', path, body: [step.fields] };
	}
}

interface Run {
	halo: FakeHalo;
	truth: Truth;
	requests: SentRequest[];
	foreignWrites: string[];
	perform(step: Op): Promise<Outcome>;
}

/** A fresh execution of the real transport on a copy of the world, with this credential. */
function runOn(
	records: HaloRecords,
	allowedClients: string | undefined,
	options: FakeHaloOptions = {},
): Run {
	const halo = new FakeHalo(records, options);
	const truth = new Truth(halo);
	const foreignWrites: string[] = [];
	const parsed = allowedClients?.split(',').filter(Boolean).map(Number);
	const { client: transport, requests } = haloTransport(
		watchedHalo(halo, truth, parsed?.length ? parsed : undefined, foreignWrites),
		allowedClients === undefined ? {} : { allowedClients },
	);
	return {
		halo,
		truth,
		requests,
		foreignWrites,
		async perform(step) {
			try {
				const request = requestOf(step);
				if (step.kind === 'list') {
					const subject = SUBJECTS[step.subject];
					const definition = FakeHalo.resourceOf(subject.path);
					return {
						value: await haloList(transport, {
							path: subject.path,
							listKey: definition.listKey,
							pages: definition.pages,
							qs: step.qs,
						}),
					};
				}
				return { value: await haloApiRequest(transport, request) };
			} catch (error) {
				const thrown = nodeError(error);
				return {
					error: { message: thrown.message, description: String(thrown.description ?? '') },
				};
			}
		},
	};
}

/** The records an outcome hands the user: a list's rows, or the record read or written. */
function recordsOut(outcome: Outcome): IDataObject[] {
	if (!('value' in outcome)) return [];
	const value = outcome.value;
	if (Array.isArray(value)) return value as IDataObject[];
	return typeof value === 'object' && value !== null ? [value as IDataObject] : [];
}

const sameWords = (text: string, id: number) => text.replace(new RegExp(`\\b${id}\\b`, 'g'), 'N');

test("Allowed Clients: no write of another client's reaches Halo, nothing of another client comes back, and another client's record fails as a missing one", async () => {
	await fc.assert(
		fc.asyncProperty(
			fc
				.tuple(world, allowed, halos)
				.chain(([records, clients, options]) =>
					fc.tuple(
						fc.constant(records),
						fc.constant(clients),
						fc.constant(options),
						fc.array(op(favouring(records, clients)), { minLength: 1, maxLength: 4 }),
					),
				),
			async ([records, clients, options, steps]) => {
				const allowedClients = clients.join(', ');
				const run = runOn(records, allowedClients, options);
				const mine = (owner: number | undefined) => owner !== undefined && clients.includes(owner);
				for (const step of steps) {
					// Whose the record is before the step, for the comparison with a missing one.
					const target =
						'id' in step && step.id !== MISSING
							? run.truth.ownerOf(step.subject, step.id)
							: undefined;
					const before = run.halo.snapshot();
					const outcome = await run.perform(step);
					assert.deepEqual(run.foreignWrites, [], JSON.stringify(step));
					if (!OWNERLESS.has(step.subject))
						for (const record of recordsOut(outcome)) {
							const owner = step.kind === 'delete' ? target : run.truth.owner(step.subject, record);
							// A read hands out allowed clients' records only; a write's answer is the record
							// written, which may have been taken off its parent (an action's ticket_id 0).
							const reads = step.kind === 'list' || step.kind === 'get';
							assert.ok(
								reads ? mine(owner) : owner === undefined || mine(owner),
								`${JSON.stringify(step)} handed out ${JSON.stringify(record)} (client ${owner})`,
							);
						}
					if (
						'id' in step &&
						step.id !== MISSING &&
						!OWNERLESS.has(step.subject) &&
						!mine(target)
					) {
						assert.ok(
							'error' in outcome,
							`${JSON.stringify(step)}: another client's record was used`,
						);
						const missing = await runOn(before, allowedClients, options).perform({
							...step,
							id: MISSING,
						});
						assert.ok('error' in missing, `${JSON.stringify(step)}: a missing record was used`);
						assert.equal(
							sameWords(outcome.error.message, step.id),
							sameWords(missing.error.message, MISSING),
						);
						assert.equal(
							sameWords(outcome.error.description, step.id),
							sameWords(missing.error.description, MISSING),
						);
					}
				}
			},
		),
		PROPERTY_RUNS,
	);
});

test('Allowed Clients empty: every request, answer and error as with a credential without the field', async () => {
	await fc.assert(
		fc.asyncProperty(
			world,
			fc.array(op(), { minLength: 1, maxLength: 4 }),
			async (records, steps) => {
				const scoped = runOn(records, '');
				const plain = runOn(records, undefined);
				for (const step of steps)
					assert.deepEqual(await scoped.perform(step), await plain.perform(step));
				assert.deepEqual(scoped.requests, plain.requests);
			},
		),
		{ ...PROPERTY_RUNS, numRuns: 100 },
	);
});

test('Every client of the world allowed: each read that is not refused gives the records it gives without the field', async () => {
	await fc.assert(
		fc.asyncProperty(
			world,
			fc.array(readOp(), { minLength: 1, maxLength: 4 }),
			async (records, steps) => {
				const scoped = runOn(records, CLIENTS.join(','));
				const plain = runOn(records, undefined);
				for (const step of steps) {
					const narrowed = await scoped.perform(step);
					const whole = await plain.perform(step);
					if ('error' in narrowed && /was not sent/.test(narrowed.error.message)) continue;
					const byId = (outcome: Outcome) =>
						recordsOut(outcome)
							.map((record) => JSON.stringify(record))
							.sort();
					assert.deepEqual(byId(narrowed), byId(whole), JSON.stringify(step));
					assert.equal('error' in narrowed, 'error' in whole, JSON.stringify(step));
				}
			},
		),
		{ ...PROPERTY_RUNS, numRuns: 100 },
	);
});
