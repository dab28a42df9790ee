import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { RESOURCES } from '../resources';
import { readPage, rowsKeyOf, uniqueById } from '../transport/paging';
import type {
	Admission,
	ClientScope,
	HaloRequest,
	Refusal,
	ScopeRead,
	Visible,
} from '../transport';
import { ROWS_BEFORE_SCOPE } from '../transport';
import type { ClientOwnership, ParentLink, ResourceDefinition } from '../helpers/types';
import { pathResource } from '../helpers/paths';

/**
 * A credential's Allowed Clients: the clients whose records its nodes may read and write. What a
 * request touches is read from the resource definitions (each says whose its records are, see
 * ClientOwnership), never from a list kept here:
 * - a client's records: lists are narrowed with Halo's own filter (one list per client, or one
 *   list where Halo takes several ids), rows of other clients Halo returns anyway are dropped, a
 *   record read by id (or before it is changed) of another client is answered as one that does not
 *   exist, and a write must name an allowed client, or a site, user or ticket of one;
 * - reference data: read, never written;
 * - what cannot be proven (API Request, SQL, reports, paths of no resource): refused.
 */

export const ALLOWED_CLIENTS = 'allowedClients';

/** The allowed client ids, undefined for every client, or the entries that are not ids. */
export function allowedClientsOf(
	credentials: ICredentialDataDecryptedObject,
): { ids: number[] } | { invalid: string[] } | undefined {
	const parts = String(credentials[ALLOWED_CLIENTS] ?? '')
		.split(/[\s,;]+/)
		.filter((part) => part !== '');
	if (parts.length === 0) return undefined;
	const invalid = parts.filter((part) => !/^[1-9]\d*$/.test(part));
	if (invalid.length > 0) return { invalid };
	return { ids: [...new Set(parts.map(Number))] };
}

/** Fields that link a record to a client's site, user or ticket, checked wherever they are written. */
const CLIENT_LINKS: ParentLink[] = [
	{ field: 'site_id', resource: 'site' },
	{ field: 'user_id', resource: 'user' },
	{ field: 'ticket_id', resource: 'ticket' },
];

/** Lists that take several client ids in one query parameter (Halo's `client_ids`). */
const MANY_CLIENTS_FILTER = 'client_ids';

/** Records a batch's owners are read in at once: Halo's page cap. */
const BATCH_READ = 100;

const BY_SEGMENT = new Map<string, ResourceDefinition>();
const BY_VALUE = new Map<string, ResourceDefinition>();
for (const resource of RESOURCES) {
	BY_VALUE.set(resource.value, resource);
	const segment = pathResource(resource.path);
	if (segment !== '') BY_SEGMENT.set(segment, resource);
}

/** The resource whose records a path below /api holds, by its first segment. */
export function resourceOfPath(path: string): ResourceDefinition | undefined {
	return BY_SEGMENT.get(pathResource(path));
}

export function resourceByValue(value: string): ResourceDefinition | undefined {
	return BY_VALUE.get(value);
}

/** What a path is: a list (`/Tickets`), a record (`/Tickets/5`, `/Invoice/5/void`), or other. */
type PathShape = { list: true } | { id: string; rest: boolean } | { other: true };

function shapeOf(path: string): PathShape {
	const segments = path.split('/').filter((segment) => segment !== '');
	if (segments.length === 1) return { list: true };
	if (/^\d+$/.test(segments[1] ?? '')) return { id: segments[1], rest: segments.length > 2 };
	return { other: true };
}

function positiveId(value: unknown): number | undefined {
	const id = Number(value);
	return Number.isInteger(id) && id > 0 ? id : undefined;
}

const SCOPE_REFUSED =
	"The HaloPSA credential's Allowed Clients refused this request before it was sent: with Allowed Clients, the node reads and writes only those clients' records, reads reference data (statuses, agents, teams…) without writing it, and refuses what it cannot prove is theirs.";

/** The owner cache of one execution: record (`site:5`) → its client's id, or undefined if none is visible. */
export type OwnerCache = Map<string, Promise<number | undefined>>;

export interface ScopeContext {
	/** "Ticket › Update": how the user knows the request. */
	label: string;
	/** Owner of what the operation works on as a whole; an unprovable one refuses every request. */
	operationOwner?: ClientOwnership;
	/** First path segments the operation manages for itself (a webhook trigger's webhook). */
	manages?: string[];
	owners: OwnerCache;
}

/**
 * The Allowed Clients gate of one request, or undefined when the credential allows every client.
 * A credential whose Allowed Clients hold anything but client ids refuses every request.
 */
