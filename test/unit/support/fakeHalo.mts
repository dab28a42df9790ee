// A tiny in-memory HaloPSA for the Allowed Clients tests: records by resource, served by path as
// Halo serves them. `read` is what the gate's ScopeRead gets (the record, or undefined for Halo's
// 404); `respond` answers the fake n8n context's request function (fakeNode.mts), so the real
// transport runs against it: lists narrowed by the usual filters and paged, records read, posted
// (created or updated) and deleted, and a 404 thrown as n8n's request helper throws it.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { RESOURCES } from '../../../nodes/HaloPsaComplete/resources/index.ts';
import { pathResource } from '../../../nodes/HaloPsaComplete/helpers/paths.ts';
import type { ResourceDefinition } from '../../../nodes/HaloPsaComplete/helpers/types.ts';
import type { HaloClient } from '../../../nodes/HaloPsaComplete/transport/client.ts';
import {
	APP_URL,
	asExecuteFunctions,
	fakeExecuteFunctions,
	httpError,
	plainClient,
} from './fakeNode.mts';
import type { FakeExecuteFunctions, SentRequest } from './fakeNode.mts';

/** Records by resource value, e.g. `{ ticket: [{ id: 1, client_id: 1 }] }`. */
export type HaloRecords = Record<string, IDataObject[]>;

/** Query parameters a list keeps rows by, when the row holds the same value. */
const EQUALITY_FILTERS = ['client_id', 'ticket_id', 'site_id', 'user_id'];

export interface FakeHaloOptions {
	/** Filters Halo does not apply (it answers every row, as some lists do). */
	ignoredFilters?: string[];
	/** Lists answer without `record_count`. */
	noRecordCount?: boolean;
	/** What GET /{Resource}/{id} answers instead of the record (a file, say), by resource value. */
	recordAnswer?: Record<string, (record: IDataObject, qs: IDataObject) => unknown>;
}

/** Fields naming a client's site, user or ticket, and the resource each names. */
const LINKED = [
	['site_id', 'site'],
	['user_id', 'user'],
	['ticket_id', 'ticket'],
] as const;

const BY_SEGMENT = new Map(RESOURCES.map((resource) => [pathResource(resource.path), resource]));

export class FakeHalo {
	private readonly stores = new Map<string, Map<number, IDataObject>>();
	private nextId = 1000;
	/** Every path the gate read through `read`, in order. */
	readonly reads: string[] = [];

	constructor(
		records: HaloRecords,
		private readonly options: FakeHaloOptions = {},
	) {
		for (const [resource, rows] of Object.entries(records))
			this.stores.set(
				resource,
				new Map(rows.map((row) => [Number(row.id), structuredClone(row)] as const)),
			);
	}

	/** The definition a path below /api belongs to; a path of none fails the test. */
	static resourceOf(path: string): ResourceDefinition {
		const resource = BY_SEGMENT.get(pathResource(path));
		if (!resource) throw new Error(`the fake Halo has no resource at ${path}`);
		return resource;
	}

	private store(resource: string): Map<number, IDataObject> {
		let store = this.stores.get(resource);
		if (!store) this.stores.set(resource, (store = new Map()));
		return store;
	}

	/** A copy of one record, or undefined. */
	record(resource: string, id: unknown): IDataObject | undefined {
		const found = this.store(resource).get(Number(id));
		return found && structuredClone(found);
	}

	/** Copies of every record of a resource, by id. */
	all(resource: string): IDataObject[] {
		return [...this.store(resource).values()].map((row) => structuredClone(row));
	}

	/** Every record as it is now, by resource (copies), to start another fake Halo from. */
	snapshot(): HaloRecords {
		const records: HaloRecords = {};
		for (const [resource, store] of this.stores)
			records[resource] = [...store.values()].map((row) => structuredClone(row));
		return records;
	}

	/** The gate's ScopeRead: GET /{Resource}/{id} answers the record; anything else, undefined (a 404). */
	read = async (path: string, qs?: IDataObject): Promise<unknown> => {
		this.reads.push(path);
		const [, id] = path.split('/').filter(Boolean);
		const record = this.record(FakeHalo.resourceOf(path).value, id);
		return record && this.recordAnswer(FakeHalo.resourceOf(path), record, qs ?? {});
	};

	private recordAnswer(
		resource: ResourceDefinition,
		record: IDataObject,
		qs: IDataObject,
	): unknown {
		const answer = this.options.recordAnswer?.[resource.value];
		return answer ? answer(record, qs) : record;
	}

