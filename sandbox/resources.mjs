// The sandbox's own picture of HaloPSA's resources, taken from the API contract
// (docs/development/halo-behaviour.md and Halo's OpenAPI document), never from the node's
// definitions: a sandbox that read the node's tables would agree with the node even when both were
// wrong.
//
// list: 'wrapper' answers {record_count, <listKey>: [...]}; 'array' answers a bare JSON array.
// id: 'int' or 'guid'. verbs: which of list/upsert/read/delete Halo offers on the path.
// required: fields a create must carry, else 400. defaults: what Halo fills in on create.
// Lists filter by equality on a field only for the query parameters Halo's OpenAPI document gives
// the list path (schema/halo-index.json); other names are ignored, as Halo ignores them.
// Optional hooks: filter(rows, query) for list parameters beyond that (with customQuery naming
// them, so the generic equality filter leaves them alone); routes for sub-paths ('POST updatelines'
// or 'POST {id}/void' → ({tenant, record, body}) => [answer, status]).
// store: another resource whose records the path reads and writes (projects are tickets).
// updatedField / createdField: where Halo keeps a record's last change and creation time (the
// OpenAPI document's names: Faults.last_update, Area.alastupdate, Site.slastupdate, Users.ulastupdate,
// Device.dlastupdate, InvoiceHeader.last_modified); the sandbox sets them on every create and
// update through the API, by the tenant's clock, and lists filter on them with lastupdatefromdate
// and lastupdatetodate where Halo's document gives the list those parameters.

import { randomUUID } from 'node:crypto';

import { FileAnswer } from './file-answer.mjs';
import { documentedVerbs } from './halo-index.mjs';
import { REFERENCE_FILTERS, REFERENCE_LISTS } from './reference-lists.mjs';

const ALL = ['list', 'upsert', 'read', 'delete'];

// Tickets (GET /Tickets, OpenAPI 2024-09): filters beyond equality on a field.
const CLOSED_STATUS_ID = 9; // Halo's built-in Closed status; open means any other status
const isTrue = (value) => value === 'true' || value === '1' || value === 'True';
const idsOf = (value) =>
	String(value)
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map(Number);
// Halo treats a date without a zone as UTC.
const timeOf = (value) =>
	Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? value : `${value}Z`);
export function within(value, from, to) {
	if (value === undefined || value === null || value === '') return false;
	const time = timeOf(value);
	return (from === undefined || time >= timeOf(from)) && (to === undefined || time <= timeOf(to));
}
/** `datesearch` names Halo's columns ('dateoccured', 'datecleared'); records carry the API names. */
const TICKET_DATE_COLUMNS = { dateoccured: 'dateoccurred', datecleared: 'dateclosed' };
/** List parameters taking comma-separated IDs, and the record field each one matches. */
const TICKET_ID_LISTS = {
	client_ids: 'client_id',
	agent: 'agent_id',
	team: 'team_id',
	status: 'status_id',
	requesttype: 'tickettype_id',
	priority: 'priority_id',
	category_1: 'categoryid_1',
	category_2: 'categoryid_2',
	category_3: 'categoryid_3',
	category_4: 'categoryid_4',
	ticketids: 'id',
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
	if (query.requesttype_id)
		out = out.filter((row) => String(row.tickettype_id) === query.requesttype_id);
	if (isTrue(query.open_only)) out = out.filter((row) => row.status_id !== CLOSED_STATUS_ID);
	if (isTrue(query.closed_only)) out = out.filter((row) => row.status_id === CLOSED_STATUS_ID);
	if (query.search_summary)
		out = out.filter((row) =>
			String(row.summary ?? '')
				.toLowerCase()
				.includes(query.search_summary.toLowerCase()),
		);
	// Start and end date mean nothing without the date column they apply to.
	if (query.datesearch && (query.startdate || query.enddate)) {
		const field = TICKET_DATE_COLUMNS[query.datesearch] ?? query.datesearch;
		out = out.filter((row) =>
			within(row[field], query.startdate || undefined, query.enddate || undefined),
		);
	}
	if (query.lastupdatefromdate || query.lastupdatetodate) {
		out = out.filter((row) =>
			within(
				row.last_update,
				query.lastupdatefromdate || undefined,
				query.lastupdatetodate || undefined,
			),
		);
	}
	if (query.includechildren !== undefined && query.includechildren !== '') {
		const positions = idsOf(query.includechildren)
			.map((position) => TICKET_CHILD_POSITIONS[position])
			.filter(Boolean);
		out = out.filter((row) => positions.some((matches) => matches(row)));
	}
	return out;
}

