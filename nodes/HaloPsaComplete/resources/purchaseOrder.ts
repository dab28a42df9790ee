import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Purchase order fields, with their HaloPSA (`SupplierOrderHeader`) names. */
const purchaseOrderFields: HaloField[] = [
	{ key: 'supplier_id', label: 'Supplier ID', kind: 'number', ref: REF.supplier, hint: 'ID of the supplier the order goes to' },
	{ key: 'po_ref', label: 'PO Reference', kind: 'string', hint: 'Reference of the purchase order' },
	{ key: 'suppliers_order_reference', label: 'Supplier’s Order Reference', kind: 'string', hint: 'The supplier’s own reference for the order' },
	{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'ID of the client the goods are for' },
	{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'ID of the client site the goods are for' },
	{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'ID of the end user the goods are for' },
	{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'ID of the ticket the order belongs to' },
	{ key: 'salesorder_id', label: 'Sales Order ID', kind: 'number', ref: REF.salesOrder, hint: 'ID of the sales order the order fulfils' },
	{ key: 'cost_centre_id', label: 'Cost Centre ID', kind: 'number', ref: REF.costCentre, hint: 'ID of the cost centre the order is charged to' },
	{ key: 'date', kind: 'dateTime', hint: 'Date of the order' },
	{ key: 'est_delivery_date', label: 'Estimated Delivery Date', kind: 'dateTime', hint: 'When the goods are expected' },
	{ key: 'status', label: 'Status ID', kind: 'number', hint: 'ID of the order’s status' },
	{ key: 'deliver_to_us', label: 'Deliver to Us', kind: 'boolean', hint: 'Whether the goods come to you rather than to the client' },
	{ key: 'carriage_desc', label: 'Carriage Description', kind: 'string', hint: 'Description of the delivery charge' },
	{ key: 'carriage_price', label: 'Carriage Price', kind: 'number', hint: 'Price of delivery' },
	{ key: 'currency_code', label: 'Currency Code', kind: 'number', hint: 'Halo currency code' },
	{ key: 'note', kind: 'text', hint: 'Note about the order' },
	{
		key: 'lines',
		label: 'Lines (JSON)',
		kind: 'json',
		jsonShape: 'array',
		default: '[]',
		hint: 'Order lines, as Halo takes them: [{"item_id": 3, "description": "Laptop", "quantity": 2, "unit_price": 700}]',
	},
	customFieldsField('purchase order'),
];

export const purchaseOrder: ResourceDefinition = {
	value: 'purchaseOrder',
	displayName: 'Purchase Order',
	description: 'Orders placed with suppliers',
	schemaEntity: 'SupplierOrderHeader',
	path: '/PurchaseOrder',
	listKey: 'purchaseorders',
	idType: 'number',
	nameField: 'po_ref',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'po_ref', 'supplier_id', 'supplier_name', 'client_id', 'date', 'status', 'total', 'salesorder_id'],
	create: createFrom(purchaseOrderFields, ['supplier_id']),
	get: {
		options: [
			includeDetailsOption,
			{ key: 'receivablelines', label: 'Receivable Lines', kind: 'boolean', hint: 'Whether to include only the lines still to receive' },
			{ key: 'extrareceivablelines', label: 'Extra Receivable Lines', kind: 'boolean', hint: 'Whether to include lines that can be received beyond the order' },
			{ key: 'invoiceablelines', label: 'Invoiceable Lines', kind: 'boolean', hint: 'Whether to include only the lines still to invoice' },
		],
	},
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search purchase orders for' },
			{ key: 'supplier_id', label: 'Supplier ID', kind: 'number', ref: REF.supplier, hint: 'Only orders placed with this supplier' },
			{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only orders for this client' },
			{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Only orders for this site' },
			{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'Only orders for this end user' },
			{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'Only orders of this ticket' },
			{ key: 'salesorder_id', label: 'Sales Order ID', kind: 'number', ref: REF.salesOrder, hint: 'Only orders fulfilling this sales order' },
			{ key: 'po_status', label: 'PO Statuses', kind: 'string', placeholder: 'e.g. 1,2', hint: 'Comma-separated purchase order status IDs' },
			{ key: 'open', kind: 'boolean', hint: 'Whether to list open orders only' },
			{ key: 'closed', kind: 'boolean', hint: 'Whether to list closed orders only' },
			{ key: 'awaiting_approval', label: 'Awaiting Approval', kind: 'boolean', hint: 'Whether to list orders awaiting approval only' },
			{ key: 'my_approvals', label: 'My Approvals', kind: 'boolean', hint: 'Whether to list only orders the API agent must approve' },
			{ key: 'awaitingstock', label: 'Awaiting Stock', kind: 'boolean', hint: 'Whether to list orders still awaiting goods only' },
			{ key: 'unsent', kind: 'boolean', hint: 'Whether to list orders not yet sent to the supplier only' },
			{ key: 'deliver_to_us', label: 'Deliver to Us', kind: 'boolean', hint: 'Whether to list orders delivered to you only' },
			...orderFilters,
		],
	},
	update: { fields: purchaseOrderFields },
	delete: {},
};
