import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';

/** Top level settings, with their HaloPSA (`Tree`) names. */
const topLevelFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the top level' },
	{ key: 'long_name', label: 'Long Name', kind: 'string', hint: 'Full name of the top level' },
	{ key: 'notes', kind: 'text', hint: 'Notes about the top level' },
	{ key: 'announcement', kind: 'text', hint: 'Announcement shown to its clients’ users' },
	{
		key: 'parentid',
		label: 'Parent ID',
		kind: 'number',
		hint: 'ID of the top level this one sits under',
	},
	{
		key: 'organisation_id',
		label: 'Organisation ID',
		kind: 'number',
		hint: 'ID of the organisation the top level belongs to',
	},
	{
		key: 'mailbox_override',
		label: 'Mailbox Override ID',
		kind: 'number',
		hint: 'Mailbox its clients’ emails are sent from',
	},
	{
		key: 'agent_department',
		label: 'Agent Department',
		kind: 'boolean',
		hint: 'Whether the top level is a department of agents',
	},
];

export const topLevel: ResourceDefinition = {
	value: 'topLevel',
	displayName: 'Top Level',
	description: 'The groups clients sit under (regions, divisions, resellers)',
	schemaEntity: 'Tree',
	path: '/TopLevel',
	owner: { kind: 'reference' },
	// The list's wrapper key is not documented; `tree` is the guess, and any one list (or an array) is read.
	listKey: 'tree',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	create: createFrom(topLevelFields, ['name']),
	get: {
		options: [
			includeDetailsOption,
			{
				key: 'include_agents',
				label: 'Include Agents',
				kind: 'boolean',
				hint: 'Whether to include the top level’s agents',
			},
			{
				key: 'include_teams',
				label: 'Include Teams',
				kind: 'boolean',
				hint: 'Whether to include the top level’s teams',
			},
		],
	},
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search top level names for' },
			{
				key: 'org_id',
				label: 'Organisation ID',
				kind: 'number',
				hint: 'Only top levels of this organisation',
			},
			{
				key: 'show_all',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to list every top level, overriding permissions',
			},
			{
				key: 'include_agents',
				label: 'Include Agents',
				kind: 'boolean',
				hint: 'Whether to include each top level’s agents',
			},
			{
				key: 'include_teams',
				label: 'Include Teams',
				kind: 'boolean',
				hint: 'Whether to include each top level’s teams',
			},
			...orderFilters,
		],
	},
	update: { fields: topLevelFields },
	delete: {},
};