// Actions (GET /Actions, OpenAPI 2024-09): the list's flags, on the fields an action carries.
// Which field each flag reads is not documented: who_type 1 is taken to be an agent, a system
// action to carry action_systemid > 0 (halo-behaviour.md#undocumented-details).
const ACTION_FLAGS = {
	agentonly: (row) => Number(row.who_type ?? 1) === 1,
	excludesys: (row) => !(Number(row.action_systemid) > 0),
	excludeprivate: (row) => !row.hiddenfromuser,
	importantonly: (row) => Boolean(row.important),
	timeentriesonly: (row) => Number(row.timetaken) > 0,
};

function filterActions(rows, query) {
	let out = rows;
	for (const [flag, keeps] of Object.entries(ACTION_FLAGS))
		if (isTrue(query[flag])) out = out.filter(keeps);
	if (query.actoutcome)
		out = out.filter(
			(row) => String(row.outcome ?? '').toLowerCase() === String(query.actoutcome).toLowerCase(),
		);
	if (query.startdate || query.enddate)
		out = out.filter((row) =>
			within(row.datetime, query.startdate || undefined, query.enddate || undefined),
		);
	return out;
}

// The report engine's SQL, as far as the sandbox runs it: the rows of the table named after FROM,
// from the tenant's sqlTables knob; a table it does not have fails as SQL Server says it [G for
// the answer's shape beyond `report.rows` and `report.load_error`, which the AnalyzerProfile schema names].
// Halo runs whatever SQL it is sent with the API application's rights [G, the case that loses
// data]: a DELETE FROM empties the named table of the sqlTables knob, so a test can see that a
// query the node should have refused did harm.
function runSqlQuery(tenant, sql) {
	for (const [, name] of String(sql ?? '').matchAll(/\bdelete\s+(?:from\s+)?\[?(\w+)\]?/gi)) {
		const key = name.toLowerCase();
		// A fresh object: tenants made from one knobs object share its tables.
		if (tenant.knobs.sqlTables[key])
			tenant.knobs.sqlTables = { ...tenant.knobs.sqlTables, [key]: [] };
	}
	const table = /\bfrom\s+\[?(\w+)\]?/i.exec(String(sql ?? ''))?.[1];
	const rows = table === undefined ? undefined : tenant.knobs.sqlTables[table.toLowerCase()];
	if (!rows)
		return { loaded: false, load_error: `Invalid object name '${table ?? ''}'.`, rows: [] };
	return { loaded: true, rows: structuredClone(rows) };
}

function reportAnswer(tenant, profile, content) {
	if (tenant.knobs.reportRowsAt === 'top') return { ...profile, ...content };
	return { ...profile, report: content };
}

const mimeOf = (name) =>
	({
		pdf: 'application/pdf',
		png: 'image/png',
		txt: 'text/plain',
		csv: 'text/csv',
		json: 'application/json',
	})[String(name).split('.').pop().toLowerCase()] ?? 'application/octet-stream';

