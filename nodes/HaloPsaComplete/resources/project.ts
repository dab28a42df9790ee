import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom } from './common';
import { ticketFields, ticketGetOptions, ticketListFilters, ticketShortcuts } from './ticket';

/** Project fields beyond a ticket's, with their HaloPSA (`Faults`) names: a project is a ticket underneath. */
const projectFields: HaloField[] = [
	...ticketFields,
	{
		key: 'projecttimebudget',
		label: 'Time Budget (Hours)',
		kind: 'number',
		minValue: 0,
		hint: 'Hours budgeted for the project',
	},
	{
		key: 'projectmoneybudget',
		label: 'Money Budget',
		kind: 'number',
		minValue: 0,
		hint: 'Amount budgeted for the project',
	},
	{
		key: 'budgettype',
		label: 'Budget Type',
		kind: 'string',
		hint: 'Name of the project’s budget type, as set up in Halo',
	},
	{
		key: 'projectinternaltask',
		label: 'Internal Task',
		kind: 'boolean',
		hint: 'Whether the project is internal work, not for a client',
	},
];

export const project: ResourceDefinition = {
	value: 'project',
	displayName: 'Project',
	description: 'Projects: tickets of a project ticket type, with their budgets',
	schemaEntity: 'Faults',
	path: '/Projects',
	owner: {
		kind: 'clientField',
		field: 'client_id',
		listFilter: 'client_id',
		idsFilter: 'ticketids',
	},
	// Halo answers projects under the tickets key (halo-behaviour.md#list-shapes); /Project is a 404.
	listKey: 'tickets',
	idType: 'number',
	nameField: 'summary',
	searchParam: 'search',
	pages: true,
	customFieldsType: 1,
	simplified: [
		'id',
		'summary',
		'details',
		'client_id',
		'client_name',
		'site_id',
		'tickettype_id',
		'status_id',
		'agent_id',
		'team',
		'startdate',
		'targetdate',
		'deadlinedate',
		'projecttimebudget',
		'projectmoneybudget',
		'last_update',
	],
	create: createFrom(projectFields, ['summary']),
	get: { options: ticketGetOptions },
	// /Projects answers projects only, so the ticket list's area filter has nothing to choose.
	getMany: { filters: ticketListFilters.filter((field) => field.key !== 'domain') },
	update: { fields: projectFields },
	delete: {
		options: [
			{ key: 'reason', kind: 'string', hint: 'Why the project is deleted, kept in Halo’s audit' },
		],
	},
	extraActions: ticketShortcuts('project', '/Projects'),
};
