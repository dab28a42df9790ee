import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom } from './common';
import { REF } from './references';

/** To-do fields, with their HaloPSA (`FaultToDo`) names: a checklist item on a ticket. */
const toDoFields: HaloField[] = [
	{
		key: 'ticket_id',
		label: 'Ticket ID',
		kind: 'number',
		ref: REF.ticket,
		hint: 'ID of the ticket the to-do is on',
	},
	{ key: 'text', kind: 'string', hint: 'What is to be done' },
	{ key: 'done', kind: 'boolean', hint: 'Whether the to-do is done' },
	{
		key: 'done_by_id',
		label: 'Done By Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'ID of the agent who did it',
	},
	{ key: 'sequence', kind: 'number', hint: 'Position of the to-do in the ticket’s list' },
	{
		key: 'group_id',
		label: 'Group ID',
		kind: 'number',
		hint: 'ID of the to-do group it belongs to',
	},
	{
		key: 'start_date',
		label: 'Start Date',
		kind: 'dateTime',
		hint: 'When the to-do is planned to start',
	},
	{ key: 'end_date', label: 'End Date', kind: 'dateTime', hint: 'When the to-do is due' },
];

export const toDo: ResourceDefinition = {
	value: 'toDo',
	displayName: 'To-Do',
	singular: 'to-do',
	plural: 'to-dos',
	description: 'Checklist items on a ticket',
	schemaEntity: 'FaultToDo',
	path: '/ToDo',
	owner: { kind: 'parent', parents: [{ field: 'ticket_id', resource: 'ticket' }] },
	idType: 'number',
	nameField: 'text',
	pages: false,
	create: createFrom(toDoFields, ['ticket_id', 'text']),
	getMany: {
		required: [
			{
				key: 'ticket_id',
				label: 'Ticket ID',
				kind: 'number',
				ref: REF.ticket,
				hint: 'ID of the ticket whose to-dos to list',
			},
		],
		filters: [],
	},
	update: { fields: toDoFields.filter((field) => field.key !== 'ticket_id') },
	unsupported: {
		get: 'HaloPSA’s API reads to-dos only as a ticket’s list, so To-Do has no Get: use Get Many with the Ticket ID.',
		delete:
			'HaloPSA’s API has no way to delete a to-do, so To-Do has no Delete: mark it done with Update instead.',
	},
};
