import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Supplier fields, with their HaloPSA (`Company`) names. */
const supplierFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the supplier' },
	{
		key: 'toplevel_id',
		label: 'Top Level ID',
		kind: 'number',
		ref: REF.topLevel,
		hint: 'ID of the top level the supplier sits under',
	},
	{
		key: 'contact_name',
		label: 'Contact Name',
		kind: 'string',
		hint: 'Name of your contact at the supplier',
	},
	{
		key: 'email_address',
		label: 'Email Address',
		kind: 'string',
		placeholder: 'name@email.com',
		hint: 'Email address of the supplier',
	},
	{
		key: 'phone_number',
		label: 'Phone Number',
		kind: 'string',
		hint: 'Phone number of the supplier',
	},
	{
		key: 'website',
		kind: 'string',
		placeholder: 'https://example.com',
		hint: 'Website of the supplier',
	},
	{
		key: 'accounts_id',
		label: 'Accounts ID',
		kind: 'string',
		hint: 'ID of the supplier in the accounts package',
	},
	{
		key: 'is_manufacturer',
		label: 'Manufacturer',
		kind: 'boolean',
		hint: 'Whether the supplier also makes what it sells',
	},
	{ key: 'inactive', kind: 'boolean', hint: 'Whether the supplier is inactive' },
	{ key: 'notes', kind: 'text', hint: 'Notes about the supplier' },
	customFieldsField('supplier'),
];

export const supplier: ResourceDefinition = {
	value: 'supplier',
	displayName: 'Supplier',
	description: 'Suppliers and distributors you buy from',
	schemaEntity: 'Company',
	path: '/Supplier',
	owner: { kind: 'reference' },
	listKey: 'suppliers',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	create: createFrom(supplierFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search suppliers for' },
			{
				key: 'toplevel_id',
				label: 'Top Level ID',
				kind: 'number',
				ref: REF.topLevel,
				hint: 'Only suppliers under this top level',
			},
			{
				key: 'includeinactive',
				label: 'Include Inactive',
				kind: 'boolean',
				hint: 'Whether to include inactive suppliers',
			},
			{
				key: 'includeactive',
				label: 'Include Active',
				kind: 'boolean',
				default: true,
				hint: 'Whether to include active suppliers',
			},
			...orderFilters,
		],
	},
	update: { fields: supplierFields },
	delete: {},
};
