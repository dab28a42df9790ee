import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom } from './common';
import { REF } from './references';

/** An entry on an agent's timesheet, with its HaloPSA (`TimesheetEvent`) names. */
const eventFields: HaloField[] = [
	{
		key: 'agent_id',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'ID of the agent whose timesheet the event is on',
	},
	{ key: 'subject', kind: 'string', hint: 'Subject of the event' },
	{ key: 'start_date', label: 'Start Date', kind: 'dateTime', hint: 'When the event starts' },
	{ key: 'end_date', label: 'End Date', kind: 'dateTime', hint: 'When the event ends' },
	{ key: 'event_type', label: 'Event Type', kind: 'number', hint: 'Halo event type number' },
	{ key: 'timetaken', label: 'Time Taken (Hours)', kind: 'number', hint: 'Hours the event took' },
	{
		key: 'ticket_id',
		label: 'Ticket ID',
		kind: 'number',
		ref: REF.ticket,
		hint: 'ID of the ticket the event is for',
	},
	{ key: 'note', kind: 'text', hint: 'Note about the event' },
];

export const timesheetEvent: ResourceDefinition = {
	value: 'timesheetEvent',
	displayName: 'Timesheet Event',
	description: 'Entries on agents’ timesheets',
	schemaEntity: 'TimesheetEvent',
	path: '/TimesheetEvent',
	owner: {
		kind: 'unprovable',
		why: "an agent's calendar holds events of every client",
	},
	idType: 'number',
	nameField: 'subject',
	pages: false,
	create: createFrom(eventFields, ['agent_id']),
	get: {
		options: [
			{
				key: 'includedetails',
				label: 'Include Details',
				kind: 'boolean',
				hint: 'Whether to include nested details',
			},
		],
	},
	getMany: {
		filters: [
			{
				key: 'agent_id',
				label: 'Agent ID',
				kind: 'number',
				ref: REF.agent,
				hint: 'Only this agent’s events',
			},
			{ key: 'agents', label: 'Agent IDs', kind: 'idList', hint: 'Only these agents’ events' },
			{
				key: 'start_date',
				label: 'Start Date',
				kind: 'dateTime',
				hint: 'Only events ending on or after this',
			},
			{
				key: 'end_date',
				label: 'End Date',
				kind: 'dateTime',
				hint: 'Only events starting on or before this',
			},
			{
				key: 'utcoffset',
				label: 'UTC Offset',
				kind: 'number',
				hint: 'Offset from UTC that Halo applies to Start Date and End Date',
			},
		],
	},
	update: { fields: eventFields },
	delete: {},
};