export const SANDBOX_RESOURCES = {
	client: {
		list: 'wrapper',
		listKey: 'clients',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		hidesInactive: true,
		searchFields: ['name'],
		updatedField: 'alastupdate',
		createdField: 'datecreated',
		defaults: {
			inactive: false,
			toplevel_id: 1,
			toplevel_name: 'Main',
			colour: '',
			notes: '',
			customfields: [],
		},
		detailOnly: ['customfields', 'notes'],
	},
	site: {
		list: 'wrapper',
		listKey: 'sites',
		id: 'int',
		verbs: ALL,
		required: ['name', 'client_id'],
		hidesInactive: true,
		searchFields: ['name'],
		updatedField: 'slastupdate',
		createdField: 'datecreated',
		defaults: { inactive: false, notes: '', customfields: [] },
		detailOnly: ['customfields'],
	},
	users: {
		list: 'wrapper',
		listKey: 'users',
		id: 'int',
		verbs: ALL,
		required: ['name', 'site_id'],
		searchFields: ['name', 'emailaddress'],
		updatedField: 'ulastupdate',
		createdField: 'datecreated',
		defaults: { inactive: false },
	},
	agent: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name', 'email'],
		defaults: { isdisabled: false },
	},
	team: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	tickets: {
		list: 'wrapper',
		listKey: 'tickets',
		id: 'int',
		verbs: ALL,
		required: ['summary'],
		softDelete: true,
		searchFields: ['summary', 'details'],
		updatedField: 'last_update',
		createdField: 'datecreated',
		defaults: {
			status_id: 1,
			tickettype_id: 1,
			priority_id: 4,
			parent_id: 0,
			child_count: 0,
			deleted: false,
			customfields: [],
		},
		detailOnly: ['customfields'],
		// A soft-deleted ticket comes back when posted with `_recover: true`
		// (halo-behaviour.md#delete).
		saved: ({ record, element }) => {
			if (element._recover) record.deleted = false;
			delete record._recover;
		},
		// Names that also exist as ticket fields (startdate, team, category_1…) mean something else as filters.
		customQuery: [
			...Object.keys(TICKET_ID_LISTS),
			'requesttype_id',
			'open_only',
			'closed_only',
			'search_summary',
			'datesearch',
			'startdate',
			'enddate',
			'lastupdatefromdate',
			'lastupdatetodate',
			'includechildren',
		],
		filter: filterTickets,
	},
	// Asset-type values travel as `fields: [{id, value}]`, custom fields as `customfields`
	// (halo-behaviour.md#customfields-replaced).
	asset: {
		list: 'wrapper',
		listKey: 'assets',
		id: 'int',
		verbs: ALL,
		required: ['client_id', 'assettype_id'],
		hidesInactive: true,
		searchFields: ['inventory_number', 'key_field'],
		updatedField: 'dlastupdate',
		defaults: { inactive: false, fields: [], customfields: [] },
		detailOnly: ['customfields'],
	},
	assettype: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	invoice: {
		list: 'wrapper',
		listKey: 'invoices',
		id: 'int',
		verbs: ALL,
		required: ['client_id'],
		searchFields: ['reference'],
		updatedField: 'last_modified',
		createdField: 'date_created',
		defaults: { voided: false, posted: false, lines: [] },
		routes: {
			// POST /Invoice/updatelines: an array of lines, each naming its invoice by ihid.
			'POST updatelines': ({ tenant, body }) => {
				if (!Array.isArray(body)) {
					return [
						{
							errors: { '': ['A non-empty request body is required.'] },
							title: 'One or more validation errors occurred.',
							status: 400,
						},
						400,
					];
				}
				const touched = new Map();
				for (const line of body) {
					const invoice = tenant.record('invoice', line.ihid);
					if (!invoice)
						return [
							{ ClassName: 'System.Exception', Message: `Invoice ${line.ihid} not found` },
							400,
						];
					const lineId = line.id ?? invoice.lines.length + 1;
					invoice.lines = [
						...invoice.lines.filter((existing) => existing.id !== lineId),
						{ ...line, id: lineId },
					];
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
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: { type: 0 },
		customQuery: ['excludeclosed'],
		filter: (rows, query) =>
			isTrue(query.excludeclosed) ? rows.filter((row) => row.id !== CLOSED_STATUS_ID) : rows,
	},
	// Halo leaves inactive ticket types out of the list unless asked with showinactive.
	tickettype: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: { inactive: false },
		customQuery: ['showinactive'],
		filter: (rows, query) =>
			isTrue(query.showinactive) ? rows : rows.filter((row) => !row.inactive),
	},
	// `typeid` filters definitions by the records they belong to
	// (halo-behaviour.md#customfields-read). Which record field it reads is not documented; `usage`
	// is the guess (a public client creates ticket fields with usage 1).
	fieldinfo: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name', 'label'],
		defaults: {},
		customQuery: ['typeid'],
		filter: (rows, query) =>
			query.typeid === undefined
				? rows
				: rows.filter((row) => String(row.usage) === String(query.typeid)),
	},
	// Timesheet: a bare array or a `timesheets` wrapper, unknown; the knob listShapes plays the wrapper.
	// The 2024-09 document lists no parameters for the list; it gives GET /Timesheet/{id} `agent_id`
	// and `date` (a timesheet is one agent's day), and the list is taken to accept the same two
	// (halo-behaviour.md#undocumented-details).
	timesheet: {
		list: 'array',
		id: 'int',
		verbs: ['list', 'upsert', 'read'],
		required: ['agent_id'],
		searchFields: [],
		defaults: {},
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
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['agent_id'],
		searchFields: ['subject'],
		defaults: {},
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
	webhook: {
		list: 'array',
		id: 'guid',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: { active: true, events: [] },
	},
	// WebhookEvent: the delivery log. Wrapped under a key no source names (listShapes can change it); no DELETE.
	webhookevent: {
		list: 'wrapper',
		listKey: 'webhookevents',
		id: 'guid',
		verbs: ['list', 'upsert', 'read'],
		required: ['webhook_id'],
		searchFields: [],
		defaults: {},
		customQuery: ['integrationmethod_id'],
		filter: (rows, query) =>
			query.integrationmethod_id === undefined
				? rows
				: rows.filter(
						(row) => String(row.integration_method_id) === String(query.integrationmethod_id),
					),
	},
	// POST /Automation/{runbookId} starts a runbook: the GUID of a Webhook record of type 1 (Runbook);
	// anything else is 404. The body (undocumented; taken to be the input variables) is recorded in
	// the tenant's runbookRuns, and the webhook record is left as it was. Halo documents the answer
	// only as 200; the sandbox sends no body.
	automation: {
		list: 'array',
		id: 'guid',
		verbs: [],
		required: [],
		searchFields: [],
		defaults: {},
		routes: {
			'POST {id}': ({ tenant, id, body }) => {
				const runbook = tenant.record('webhook', id);
				if (!runbook || runbook.type !== 1) return ['Not Found', 404];
				tenant.runbookRuns.push({
					id: randomUUID(),
					runbook_id: runbook.id,
					body: structuredClone(body),
				});
				return [''];
			},
		},
	},
	notification: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: [],
		searchFields: [],
		defaults: {},
	},
	// Actions: notes, emails and time on a ticket (halo-behaviour.md#count-limit, #delete). The list
	// is `actions` and takes `count`, not pages; an action without ticket_id or outcome is a 400;
	// deleting one needs ?ticket_id=.
	// An action is found through its ticket (scopedBy). Its `new_status` moves the ticket.
	actions: {
		list: 'wrapper',
		listKey: 'actions',
		id: 'int',
		verbs: ALL,
		required: ['ticket_id', 'outcome'],
		scopedBy: 'ticket_id',
		searchFields: ['note'],
		defaults: { hiddenfromuser: false, who_type: 1, timetaken: 0, important: false },
		customQuery: [...Object.keys(ACTION_FLAGS), 'actoutcome', 'startdate', 'enddate'],
		filter: filterActions,
		validate: ({ tenant, element }) =>
			element.ticket_id && !tenant.record('tickets', element.ticket_id)
				? { ticket_id: `Ticket ${element.ticket_id} does not exist.` }
				: {},
		saved: ({ tenant, record, created }) => {
			if (created && !record.datetime) record.datetime = new Date().toISOString();
			const ticket = tenant.record('tickets', record.ticket_id);
			if (ticket && record.new_status) ticket.status_id = Number(record.new_status);
		},
	},
	// Attachments: `attachments` list for a ticket (and an action of it); a new one is posted as JSON
	// with the file in `data_base64` (the Attachment schema's fields). GET /Attachment/{id} answers
	// the file (knobs choose between the file itself and JSON with `data_base64`: both are seen).
	attachment: {
		list: 'wrapper',
		listKey: 'attachments',
		id: 'int',
		verbs: ALL,
		required: ['ticket_id', 'filename', 'data_base64'],
		searchFields: ['filename'],
		defaults: {},
		hidden: ['data_base64'],
		validate: ({ tenant, element }) =>
			element.ticket_id && !tenant.record('tickets', element.ticket_id)
				? { ticket_id: `Ticket ${element.ticket_id} does not exist.` }
				: {},
		saved: ({ record }) => {
			const bytes = Buffer.from(String(record.data_base64 ?? ''), 'base64');
			record.filesize = bytes.length;
			record.content_type = record.content_type || mimeOf(record.filename);
			record.datecreated = record.datecreated ?? new Date().toISOString();
		},
		read: ({ tenant, record, query }) => {
			const bytes = Buffer.from(String(record.data_base64 ?? ''), 'base64');
			const type = record.content_type || mimeOf(record.filename);
			// includedetails (Halo's document): the attachment's details as JSON, without the file.
			if (isTrue(query?.includedetails)) {
				const { data_base64: _file, ...details } = record;
				return [{ ...details, filesize: bytes.length, content_type: type }];
			}
			if (tenant.knobs.attachmentAnswer === 'json')
				return [{ ...record, filesize: bytes.length, content_type: type }];
			const headers = {
				'content-type': type,
				'content-disposition': `attachment; filename="${record.filename}"`,
			};
			return [
				new FileAnswer(bytes, headers, {
					chunked: tenant.knobs.attachmentChunked,
					breaksOff: tenant.knobs.attachmentBreaksOff,
				}),
			];
		},
	},
	// Reference data (halo-behaviour.md#list-shapes: bare arrays). Which fields a create needs:
	// #create-required-fields.
	priority: {
		list: 'array',
		id: 'guid',
		verbs: ALL,
		required: ['name', 'slaid'],
		searchFields: ['name'],
		defaults: { ishidden: false },
	},
	category: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['value'],
		searchFields: ['value'],
		defaults: { type_id: 1 },
	},
	outcome: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['outcome'],
		searchFields: ['outcome'],
		defaults: { hidden: false },
	},
	sla: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	cannedtext: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: { restriction_type: 0 },
	},
	// Top levels page (the document gives /TopLevel pageinate); the wrapper key is not documented
	// (#list-shapes).
	toplevel: {
		list: 'wrapper',
		listKey: 'tree',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	// To-dos: GET (by ticket_id) and POST only in the document; no read or delete of one.
	todo: {
		list: 'array',
		id: 'int',
		verbs: ['list', 'upsert'],
		required: ['ticket_id', 'text'],
		searchFields: ['text'],
		defaults: { done: false },
	},
	// Appointments: `appointments`, paged; `agents` is a list of agent ids, start_date/end_date a window.
	appointment: {
		list: 'wrapper',
		listKey: 'appointments',
		id: 'int',
		verbs: ALL,
		required: ['start_date', 'end_date'],
		searchFields: ['subject'],
		defaults: {},
		customQuery: ['agents', 'start_date', 'end_date'],
		filter: (rows, query) => {
			const agents = query.agents ? idsOf(query.agents) : undefined;
			return rows.filter(
				(row) =>
					(!agents || agents.includes(Number(row.agent_id))) &&
					(!query.start_date || timeOf(row.end_date) >= timeOf(query.start_date)) &&
					(!query.end_date || timeOf(row.start_date) <= timeOf(query.end_date)),
			);
		},
	},
	// Reports (AnalyzerProfile): `reports`, paged. GET /Report/{id}?loadreport=true runs the report's
	// SQL; POST /Report [{_loadreportonly: true, sql}] runs a query without saving it
	// (halo-behaviour.md#report-sql).
	report: {
		list: 'wrapper',
		listKey: 'reports',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
		read: ({ tenant, record, query }) => [
			isTrue(query.loadreport)
				? reportAnswer(tenant, record, runSqlQuery(tenant, record.sql))
				: record,
		],
		post: ({ tenant, body }) => {
			const [element] = body;
			if (body.length !== 1 || !element?._loadreportonly) return undefined;
			return [reportAnswer(tenant, { id: 0, sql: element.sql }, runSqlQuery(tenant, element.sql))];
		},
	},
};

