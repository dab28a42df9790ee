import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Team fields an admin edits, with their HaloPSA (`SectionDetail`) names. */
const teamFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the team' },
	{
		key: 'department_id',
		label: 'Department ID',
		kind: 'number',
		hint: 'ID of the department the team belongs to',
	},
	{
		key: 'emailaddress',
		label: 'Email Address',
		kind: 'string',
		placeholder: 'name@email.com',
		hint: 'Email address of the team',
	},
	{ key: 'phone_number', label: 'Phone Number', kind: 'string', hint: 'Phone number of the team' },
	{ key: 'inactive', kind: 'boolean', hint: 'Whether the team is inactive' },
	{
		key: 'forrequests',
		label: 'For Tickets',
		kind: 'boolean',
		default: true,
		hint: 'Whether tickets can be assigned to the team',
	},
	{
		key: 'foropps',
		label: 'For Opportunities',
		kind: 'boolean',
		hint: 'Whether opportunities can be assigned to the team',
	},
	{
		key: 'forprojects',
		label: 'For Projects',
		kind: 'boolean',
		hint: 'Whether projects can be assigned to the team',
	},
	{
		key: 'includeinloadbalance',
		label: 'Include in Load Balance',
		kind: 'boolean',
		hint: 'Whether the team takes part in load balancing',
	},
	{
		key: 'addtoallagents',
		label: 'Add to All Agents',
		kind: 'boolean',
		hint: 'Whether every agent is made a member',
	},
	{
		key: 'allowlivechat',
		label: 'Allow Live Chat',
		kind: 'boolean',
		hint: 'Whether the team takes live chats',
	},
	{ key: 'sequence', kind: 'number', hint: 'Position of the team in lists' },
	{
		key: 'timezone',
		kind: 'string',
		placeholder: 'e.g. Europe/London',
		hint: 'Time zone of the team',
	},
	{ key: 'team_note', label: 'Team Note', kind: 'text', hint: 'Note about the team' },
];

export const team: ResourceDefinition = {
	value: 'team',
	displayName: 'Team',
	description: 'Teams of agents that tickets are assigned to',
	schemaEntity: 'SectionDetail',
	path: '/Team',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(teamFields, ['name']),
	get: {
		options: [
			includeDetailsOption,
			{
				key: 'includeagents',
				label: 'Include Agents',
				kind: 'boolean',
				hint: 'Whether to include the team’s agents',
			},
		],
	},
	getMany: {
		filters: [
			{
				key: 'department_id',
				label: 'Department ID',
				kind: 'number',
				hint: 'Only teams of this department',
			},
			{ key: 'ids', label: 'Team IDs', kind: 'idList', hint: 'Only these teams' },
			{
				key: 'type',
				label: 'Area',
				kind: 'options',
				hint: 'Only teams for this kind of work',
				options: [
					{ label: 'Tickets', value: 'reqs' },
					{ label: 'Opportunities', value: 'opps' },
					{ label: 'Projects', value: 'prjs' },
				],
			},
			{
				key: 'includedisabled',
				label: 'Include Disabled',
				kind: 'boolean',
				hint: 'Whether to include disabled teams',
			},
			{
				key: 'include_managers',
				label: 'Include Managers',
				kind: 'boolean',
				hint: 'Whether to include each team’s managers',
			},
			{
				key: 'myteamsonly',
				label: 'My Teams Only',
				kind: 'boolean',
				hint: 'Whether to list only the teams the API agent is in',
			},
			{
				key: 'showall',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to list every team, overriding team permissions',
			},
			{
				key: 'showcounts',
				label: 'Show Counts',
				kind: 'boolean',
				hint: 'Whether to include each team’s ticket count',
			},
			{
				key: 'orderbyseq',
				label: 'Order by Sequence',
				kind: 'boolean',
				hint: 'Whether to sort teams by their sequence',
			},
		],
	},
	update: { fields: teamFields },
	delete: {},
};
