import type { HaloReference } from '../helpers/types';

/**
 * The HaloPSA records other records point to, each described by its list (path, shape, name field),
 * so a field can name one without the node offering it as a resource. Short configuration lists
 * are dropdowns, read whole; long lists are "From list" pickers that search Halo.
 * Dependencies use the list parameters Halo's API document gives each path.
 */
// `clientId`: the client being updated, for a client's own fields (its main site).
const clientNamed = { query: 'client_id', from: ['client_id', 'clientId'] };
const ticketTypeNamed = { query: 'tickettype_id', from: ['tickettype_id', 'requesttype_id'] };

export const REF = {
	client: {
		name: 'client',
		noun: 'client',
		path: '/Client',
		listKey: 'clients',
		pages: true,
		searchParam: 'search',
		picker: 'list',
	},
	// GET /Site takes client_id: the sites of the client chosen beside it.
	site: {
		name: 'site',
		noun: 'site',
		path: '/Site',
		listKey: 'sites',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		dependsOn: [clientNamed],
	},
	// GET /Users takes client_id and site_id: the users of the client or site chosen beside it.
	user: {
		name: 'user',
		noun: 'user',
		path: '/Users',
		listKey: 'users',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		dependsOn: [clientNamed, { query: 'site_id', from: ['site_id', 'sitenumber'] }],
	},
	// GET /Agent takes team_id: the agents of the team chosen beside it.
	agent: {
		name: 'agent',
		noun: 'agent',
		path: '/Agent',
		pages: false,
		searchParam: 'search',
		picker: 'list',
		dependsOn: [{ query: 'team_id', from: ['team_id'] }],
	},
	team: { name: 'team', noun: 'team', path: '/Team', pages: false, picker: 'dropdown' },
	// GET /Status takes tickettype_id (the statuses the type allows) and ticket_id (the statuses
	// the ticket being updated can move to).
	ticketStatus: {
		name: 'ticketStatus',
		noun: 'ticket status',
		path: '/Status',
		pages: false,
		picker: 'dropdown',
		dependsOn: [ticketTypeNamed, { query: 'ticket_id', from: ['ticketId'] }],
	},
	ticketType: {
		name: 'ticketType',
		noun: 'ticket type',
		path: '/TicketType',
		pages: false,
		picker: 'dropdown',
	},
	// Priority rows are one per SLA with a GUID `id`; tickets hold the integer `priorityid`.
	priority: {
		name: 'priority',
		noun: 'priority',
		path: '/Priority',
		pages: false,
		picker: 'dropdown',
		valueField: 'priorityid',
	},
	sla: { name: 'sla', noun: 'SLA', path: '/SLA', pages: false, picker: 'dropdown' },
	outcome: {
		name: 'outcome',
		noun: 'outcome',
		path: '/Outcome',
		pages: false,
		picker: 'dropdown',
		nameField: 'outcome',
	},
	topLevel: {
		name: 'topLevel',
		noun: 'top level',
		path: '/TopLevel',
		pages: true,
		searchParam: 'search',
		picker: 'list',
	},
	assetType: {
		name: 'assetType',
		noun: 'asset type',
		path: '/AssetType',
		pages: false,
		picker: 'dropdown',
	},
	asset: {
		name: 'asset',
		noun: 'asset',
		path: '/Asset',
		listKey: 'assets',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		nameField: 'inventory_number',
		dependsOn: [clientNamed],
	},
	ticket: {
		name: 'ticket',
		noun: 'ticket',
		path: '/Tickets',
		listKey: 'tickets',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		nameField: 'summary',
	},
	contract: {
		name: 'contract',
		noun: 'contract',
		path: '/ClientContract',
		listKey: 'contracts',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		nameField: 'ref',
		dependsOn: [clientNamed],
	},
	// Commercial records.
	invoice: {
		name: 'invoice',
		noun: 'invoice',
		path: '/Invoice',
		listKey: 'invoices',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		nameField: 'invoicenumber',
		dependsOn: [clientNamed],
	},
	quotation: {
		name: 'quotation',
		noun: 'quotation',
		path: '/Quotation',
		listKey: 'quotes',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		nameField: 'title',
		dependsOn: [clientNamed],
	},
	salesOrder: {
		name: 'salesOrder',
		noun: 'sales order',
		path: '/SalesOrder',
		listKey: 'salesorders',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		nameField: 'summary',
		dependsOn: [clientNamed],
	},
	purchaseOrder: {
		name: 'purchaseOrder',
		noun: 'purchase order',
		path: '/PurchaseOrder',
		listKey: 'purchaseorders',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		nameField: 'po_ref',
	},
	item: {
		name: 'item',
		noun: 'item',
		path: '/Item',
		listKey: 'items',
		pages: true,
		searchParam: 'search',
		picker: 'list',
	},
	supplier: {
		name: 'supplier',
		noun: 'supplier',
		path: '/Supplier',
		listKey: 'suppliers',
		pages: true,
		searchParam: 'search',
		picker: 'list',
	},
	costCentre: {
		name: 'costCentre',
		noun: 'cost centre',
		path: '/CostCentres',
		pages: false,
		picker: 'dropdown',
	},
	// Work and assets: configuration lists are bare arrays; services and licences page.
	assetGroup: {
		name: 'assetGroup',
		noun: 'asset group',
		path: '/AssetGroup',
		pages: false,
		picker: 'dropdown',
	},
	workday: { name: 'workday', noun: 'workday', path: '/Workday', pages: false, picker: 'dropdown' },
	serviceCategory: {
		name: 'serviceCategory',
		noun: 'service category',
		path: '/ServiceCategory',
		pages: false,
		picker: 'dropdown',
	},
	service: {
		name: 'service',
		noun: 'service',
		path: '/Service',
		listKey: 'services',
		pages: true,
		searchParam: 'search',
		picker: 'list',
	},
	// GET /SoftwareLicence takes client_id: the licences of the client chosen beside it.
	softwareLicence: {
		name: 'softwareLicence',
		noun: 'software licence',
		path: '/SoftwareLicence',
		listKey: 'licences',
		pages: true,
		searchParam: 'search',
		picker: 'list',
		dependsOn: [clientNamed],
	},
	// Knowledge and organisation.
	kbArticle: {
		name: 'kbArticle',
		noun: 'knowledge base article',
		path: '/KBArticle',
		listKey: 'articles',
		pages: true,
		searchParam: 'search',
		picker: 'list',
	},
	emailTemplate: {
		name: 'emailTemplate',
		noun: 'email template',
		path: '/EmailTemplate',
		pages: false,
		picker: 'dropdown',
	},
	mailbox: { name: 'mailbox', noun: 'mailbox', path: '/Mailbox', pages: false, picker: 'dropdown' },
	// Categories are Halo's value text (`category_1` holds "Hardware>Printer"), one list per level
	// (type_id 1–4); GET /Category takes tickettype_id: the categories the type allows.
	category1: category(1),
	category2: category(2),
	category3: category(3),
	category4: category(4),
} satisfies Record<string, HaloReference>;

function category(level: number): HaloReference {
	return {
		name: `category${level}`,
		noun: `category ${level} value`,
		path: '/Category',
		pages: false,
		picker: 'dropdown',
		nameField: 'value',
		valueField: 'value',
		query: { type_id: level },
		dependsOn: [ticketTypeNamed],
	};
}