// Commercial (issue 10). Paths, verbs, list parameters and entities from Halo's OpenAPI document
// (2024-09); list keys from halo-behaviour.md#list-shapes where it names them. Lists the document
// gives `pageinate` are taken to answer a wrapper; those whose key no source names carry a guessed
// key (a client must read any one array). Lists without paging are taken to be bare arrays (both
// guesses, #list-shapes). Which fields a create cannot go without: #create-required-fields.
const badBody = () => [
	{
		errors: { '': ['A non-empty request body is required.'] },
		title: 'One or more validation errors occurred.',
		status: 400,
	},
	400,
];

/**
 * `includeinactive`: contracts whose `active` is false are left out unless asked for
 * (#undocumented-details).
 */
const activeUnlessAsked = {
	customQuery: ['includeinactive'],
	filter: (rows, query) =>
		isTrue(query.includeinactive) ? rows : rows.filter((row) => row.active !== false),
};

/** POST …/updatelines: an array of lines, each naming its header by ihid (as /Invoice/updatelines). */
const updateLinesOf =
	(resource, noun) =>
	({ tenant, body }) => {
		if (!Array.isArray(body)) return badBody();
		const touched = new Map();
		for (const line of body) {
			const header = tenant.record(resource, line.ihid);
			if (!header)
				return [{ ClassName: 'System.Exception', Message: `${noun} ${line.ihid} not found` }, 400];
			const lineId = line.id ?? header.lines.length + 1;
			header.lines = [
				...header.lines.filter((existing) => existing.id !== lineId),
				{ ...line, id: lineId },
			];
			touched.set(header.id, header);
		}
		return [[...touched.values()]];
	};

