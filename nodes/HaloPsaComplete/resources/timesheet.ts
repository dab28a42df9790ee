import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom } from './common';
import { REF } from './references';

/** An agent's day, with its HaloPSA (`Timesheet`) names. */
const timesheetFields: HaloField[] = [
	{
		key: 'agent_id',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'ID of the agent whose timesheet it is',
	},
	{ key: 'date', kind: 'dateTime', hint: 'Day the timesheet covers' },
	{ key: 'agent_name', label: 'Agent Name', kind: 'string', hint: 'Name of the agent' },
	{ key: 'start_time', label: 'Start Time', kind: 'dateTime', hint: 'When the agent’s day starts' },
	{ key: 'end_time', label: 'End Time', kind: 'dateTime', hint: 'When the agent’s day ends' },
	{
		key: 'target_hours',
		label: 'Target Hours',
		kind: 'number',
		hint: 'Hours the agent should log',
	},
	{ key: 'actual_hours', label: 'Actual Hours', kind: 'number', hint: 'Hours the agent logged' },
	{ key: 'work_hours', label: 'Work Hours', kind: 'number', hint: 'Working hours in the day' },
	{ key: 'break_hours', label: 'Break Hours', kind: 'number', hint: 'Hours of break' },
	{
		key: 'colour',
		label: 'Colour',
		kind: 'color',
		hint: 'Colour shown for the timesheet, like #E83C4A',
	},
	{
		key: 'timesheet_manager',
		label: 'Timesheet Manager ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'Agent ID of the agent who approves the timesheet',
	},
	{ key: 'workdayid', label: 'Workday ID', kind: 'number', hint: 'ID of the workday pattern' },
];

export const timesheet: ResourceDefinition = {
	value: 'timesheet',
	displayName: 'Timesheet',
	description: 'Agents’ daily timesheets',
	schemaEntity: 'Timesheet',
	path: '/Timesheet',
	owner: {
		kind: 'unprovable',
		why: "an agent's timesheet holds time on every client's work",
	},
	// Halo's answer is a bare array or a `timesheets` wrapper (unknown); the list reader takes either.
	listKey: 'timesheets',
	idType: 'number',
	nameField: 'agent_name',
	pages: false,
	create: createFrom(timesheetFields, ['agent_id', 'date']),
	get: {
		options: [
			{
				key: 'agent_id',
				label: 'Agent ID',
				kind: 'number',
				ref: REF.agent,
				hint: 'Agent whose timesheet to read',
			},
			{
				key: 'date',
				kind: 'string',
				placeholder: 'e.g. 2024-05-01',
				hint: 'Day whose timesheet to read',
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
				hint: 'Only this agent’s timesheets',
			},
			{
				key: 'date',
				kind: 'string',
				placeholder: 'e.g. 2024-05-01',
				hint: 'Only timesheets for this day',
			},
		],
	},
	update: { fields: timesheetFields },
	unsupported: {
		delete:
			'HaloPSA has no way to delete a timesheet through its API, so this resource has no Delete operation.',
	},
};
