// The sandbox's own picture of HaloPSA's resources, taken from the API contract
// (shared/spec/halopsa-api.md §3–4 and Halo's OpenAPI document), never from the node's definitions:
// a sandbox that read the node's tables would agree with the node even when both were wrong.
//
// list: 'wrapper' answers {record_count, <listKey>: [...]}; 'array' answers a bare JSON array.
// id: 'int' or 'guid'. verbs: which of list/upsert/read/delete Halo offers on the path.
// required: fields a create must carry, else 400. defaults: what Halo fills in on create.
// Lists filter by equality on a field only for the query parameters Halo's OpenAPI document gives
// the list path (schema/halo-index.json); other names are ignored, as Halo ignores them.
// Optional hooks: filter(rows, query) for list parameters beyond that (with customQuery naming
// them, so the generic equality filter leaves them alone); routes for sub-paths ('POST updatelines'
// or 'POST {id}/void' → ({tenant, record, body}) => [answer, status]).
// updatedField / createdField: where Halo keeps a record's last change and creation time (the
// OpenAPI document's names: Faults.last_update, Area.alastupdate, Site.slastupdate, Users.ulastupdate,
// Device.dlastupdate, InvoiceHeader.last_modified); the sandbox sets them on every create and
// update through the API, by the tenant's clock, and lists filter on them with lastupdatefromdate
// and lastupdatetodate where Halo's document gives the list those parameters.

import { randomUUID } from 'node:crypto';

const ALL = ['list', 'upsert', 'read', 'delete'];

// Tickets (GET /Tickets, OpenAPI 2024-09): filters beyond equality on a field.
const CLOSED_STATUS_ID = 9; // Halo's built-in Closed status; open means any other status
const isTrue = (value) => value === 'true' || value === '1' || value === 'True';
const idsOf = (value) => String(value).split(',').map((part) => part.trim()).filter(Boolean).map(Number);
// Halo treats a date without a zone as UTC.
const timeOf = (value) => Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? value : `${value}Z`);
export function within(value, from, to) {
	if (value === undefined || value === null || value === '') return false;
	const time = timeOf(value);
	return (from === undefined || time >= timeOf(from)) && (to === undefined || time <= timeOf(to));
}
/** `datesearch` names Halo's columns ('dateoccured', 'datecleared'); records carry the API names. */
const TICKET_DATE_COLUMNS = { dateoccured: 'dateoccurred', datecleared: 'dateclosed' };
/** List parameters taking comma-separated IDs, and the record field each one matches. */
const TICKET_ID_LISTS = {
	client_ids: 'client_id', agent: 'agent_id', team: 'team_id', status: 'status_id', requesttype: 'tickettype_id',
	priority: 'priority_id', category_1: 'categoryid_1', category_2: 'categoryid_2', category_3: 'categoryid_3',
	category_4: 'categoryid_4', ticketids: 'id',
};
const TICKET_CHILD_POSITIONS = {
	0: (row) => !row.parent_id && !row.child_count,
	1: (row) => row.child_count > 0,
	2: (row) => row.parent_id > 0,
};

function filterTickets(rows, query) {
	let out = rows;
	for (const [param, field] of Object.entries(TICKET_ID_LISTS)) {
		if (query[param] === undefined || query[param] === '') continue;
		const wanted = idsOf(query[param]);
		out = out.filter((row) => wanted.includes(Number(row[field])));
	}
	if (query.requesttype_id) out = out.filter((row) => String(row.tickettype_id) === query.requesttype_id);
	if (isTrue(query.open_only)) out = out.filter((row) => row.status_id !== CLOSED_STATUS_ID);
	if (isTrue(query.closed_only)) out = out.filter((row) => row.status_id === CLOSED_STATUS_ID);
	if (query.search_summary) out = out.filter((row) => String(row.summary ?? '').toLowerCase().includes(query.search_summary.toLowerCase()));
	// Start and end date mean nothing without the date column they apply to.
	if (query.datesearch && (query.startdate || query.enddate)) {
		const field = TICKET_DATE_COLUMNS[query.datesearch] ?? query.datesearch;
		out = out.filter((row) => within(row[field], query.startdate || undefined, query.enddate || undefined));
	}
	if (query.lastupdatefromdate || query.lastupdatetodate) {
		out = out.filter((row) => within(row.last_update, query.lastupdatefromdate || undefined, query.lastupdatetodate || undefined));
	}
	if (query.includechildren !== undefined && query.includechildren !== '') {
		const positions = idsOf(query.includechildren).map((position) => TICKET_CHILD_POSITIONS[position]).filter(Boolean);
		out = out.filter((row) => positions.some((matches) => matches(row)));
	}
	return out;
}