/**
 * GET /ChargeRate: `client_id` reads the rate's `area`, `chargerate_id` its `charge_id`
 * (#undocumented-details).
 */
function filterChargeRates(rows, query) {
	let out = rows;
	if (query.client_id !== undefined && query.client_id !== '')
		out = out.filter((row) => String(row.area) === String(query.client_id));
	if (query.chargerate_id !== undefined && query.chargerate_id !== '')
		out = out.filter((row) => String(row.charge_id) === String(query.chargerate_id));
	if (isTrue(query.globalonly)) out = out.filter((row) => !row.area && !row.contract_id);
	if (isTrue(query.currentonly)) out = out.filter((row) => row.current === true);
	return out;
}

Object.assign(SANDBOX_RESOURCES, {
	clientcontract: {
		list: 'wrapper',
		listKey: 'contracts',
		id: 'int',
		verbs: ALL,
		required: ['client_id'],
		searchFields: ['ref'],
		defaults: { active: true, customfields: [] },
		...activeUnlessAsked,
	},
	// ContractSchedule: GUID ids (the schema's `id` is a uuid); `chid` names the contract.
	contractschedule: {
		list: 'array',
		id: 'guid',
		verbs: ALL,
		required: ['chid'],
		searchFields: ['note'],
		defaults: {},
	},
	// A quotation saved with `_create_so: true` makes its sales order (QuotationHeader carries the
	// flag and the resulting `salesorder_id`; what Halo copies across is not documented:
	// #undocumented-details). Whether Halo refuses a second conversion is not documented either, so
	// each save with the flag makes another sales order (the case that duplicates: docs/one-shot.md);
	// the knob `convertsOnce` keeps the first one instead.
	quotation: {
		list: 'wrapper',
		listKey: 'quotes',
		id: 'int',
		verbs: ALL,
		required: ['client_id'],
		searchFields: ['title'],
		defaults: { salesorder_id: 0, lines: [], customfields: [] },
		saved: ({ tenant, record }) => {
			if (!record._create_so) return;
			delete record._create_so;
			if (record.salesorder_id && tenant.knobs.convertsOnce) return;
			const [order] = tenant.insert('salesorder', [
				{
					client_id: record.client_id,
					site_id: record.site_id,
					user_id: record.user_id,
					ticket_id: record.ticket_id,
					quotation_id: record.id,
					summary: record.title,
					lines: structuredClone(record.lines ?? []),
				},
			]);
			record.salesorder_id = order.id;
		},
	},
	salesorder: {
		list: 'wrapper',
		listKey: 'salesorders',
		id: 'int',
		verbs: ALL,
		required: ['client_id'],
		searchFields: ['summary'],
		defaults: { lines: [], customfields: [] },
	},
	purchaseorder: {
		list: 'wrapper',
		listKey: 'purchaseorders',
		id: 'int',
		verbs: ALL,
		required: ['supplier_id'],
		searchFields: ['po_ref'],
		defaults: { lines: [], customfields: [] },
	},
	item: {
		list: 'wrapper',
		listKey: 'items',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name', 'supplier_part_code'],
		defaults: { customfields: [] },
	},
	// Wrapper key not documented (#list-shapes). Stock that comes in is all there until issued
	// (#undocumented-details).
	itemstock: {
		list: 'wrapper',
		listKey: 'itemstock',
		id: 'int',
		verbs: ALL,
		required: ['item_id'],
		searchFields: [],
		defaults: { quantity_issued: 0 },
		saved: ({ record, created }) => {
			if (created)
				record.quantity_remaining =
					Number(record.quantity_in ?? 0) - Number(record.quantity_issued ?? 0);
		},
	},
	supplier: {
		list: 'wrapper',
		listKey: 'suppliers',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		hidesInactive: true,
		searchFields: ['name'],
		defaults: { inactive: false, customfields: [] },
	},
	// Wrapper key not documented (#list-shapes).
	suppliercontract: {
		list: 'wrapper',
		listKey: 'contracts',
		id: 'int',
		verbs: ALL,
		required: ['supplier_id'],
		searchFields: ['ref'],
		defaults: { active: true, customfields: [] },
		...activeUnlessAsked,
	},
	recurringinvoice: {
		list: 'wrapper',
		listKey: 'invoices',
		id: 'int',
		verbs: ALL,
		required: ['client_id'],
		searchFields: ['reference'],
		defaults: { disabled: false, lines: [] },
		routes: {
			'POST updatelines': updateLinesOf('recurringinvoice', 'Recurring invoice'),
			// POST /RecurringInvoice/process [ids]: raises an invoice from each now. The document gives
			// only the body (an array of integers); the answer, the invoices raised, is a guess
			// (#undocumented-details).
			'POST process': ({ tenant, body }) => {
				if (!Array.isArray(body) || body.length === 0) return badBody();
				const raised = [];
				for (const id of body) {
					const template = tenant.record('recurringinvoice', id);
					if (!template)
						return [
							{ ClassName: 'System.Exception', Message: `Recurring invoice ${id} not found` },
							400,
						];
					if (template.disabled) continue;
					const {
						id: _template,
						disabled: _disabled,
						nextcreationdate: _next,
						...fields
					} = structuredClone(template);
					raised.push(
						...tenant.insert('invoice', [
							{
								...fields,
								recurringinvoice_id: template.id,
								invoice_date: new Date().toISOString(),
							},
						]),
					);
				}
				return [raised];
			},
		},
	},
	// Wrapper key not documented (#list-shapes). A payment names an invoice that must exist
	// (#undocumented-details).
	invoicepayment: {
		list: 'wrapper',
		listKey: 'payments',
		id: 'int',
		verbs: ALL,
		required: ['invoice_id'],
		searchFields: ['thirdpartyid'],
		defaults: {},
		validate: ({ tenant, element }) =>
			element.invoice_id && !tenant.record('invoice', element.invoice_id)
				? { invoice_id: `Invoice ${element.invoice_id} does not exist.` }
				: {},
	},
	// Wrapper key not documented (#list-shapes).
	clientprepay: {
		list: 'wrapper',
		listKey: 'prepays',
		id: 'int',
		verbs: ALL,
		required: ['client_id'],
		searchFields: ['description'],
		defaults: {},
	},
	// Charge rates: read only in the document (GET list and GET one).
	chargerate: {
		list: 'array',
		id: 'int',
		verbs: ['list', 'read'],
		required: [],
		searchFields: [],
		defaults: {},
		customQuery: ['client_id', 'chargerate_id', 'globalonly', 'currentonly'],
		filter: filterChargeRates,
	},
	tax: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	currency: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	costcentres: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
});

