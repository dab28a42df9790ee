import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Recurring invoice fields, with their HaloPSA (`InvoiceHeader`) names: the template Halo raises invoices from. */
const recurringInvoiceFields: HaloField[] = [
	{
		key: 'client_id',
		label: 'Client ID',
		kind: 'number',
		ref: REF.client,
		hint: 'ID of the client billed',
	},
	{
		key: 'sitenumber',
		label: 'Site ID',
		kind: 'number',
		ref: REF.site,
		hint: 'ID of the client site billed',
	},
	{
		key: 'contract_id',
		label: 'Contract ID',
		kind: 'number',
		ref: REF.contract,
		hint: 'ID of the contract the invoices bill',
	},
	{ key: 'reference', kind: 'string', hint: 'Your reference for the invoices' },
	{ key: 'invoicetype', label: 'Invoice Type ID', kind: 'number', hint: 'ID of the invoice type' },
	{
		key: 'startdate',
		label: 'Start Date',
		kind: 'dateTime',
		hint: 'When the recurring billing starts',
	},
	{ key: 'enddate', label: 'End Date', kind: 'dateTime', hint: 'When the recurring billing ends' },
	{
		key: 'nextcreationdate',
		label: 'Next Creation Date',
		kind: 'dateTime',
		hint: 'When Halo next raises an invoice from it',
	},
	{
		key: 'period',
		label: 'Billing Period',
		kind: 'number',
		hint: 'Number of Halo’s billing period (how often an invoice is raised)',
	},
	{
		key: 'paymentterms',
		label: 'Payment Terms (Days)',
		kind: 'number',
		hint: 'Days the client has to pay',
	},
	{ key: 'currency_code', label: 'Currency Code', kind: 'number', hint: 'Halo currency code' },
	{ key: 'order_number', label: 'Order Number', kind: 'string', hint: 'Purchase order number' },
	{ key: 'notes_1', label: 'Notes 1', kind: 'text', hint: 'First notes box on the invoices' },
	{
		key: 'internal_note',
		label: 'Internal Note',
		kind: 'text',
		hint: 'Note for agents, not printed',
	},
	{ key: 'disabled', kind: 'boolean', hint: 'Whether Halo stops raising invoices from it' },
	{
		key: 'lines',
		label: 'Lines (JSON)',
		kind: 'json',
		jsonShape: 'array',
		default: '[]',
		hint: 'Lines of each invoice, as Halo takes them: [{"item_shortdescription": "Managed service", "qty_order": 10, "unit_price": 25}]',
	},
	customFieldsField('recurring invoice'),
];

export const recurringInvoice: ResourceDefinition = {
	value: 'recurringInvoice',
	displayName: 'Recurring Invoice',
	description: 'Invoices Halo raises on a schedule, such as a contract’s monthly charge',
	schemaEntity: 'InvoiceHeader',
	path: '/RecurringInvoice',
	owner: { kind: 'clientField', field: 'client_id', listFilter: 'client_id' },
	listKey: 'invoices',
	idType: 'number',
	nameField: 'reference',
	searchParam: 'search',
	pages: true,
	simplified: [
		'id',
		'client_id',
		'client_name',
		'reference',
		'contract_id',
		'nextcreationdate',
		'total',
		'disabled',
	],
	create: createFrom(recurringInvoiceFields, ['client_id']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search recurring invoices for' },
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only recurring invoices of this client',
			},
			{
				key: 'client_ids',
				label: 'Client IDs',
				kind: 'idList',
				hint: 'Only recurring invoices of these clients',
			},
			{
				key: 'site_id',
				label: 'Site ID',
				kind: 'number',
				ref: REF.site,
				hint: 'Only recurring invoices of this site',
			},
			{
				key: 'contract_id',
				label: 'Contract ID',
				kind: 'number',
				ref: REF.contract,
				hint: 'Only recurring invoices of this contract',
			},
			{
				key: 'toplevel_id',
				label: 'Top Level ID',
				kind: 'number',
				ref: REF.topLevel,
				hint: 'Only recurring invoices of clients under this top level',
			},
			{
				key: 'rinvoice_type',
				label: 'Recurring Invoice Type',
				kind: 'options',
				default: 'contracts',
				options: [
					{ label: 'Contracts', value: 'contracts' },
					{ label: 'Invoices', value: 'invoices' },
					{ label: 'Both', value: 'both' },
				],
				hint: 'Which recurring invoices to list: those of contracts, the others, or both',
			},
			{
				key: 'includelines',
				label: 'Include Lines',
				kind: 'boolean',
				hint: 'Whether to include each recurring invoice’s lines',
			},
			...orderFilters,
		],
	},
	update: { fields: recurringInvoiceFields },
	delete: {
		options: [
			{
				key: 'bypass_accounts_sync',
				label: 'Bypass Accounts Sync',
				kind: 'boolean',
				hint: 'Whether to delete it in Halo only, leaving the accounts package alone',
			},
		],
	},
	extraActions: [
		{
			value: 'updateLines',
			name: 'Update Lines',
			action: 'Update recurring invoice lines',
			description: 'Add or change lines on one or more recurring invoices',
			method: 'POST',
			path: '/RecurringInvoice/updatelines',
			needsId: false,
			body: 'jsonParameter',
			parameters: [
				{
					key: 'lines',
					label: 'Recurring Invoice Lines (JSON)',
					kind: 'json',
					jsonShape: 'array',
					elementIdKeys: ['ihid'],
					default: '[]',
					hint: 'Array of lines; each names its recurring invoice in "ihid", and a line with "id" changes that line: [{"ihid": 12, "item_shortdescription": "Managed service", "qty_order": 12, "unit_price": 25}]',
				},
			],
		},
		{
			// POST /RecurringInvoice/process takes the recurring invoices' ids as a bare array.
			value: 'process',
			name: 'Raise Invoices',
			action: 'Raise invoices from recurring invoices',
			description:
				'Raise the invoices of recurring invoices now, without waiting for their schedule',
			method: 'POST',
			path: '/RecurringInvoice/process',
			needsId: false,
			body: 'jsonParameter',
			oneShot: {
				done: 'raised the invoices of the recurring invoices {record}',
				check: 'the invoices raised from them',
			},
			parameters: [
				{
					key: 'ids',
					label: 'Recurring Invoice IDs (JSON)',
					kind: 'json',
					jsonShape: 'array',
					default: '[]',
					hint: 'IDs of the recurring invoices to raise invoices from, as a JSON array: [12, 13]',
				},
			],
		},
	],
};