export const SANDBOX_RESOURCES = {
	client: {
		list: 'wrapper', listKey: 'clients', id: 'int', verbs: ALL, required: ['name'],
		hidesInactive: true, searchFields: ['name'], updatedField: 'alastupdate', createdField: 'datecreated',
		defaults: { inactive: false, toplevel_id: 1, toplevel_name: 'Main', colour: '', notes: '', customfields: [] },
		detailOnly: ['customfields', 'notes'],
	},
	site: {
		list: 'wrapper', listKey: 'sites', id: 'int', verbs: ALL, required: ['name', 'client_id'],
		hidesInactive: true, searchFields: ['name'], updatedField: 'slastupdate', createdField: 'datecreated',
		defaults: { inactive: false, notes: '', customfields: [] },
		detailOnly: ['customfields'],
	},
	users: {
		list: 'wrapper', listKey: 'users', id: 'int', verbs: ALL, required: ['name', 'site_id'], searchFields: ['name', 'emailaddress'],
		updatedField: 'ulastupdate', createdField: 'datecreated', defaults: { inactive: false },
	},
	agent: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name', 'email'], defaults: { isdisabled: false } },
	team: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: {} },
	tickets: {
		list: 'wrapper', listKey: 'tickets', id: 'int', verbs: ALL, required: ['summary'], softDelete: true,
		searchFields: ['summary', 'details'], updatedField: 'last_update', createdField: 'datecreated',
		defaults: { status_id: 1, tickettype_id: 1, priority_id: 4, parent_id: 0, child_count: 0, deleted: false, customfields: [] },
		detailOnly: ['customfields'],
		// Names that also exist as ticket fields (startdate, team, category_1…) mean something else as filters.
		customQuery: [
			...Object.keys(TICKET_ID_LISTS), 'requesttype_id', 'open_only', 'closed_only', 'search_summary', 'datesearch', 'startdate',
			'enddate', 'lastupdatefromdate', 'lastupdatetodate', 'includechildren',
		],
		filter: filterTickets,
	},
	// Asset-type values travel as `fields: [{id, value}]`, custom fields as `customfields` (§7).
	asset: {
		list: 'wrapper', listKey: 'assets', id: 'int', verbs: ALL, required: ['client_id', 'assettype_id'], hidesInactive: true,
		searchFields: ['inventory_number', 'key_field'], updatedField: 'dlastupdate', defaults: { inactive: false, fields: [], customfields: [] },
		detailOnly: ['customfields'],
	},
	assettype: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: {} },
	invoice: {
		list: 'wrapper', listKey: 'invoices', id: 'int', verbs: ALL, required: ['client_id'], searchFields: ['reference'],
		updatedField: 'last_modified', createdField: 'date_created',
		defaults: { voided: false, posted: false, lines: [] },
		routes: {
			// POST /Invoice/updatelines: an array of lines, each naming its invoice by ihid.
			'POST updatelines': ({ tenant, body }) => {
				if (!Array.isArray(body)) {
					return [{ errors: { '': ['A non-empty request body is required.'] }, title: 'One or more validation errors occurred.', status: 400 }, 400];
				}
				const touched = new Map();
				for (const line of body) {
					const invoice = tenant.record('invoice', line.ihid);
					if (!invoice) return [{ ClassName: 'System.Exception', Message: `Invoice ${line.ihid} not found` }, 400];
					const lineId = line.id ?? invoice.lines.length + 1;
					invoice.lines = [...invoice.lines.filter((existing) => existing.id !== lineId), { ...line, id: lineId }];
					touched.set(invoice.id, invoice);
				}
				return [[...touched.values()]];
			},
			// Halo's 2024-09 API has no void route (an update with `voided: true` voids); a newer Halo
			// may have one. The tenant knob `invoiceVoidRoute: true` plays that newer Halo.
			'POST {id}/void': ({ tenant, record }) => {
				if (!tenant.knobs.invoiceVoidRoute) return ['Not Found', 404];
				record.voided = true;
				return [record];
			},
		},
	},
	status: {
		list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: { type: 0 },
		customQuery: ['excludeclosed'],
		filter: (rows, query) => (isTrue(query.excludeclosed) ? rows.filter((row) => row.id !== CLOSED_STATUS_ID) : rows),
	},
	// Halo leaves inactive ticket types out of the list unless asked with showinactive.
	tickettype: {
		list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: { inactive: false },
		customQuery: ['showinactive'],
		filter: (rows, query) => (isTrue(query.showinactive) ? rows : rows.filter((row) => !row.inactive)),
	},
	// `typeid` filters definitions by the records they belong to (§7). Which record field it reads is
	// not documented; `usage` is the guess (a public client creates ticket fields with usage 1).
	fieldinfo: {
		list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name', 'label'], defaults: {},
		customQuery: ['typeid'],
		filter: (rows, query) => (query.typeid === undefined ? rows : rows.filter((row) => String(row.usage) === String(query.typeid))),
	},
	// Timesheet: a bare array or a `timesheets` wrapper, unknown; the knob listShapes plays the wrapper.
	// The 2024-09 document lists no parameters for the list; it gives GET /Timesheet/{id} `agent_id`
	// and `date` (a timesheet is one agent's day), and the list is taken to accept the same two [G].
	timesheet: {
		list: 'array', id: 'int', verbs: ['list', 'upsert', 'read'], required: ['agent_id'], searchFields: [], defaults: {},
		customQuery: ['agent_id', 'date'],
		// `date` names a day; records hold a date-time.
		filter: (rows, query) =>
			rows.filter(
				(row) =>
					(query.agent_id === undefined || String(row.agent_id) === String(query.agent_id)) &&
					(!query.date || String(row.date ?? '').startsWith(String(query.date).slice(0, 10))),
			),
	},
	timesheetevent: {
		list: 'array', id: 'int', verbs: ALL, required: ['agent_id'], searchFields: ['subject'], defaults: {},
		customQuery: ['agents', 'start_date', 'end_date', 'utcoffset'],
		filter: (rows, query) => {
			const agents = query.agents ? String(query.agents).split(',').map(Number) : undefined;
			return rows.filter(
				(row) =>
					(!agents || agents.includes(row.agent_id)) &&
					// Events overlapping the window: ending after its start, starting before its end.
					(!query.start_date || String(row.end_date) >= String(query.start_date)) &&
					(!query.end_date || String(row.start_date) <= String(query.end_date)),
			);
		},
	},
	webhook: { list: 'array', id: 'guid', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: { active: true, events: [] } },
	// WebhookEvent: the delivery log. Wrapped under a key no source names (listShapes can change it); no DELETE.
	webhookevent: {
		list: 'wrapper', listKey: 'webhookevents', id: 'guid', verbs: ['list', 'upsert', 'read'], required: ['webhook_id'], searchFields: [], defaults: {},
		customQuery: ['integrationmethod_id'],
		filter: (rows, query) =>
			query.integrationmethod_id === undefined ? rows : rows.filter((row) => String(row.integration_method_id) === String(query.integrationmethod_id)),
	},
	// POST /Automation/{runbookId} starts a runbook: the GUID of a Webhook record of type 1 (Runbook);
	// anything else is 404. The body (undocumented; taken to be the input variables) is recorded in
	// the tenant's runbookRuns, and the webhook record is left as it was. Halo documents the answer
	// only as 200; the sandbox sends no body.
	automation: {
		list: 'array', id: 'guid', verbs: [], required: [], searchFields: [], defaults: {},
		routes: {
			'POST {id}': ({ tenant, id, body }) => {
				const runbook = tenant.record('webhook', id);
				if (!runbook || runbook.type !== 1) return ['Not Found', 404];
				tenant.runbookRuns.push({ id: randomUUID(), runbook_id: runbook.id, body: structuredClone(body) });
				return [''];
			},
		},
	},
	notification: { list: 'array', id: 'int', verbs: ALL, required: [], searchFields: [], defaults: {} },
};
