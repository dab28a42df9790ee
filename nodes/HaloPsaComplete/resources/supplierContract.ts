import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Supplier contract fields, with their HaloPSA (`Contract`) names. */
const supplierContractFields: HaloField[] = [
	{
		key: 'supplier_id',
		label: 'Supplier ID',
		kind: 'number',
		ref: REF.supplier,
		hint: 'ID of the supplier the contract is with',
	},
	{ key: 'ref', label: 'Reference', kind: 'string', hint: 'Reference that names the contract' },
	{
		key: 'contract_description',
		label: 'Description',
		kind: 'string',
		hint: 'What the contract covers',
	},
	{ key: 'start_date', label: 'Start Date', kind: 'dateTime', hint: 'When the contract starts' },
	{ key: 'end_date', label: 'End Date', kind: 'dateTime', hint: 'When the contract ends' },
	{
		key: 'sla_id',
		label: 'SLA ID',
		kind: 'number',
		ref: REF.sla,
		hint: 'ID of the SLA the supplier gives',
	},
	{
		key: 'contact_1',
		label: 'Contact',
		kind: 'string',
		hint: 'Who to contact at the supplier about the contract',
	},
	{
		key: 'costing_information',
		label: 'Costing Information',
		kind: 'text',
		hint: 'What the contract costs',
	},
	{
		key: 'dontsendalarm',
		label: 'Do Not Send Expiry Alarm',
		kind: 'boolean',
		hint: 'Whether to send no reminder before the contract ends',
	},
	{ key: 'active', kind: 'boolean', default: true, hint: 'Whether the contract is active' },
	{ key: 'note', kind: 'text', hint: 'Note about the contract' },
	customFieldsField('supplier contract'),
];

export const supplierContract: ResourceDefinition = {
	value: 'supplierContract',
	displayName: 'Supplier Contract',
	description: 'Contracts with suppliers: support, warranty and licensing terms',
	schemaEntity: 'Contract',
	path: '/SupplierContract',
	owner: { kind: 'reference' },
	// The list pages; its wrapper key is not documented (the list reader takes the one array).
	listKey: 'contracts',
	idType: 'number',
	nameField: 'ref',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'ref', 'supplier_id', 'supplier_name', 'start_date', 'end_date', 'active'],
	create: createFrom(supplierContractFields, ['supplier_id']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search supplier contracts for' },
			{
				key: 'supplier_id',
				label: 'Supplier ID',
				kind: 'number',
				ref: REF.supplier,
				hint: 'Only contracts with this supplier',
			},
			{
				key: 'includeinactive',
				label: 'Include Inactive',
				kind: 'boolean',
				hint: 'Whether to include inactive contracts',
			},
			...orderFilters,
		],
	},
	update: { fields: supplierContractFields },
	delete: {},
};
