import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Quotation fields a salesperson edits, with their HaloPSA (`QuotationHeader`) names. */
const quotationFields: HaloField[] = [
	{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'ID of the client the quotation is for' },
	{ key: 'title', kind: 'string', hint: 'Title of the quotation' },
	{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'ID of the client site the quotation is for' },
	{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'ID of the end user the quotation is for' },
	{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'ID of the ticket or opportunity the quotation belongs to' },
	{ key: 'agent_id', label: 'Agent ID', kind: 'number', ref: REF.agent, hint: 'ID of the agent who wrote the quotation' },
	{ key: 'date', kind: 'dateTime', hint: 'Date of the quotation' },
	{ key: 'expiry_date', label: 'Expiry Date', kind: 'dateTime', hint: 'When the quotation stops being valid' },
	{ key: 'status', label: 'Status ID', kind: 'number', hint: 'ID of the quotation’s status' },
	{ key: 'po_ref', label: 'PO Reference', kind: 'string', hint: 'Purchase order reference' },
	{ key: 'ponumber', label: 'Customer PO Number', kind: 'string', hint: 'The customer’s purchase order number' },
	{ key: 'daystodeliver', label: 'Days to Deliver', kind: 'number', hint: 'Days delivery takes once accepted' },
	{ key: 'currency_code', label: 'Currency Code', kind: 'number', hint: 'Halo currency code' },
	{ key: 'carriage_desc', label: 'Carriage Description', kind: 'string', hint: 'Description of the delivery charge' },
	{ key: 'carriage_price', label: 'Carriage Price', kind: 'number', hint: 'Price of delivery' },
	{ key: 'note', kind: 'text', hint: 'Note printed on the quotation' },
	{
		key: 'lines',
		label: 'Lines (JSON)',
		kind: 'json',
		jsonShape: 'array',
		default: '[]',
		hint: 'Quotation lines, as Halo takes them: [{"item_id": 3, "item_shortdescription": "Laptop", "qty_order": 2, "unit_price": 900}]',
	},
	customFieldsField('quotation'),
];

export const quotation: ResourceDefinition = {
	value: 'quotation',
	displayName: 'Quotation',
	description: 'Quotations to clients, which become sales orders when accepted',
	schemaEntity: 'QuotationHeader',
	path: '/Quotation',
	listKey: 'quotes',
	idType: 'number',
	nameField: 'title',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'title', 'client_id', 'client_name', 'date', 'expiry_date', 'status', 'total', 'salesorder_id'],
	create: createFrom(quotationFields, ['client_id']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search quotations for' },
			{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only quotations for this client' },
			{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Only quotations for this site' },
			{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'Only quotations for this end user' },
			{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'Only quotations of this ticket or opportunity' },
			{ key: 'quote_status', label: 'Quote Statuses', kind: 'string', placeholder: 'e.g. 1,2', hint: 'Comma-separated quotation status IDs' },
			{ key: 'open', kind: 'boolean', hint: 'Whether to list open quotations only' },
			{ key: 'closed', kind: 'boolean', hint: 'Whether to list closed quotations only' },
			{ key: 'awaiting_approval', label: 'Awaiting Approval', kind: 'boolean', hint: 'Whether to list quotations awaiting approval only' },
			{ key: 'my_approvals', label: 'My Approvals', kind: 'boolean', hint: 'Whether to list only quotations the API agent must approve' },
			{ key: 'needsprocessing', label: 'Needs Processing', kind: 'boolean', hint: 'Whether to list accepted quotations not yet processed' },
			{ key: 'processed', kind: 'boolean', hint: 'Whether to list processed quotations only' },
			{ key: 'includelines', label: 'Include Lines', kind: 'boolean', hint: 'Whether to include each quotation’s lines' },
			...orderFilters,
		],
	},
	update: { fields: quotationFields },
	delete: {},
	extraActions: [
		{
			// QuotationHeader's `_create_so` flag: saving the quotation with it makes its sales order.
			value: 'convertToSalesOrder',
			name: 'Convert to Sales Order',
			action: 'Convert a quotation to a sales order',
			description: 'Create the sales order for an accepted quotation',
			method: 'POST',
			path: '/Quotation',
			needsId: true,
			body: 'idInArray',
			fixedBody: { _create_so: true },
		},
	],
};
