import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Category values, with their HaloPSA (`CategoryDetail`) names. */
const categoryFields: HaloField[] = [
	{
		key: 'value',
		kind: 'string',
		placeholder: 'e.g. Hardware>Printer',
		hint: 'The category as tickets show it; levels are separated by >',
	},
	{
		key: 'type_id',
		label: 'Category Field',
		kind: 'options',
		default: 1,
		hint: 'Which of the ticket’s four category fields the value belongs to',
		options: [
			{ label: 'Category 1', value: 1 },
			{ label: 'Category 2', value: 2 },
			{ label: 'Category 3', value: 3 },
			{ label: 'Category 4', value: 4 },
		],
	},
	{
		key: 'sla_id',
		label: 'SLA ID',
		kind: 'number',
		ref: REF.sla,
		hint: 'SLA given to tickets of this category',
	},
	{
		key: 'priority_id',
		label: 'Priority ID',
		kind: 'number',
		ref: REF.priority,
		hint: 'Priority given to tickets of this category',
	},
	{
		key: 'chargerate',
		label: 'Charge Rate ID',
		kind: 'number',
		hint: 'Charge rate for time on tickets of this category',
	},
	{ key: 'note', kind: 'text', hint: 'Note shown to agents' },
	{ key: 'user_note', label: 'User Note', kind: 'text', hint: 'Note shown to end users' },
];

export const category: ResourceDefinition = {
	value: 'category',
	displayName: 'Category',
	plural: 'categories',
	description: 'The values of a ticket’s category fields',
	schemaEntity: 'CategoryDetail',
	path: '/Category',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'value',
	pages: false,
	create: createFrom(categoryFields, ['value']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'type_id',
				label: 'Category Field',
				kind: 'options',
				default: 1,
				hint: 'Only values of this category field',
				options: [
					{ label: 'Category 1', value: 1 },
					{ label: 'Category 2', value: 2 },
					{ label: 'Category 3', value: 3 },
					{ label: 'Category 4', value: 4 },
				],
			},
			{
				key: 'tickettype_id',
				label: 'Ticket Type ID',
				kind: 'number',
				ref: REF.ticketType,
				hint: 'Only values allowed for this ticket type',
			},
			{
				key: 'team_id',
				label: 'Team ID',
				kind: 'number',
				ref: REF.team,
				hint: 'Only values allowed for this team',
			},
			{
				key: 'team_name',
				label: 'Team Name',
				kind: 'string',
				hint: 'Only values allowed for the team with this name',
			},
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only values allowed for this client',
			},
			{
				key: 'service_id',
				label: 'Service ID',
				kind: 'number',
				hint: 'Only values allowed for this service',
			},
		],
	},
	update: { fields: categoryFields },
	delete: {},
};
