// The sandbox's configuration lists that other records point to (statuses allowed per ticket type,
// categories, priorities, outcomes, top levels, SLAs, contracts), as Halo's API contract describes
// them (docs/development/halo-behaviour.md and Halo's OpenAPI document), never from the node's
// tables. Merged into SANDBOX_RESOURCES only where resources.mjs has no entry of its own.
//
// Halo's RequestType (ticket type) carries `allowed_status: [{status_id}]` and
// `allowed_category1..4: [{category_id}]`; GET /Status and GET /Category take `tickettype_id` and
// answer what the type allows. A type with no such list allows all (a guess,
// halo-behaviour.md#undocumented-details: an empty restriction is read as none, as Halo's "allow
// all" flags suggest).

const ALL = ['list', 'upsert', 'read', 'delete'];
const isTrue = (value) => value === 'true' || value === '1' || value === 'True';
const CLOSED_STATUS_ID = 9;

function allowedIds(tenant, tickettypeId, listName, key) {
	const type = tenant.record('tickettype', tickettypeId);
	const allowed = type?.[listName];
	if (!Array.isArray(allowed) || allowed.length === 0) return undefined;
	return new Set(allowed.map((entry) => Number(entry[key])));
}

/** GET /Status: `excludeclosed`, `tickettype_id` (what the type allows), `ticket_id` (what the ticket's type allows). */
function filterStatuses(rows, query, tenant) {
	let out = rows;
	if (isTrue(query.excludeclosed)) out = out.filter((row) => row.id !== CLOSED_STATUS_ID);
	let typeId = query.tickettype_id;
	if (query.ticket_id !== undefined && query.ticket_id !== '')
		typeId = tenant.record('tickets', query.ticket_id)?.tickettype_id ?? typeId;
	if (typeId !== undefined && typeId !== '') {
		const allowed = allowedIds(tenant, typeId, 'allowed_status', 'status_id');
		if (allowed) out = out.filter((row) => allowed.has(Number(row.id)));
	}
	return out;
}

/** GET /Category: `type_id` (the level, 1–4) and `tickettype_id` (what the type allows at that level). */
function filterCategories(rows, query, tenant) {
	let out = rows;
	if (query.type_id !== undefined && query.type_id !== '')
		out = out.filter((row) => String(row.type_id) === String(query.type_id));
	if (query.tickettype_id !== undefined && query.tickettype_id !== '') {
		const level = query.type_id || 1;
		const allowed = allowedIds(
			tenant,
			query.tickettype_id,
			`allowed_category${level}`,
			'category_id',
		);
		if (allowed) out = out.filter((row) => allowed.has(Number(row.id)));
	}
	return out;
}

/** GET /Agent `team_id`: agents whose `teams` memberships ([{team_id}], Halo's Uname) include it. */
function filterAgents(rows, query) {
	if (query.team_id === undefined || query.team_id === '') return rows;
	return rows.filter((row) =>
		(row.teams ?? []).some((membership) => String(membership.team_id) === String(query.team_id)),
	);
}

export const REFERENCE_LISTS = {
	category: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['value'],
		searchFields: ['value'],
		defaults: { type_id: 1 },
		customQuery: ['type_id', 'tickettype_id'],
		filter: filterCategories,
	},
	// Priority rows: one per SLA, GUID `id`, integer `priorityid` (halo-behaviour.md#id-types).
	priority: {
		list: 'array',
		id: 'guid',
		verbs: ['list', 'upsert'],
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	outcome: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['outcome'],
		searchFields: ['outcome'],
		defaults: {},
	},
	sla: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	// Wrapper key not documented (halo-behaviour.md#list-shapes); clients read either shape.
	toplevel: {
		list: 'wrapper',
		listKey: 'tree',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	clientcontract: {
		list: 'wrapper',
		listKey: 'contracts',
		id: 'int',
		verbs: ALL,
		required: ['client_id'],
		searchFields: ['ref'],
		defaults: {},
	},
};

/** List hooks for resources resources.mjs already has: the statuses and agents a list narrows to. */
export const REFERENCE_FILTERS = {
	status: { customQuery: ['excludeclosed', 'tickettype_id', 'ticket_id'], filter: filterStatuses },
	agent: { customQuery: ['team_id'], filter: filterAgents },
	category: { customQuery: ['type_id', 'tickettype_id'], filter: filterCategories },
};
