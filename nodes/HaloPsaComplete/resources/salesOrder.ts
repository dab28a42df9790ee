import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Sales order fields, with their HaloPSA (`OrderHead`) names. */
const salesOrderFields: HaloField[] = [
	{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'ID of the client who ordered' },
	{ key: 'summary', kind: 'string', hint: 'Summary of the order' },
	{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'ID of the client site the order is for' },
	{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'ID of the end user who ordered' },
	{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'ID of the ticket, project or opportunity the order belongs to' },
	{ key: 'quotation_id', label: 'Quotation ID', kind: 'number', ref: REF.quotation, hint: 'ID of the quotation the order came from' },
	{ key: 'assigned_agent', label: 'Assigned Agent ID', kind: 'number', ref: REF.agent, hint: 'ID of the agent handling the order' },
	{ key: 'date', kind: 'dateTime', hint: 'Date of the order' },
	{ key: 'ship_date', label: 'Ship Date', kind: 'dateTime', hint: 'When the order ships' },
	{ key: 'po_number', label: 'Customer PO Number', kind: 'string', hint: 'The customer’s purchase order number' },
	{ key: 'status', label: 'Status ID', kind: 'number', hint: 'ID of the order’s status' },
	{ key: 'currency_code', label: 'Currency Code', kind: 'number', hint: 'Halo currency code' },
	{ key: 'do_not_invoice', label: 'Do Not Invoice', kind: 'boolean', hint: 'Whether the order is never invoiced' },
	{ key: 'note', kind: 'text', hint: 'Note about the order' },
	{
		key: 'lines',
		label: 'Lines (JSON)',
		kind: 'json',
		jsonShape: 'array',
		default: '[]',
		hint: 'Order lines, as Halo takes them: [{"item_id": 3, "item_shortdescription": "Laptop", "quantity": 2, "unit_price": 900}]',
	},
	customFieldsField('sales order'),
];

export const salesOrder: ResourceDefinition = {
	value: 'salesOrder',
	displayName: 'Sales Order',
	description: 'Orders clients placed, to fulfil and invoice',
	schemaEntity: 'OrderHead',
	path: '/SalesOrder',
	listKey: 'salesorders',
	idType: 'number',
	nameField: 'summary',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'summary', 'client_id', 'client_name', 'date', 'status', 'total', 'quotation_id', 'ticket_id'],
	create: createFrom(salesOrderFields, ['client_id']),
	get: {
		options: [
			includeDetailsOption,
			{ key: 'invoiceablelines', label: 'Invoiceable Lines', kind: 'boolean', hint: 'Whether to include only the lines still to invoice' },
			{ key: 'consignablelines', label: 'Consignable Lines', kind: 'boolean', hint: 'Whether to include only the lines still to consign' },
			{ key: 'pendingpolines', label: 'Pending PO Lines', kind: 'boolean', hint: 'Whether to include only the lines still to order from suppliers' },
		],
	},
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search sales orders for' },
			{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only orders of this client' },
			{ key: 'client_ids', label: 'Client IDs', kind: 'idList', hint: 'Only orders of these clients' },
			{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Only orders for this site' },
			{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'Only orders of this end user' },
			{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'Only orders of this ticket' },
			{ key: 'toplevel_id', label: 'Top Level ID', kind: 'number', ref: REF.topLevel, hint: 'Only orders of clients under this top level' },
			{ key: 'open', kind: 'boolean', hint: 'Whether to list open orders only' },
			{ key: 'closed', kind: 'boolean', hint: 'Whether to list closed orders only' },
			{ key: 'needsordering', label: 'Needs Ordering', kind: 'boolean', hint: 'Whether to list only orders with lines to order from suppliers' },
			{ key: 'needsconsigning', label: 'Needs Consigning', kind: 'boolean', hint: 'Whether to list only orders with lines to consign' },
			{ key: 'needsinvoicing', label: 'Needs Invoicing', kind: 'boolean', hint: 'Whether to list only orders with lines to invoice' },
			{ key: 'ready_for_invoicing', label: 'Ready For Invoicing', kind: 'boolean', hint: 'Whether to list orders ready for invoicing only' },
			...orderFilters,
		],
	},
	update: { fields: salesOrderFields },
	delete: {},
};