// Work and assets (issue 10), from halo-behaviour.md#list-shapes and the 2024-09 document's paths.
// Which fields a create needs is not documented beyond a name or the record it hangs on
// (#create-required-fields); list keys of the paging lists other than `tickets` are not documented
// either (#list-shapes) (software licences: `licences`, as a public client reads them).
//
// Projects and opportunities are tickets underneath (halo-behaviour.md#list-shapes): they live in
// the tickets store, so their actions, notes and recovery work as a ticket's, and each path lists
// only its own kind, told apart by the ticket's `use` ('prjs', 'opps') (a guess from the field
// Halo's Faults schema names, #undocumented-details).
const ticketsOfKind = (use) => ({
	...SANDBOX_RESOURCES.tickets,
	store: 'tickets',
	saved: (context) => {
		SANDBOX_RESOURCES.tickets.saved(context);
		if (context.created && !context.record.use) context.record.use = use;
	},
	filter: (rows, query, tenant) =>
		SANDBOX_RESOURCES.tickets.filter(
			rows.filter((row) => row.use === use),
			query,
			tenant,
		),
});
/** Rows whose `field` lies in the window a list's `from`/`to` parameters give. */
const inWindow = (rows, field, from, to) =>
	from || to ? rows.filter((row) => within(row[field], from || undefined, to || undefined)) : rows;

