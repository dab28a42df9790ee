import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Workday fields, with their HaloPSA (`Workdays`) names: working hours that SLAs and bookings count in. */
const workdayFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the workday' },
	{ key: 'summary', kind: 'string', hint: 'Short description of the workday' },
	{
		key: 'timezone',
		kind: 'string',
		placeholder: 'e.g. Europe/London',
		hint: 'Time zone the hours are in',
	},
	{
		key: 'alldayssame',
		label: 'All Days the Same',
		kind: 'boolean',
		hint: 'Whether every working day has the same hours (Start and End)',
	},
	{
		key: 'start',
		kind: 'dateTime',
		hint: 'When work starts (the time counts), when all days are the same',
	},
	{
		key: 'end',
		kind: 'dateTime',
		hint: 'When work ends (the time counts), when all days are the same',
	},
	{
		key: 'incmonday',
		label: 'Include Monday',
		kind: 'boolean',
		hint: 'Whether Monday is a working day',
	},
	{
		key: 'inctuesday',
		label: 'Include Tuesday',
		kind: 'boolean',
		hint: 'Whether Tuesday is a working day',
	},
	{
		key: 'incwednesday',
		label: 'Include Wednesday',
		kind: 'boolean',
		hint: 'Whether Wednesday is a working day',
	},
	{
		key: 'incthursday',
		label: 'Include Thursday',
		kind: 'boolean',
		hint: 'Whether Thursday is a working day',
	},
	{
		key: 'incfriday',
		label: 'Include Friday',
		kind: 'boolean',
		hint: 'Whether Friday is a working day',
	},
	{
		key: 'incsaturday',
		label: 'Include Saturday',
		kind: 'boolean',
		hint: 'Whether Saturday is a working day',
	},
	{
		key: 'incsunday',
		label: 'Include Sunday',
		kind: 'boolean',
		hint: 'Whether Sunday is a working day',
	},
	{
		key: 'startmonday',
		label: 'Monday Start',
		kind: 'dateTime',
		hint: 'When work starts on Monday (the time counts), unless every day is the same',
	},
	{
		key: 'endmonday',
		label: 'Monday End',
		kind: 'dateTime',
		hint: 'When work ends on Monday (the time counts), unless every day is the same',
	},
	{
		key: 'starttuesday',
		label: 'Tuesday Start',
		kind: 'dateTime',
		hint: 'When work starts on Tuesday (the time counts), unless every day is the same',
	},
	{
		key: 'endtuesday',
		label: 'Tuesday End',
		kind: 'dateTime',
		hint: 'When work ends on Tuesday (the time counts), unless every day is the same',
	},
	{
		key: 'startwednesday',
		label: 'Wednesday Start',
		kind: 'dateTime',
		hint: 'When work starts on Wednesday (the time counts), unless every day is the same',
	},
	{
		key: 'endwednesday',
		label: 'Wednesday End',
		kind: 'dateTime',
		hint: 'When work ends on Wednesday (the time counts), unless every day is the same',
	},
	{
		key: 'startthursday',
		label: 'Thursday Start',
		kind: 'dateTime',
		hint: 'When work starts on Thursday (the time counts), unless every day is the same',
	},
	{
		key: 'endthursday',
		label: 'Thursday End',
		kind: 'dateTime',
		hint: 'When work ends on Thursday (the time counts), unless every day is the same',
	},
	{
		key: 'startfriday',
		label: 'Friday Start',
		kind: 'dateTime',
		hint: 'When work starts on Friday (the time counts), unless every day is the same',
	},
	{
		key: 'endfriday',
		label: 'Friday End',
		kind: 'dateTime',
		hint: 'When work ends on Friday (the time counts), unless every day is the same',
	},
	{
		key: 'startsaturday',
		label: 'Saturday Start',
		kind: 'dateTime',
		hint: 'When work starts on Saturday (the time counts), unless every day is the same',
	},
	{
		key: 'endsaturday',
		label: 'Saturday End',
		kind: 'dateTime',
		hint: 'When work ends on Saturday (the time counts), unless every day is the same',
	},
	{
		key: 'startsunday',
		label: 'Sunday Start',
		kind: 'dateTime',
		hint: 'When work starts on Sunday (the time counts), unless every day is the same',
	},
	{
		key: 'endsunday',
		label: 'Sunday End',
		kind: 'dateTime',
		hint: 'When work ends on Sunday (the time counts), unless every day is the same',
	},
];

export const workday: ResourceDefinition = {
	value: 'workday',
	displayName: 'Workday',
	description: 'Working hours and days that SLAs and bookings count in',
	schemaEntity: 'Workdays',
	path: '/Workday',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(workdayFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'showholidays',
				label: 'Show Holidays',
				kind: 'boolean',
				hint: 'Whether to include each workday’s holidays',
			},
			{
				key: 'isconfig',
				label: 'Configuration View',
				kind: 'boolean',
				hint: 'Whether to answer as Halo’s configuration screen lists them',
			},
			{
				key: 'access_control_level',
				label: 'Access Control Level',
				kind: 'number',
				hint: 'Only workdays at this access control level',
			},
		],
	},
	update: { fields: workdayFields },
	delete: {},
};
