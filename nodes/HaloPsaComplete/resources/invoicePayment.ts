import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** A payment against an invoice, with its HaloPSA (`InvoicePayment_List`) names. */
const paymentFields: HaloField[] = [
	{
		key: 'invoice_id',
		label: 'Invoice ID',
		kind: 'number',
		ref: REF.invoice,
		hint: 'ID of the invoice paid',
	},
	{ key: 'amount', kind: 'number', hint: 'Amount paid' },
	{ key: 'date', kind: 'dateTime', hint: 'When the payment was made' },
	{
		key: 'client_id',
		label: 'Client ID',
		kind: 'number',
		ref: REF.client,
		hint: 'ID of the client who paid',
	},
	{ key: 'method', label: 'Payment Method ID', kind: 'number', hint: 'ID of the payment method' },
	{
		key: 'thirdpartyid',
		label: 'Third Party ID',
		kind: 'string',
		hint: 'ID of the payment in the payment or accounts system',
	},
];

export const invoicePayment: ResourceDefinition = {
	value: 'invoicePayment',
	displayName: 'Invoice Payment',
	description: 'Payments received against invoices',
	schemaEntity: 'InvoicePayment_List',
	path: '/InvoicePayment',
	owner: { kind: 'clientField', field: 'client_id', listFilter: 'client_id' },
	// The list pages; its wrapper key is not documented (the list reader takes the one array).
	listKey: 'payments',
	idType: 'number',
	nameField: 'invoice_invoicenumber',
	searchParam: 'search',
	pages: true,
	simplified: [
		'id',
		'invoice_id',
		'invoice_invoicenumber',
		'client_id',
		'client_name',
		'amount',
		'date',
		'method',
	],
	create: createFrom(paymentFields, ['invoice_id', 'amount']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search payments for' },
			{
				key: 'invoice_id',
				label: 'Invoice ID',
				kind: 'number',
				ref: REF.invoice,
				hint: 'Only payments of this invoice',
			},
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only payments from this client',
			},
			{
				key: 'intent_id',
				label: 'Payment Intent ID',
				kind: 'string',
				hint: 'Only the payment of this payment provider intent',
			},
			...orderFilters,
		],
	},
	update: { fields: paymentFields },
	delete: {},
};