Object.assign(SANDBOX_RESOURCES, {
	projects: ticketsOfKind('prjs'),
	opportunities: ticketsOfKind('opps'),
	release: {
		list: 'wrapper',
		listKey: 'releases',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	// GET only, no parameters, no schema: a bare array (a guess, #list-shapes).
	changecalendar: {
		list: 'array',
		id: 'int',
		verbs: ['list'],
		required: [],
		searchFields: [],
		defaults: {},
	},
	// No DELETE in the document.
	schedule: {
		list: 'array',
		id: 'int',
		verbs: ['list', 'upsert', 'read'],
		required: ['subject'],
		searchFields: ['subject'],
		defaults: {},
	},
	workday: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: { alldayssame: true },
	},
	// GUID ids (the path's id is text; Holidays.id is a uuid); the list's `workdayid` reads `workday_id`,
	// and start_date/end_date a window on the holiday's `date`.
	holiday: {
		list: 'array',
		id: 'guid',
		verbs: ALL,
		required: ['name', 'date'],
		searchFields: ['name'],
		defaults: { allday: true },
		customQuery: ['workdayid', 'start_date', 'end_date'],
		filter: (rows, query) => {
			const ofWorkday = query.workdayid
				? rows.filter((row) => String(row.workday_id) === String(query.workdayid))
				: rows;
			return inWindow(ofWorkday, 'date', query.start_date, query.end_date);
		},
	},
	timeslot: {
		list: 'array',
		id: 'int',
		verbs: ['list'],
		required: [],
		searchFields: [],
		defaults: {},
	},
	assetgroup: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	// DeviceApplications: the list's `device_id` reads the record's `did`.
	assetsoftware: {
		list: 'array',
		id: 'int',
		verbs: ['list'],
		required: [],
		searchFields: ['name'],
		defaults: {},
		customQuery: ['device_id'],
		filter: (rows, query) =>
			query.device_id ? rows.filter((row) => String(row.did) === String(query.device_id)) : rows,
	},
	// Licence_List: the list's `licence_type` reads the record's `type`.
	softwarelicence: {
		list: 'wrapper',
		listKey: 'licences',
		id: 'int',
		verbs: ALL,
		required: ['name', 'client_id'],
		searchFields: ['name'],
		defaults: { is_active: true },
		customQuery: ['licence_type'],
		filter: (rows, query) =>
			query.licence_type === undefined
				? rows
				: rows.filter((row) => String(row.type) === String(query.licence_type)),
	},
	// ServSite: `service_category_ids` is a list of ids.
	service: {
		list: 'wrapper',
		listKey: 'services',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
		customQuery: ['service_category_ids'],
		filter: (rows, query) => {
			if (!query.service_category_ids) return rows;
			const wanted = idsOf(query.service_category_ids);
			return rows.filter((row) => wanted.includes(Number(row.service_category_id)));
		},
	},
	servicecategory: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	// ServStatus pages; a status belongs to one service, and the list filters by it.
	servicestatus: {
		list: 'wrapper',
		listKey: 'statuses',
		id: 'int',
		verbs: ALL,
		required: ['service_id'],
		searchFields: [],
		defaults: {},
	},
});

