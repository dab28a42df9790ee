import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Holiday fields, with their HaloPSA (`Holidays`) names: a day off for a workday or for one agent. */
const holidayFields: HaloField[] = [
	{ key: 'name', kind: 'string', placeholder: 'e.g. New Year’s Day', hint: 'Name of the holiday' },
	{ key: 'date', kind: 'dateTime', hint: 'When the holiday starts' },
	{ key: 'end_date', label: 'End Date', kind: 'dateTime', hint: 'When the holiday ends' },
	{
		key: 'allday',
		label: 'All Day',
		kind: 'boolean',
		hint: 'Whether the holiday takes whole days',
	},
	{ key: 'duration', kind: 'number', minValue: 0, hint: 'Length of the holiday, in hours' },
	{
		key: 'workday_id',
		label: 'Workday ID',
		kind: 'number',
		ref: REF.workday,
		hint: 'Workday the holiday applies to',
	},
	{
		key: 'agent_id',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'Agent whose holiday it is, for leave rather than a public holiday',
	},
	{
		key: 'holiday_type',
		label: 'Holiday Type',
		kind: 'number',
		hint: 'Kind of holiday, as Halo numbers it',
	},
	{
		key: 'isrecurring',
		label: 'Recurring',
		kind: 'boolean',
		hint: 'Whether the holiday comes back every year',
	},
	{
		key: 'approvalnote',
		label: 'Approval Note',
		kind: 'text',
		hint: 'Note for whoever approves the leave',
	},
];

export const holiday: ResourceDefinition = {
	value: 'holiday',
	displayName: 'Holiday',
	description: 'Public holidays of a workday and agents’ leave',
	schemaEntity: 'Holidays',
	path: '/Holiday',
	owner: { kind: 'reference' },
	// Holidays are identified by a GUID (`id`); `holid` is Halo's internal number.
	idType: 'string',
	nameField: 'name',
	pages: false,
	create: createFrom(holidayFields, ['name', 'date']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'workdayid',
				label: 'Workday ID',
				kind: 'number',
				ref: REF.workday,
				hint: 'Only holidays of this workday',
			},
			{
				key: 'agent_id',
				label: 'Agent ID',
				kind: 'number',
				ref: REF.agent,
				hint: 'Only this agent’s leave',
			},
			{
				key: 'start_date',
				label: 'Start Date',
				kind: 'dateTime',
				hint: 'Only holidays from this date',
			},
			{
				key: 'end_date',
				label: 'End Date',
				kind: 'dateTime',
				hint: 'Only holidays up to this date',
			},
			{
				key: 'inclusive_start',
				label: 'Inclusive Start',
				kind: 'boolean',
				hint: 'Whether holidays that began before Start Date but run into it count',
			},
			{
				key: 'inclusive_end',
				label: 'Inclusive End',
				kind: 'boolean',
				hint: 'Whether holidays that run past End Date count',
			},
			{
				key: 'approved_only',
				label: 'Approved Only',
				kind: 'boolean',
				hint: 'Whether to list only approved leave',
			},
			{
				key: 'my_approvals',
				label: 'My Approvals',
				kind: 'boolean',
				hint: 'Whether to list only leave waiting for the API agent’s approval',
			},
		],
	},
	update: { fields: holidayFields },
	delete: {},
};
