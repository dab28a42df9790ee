import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Service category fields, with their HaloPSA (`ServiceCategory`) names. */
const serviceCategoryFields: HaloField[] = [
	{ key: 'name', kind: 'string', placeholder: 'e.g. Communication', hint: 'Name of the category' },
	{ key: 'summary', kind: 'string', hint: 'One-line description shown in the catalogue' },
	{
		key: 'parent_id',
		label: 'Parent Category ID',
		kind: 'number',
		ref: REF.serviceCategory,
		hint: 'Category this one sits under',
	},
	{
		key: 'seq',
		label: 'Sequence',
		kind: 'number',
		hint: 'Position of the category in the catalogue',
	},
	{ key: 'icon', kind: 'string', hint: 'Name of the icon shown for the category' },
	{
		key: 'phonenumber',
		label: 'Phone Number',
		kind: 'string',
		hint: 'Phone number shown with the category',
	},
	{
		key: 'important',
		kind: 'boolean',
		hint: 'Whether the category is highlighted in the catalogue',
	},
];

export const serviceCategory: ResourceDefinition = {
	value: 'serviceCategory',
	displayName: 'Service Category',
	singular: 'service category',
	plural: 'service categories',
	description: 'Categories of the service catalogue',
	schemaEntity: 'ServiceCategory',
	path: '/ServiceCategory',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(serviceCategoryFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'user_id',
				label: 'User ID',
				kind: 'number',
				ref: REF.user,
				hint: 'Only categories this end user may see',
			},
			{
				key: 'itil_ticket_type',
				label: 'ITIL Ticket Type',
				kind: 'number',
				hint: 'Only categories for this ITIL ticket type, as Halo numbers it',
			},
			{
				key: 'include_parent_name',
				label: 'Include Parent Name',
				kind: 'boolean',
				hint: 'Whether to include each category’s parent name',
			},
		],
	},
	update: { fields: serviceCategoryFields },
	delete: {},
};