// Lists other records point to, and the narrowing of the status and agent lists (reference-lists.mjs).
for (const [name, spec] of Object.entries(REFERENCE_LISTS)) SANDBOX_RESOURCES[name] ??= spec;
for (const [name, hooks] of Object.entries(REFERENCE_FILTERS))
	Object.assign(SANDBOX_RESOURCES[name], hooks);

// Knowledge and organisation (issue 10). Every path has list, upsert, read and delete in Halo's
// document (halopsa-resources.md); ids are integers except /Roles (a string: identity roles).
// List shapes: /KBArticle answers `articles` and /Lookup a bare array
// (halo-behaviour.md#list-shapes); /ExternalLink and /Template page (their lists take pageinate)
// under keys no source names; the rest take no paging parameters and are read as bare arrays like
// Halo's other configuration lists (guesses, #list-shapes). Which fields a create needs is not
// documented: a name, or what the record cannot be without (the ticket of a survey response, the
// list of a lookup value; #create-required-fields).
Object.assign(SANDBOX_RESOURCES, {
	kbarticle: {
		list: 'wrapper',
		listKey: 'articles',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		hidesInactive: true,
		searchFields: ['name', 'description', 'resolution'],
		defaults: { inactive: false, type: 0, tag_string: '' },
	},
	faqlists: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: { is_group: false },
	},
	emailtemplate: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	// Integration settings (GET /IntegrationConfiguration, OpenAPI 2024-09). Like mailboxes, they
	// come back with what Halo stores: client secrets, access and refresh tokens, webhook passwords
	// (`new_client_secret`, `new_access_token`, … in the document) [G: answered as stored].
	integrationconfiguration: {
		list: 'array',
		id: 'int',
		verbs: ['list', 'upsert', 'read'],
		required: [],
		searchFields: ['client_id'],
		defaults: {},
	},
	mailbox: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: { enabled: true },
	},
	// Notification rules; a public integration subscribes a webhook with eventno and no name
	// (halo-behaviour.md#webhook-subscriptions).
	notification: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['eventno'],
		searchFields: ['name'],
		defaults: { type: 0 },
	},
	crmnote: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['note'],
		searchFields: ['note'],
		defaults: {},
	},
	feedback: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['ticket_id'],
		searchFields: ['comment'],
		defaults: {},
	},
	externallink: {
		list: 'wrapper',
		listKey: 'externallinks',
		id: 'int',
		verbs: ALL,
		required: ['table_id', 'halo_id'],
		searchFields: ['third_party_id', 'third_party_desc'],
		defaults: {},
	},
	address: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['line1'],
		searchFields: ['line1', 'postcode'],
		defaults: { primary: false, inactive: false },
	},
	organisation: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	roles: {
		list: 'array',
		id: 'guid',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	tags: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['text'],
		searchFields: ['text'],
		defaults: {},
	},
	lookup: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['lookupid', 'name'],
		searchFields: ['name'],
		defaults: { inactive: false },
	},
	customtable: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	distributionlists: {
		list: 'array',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name'],
		defaults: {},
	},
	// Ticket templates (StdRequest); GET /Template takes ticket_type_id for the record's tickettype_id.
	template: {
		list: 'wrapper',
		listKey: 'templates',
		id: 'int',
		verbs: ALL,
		required: ['name'],
		searchFields: ['name', 'summary'],
		defaults: { disabled: false },
		customQuery: ['ticket_type_id'],
		filter: (rows, query) =>
			query.ticket_type_id
				? rows.filter((row) => String(row.tickettype_id) === String(query.ticket_type_id))
				: rows,
	},
});

/**
 * The spec of a path below /api (lower case, `audit`): its own above, or, for any other top-level
 * path Halo's document has (API Request reaches them all), a plain store with the verbs the
 * document gives it: integer ids, no required fields, a bare-array list that ignores paging (the
 * listShapes knob makes it a paged wrapper). How Halo answers these lists is not documented (a
 * guess, halo-behaviour.md#list-shapes).
 */
const documentOnly = new Map();
export function sandboxResource(name) {
	if (Object.hasOwn(SANDBOX_RESOURCES, name)) return SANDBOX_RESOURCES[name];
	if (!documentOnly.has(name)) {
		const verbs = documentedVerbs(name);
		documentOnly.set(
			name,
			verbs && { list: 'array', id: 'int', verbs, required: [], searchFields: [], defaults: {} },
		);
	}
	return documentOnly.get(name);
}
