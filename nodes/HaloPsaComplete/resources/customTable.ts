import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Custom table fields, with their HaloPSA (`CustomTable`) names: tables an admin adds to Halo’s database. */
const customTableFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the custom table' },
	{ key: 'note', kind: 'text', hint: 'What the table holds' },
	{
		key: 'linkto_table_id',
		label: 'Linked Table ID',
		kind: 'number',
		hint: 'Number of the Halo table its rows link to, if any',
	},
	{
		key: 'data_entry_type',
		label: 'Data Entry Type',
		kind: 'number',
		hint: 'Number of the way rows are entered, as Halo lists them',
	},
	{
		key: 'can_load_data',
		label: 'Can Load Data',
		kind: 'boolean',
		hint: 'Whether rows can be imported into the table',
	},
	{
		key: 'clear_on_close',
		label: 'Clear on Close',
		kind: 'boolean',
		hint: 'Whether the table’s rows are cleared when the linked record closes',
	},
];

export const customTable: ResourceDefinition = {
	value: 'customTable',
	displayName: 'Custom Table',
	description: 'Tables added to Halo to hold data of your own',
	schemaEntity: 'CustomTable',
	path: '/CustomTable',
	owner: {
		kind: 'unprovable',
		why: 'a custom table holds whatever the tenant put in it, of any client',
	},
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(customTableFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'customonly',
				label: 'Custom Only',
				kind: 'boolean',
				hint: 'Whether to list only tables added by an admin',
			},
			{
				key: 'systemonly',
				label: 'System Only',
				kind: 'boolean',
				hint: 'Whether to list only Halo’s own tables',
			},
			{ key: 'usage', kind: 'number', hint: 'Only tables with this usage number' },
			{
				key: 'iswebhookmapping',
				label: 'Webhook Mapping',
				kind: 'boolean',
				hint: 'Whether to list only tables that map webhook data',
			},
		],
	},
	update: { fields: customTableFields },
	delete: {},
};
