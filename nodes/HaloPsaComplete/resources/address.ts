import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Address fields, with their HaloPSA (`AddressStore`) names: a site’s or user’s postal addresses. */
const addressFields: HaloField[] = [
	{ key: 'line1', label: 'Address Line 1', kind: 'string', hint: 'First line of the address' },
	{ key: 'line2', label: 'Address Line 2', kind: 'string', hint: 'Second line of the address' },
	{
		key: 'line3',
		label: 'Address Line 3',
		kind: 'string',
		hint: 'Third line of the address, often the town',
	},
	{
		key: 'line4',
		label: 'Address Line 4',
		kind: 'string',
		hint: 'Fourth line of the address, often the county or state',
	},
	{ key: 'postcode', label: 'Postcode', kind: 'string', hint: 'Postcode or ZIP code' },
	{
		key: 'site_id',
		label: 'Site ID',
		kind: 'number',
		ref: REF.site,
		hint: 'ID of the site the address belongs to',
	},
	{
		key: 'user_id',
		label: 'User ID',
		kind: 'number',
		ref: REF.user,
		hint: 'ID of the user the address belongs to',
	},
	{
		key: 'type',
		label: 'Address Type',
		kind: 'number',
		hint: 'Number of the address type, as set up in Halo',
	},
	{ key: 'description', kind: 'string', hint: 'Short description of the address, e.g. Warehouse' },
	{ key: 'note', kind: 'text', hint: 'Note about the address' },
	{ key: 'primary', kind: 'boolean', hint: 'Whether it is the main address of its site or user' },
	{ key: 'inactive', kind: 'boolean', hint: 'Whether the address is no longer used' },
	{ key: 'lat', label: 'Latitude', kind: 'number', hint: 'Latitude of the address' },
	{ key: 'long', label: 'Longitude', kind: 'number', hint: 'Longitude of the address' },
];

export const address: ResourceDefinition = {
	value: 'address',
	displayName: 'Address',
	description: 'Postal addresses of sites and users',
	schemaEntity: 'AddressStore',
	path: '/Address',
	owner: {
		kind: 'parent',
		parents: [
			{ field: 'site_id', resource: 'site' },
			{ field: 'user_id', resource: 'user' },
		],
	},
	idType: 'number',
	nameField: 'line1',
	pages: false,
	create: createFrom(addressFields, ['line1']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'site_id',
				label: 'Site ID',
				kind: 'number',
				ref: REF.site,
				hint: 'Only addresses of this site',
			},
			{
				key: 'user_id',
				label: 'User ID',
				kind: 'number',
				ref: REF.user,
				hint: 'Only addresses of this user',
			},
			{
				key: 'type_id',
				label: 'Address Type',
				kind: 'number',
				hint: 'Only addresses of this type',
			},
			{
				key: 'postcode',
				label: 'Postcode',
				kind: 'string',
				hint: 'Only addresses with this postcode',
			},
		],
	},
	update: { fields: addressFields },
	delete: {},
};
