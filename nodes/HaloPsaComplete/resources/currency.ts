import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Currency fields, with their HaloPSA (`Currency`) names. */
const currencyFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the currency' },
	{ key: 'code', kind: 'string', placeholder: 'e.g. EUR', hint: 'ISO code of the currency' },
	{ key: 'symbol', kind: 'string', placeholder: 'e.g. €', hint: 'Symbol of the currency' },
	{
		key: 'conversion_rate',
		label: 'Conversion Rate',
		kind: 'number',
		hint: 'Units of this currency per unit of your base currency',
	},
];

export const currency: ResourceDefinition = {
	value: 'currency',
	displayName: 'Currency',
	plural: 'currencies',
	description: 'Currencies you bill and buy in, with their conversion rates',
	schemaEntity: 'Currency',
	path: '/Currency',
	owner: { kind: 'reference' },
	// Halo's document gives the list no answer shape and no parameters; the list reader takes either shape.
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(currencyFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: { filters: [] },
	update: { fields: currencyFields },
	delete: {},
};
