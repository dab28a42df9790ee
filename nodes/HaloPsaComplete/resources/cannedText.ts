import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Canned text settings, with their HaloPSA (`CannedText`) names. */
const cannedTextFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the canned text' },
	{ key: 'text', kind: 'text', hint: 'The text agents insert' },
	{ key: 'html', label: 'HTML', kind: 'text', hint: 'The text as HTML, instead of plain Text' },
	{
		key: 'group_id',
		label: 'Group ID',
		kind: 'number',
		hint: 'ID of the group the canned text is filed in',
	},
	{
		key: 'restriction_type',
		label: 'Available To',
		kind: 'options',
		default: 0,
		hint: 'Who may use the canned text',
		options: [
			{ label: 'Everyone', value: 0 },
			{ label: 'A Department', value: 1 },
			{ label: 'A Team', value: 2 },
			{ label: 'An Agent', value: 3 },
		],
	},
	{
		key: 'department_id',
		label: 'Department ID',
		kind: 'number',
		hint: 'The department, when Available To is A Department',
	},
	{
		key: 'team_id',
		label: 'Team ID',
		kind: 'number',
		ref: REF.team,
		hint: 'The team, when Available To is A Team',
	},
	{
		key: 'agent_id',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'The agent, when Available To is An Agent',
	},
];

export const cannedText: ResourceDefinition = {
	value: 'cannedText',
	displayName: 'Canned Text',
	description: 'Ready-made replies agents insert into notes and emails',
	schemaEntity: 'CannedText',
	path: '/CannedText',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(cannedTextFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'group_id',
				label: 'Group ID',
				kind: 'number',
				hint: 'Only canned texts in this group',
			},
			{
				key: 'agent_id',
				label: 'Agent ID',
				kind: 'number',
				ref: REF.agent,
				hint: 'Only canned texts this agent may use',
			},
			{
				key: 'team_id',
				label: 'Team ID',
				kind: 'number',
				ref: REF.team,
				hint: 'Only canned texts this team may use',
			},
			{
				key: 'department_id',
				label: 'Department ID',
				kind: 'number',
				hint: 'Only canned texts this department may use',
			},
			{
				key: 'ticketonly',
				label: 'Tickets Only',
				kind: 'boolean',
				hint: 'Whether to list only canned texts for tickets',
			},
			{
				key: 'showall',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to list every canned text, overriding restrictions',
			},
		],
	},
	update: { fields: cannedTextFields },
	delete: {},
};