export function clientScopeFor(
	credentials: ICredentialDataDecryptedObject,
	context: ScopeContext,
): ScopeGate | undefined {
	const allowed = allowedClientsOf(credentials);
	if (allowed === undefined) return undefined;
	return new Gate(allowed, context);
}

export type ScopeGate = Gate;

class Gate implements ClientScope {
	private readonly ids: number[];
	private readonly invalid?: string[];

	constructor(
		allowed: { ids: number[] } | { invalid: string[] },
		private readonly context: ScopeContext,
	) {
		this.ids = 'ids' in allowed ? allowed.ids : [];
		if ('invalid' in allowed) this.invalid = allowed.invalid;
	}

	get clients(): number[] {
		return this.ids;
	}

	/** Allowed Clients hold what is not a client id: every request is refused. */
	get refusesAll(): boolean {
		return this.invalid !== undefined;
	}

	allows(clientId: number | undefined): boolean {
		return clientId !== undefined && this.ids.includes(clientId);
	}

	private refuse(why: string): { refused: Refusal } {
		return {
			refused: {
				message: `${this.context.label} was not sent: ${why}`,
				description: SCOPE_REFUSED,
			},
		};
	}

	async admit(request: HaloRequest, read: ScopeRead): Promise<Admission> {
		if (this.invalid)
			return this.refuse(
				`this credential's Allowed Clients hold what is not a client ID (${this.invalid.join(', ')}), so it refuses every request`,
			);
		const owner = this.context.operationOwner;
		if (owner?.kind === 'unprovable')
			return this.refuse(`under Allowed Clients this is refused: ${owner.why}`);
		const segment = pathResource(request.path);
		if (this.context.manages?.includes(segment)) return { send: request };
		const resource = resourceOfPath(request.path);
		if (resource === undefined)
			return this.refuse(
				`under Allowed Clients the node cannot tell whose records /api${request.path} holds`,
			);
		const kind = resource.owner;
		if (kind.kind === 'unprovable')
			return this.refuse(`under Allowed Clients ${resource.displayName} is refused: ${kind.why}`);
		if (kind.kind === 'reference') {
			if (request.method === 'GET') return { send: request };
			return this.refuse(
				`under Allowed Clients ${resource.displayName} (reference data of no client) is read, never written`,
			);
		}
		const shape = shapeOf(request.path);
		if ('other' in shape)
			return this.refuse(
				`under Allowed Clients the node cannot tell whose records /api${request.path} touches`,
			);
		if (request.method === 'GET' && 'list' in shape)
			return this.admitList(request, resource, kind, read);
		if ('id' in shape) {
			// A record's own path: the record is read first (a GET is checked on its answer).
			if (request.method === 'GET' && !shape.rest && !request.fileAnswer) return { send: request };
			const visible = await this.ownerOfRecord(resource, shape.id, read, request.qs);
			if (!this.allows(visible)) return { notFound: true };
			if (request.method === 'GET' || request.method === 'DELETE' || shape.rest)
				return { send: request };
		}
		if (request.method === 'DELETE') return this.refuse('a delete must name its record');
		return this.admitWrite(request, resource, kind, read);
	}

	/**
	 * The queries a list is read with when no one query keeps the allowed clients' records (their
	 * list takes one client id, several are allowed, and none is asked for): one per client. A
	 * paged reader reads each on its own, since joining the pages of two lists is not a page of one.
	 */
	listParts(request: HaloRequest): IDataObject[] | undefined {
		if (request.method !== 'GET' || this.invalid) return undefined;
		const resource = resourceOfPath(request.path);
		if (!resource || !('list' in shapeOf(request.path))) return undefined;
		const kind = resource.owner;
		if (kind.kind !== 'clientField' || kind.listFilter === undefined || this.ids.length < 2)
			return undefined;
		const qs = request.qs ?? {};
		if (manyClientsFilter(resource) || isGiven(qs[kind.listFilter])) return undefined;
		return this.perClient(qs, kind.listFilter);
	}

	/** One query per allowed client, each narrowed by the list's client filter. */
	private perClient(qs: IDataObject, filter: string): IDataObject[] {
		return this.ids.map((id) => ({ ...qs, [filter]: id }));
	}

