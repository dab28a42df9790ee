import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Asset group fields an admin edits, with their HaloPSA (`Generic`) names. */
const assetGroupFields: HaloField[] = [
	{ key: 'name', kind: 'string', placeholder: 'e.g. Hardware', hint: 'Name of the asset group' },
	{ key: 'memo', label: 'Notes', kind: 'text', hint: 'Notes about the asset group' },
	{ key: 'sequence', kind: 'number', hint: 'Position of the group in lists' },
	{
		key: 'defaultsite',
		label: 'Default Site ID',
		kind: 'number',
		ref: REF.site,
		hint: 'Site new assets of the group are placed at',
	},
	{
		key: 'isfixedasset',
		label: 'Fixed Asset',
		kind: 'boolean',
		hint: 'Whether the group holds fixed assets',
	},
	{
		key: 'showasitem',
		label: 'Show as Item',
		kind: 'boolean',
		hint: 'Whether the group is offered among stock items',
	},
];

export const assetGroup: ResourceDefinition = {
	value: 'assetGroup',
	displayName: 'Asset Group',
	description: 'Groups that asset types are filed under',
	schemaEntity: 'Generic',
	path: '/AssetGroup',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(assetGroupFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'istree',
				label: 'As Tree',
				kind: 'boolean',
				hint: 'Whether to answer the groups as a tree',
			},
			{
				key: 'includetypesforgroups',
				label: 'Include Types for Groups',
				kind: 'string',
				hint: 'Comma-separated IDs of the groups to answer with their asset types',
			},
			{ key: 'type', kind: 'string', hint: 'Only groups of this kind, as Halo names it' },
		],
	},
	update: { fields: assetGroupFields },
	delete: {},
};
