import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Prepaid hours or money a client bought, with their HaloPSA (`PrepayHistory`) names. */
const prepayFields: HaloField[] = [
	{
		key: 'client_id',
		label: 'Client ID',
		kind: 'number',
		ref: REF.client,
		hint: 'ID of the client who prepaid',
	},
	{ key: 'date', kind: 'dateTime', hint: 'When the prepayment was made' },
	{ key: 'hours', kind: 'number', hint: 'Hours prepaid' },
	{ key: 'amount', kind: 'number', hint: 'Amount prepaid' },
	{ key: 'description', kind: 'string', hint: 'What the prepayment is for' },
	{
		key: 'expirydate',
		label: 'Expiry Date',
		kind: 'dateTime',
		hint: 'When unused prepaid time expires',
	},
	{
		key: 'invoicedate',
		label: 'Invoice Date',
		kind: 'dateTime',
		hint: 'When the prepayment is invoiced',
	},
];

export const clientPrepay: ResourceDefinition = {
	value: 'clientPrepay',
	displayName: 'Client Prepay',
	singular: 'client prepayment',
	plural: 'client prepayments',
	description: 'Hours or money clients paid for in advance',
	schemaEntity: 'PrepayHistory',
	path: '/ClientPrepay',
	owner: { kind: 'clientField', field: 'client_id', listFilter: 'client_id' },
	// The list pages; its wrapper key is not documented (the list reader takes the one array).
	listKey: 'prepays',
	idType: 'number',
	nameField: 'description',
	searchParam: 'search',
	pages: true,
	create: createFrom(prepayFields, ['client_id']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search prepayments for' },
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only prepayments of this client',
			},
			{
				key: 'client_ids',
				label: 'Client IDs',
				kind: 'idList',
				hint: 'Only prepayments of these clients',
			},
			{
				key: 'contract_id',
				label: 'Contract ID',
				kind: 'number',
				ref: REF.contract,
				hint: 'Only prepayments of this contract',
			},
			{
				key: 'ready_for_invoicing',
				label: 'Ready For Invoicing',
				kind: 'boolean',
				hint: 'Whether to list prepayments ready for invoicing only',
			},
			...orderFilters,
		],
	},
	update: { fields: prepayFields },
	delete: {},
};
