import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Schedule fields, with their HaloPSA (`Schedule`) names: a recurring ticket Halo logs by itself. */
const scheduleFields: HaloField[] = [
	{ key: 'subject', kind: 'string', hint: 'Summary of the tickets the schedule logs' },
	{
		key: 'requesttype',
		label: 'Ticket Type ID',
		kind: 'number',
		ref: REF.ticketType,
		hint: 'Ticket type of the tickets the schedule logs',
	},
	{
		key: 'agentid',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'Agent the logged tickets are assigned to',
	},
	{ key: 'type', kind: 'number', hint: 'Kind of schedule, as Halo numbers it' },
	{ key: 'startdate', label: 'Start Date', kind: 'dateTime', hint: 'When the schedule starts' },
	{ key: 'enddate', label: 'End Date', kind: 'dateTime', hint: 'When the schedule ends' },
	{
		key: 'nextcreationdate',
		label: 'Next Creation Date',
		kind: 'dateTime',
		hint: 'When the schedule next logs a ticket',
	},
	{ key: 'hours', kind: 'number', minValue: 0, hint: 'Hours each logged ticket is estimated at' },
	{
		key: 'recurrencepattern',
		label: 'Recurrence Pattern',
		kind: 'number',
		hint: 'How often it recurs: Halo’s number for daily, weekly, monthly or yearly',
	},
	{
		key: 'dailyrecurrencepattern',
		label: 'Daily Pattern',
		kind: 'number',
		hint: 'Daily recurrence: every N days or every weekday, as Halo numbers it',
	},
	{
		key: 'dailyrecurrencedays',
		label: 'Every N Days',
		kind: 'number',
		minValue: 1,
		hint: 'Days between occurrences, for a daily schedule',
	},
	{
		key: 'weeklyrecurrenceweeks',
		label: 'Every N Weeks',
		kind: 'number',
		minValue: 1,
		hint: 'Weeks between occurrences, for a weekly schedule',
	},
	{
		key: 'weeklyrecurrencestring',
		label: 'Weekdays',
		kind: 'string',
		hint: 'Days of the week a weekly schedule runs on, as Halo writes them',
	},
	{
		key: 'monthlyrecurrencepattern',
		label: 'Monthly Pattern',
		kind: 'number',
		hint: 'Monthly recurrence: a date or a weekday of the month, as Halo numbers it',
	},
	{
		key: 'monthlyrecurrencespecificdate',
		label: 'Day of Month',
		kind: 'number',
		minValue: 1,
		maxValue: 31,
		hint: 'Date in the month a monthly schedule runs on',
	},
	{
		key: 'monthlyrecurrencespecificdateinterval',
		label: 'Every N Months',
		kind: 'number',
		minValue: 1,
		hint: 'Months between occurrences, for a monthly schedule on a date',
	},
	{
		key: 'rangeofrecurrence',
		label: 'End Rule',
		kind: 'number',
		hint: 'How the schedule ends: no end, after a number of times, or on the end date, as Halo numbers it',
	},
	{
		key: 'endafteramount',
		label: 'End After Occurrences',
		kind: 'number',
		minValue: 1,
		hint: 'Number of tickets after which the schedule ends',
	},
];

export const schedule: ResourceDefinition = {
	value: 'schedule',
	displayName: 'Schedule',
	description: 'Scheduled (recurring) tickets that Halo logs by itself',
	schemaEntity: 'Schedule',
	path: '/Schedule',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'subject',
	pages: false,
	create: createFrom(scheduleFields, ['subject']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'type', kind: 'number', hint: 'Only schedules of this kind, as Halo numbers it' },
			{
				key: 'primaryid',
				label: 'Primary ID',
				kind: 'number',
				hint: 'Only schedules of this record (such as a contract), by its ID',
			},
			{
				key: 'includedetails',
				label: 'Include Details',
				kind: 'boolean',
				hint: 'Whether to include nested objects',
			},
		],
	},
	update: { fields: scheduleFields },
	unsupported: {
		delete: 'HaloPSA’s API has no way to delete a schedule, so Schedule has no Delete operation.',
	},
};
