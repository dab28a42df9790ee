import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Ticket template fields, with their HaloPSA (`StdRequest`) names: the values a ticket logged from it starts with. */
const ticketTemplateFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the template' },
	{ key: 'summary', kind: 'string', hint: 'Summary of tickets logged from the template' },
	{ key: 'details', kind: 'text', hint: 'Details of tickets logged from the template' },
	{
		key: 'tickettype_id',
		label: 'Ticket Type ID',
		kind: 'number',
		ref: REF.ticketType,
		hint: 'Ticket type of the tickets',
	},
	{
		key: 'status_id',
		label: 'Status ID',
		kind: 'number',
		ref: REF.ticketStatus,
		hint: 'Status the tickets start in',
	},
	{
		key: 'priority_id',
		label: 'Priority ID',
		kind: 'number',
		ref: REF.priority,
		hint: 'Priority of the tickets',
	},
	{
		key: 'agent_id',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'Agent the tickets are assigned to',
	},
	{
		key: 'team',
		label: 'Team Name',
		kind: 'string',
		hint: 'Name of the team the tickets are assigned to',
	},
	{
		key: 'category_1',
		label: 'Category',
		kind: 'string',
		ref: REF.category1,
		hint: 'First category of the tickets',
	},
	{
		key: 'user_id',
		label: 'User ID',
		kind: 'number',
		ref: REF.user,
		hint: 'User the tickets are logged for',
	},
	{
		key: 'kb_id',
		label: 'Article ID',
		kind: 'number',
		ref: REF.kbArticle,
		hint: 'Knowledge base article linked to the tickets',
	},
	{
		key: 'group_id',
		label: 'Group ID',
		kind: 'number',
		hint: 'ID of the template group it is filed in',
	},
	{ key: 'estimate', kind: 'number', hint: 'Hours the work is estimated to take' },
	{ key: 'impact', kind: 'number', hint: 'Impact of the tickets, as Halo numbers it' },
	{ key: 'urgency', kind: 'number', hint: 'Urgency of the tickets, as Halo numbers it' },
	{
		key: 'showforusers',
		label: 'Show for Users',
		kind: 'boolean',
		hint: 'Whether users see the tickets on the portal',
	},
	{
		key: 'excludefromsla',
		label: 'Exclude From SLA',
		kind: 'boolean',
		hint: 'Whether the tickets are left out of SLA calculations',
	},
	{ key: 'disabled', kind: 'boolean', hint: 'Whether the template can no longer be used' },
];

export const ticketTemplate: ResourceDefinition = {
	value: 'ticketTemplate',
	displayName: 'Ticket Template',
	description: 'Templates tickets are logged from, with the values they start with',
	schemaEntity: 'StdRequest',
	path: '/Template',
	owner: { kind: 'reference' },
	// The list pages; its wrapper key is not documented (halo-behaviour.md#list-shapes; the list
	// reader takes the wrapper's one array).
	listKey: 'templates',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	create: createFrom(ticketTemplateFields, ['name']),
	get: {
		options: [
			includeDetailsOption,
			{
				key: 'includekbinfo',
				label: 'Include Article Info',
				kind: 'boolean',
				hint: 'Whether to include the linked article’s details',
			},
		],
	},
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search the templates for' },
			{
				key: 'ticket_type_id',
				label: 'Ticket Type ID',
				kind: 'number',
				ref: REF.ticketType,
				hint: 'Only templates of this ticket type',
			},
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only templates this client may use',
			},
			{
				key: 'team_id',
				label: 'Team ID',
				kind: 'number',
				ref: REF.team,
				hint: 'Only templates this team may use',
			},
			{
				key: 'agent_id',
				label: 'Agent ID',
				kind: 'number',
				ref: REF.agent,
				hint: 'Only templates this agent may use',
			},
			{
				key: 'department_id',
				label: 'Department ID',
				kind: 'number',
				hint: 'Only templates this department may use',
			},
			{ key: 'group_id', label: 'Group ID', kind: 'number', hint: 'Only templates in this group' },
			{
				key: 'showall',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to list every template, overriding restrictions',
			},
			...orderFilters,
		],
	},
	update: { fields: ticketTemplateFields },
	delete: {},
};