	private async admitList(
		request: HaloRequest,
		resource: ResourceDefinition,
		kind: Exclude<ClientOwnership, { kind: 'reference' } | { kind: 'unprovable' }>,
		read: ScopeRead,
	): Promise<Admission> {
		const qs = request.qs ?? {};
		if (kind.kind === 'client') return { send: request };
		if (kind.kind === 'parent') {
			const named = kind.parents.find((link) => positiveId(qs[link.field]) !== undefined);
			// A list Halo cannot narrow to a parent is read whole: visible() keeps the rows whose
			// parent is an allowed client's.
			if (!named && !kind.parents.some((link) => listTakes(resource, link.field)))
				return { send: request };
			if (!named)
				return this.refuse(
					`under Allowed Clients a list of ${resource.plural ?? resource.displayName} is read within its ${kind.parents.map((link) => link.resource).join(' or ')} (set ${kind.parents.map((link) => link.field).join(' or ')})`,
				);
			const parent = await this.ownerOfLink(named, qs[named.field], read);
			return this.allows(parent) ? { send: request } : { answer: emptyList(resource) };
		}
		const filter = kind.listFilter;
		if (filter === undefined) return { send: request };
		const manyFilter = manyClientsFilter(resource);
		const asked = qs[filter];
		if (isGiven(asked))
			return this.allows(positiveId(asked)) ? { send: request } : { answer: emptyList(resource) };
		const askedMany = manyFilter ? qs[manyFilter] : undefined;
		if (manyFilter && isGiven(askedMany)) {
			const kept = String(askedMany)
				.split(',')
				.map(positiveId)
				.filter((id): id is number => this.allows(id));
			if (kept.length === 0) return { answer: emptyList(resource) };
			return { send: { ...request, qs: { ...qs, [manyFilter]: kept.join(',') } } };
		}
		if (manyFilter && this.ids.length > 1)
			return { send: { ...request, qs: { ...qs, [manyFilter]: this.ids.join(',') } } };
		const perClient = this.perClient(qs, filter).map((query) => ({ ...request, qs: query }));
		if (perClient.length === 1) return { send: perClient[0] };
		return { fanOut: perClient, merge: (answers) => mergeLists(answers, resource.listKey) };
	}

	/** A create, an update or an action posted: every record it carries must be an allowed client's. */
	private async admitWrite(
		request: HaloRequest,
		resource: ResourceDefinition,
		kind: Exclude<ClientOwnership, { kind: 'reference' } | { kind: 'unprovable' }>,
		read: ScopeRead,
	): Promise<Admission> {
		const body = request.body;
		const elements = Array.isArray(body) ? body : body === undefined ? [] : [body];
		await this.readOwnersAtOnce(resource, elements, read);
		for (const element of elements) {
			const why = await this.elementProblem(element, resource, kind, read);
			if (why === 'notFound') return { notFound: true };
			if (why !== undefined) return this.refuse(why);
		}
		return { send: request };
	}

	private async elementProblem(
		element: IDataObject,
		resource: ResourceDefinition,
		kind: Exclude<ClientOwnership, { kind: 'reference' } | { kind: 'unprovable' }>,
		read: ScopeRead,
	): Promise<string | 'notFound' | undefined> {
		const id = positiveId(element.id);
		if (kind.kind === 'client') {
			if (id === undefined) return 'under Allowed Clients no client is created';
			if (!this.allows(id)) return 'notFound';
		} else if (
			id !== undefined &&
			!this.allows(await this.ownerOfRecord(resource, String(id), read, element))
		)
			return 'notFound';
		const naming = kind.kind === 'parent' ? kind.parents : CLIENT_LINKS;
		let named = id !== undefined;
		for (const link of linksOf(resource)) {
			if (!(link.field in element)) continue;
			const names = naming.some((candidate) => candidate.field === link.field);
			if (positiveId(element[link.field]) === undefined) {
				// Through a parent, a record without one would be no client's.
				if (kind.kind === 'parent' && names)
					return `it would leave the ${resource.singular ?? resource.displayName.toLowerCase()} without its ${link.resource} (${link.field} ${String(element[link.field])})`;
				continue;
			}
			if (names) named = true;
			if (!this.allows(await this.ownerOfLink(link, element[link.field], read)))
				return `the ${link.resource} it names (${link.field} ${String(element[link.field])}) is not one of the allowed clients'`;
		}
		if (kind.kind === 'clientField' && kind.field in element) {
			const client = positiveId(element[kind.field]);
			if (!this.allows(client))
				return `it names client ${String(element[kind.field])}, which is not one of the allowed clients (${this.ids.join(', ')})`;
			named = true;
		}
		if (!named && kind.kind !== 'client')
			return kind.kind === 'parent'
				? `under Allowed Clients a new ${resource.singular ?? resource.displayName.toLowerCase()} must name its ${kind.parents.map((link) => `${link.resource} (${link.field})`).join(' or ')}`
				: `under Allowed Clients a new ${resource.singular ?? resource.displayName.toLowerCase()} must name one of the allowed clients (${kind.field}), or a site, user or ticket of one`;
		return undefined;
	}

