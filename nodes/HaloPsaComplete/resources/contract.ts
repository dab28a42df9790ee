import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Client contract fields an accounts user edits, with their HaloPSA (`ContractHeader`) names. */
const contractFields: HaloField[] = [
	{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'ID of the client the contract is with' },
	{ key: 'ref', label: 'Reference', kind: 'string', placeholder: 'e.g. MSA-2026', hint: 'Reference that names the contract' },
	{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'ID of the client site the contract covers' },
	{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'ID of the end user the contract is for' },
	{ key: 'start_date', label: 'Start Date', kind: 'dateTime', hint: 'When the contract starts' },
	{ key: 'end_date', label: 'End Date', kind: 'dateTime', hint: 'When the contract ends' },
	{ key: 'sla_id', label: 'SLA ID', kind: 'number', ref: REF.sla, hint: 'ID of the SLA the contract gives' },
	{ key: 'contract_status', label: 'Contract Status', kind: 'string', hint: 'Status text of the contract' },
	{ key: 'billingperiod', label: 'Billing Period', kind: 'number', hint: 'Number of Halo’s billing period (how often the contract is billed)' },
	{ key: 'periodchargeamount', label: 'Period Charge Amount', kind: 'number', hint: 'Amount charged each billing period' },
	{ key: 'chargehoursperperiod', label: 'Hours per Period', kind: 'number', hint: 'Hours included in each period' },
	{ key: 'numberofunitsfree', label: 'Free Units', kind: 'number', hint: 'Units included free of charge' },
	{ key: 'termmonths', label: 'Term (Months)', kind: 'number', hint: 'Length of the contract term in months' },
	{ key: 'rollingcontract', label: 'Rolling Contract', kind: 'boolean', hint: 'Whether the contract renews itself at the end of its term' },
	{ key: 'allowprepay', label: 'Allow Prepay', kind: 'boolean', hint: 'Whether work can be taken from prepaid hours' },
	{ key: 'allowpyg', label: 'Allow Pay As You Go', kind: 'boolean', hint: 'Whether work outside the contract is billed as it comes' },
	{ key: 'allowfixedprice', label: 'Allow Fixed Price', kind: 'boolean', hint: 'Whether fixed-price work is allowed' },
	{ key: 'dontinvoice', label: 'Do Not Invoice', kind: 'boolean', hint: 'Whether the contract is never invoiced' },
	{ key: 'invoicedescription', label: 'Invoice Description', kind: 'string', hint: 'Description printed on the contract’s invoices' },
	{ key: 'emailaddresses', label: 'Email Addresses', kind: 'string', placeholder: 'name@email.com', hint: 'Addresses the contract’s invoices are emailed to' },
	{ key: 'note', kind: 'text', hint: 'Note about the contract' },
	{ key: 'active', kind: 'boolean', default: true, hint: 'Whether the contract is active' },
	customFieldsField('contract'),
];

export const contract: ResourceDefinition = {
	value: 'contract',
	displayName: 'Contract',
	description: 'Contracts with clients: terms, billing and prepaid hours',
	schemaEntity: 'ContractHeader',
	path: '/ClientContract',
	listKey: 'contracts',
	idType: 'number',
	nameField: 'ref',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'ref', 'client_id', 'client_name', 'site_id', 'start_date', 'end_date', 'contract_status', 'active'],
	create: createFrom(contractFields, ['client_id']),
	get: {
		options: [
			includeDetailsOption,
			{ key: 'includeperiods', label: 'Include Periods', kind: 'boolean', hint: 'Whether to include the contract’s billing periods' },
		],
	},
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search contracts for' },
			{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only contracts with this client' },
			{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Only contracts covering this site' },
			{ key: 'device_id', label: 'Asset ID', kind: 'number', ref: REF.asset, hint: 'Only contracts covering this asset' },
			{ key: 'includeinactive', label: 'Include Inactive', kind: 'boolean', hint: 'Whether to include inactive contracts' },
			{ key: 'excluderenewed', label: 'Exclude Renewed', kind: 'boolean', hint: 'Whether to leave out contracts that have been renewed' },
			{ key: 'includelastrenewed', label: 'Include Last Renewed', kind: 'boolean', hint: 'Whether to include the latest renewal of each contract' },
			{ key: 'isbillingplansetup', label: 'Billing Plan Set Up', kind: 'boolean', hint: 'Whether to list only contracts with a billing plan' },
			{
				key: 'pending_recurring_invoice',
				label: 'Pending Recurring Invoice',
				kind: 'boolean',
				hint: 'Whether to list only contracts with a recurring invoice waiting to be raised',
			},
			...orderFilters,
		],
	},
	update: { fields: contractFields },
	delete: {},
};
