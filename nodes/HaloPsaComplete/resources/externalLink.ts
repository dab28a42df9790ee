import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';

/**
 * External link fields, with their HaloPSA (`ExternalLink_List`) names: one Halo record tied to
 * its counterpart in another system (an RMM device, an accounts package's customer…).
 */
const externalLinkFields: HaloField[] = [
	{
		key: 'table_id',
		label: 'Halo Table ID',
		kind: 'number',
		hint: 'Number of the kind of Halo record linked, as Halo numbers its tables',
	},
	{ key: 'halo_id', label: 'Halo Record ID', kind: 'number', hint: 'ID of the Halo record linked' },
	{
		key: 'third_party_id',
		label: 'Third-Party ID',
		kind: 'string',
		hint: 'ID of the record in the other system',
	},
	{
		key: 'module_id',
		label: 'Module ID',
		kind: 'number',
		hint: 'Number of the integration module the link belongs to',
	},
	{
		key: 'details_id',
		label: 'Integration Details ID',
		kind: 'number',
		hint: 'ID of the integration’s configuration, when it has several',
	},
	{
		key: 'third_party_type',
		label: 'Third-Party Type',
		kind: 'string',
		hint: 'Kind of record in the other system',
	},
	{
		key: 'third_party_desc',
		label: 'Third-Party Description',
		kind: 'string',
		hint: 'Name of the record in the other system',
	},
	{
		key: 'third_party_url',
		label: 'Third-Party URL',
		kind: 'string',
		placeholder: 'e.g. https://rmm.example.com/devices/42',
		hint: 'Address of the record in the other system',
	},
	{
		key: 'third_party_secondary_id',
		label: 'Third-Party Secondary ID',
		kind: 'string',
		hint: 'Second ID of the record in the other system, where it has one',
	},
	{ key: 'halo_desc', label: 'Halo Description', kind: 'string', hint: 'Name of the Halo record' },
];

export const externalLink: ResourceDefinition = {
	value: 'externalLink',
	displayName: 'External Link',
	description: 'Links between Halo records and their counterparts in other systems',
	schemaEntity: 'ExternalLink_List',
	path: '/ExternalLink',
	owner: {
		kind: 'unprovable',
		why: 'a link points to any record of any client',
	},
	// The list pages; its wrapper key is not documented (halo-behaviour.md#list-shapes; the list
	// reader takes the wrapper's one array).
	listKey: 'externallinks',
	idType: 'number',
	nameField: 'third_party_desc',
	searchParam: 'search',
	pages: true,
	create: createFrom(externalLinkFields, ['table_id', 'halo_id', 'third_party_id']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search the links for' },
			{
				key: 'table_id',
				label: 'Halo Table ID',
				kind: 'number',
				hint: 'Only links of this kind of Halo record',
			},
			{
				key: 'halo_id',
				label: 'Halo Record ID',
				kind: 'number',
				hint: 'Only links of this Halo record',
			},
			{
				key: 'module_id',
				label: 'Module ID',
				kind: 'number',
				hint: 'Only links of this integration module',
			},
			{
				key: 'module_list',
				label: 'Module IDs',
				kind: 'idList',
				hint: 'Only links of these integration modules',
			},
			{
				key: 'details_id',
				label: 'Integration Details ID',
				kind: 'number',
				hint: 'Only links of this integration configuration',
			},
			{
				key: 'third_party_id',
				label: 'Third-Party ID',
				kind: 'string',
				hint: 'Only links to this record of the other system',
			},
			{
				key: 'third_party_type',
				label: 'Third-Party Type',
				kind: 'string',
				hint: 'Only links to this kind of record',
			},
			...orderFilters,
		],
	},
	update: { fields: externalLinkFields },
	delete: {},
};