	async learnOwners(path: string, ids: string[], read: ScopeRead): Promise<void> {
		const resource = resourceOfPath(path);
		if (!resource || this.invalid) return;
		await this.readOwnersAtOnce(
			resource,
			ids.map((id) => ({ id })),
			read,
		);
	}

	/**
	 * The records a batch updates, read in one request per 100 where the list takes several ids
	 * (`ticketids`), instead of one read each. A record the list does not return is not visible.
	 */
	private async readOwnersAtOnce(
		resource: ResourceDefinition,
		elements: IDataObject[],
		read: ScopeRead,
	): Promise<void> {
		const kind = resource.owner;
		if (kind.kind !== 'clientField' || kind.idsFilter === undefined) return;
		const ids = [
			...new Set(
				elements
					.map((element) => positiveId(element.id))
					.filter((id): id is number => id !== undefined)
					.filter((id) => !this.context.owners.has(`${resource.value}:${id}`)),
			),
		];
		if (ids.length < 2) return;
		for (let start = 0; start < ids.length; start += BATCH_READ) {
			const chunk = ids.slice(start, start + BATCH_READ);
			const rows = read(resource.path, {
				[kind.idsFilter]: chunk.join(','),
				pageinate: true,
				page_size: BATCH_READ,
				page_no: 1,
			}).then(
				(answer) => readPage(answer, resource.listKey).rows,
				(error: unknown) => {
					// A failed read is not remembered: each record is read on its own later.
					for (const id of chunk) this.context.owners.delete(`${resource.value}:${id}`);
					throw error;
				},
			);
			for (const id of chunk)
				this.context.owners.set(
					`${resource.value}:${id}`,
					rows.then((found) => {
						const row = found.find((candidate) => positiveId(candidate.id) === id);
						return row ? positiveId(row[kind.field]) : undefined;
					}),
				);
			await rows;
		}
	}

	/** The client a linked record (a site, a user, a ticket) belongs to, if it is visible. */
	private async ownerOfLink(
		link: ParentLink,
		value: unknown,
		read: ScopeRead,
	): Promise<number | undefined> {
		const parent = resourceByValue(link.resource);
		const id = positiveId(value);
		if (!parent || id === undefined) return undefined;
		return this.ownerOfRecord(parent, String(id), read);
	}

	/** The client of a record, read once per execution; undefined when Halo has none (or shows none). */
	ownerOfRecord(
		resource: ResourceDefinition,
		id: string,
		read: ScopeRead,
		qs?: IDataObject,
	): Promise<number | undefined> {
		if (resource.owner.kind === 'client') return Promise.resolve(positiveId(id));
		const key = `${resource.value}:${id}`;
		let known = this.context.owners.get(key);
		if (!known) {
			known = read(`${resource.path}/${id}`, ownerQuery(resource, qs)).then((answer) =>
				answer === undefined ? undefined : this.ownerOf(resource, answer as IDataObject, read),
			);
			this.context.owners.set(key, known);
		}
		return known;
	}

	/** The client a record read from Halo belongs to; undefined when it names none. */
	async ownerOf(
		resource: ResourceDefinition,
		record: IDataObject,
		read: ScopeRead,
	): Promise<number | undefined> {
		const kind = resource.owner;
		if (kind.kind === 'client') return positiveId(record.id);
		if (kind.kind === 'clientField') return positiveId(record[kind.field]);
		if (kind.kind !== 'parent') return undefined;
		const link = kind.parents.find(
			(candidate) => positiveId(record[candidate.field]) !== undefined,
		);
		return link ? this.ownerOfLink(link, record[link.field], read) : undefined;
	}

	async visible(request: HaloRequest, answer: unknown, read: ScopeRead): Promise<Visible> {
		const segment = pathResource(request.path);
		if (this.context.manages?.includes(segment)) return { answer };
		const resource = resourceOfPath(request.path);
		if (!resource || resource.owner.kind === 'reference') return { answer };
		const shape = shapeOf(request.path);
		if ('list' in shape) return { answer: await this.visibleList(resource, answer, read) };
		if (!('id' in shape) || shape.rest || request.fileAnswer) return { answer };
		if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
			return { notFound: true };
		const owner = await this.ownerOf(resource, answer as IDataObject, read);
		return this.allows(owner) ? { answer } : { notFound: true };
	}

