import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Cost centre fields, with their HaloPSA (`Costcentres`) names. */
const costCentreFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the cost centre' },
	{ key: 'chargeable', kind: 'boolean', hint: 'Whether costs booked to it are charged on' },
	{
		key: 'addr1',
		label: 'Address Line 1',
		kind: 'string',
		hint: 'First line of the cost centre’s address',
	},
	{ key: 'addr2', label: 'Address Line 2', kind: 'string', hint: 'Second line of the address' },
	{ key: 'addr3', label: 'Address Line 3', kind: 'string', hint: 'Third line of the address' },
	{ key: 'addr4', label: 'Address Line 4', kind: 'string', hint: 'Fourth line of the address' },
];

export const costCentre: ResourceDefinition = {
	value: 'costCentre',
	displayName: 'Cost Centre',
	description: 'Cost centres purchase orders are charged to',
	schemaEntity: 'Costcentres',
	path: '/CostCentres',
	owner: { kind: 'reference' },
	// Halo's document gives the list no answer shape and no parameters; the list reader takes either shape.
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(costCentreFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: { filters: [] },
	update: { fields: costCentreFields },
	delete: {},
};
