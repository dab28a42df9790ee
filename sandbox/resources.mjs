// The sandbox's own picture of HaloPSA's resources, taken from the API contract
// (shared/spec/halopsa-api.md §3–4 and Halo's OpenAPI document), never from the node's definitions:
// a sandbox that read the node's tables would agree with the node even when both were wrong.
//
// list: 'wrapper' answers {record_count, <listKey>: [...]}; 'array' answers a bare JSON array.
// id: 'int' or 'guid'. verbs: which of list/upsert/read/delete Halo offers on the path.
// required: fields a create must carry, else 400. defaults: what Halo fills in on create.
// Optional hooks: filter(rows, query) for list parameters beyond equality on a field (with
// customQuery naming them, so the generic equality filter leaves them alone); routes for sub-paths
// ('POST updatelines' or 'POST {id}/void' → ({tenant, record, body}) => [answer, status]).

const ALL = ['list', 'upsert', 'read', 'delete'];

export const SANDBOX_RESOURCES = {
	client: {
		list: 'wrapper', listKey: 'clients', id: 'int', verbs: ALL, required: ['name'],
		hidesInactive: true, searchFields: ['name'],
		defaults: { inactive: false, toplevel_id: 1, toplevel_name: 'Main', colour: '', notes: '', customfields: [] },
		detailOnly: ['customfields', 'notes'],
	},
	site: {
		list: 'wrapper', listKey: 'sites', id: 'int', verbs: ALL, required: ['name', 'client_id'],
		hidesInactive: true, searchFields: ['name'], defaults: { inactive: false, notes: '' },
	},
	users: { list: 'wrapper', listKey: 'users', id: 'int', verbs: ALL, required: ['name', 'site_id'], searchFields: ['name', 'emailaddress'], defaults: { inactive: false } },
	agent: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name', 'email'], defaults: { isdisabled: false } },
	team: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: {} },
	tickets: {
		list: 'wrapper', listKey: 'tickets', id: 'int', verbs: ALL, required: ['summary'], softDelete: true,
		searchFields: ['summary', 'details'], defaults: { status_id: 1, tickettype_id: 1, priority_id: 4, deleted: false },
	},
	asset: { list: 'wrapper', listKey: 'assets', id: 'int', verbs: ALL, required: ['client_id', 'assettype_id'], hidesInactive: true, searchFields: ['inventory_number', 'key_field'], defaults: { inactive: false } },
	assettype: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: {} },
	invoice: {
		list: 'wrapper', listKey: 'invoices', id: 'int', verbs: ALL, required: ['client_id'], searchFields: ['reference'],
		defaults: { voided: false, posted: false, lines: [] },
		routes: {
			// POST /Invoice/updatelines: an array of lines, each naming its invoice by ihid.
			'POST updatelines': ({ tenant, body }) => {
				const touched = new Map();
				for (const line of Array.isArray(body) ? body : []) {
					const invoice = tenant.record('invoice', line.ihid);
					if (!invoice) return [{ ClassName: 'System.Exception', Message: `Invoice ${line.ihid} not found` }, 400];
					const lineId = line.id ?? invoice.lines.length + 1;
					invoice.lines = [...invoice.lines.filter((existing) => existing.id !== lineId), { ...line, id: lineId }];
					touched.set(invoice.id, invoice);
				}
				return [[...touched.values()]];
			},
		},
	},
	status: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: { type: 0 } },
	tickettype: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: { inactive: false } },
	fieldinfo: { list: 'array', id: 'int', verbs: ALL, required: ['name'], searchFields: ['name', 'label'], defaults: {} },
	timesheet: { list: 'array', id: 'int', verbs: ['list', 'upsert', 'read'], required: ['agent_id'], searchFields: [], defaults: {} },
	timesheetevent: { list: 'array', id: 'int', verbs: ALL, required: ['agent_id'], searchFields: ['subject'], defaults: {} },
	webhook: { list: 'array', id: 'guid', verbs: ALL, required: ['name'], searchFields: ['name'], defaults: { active: true, events: [] } },
	webhookevent: { list: 'wrapper', listKey: 'webhookevents', id: 'guid', verbs: ['list', 'upsert', 'read'], required: ['webhook_id'], searchFields: [], defaults: {} },
	notification: { list: 'array', id: 'int', verbs: ALL, required: [], searchFields: [], defaults: {} },
};
