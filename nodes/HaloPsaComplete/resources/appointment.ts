import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Appointment fields, with their HaloPSA (`Appointment`) names. */
const appointmentFields: HaloField[] = [
	{ key: 'subject', kind: 'string', hint: 'Subject of the appointment' },
	{ key: 'start_date', label: 'Start Date', kind: 'dateTime', hint: 'When the appointment starts' },
	{ key: 'end_date', label: 'End Date', kind: 'dateTime', hint: 'When the appointment ends' },
	{
		key: 'agent_id',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'ID of the agent the appointment is for',
	},
	{
		key: 'ticket_id',
		label: 'Ticket ID',
		kind: 'number',
		ref: REF.ticket,
		hint: 'ID of the ticket the appointment is about',
	},
	{
		key: 'client_id',
		label: 'Client ID',
		kind: 'number',
		ref: REF.client,
		hint: 'ID of the client the appointment is with',
	},
	{
		key: 'site_id',
		label: 'Site ID',
		kind: 'number',
		ref: REF.site,
		hint: 'ID of the client’s site',
	},
	{
		key: 'user_id',
		label: 'User ID',
		kind: 'number',
		ref: REF.user,
		hint: 'ID of the end user the appointment is with',
	},
	{
		key: 'appointment_type_id',
		label: 'Appointment Type ID',
		kind: 'number',
		hint: 'ID of the appointment type',
	},
	{ key: 'note', kind: 'text', hint: 'Notes for the appointment' },
	{
		key: 'note_html',
		label: 'Note (HTML)',
		kind: 'text',
		hint: 'Notes as HTML, instead of plain Note',
	},
	{
		key: 'allday',
		label: 'All Day',
		kind: 'boolean',
		hint: 'Whether the appointment lasts all day',
	},
	{
		key: 'is_private',
		label: 'Private',
		kind: 'boolean',
		hint: 'Whether only the agent sees the details',
	},
	{
		key: 'is_task',
		label: 'Is Task',
		kind: 'boolean',
		hint: 'Whether it is a task rather than an appointment',
	},
	{
		key: 'appointment_location_free_text',
		label: 'Location',
		kind: 'string',
		hint: 'Where the appointment takes place',
	},
	{
		key: 'online_meeting_url',
		label: 'Online Meeting URL',
		kind: 'string',
		hint: 'Link to the online meeting',
	},
	{
		key: 'inform_agents',
		label: 'Inform Agents',
		kind: 'boolean',
		hint: 'Whether Halo emails the agents an invitation',
	},
	{
		key: 'inform_user',
		label: 'Inform User',
		kind: 'boolean',
		hint: 'Whether Halo emails the end user an invitation',
	},
	{
		key: 'reminderminutes',
		label: 'Reminder (Minutes)',
		kind: 'number',
		hint: 'Minutes before the start to remind the agent',
	},
	{
		key: 'complete_status',
		label: 'Completion Status',
		kind: 'number',
		hint: 'Halo’s completion status number',
	},
	{
		key: 'complete_note',
		label: 'Completion Note',
		kind: 'text',
		hint: 'Note recorded when the appointment is completed',
	},
];

export const appointment: ResourceDefinition = {
	value: 'appointment',
	displayName: 'Appointment',
	description: 'Calendar appointments and tasks of agents',
	schemaEntity: 'Appointment',
	path: '/Appointment',
	owner: { kind: 'clientField', field: 'client_id', listFilter: 'client_id' },
	listKey: 'appointments',
	idType: 'number',
	nameField: 'subject',
	searchParam: 'search',
	pages: true,
	create: createFrom(appointmentFields, ['subject', 'start_date', 'end_date']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'agents',
				label: 'Agent IDs',
				kind: 'idList',
				hint: 'Only the appointments of these agents',
			},
			{
				key: 'start_date',
				label: 'Start Date',
				kind: 'dateTime',
				hint: 'Only appointments ending after this date',
			},
			{
				key: 'end_date',
				label: 'End Date',
				kind: 'dateTime',
				hint: 'Only appointments starting before this date',
			},
			{
				key: 'ticket_id',
				label: 'Ticket ID',
				kind: 'number',
				ref: REF.ticket,
				hint: 'Only the appointments of this ticket',
			},
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only the appointments with this client',
			},
			{ key: 'search', kind: 'string', hint: 'Text to search appointments for' },
			{
				key: 'appointmentsonly',
				label: 'Appointments Only',
				kind: 'boolean',
				hint: 'Whether to leave out tasks',
			},
			{
				key: 'tasksonly',
				label: 'Tasks Only',
				kind: 'boolean',
				hint: 'Whether to list only tasks',
			},
			{
				key: 'hidecompleted',
				label: 'Hide Completed',
				kind: 'boolean',
				hint: 'Whether to leave out completed appointments',
			},
			{
				key: 'excluderecurring',
				label: 'Exclude Recurring',
				kind: 'boolean',
				hint: 'Whether to leave out recurring appointments',
			},
			{
				key: 'showholidays',
				label: 'Show Holidays',
				kind: 'boolean',
				hint: 'Whether to include holidays',
			},
			{
				key: 'showall',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to list every appointment, overriding permissions',
			},
			...orderFilters,
		],
	},
	update: { fields: appointmentFields },
	delete: {
		options: [
			{
				key: 'ignoreexchangedelete',
				label: 'Keep in Exchange',
				kind: 'boolean',
				hint: 'Whether to leave the appointment in the agent’s Exchange calendar',
			},
		],
	},
};
