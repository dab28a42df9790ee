import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Tax rate fields, with their HaloPSA (`Tax`) names. */
const taxFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the tax rate, like VAT 20%' },
	{ key: 'value', label: 'Rate (%)', kind: 'number', hint: 'Percentage charged' },
	{ key: 'code', kind: 'string', hint: 'Code of the tax rate in the accounts package' },
	{
		key: 'is_composite',
		label: 'Composite',
		kind: 'boolean',
		hint: 'Whether the rate is made of several linked rates',
	},
	{
		key: 'onseparateline',
		label: 'On Separate Line',
		kind: 'boolean',
		hint: 'Whether the tax is shown on its own invoice line',
	},
];

export const tax: ResourceDefinition = {
	value: 'tax',
	displayName: 'Tax',
	singular: 'tax rate',
	description: 'Sales and purchase tax rates',
	schemaEntity: 'Tax',
	path: '/Tax',
	owner: { kind: 'reference' },
	// Halo's document gives the list no answer shape and no paging; the list reader takes either shape.
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(taxFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'related_to',
				label: 'Related To',
				kind: 'number',
				hint: 'Only tax rates related to this tax rate ID',
			},
		],
	},
	update: { fields: taxFields },
	delete: {},
};