	/** Answers a request the fake n8n context sends (its path begins with /api), as Halo would. */
	respond = (request: SentRequest): unknown => {
		const path = request.path.replace(/^\/api/, '');
		const resource = FakeHalo.resourceOf(path);
		const segments = path.split('/').filter(Boolean);
		const store = this.store(resource.value);
		if (segments.length === 1 && request.method === 'GET') return this.list(resource, request.qs);
		if (segments.length === 1 && request.method === 'POST')
			return this.post(resource, request.body);
		const record = store.get(Number(segments[1]));
		if (!record) throw httpError(404, { ClassName: 'Exception', Message: 'Record not found' });
		if (segments.length > 2) return {};
		if (request.method === 'GET')
			return this.recordAnswer(resource, structuredClone(record), request.qs ?? {});
		if (request.method === 'DELETE') {
			store.delete(Number(record.id));
			return structuredClone(record);
		}
		throw new Error(`the fake Halo does not answer ${request.method} ${path}`);
	};

	private list(resource: ResourceDefinition, qs: IDataObject = {}): unknown {
		const ignored = new Set(this.options.ignoredFilters ?? []);
		let rows = [...this.store(resource.value).values()];
		for (const filter of EQUALITY_FILTERS)
			if (qs[filter] !== undefined && !ignored.has(filter))
				rows = rows.filter((row) => String(row[filter]) === String(qs[filter]));
		if (qs.client_ids !== undefined && !ignored.has('client_ids')) {
			const ids = String(qs.client_ids).split(',');
			rows = rows.filter((row) => ids.includes(String(row.client_id)));
		}
		const count = rows.length;
		if (qs.pageinate === true || qs.pageinate === 'true') {
			const size = Number(qs.page_size);
			const from = (Number(qs.page_no) - 1) * size;
			rows = rows.slice(from, from + size);
		}
		const copies = rows.map((row) => structuredClone(row));
		if (resource.listKey === undefined) return copies;
		return {
			...(this.options.noRecordCount ? {} : { record_count: count }),
			page_no: qs.page_no ?? 1,
			[resource.listKey]: copies,
		};
	}

	/**
	 * A new record of a client's that names no client takes the client of the first site, user or
	 * ticket it names, as Halo fills it in.
	 */
	private clientOf(resource: ResourceDefinition, element: IDataObject): IDataObject {
		const owner = resource.owner;
		if (owner.kind !== 'clientField' || element[owner.field] !== undefined) return {};
		for (const [field, linked] of LINKED) {
			const record = this.store(linked).get(Number(element[field]));
			if (record) return { [owner.field]: record.client_id };
		}
		return {};
	}

	private post(resource: ResourceDefinition, body: unknown): unknown {
		const store = this.store(resource.value);
		const elements = (Array.isArray(body) ? body : [body]) as IDataObject[];
		const saved = elements.map((element) => {
			const existing = store.get(Number(element.id));
			const record = existing
				? { ...existing, ...element, id: existing.id }
				: { ...this.clientOf(resource, element), ...element, id: (this.nextId += 1) };
			store.set(Number(record.id), record);
			return structuredClone(record);
		});
		return Array.isArray(body) ? saved : saved[0];
	}
}

/** One fake context, made once (resolving the node's parameters takes a while); each run its own credential. */
let base: FakeExecuteFunctions | undefined;
let transports = 0;

/**
 * The real transport's client (plain rules, as fakeNode.mts's plainClient) whose requests `respond`
 * answers, with this credential (merged over a fresh API application's), and the requests it sent.
 * Cheaper than fakeExecuteFunctions for the many runs of a property test.
 */
export function haloTransport(
	respond: (request: SentRequest) => unknown,
	credentials: ICredentialDataDecryptedObject = {},
): { client: HaloClient<IExecuteFunctions>; requests: SentRequest[] } {
	base ??= fakeExecuteFunctions({ parameters: {} }).context;
	transports += 1;
	const credential: ICredentialDataDecryptedObject = {
		url: APP_URL,
		tenant: 'acme',
		clientId: `scope-${transports}`,
		rateLimitRequests: 100_000,
		rateLimitWindowSeconds: 300,
		...credentials,
	};
	const requests: SentRequest[] = [];
	const context: FakeExecuteFunctions = {
		...base,
		getCredentials: async <T extends object = ICredentialDataDecryptedObject>() => credential as T,
		helpers: {
			...base.helpers,
			async httpRequestWithAuthentication(_credentialType: string, request: IHttpRequestOptions) {
				if (!request.url.startsWith(APP_URL))
					throw new Error(`request left the app URL: ${request.url}`);
				const sent: SentRequest = {
					method: request.method ?? 'GET',
					path: request.url.slice(APP_URL.length),
				};
				if (request.qs !== undefined) sent.qs = request.qs;
				if (request.body !== undefined) sent.body = request.body;
				requests.push(structuredClone(sent));
				return { body: await respond(structuredClone(sent)), statusCode: 200, headers: {} };
			},
		},
	};
	return { client: plainClient(asExecuteFunctions(context)), requests };
}
