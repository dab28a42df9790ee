import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** FAQ list fields, with their HaloPSA (`FAQListHead`) names: folders that group knowledge base articles. */
const faqListFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the FAQ list' },
	{
		key: 'group_id',
		label: 'Parent Group ID',
		kind: 'number',
		hint: 'ID of the FAQ list group it sits in; none puts it at the top',
	},
	{
		key: 'is_group',
		label: 'Is Group',
		kind: 'boolean',
		hint: 'Whether it is a group holding other FAQ lists',
	},
	{ key: 'type', kind: 'number', hint: 'Number of the FAQ list type, as set up in Halo' },
	{
		key: 'showforall',
		label: 'Show for All Users',
		kind: 'boolean',
		hint: 'Whether every user may see the FAQ list',
	},
	{
		key: 'showforallagents',
		label: 'Show for All Agents',
		kind: 'boolean',
		hint: 'Whether every agent may see the FAQ list',
	},
];

export const faqList: ResourceDefinition = {
	value: 'faqList',
	displayName: 'FAQ List',
	singular: 'FAQ list',
	description: 'Lists of frequently asked questions that group knowledge base articles',
	schemaEntity: 'FAQListHead',
	path: '/FAQLists',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(faqListFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'parent_id',
				label: 'Parent Group ID',
				kind: 'number',
				hint: 'Only FAQ lists in this group',
			},
			{ key: 'level', kind: 'number', hint: 'Only FAQ lists at this depth of the tree' },
			{ key: 'type', kind: 'number', hint: 'Only FAQ lists of this type' },
			{
				key: 'endoftreeonly',
				label: 'End of Tree Only',
				kind: 'boolean',
				hint: 'Whether to list only FAQ lists that hold no others',
			},
			{
				key: 'allgroups',
				label: 'All Groups',
				kind: 'boolean',
				hint: 'Whether to include every group',
			},
			{
				key: 'showcounts',
				label: 'Show Counts',
				kind: 'boolean',
				hint: 'Whether to include each FAQ list’s article count',
			},
		],
	},
	update: { fields: faqListFields },
	delete: {},
};
