import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/**
 * Lookup fields, with their HaloPSA (`Lookup`) names: one value of one of Halo's lookup lists
 * (`lookupid` names the list, e.g. the values of a custom field or the impact levels).
 */
const lookupFields: HaloField[] = [
	{
		key: 'lookupid',
		label: 'Lookup List ID',
		kind: 'number',
		hint: 'ID of the lookup list the value belongs to',
	},
	{ key: 'name', label: 'Value', kind: 'string', hint: 'The value, as shown in pickers' },
	{ key: 'sequence', kind: 'number', hint: 'Position of the value in its list' },
	{ key: 'inactive', kind: 'boolean', hint: 'Whether the value can no longer be picked' },
	{
		key: 'value2',
		label: 'Second Value',
		kind: 'string',
		hint: 'Extra value some lookup lists keep beside the name',
	},
	{
		key: 'value3',
		label: 'Third Value',
		kind: 'string',
		hint: 'Another extra value some lookup lists keep',
	},
	{
		key: 'custom1',
		label: 'Custom Value',
		kind: 'string',
		hint: 'Custom value kept with the lookup value',
	},
];

export const lookup: ResourceDefinition = {
	value: 'lookup',
	displayName: 'Lookup',
	singular: 'lookup value',
	description: 'Values of Halo’s lookup lists, such as a custom field’s choices',
	schemaEntity: 'Lookup',
	path: '/Lookup',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(lookupFields, ['lookupid', 'name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'lookupid',
				label: 'Lookup List ID',
				kind: 'number',
				hint: 'Only the values of this lookup list',
			},
			{
				key: 'iscustomfield',
				label: 'Is Custom Field',
				kind: 'boolean',
				hint: 'Whether the lookup list is a custom field’s choices',
			},
			{
				key: 'showallcodes',
				label: 'Show All Codes',
				kind: 'boolean',
				hint: 'Whether to include every value, inactive ones too',
			},
			{
				key: 'exclude_zero',
				label: 'Exclude Zero',
				kind: 'boolean',
				hint: 'Whether to leave out the value with ID 0 (“none”)',
			},
		],
	},
	update: { fields: lookupFields },
	delete: {},
};