	private async visibleList(
		resource: ResourceDefinition,
		answer: unknown,
		read: ScopeRead,
	): Promise<unknown> {
		const page = readPage(answer, resource.listKey);
		const kept: IDataObject[] = [];
		for (const row of page.rows)
			if (this.allows(await this.ownerOf(resource, row, read))) kept.push(row);
		if (kept.length === page.rows.length) return answer;
		Object.defineProperty(kept, ROWS_BEFORE_SCOPE, { value: page.rows.length });
		if (Array.isArray(answer)) return kept;
		const wrapper = answer as IDataObject;
		const key = rowsKeyOf(wrapper, resource.listKey);
		return key === undefined ? answer : { ...wrapper, [key]: kept };
	}
}

/** Whether the resource's list takes this query parameter (a Get Many filter or required value). */
function listTakes(resource: ResourceDefinition, key: string): boolean {
	const list = resource.getMany;
	return (
		list !== undefined &&
		[...list.filters, ...(list.required ?? [])].some((field) => field.key === key)
	);
}

const LINKS = new Map<ResourceDefinition, ParentLink[]>();

/**
 * The fields of a record that point to a client's record (a site, a user, a ticket, a contract,
 * an invoice…): the site, user and ticket links, its parents, and every field its definition says
 * holds the id of a record of a client's (`ref`). Each one written must be an allowed client's.
 */
function linksOf(resource: ResourceDefinition): ParentLink[] {
	const known = LINKS.get(resource);
	if (known) return known;
	const links = new Map<string, ParentLink>();
	const add = (link: ParentLink) => {
		if (!links.has(link.field)) links.set(link.field, link);
	};
	if (resource.owner.kind === 'parent') resource.owner.parents.forEach(add);
	CLIENT_LINKS.forEach(add);
	const fields = [
		...(resource.create?.required ?? []),
		...(resource.create?.fields ?? []),
		...(resource.update?.required ?? []),
		...(resource.update?.fields ?? []),
	];
	for (const field of fields) {
		if (!field.ref || field.ref.valueField !== undefined) continue;
		const target = resourceOfPath(field.ref.path);
		const kind = target?.owner.kind;
		if (!target || (kind !== 'client' && kind !== 'clientField' && kind !== 'parent')) continue;
		// The record's own client field is checked as such (an id of a client, not of a record).
		if (resource.owner.kind === 'clientField' && field.key === resource.owner.field) continue;
		add({ field: field.key, resource: target.value });
	}
	const list = [...links.values()];
	LINKS.set(resource, list);
	return list;
}

function manyClientsFilter(resource: ResourceDefinition): string | undefined {
	return resource.getMany?.filters.some((field) => field.key === MANY_CLIENTS_FILTER)
		? MANY_CLIENTS_FILTER
		: undefined;
}

function isGiven(value: unknown): boolean {
	return value !== undefined && value !== '' && value !== null;
}

/** A record's GET needs what its list needs to find it (an action's ticket_id). */
function ownerQuery(resource: ResourceDefinition, qs?: IDataObject): IDataObject | undefined {
	if (resource.owner.kind !== 'parent') return undefined;
	const query: IDataObject = { ...resource.owner.detailsQuery };
	for (const link of resource.owner.parents)
		if (qs?.[link.field] !== undefined) query[link.field] = qs[link.field];
	return Object.keys(query).length > 0 ? query : undefined;
}

/** An empty answer of a list, in its shape: what a client with no such records would get. */
function emptyList(resource: ResourceDefinition): unknown {
	return resource.listKey === undefined ? [] : { record_count: 0, [resource.listKey]: [] };
}

/** One list of the answers read per client, in the first answer's shape. */
function mergeLists(answers: unknown[], listKey?: string): unknown {
	const pages = answers.map((answer) => readPage(answer, listKey));
	const rows = uniqueById(pages.flatMap((page) => page.rows));
	const before = pages.reduce((sum, page) => sum + page.answered, 0);
	if (before !== rows.length) Object.defineProperty(rows, ROWS_BEFORE_SCOPE, { value: before });
	const first = answers[0];
	if (Array.isArray(first) || typeof first !== 'object' || first === null) return rows;
	const counts = pages.map((page) => page.recordCount);
	const recordCount = counts.every((count) => count !== undefined)
		? counts.reduce((sum, count) => sum! + count!, 0)
		: undefined;
	const wrapper = first as IDataObject;
	const key = rowsKeyOf(wrapper, listKey);
	const merged: IDataObject = { ...wrapper, [key ?? listKey ?? 'records']: rows };
	if (recordCount !== undefined) merged.record_count = recordCount;
	else delete merged.record_count;
	return merged;
}
