import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Priority fields, with their HaloPSA (`Policy`) names: a row is one priority under one SLA. */
const priorityFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the priority' },
	{
		key: 'slaid',
		label: 'SLA ID',
		kind: 'number',
		ref: REF.sla,
		hint: 'ID of the SLA this priority row belongs to',
	},
	{
		key: 'priorityid',
		label: 'Priority Number',
		kind: 'number',
		hint: 'Number of the priority (the priority_id tickets carry)',
	},
	{
		key: 'responsetime',
		label: 'Response Time',
		kind: 'number',
		hint: 'Time to respond, in Response Units',
	},
	{
		key: 'responseunits',
		label: 'Response Units',
		kind: 'string',
		placeholder: 'e.g. hours',
		hint: 'Unit of the response time',
	},
	{ key: 'fixtime', label: 'Fix Time', kind: 'number', hint: 'Time to fix, in Fix Units' },
	{
		key: 'fixunits',
		label: 'Fix Units',
		kind: 'string',
		placeholder: 'e.g. days',
		hint: 'Unit of the fix time',
	},
	{
		key: 'colour',
		label: 'Colour',
		kind: 'color',
		hint: 'Colour shown for the priority, like #E83C4A',
	},
	{
		key: 'ishidden',
		label: 'Hidden',
		kind: 'boolean',
		hint: 'Whether the priority is hidden from pickers',
	},
	{
		key: 'startofday',
		label: 'Start of Day',
		kind: 'boolean',
		hint: 'Whether the SLA clock starts at the start of the next working day',
	},
	{
		key: 'fixendofday',
		label: 'Fix by End of Day',
		kind: 'boolean',
		hint: 'Whether the fix target moves to the end of that working day',
	},
	{
		key: 'enterslaexcuse',
		label: 'Require SLA Excuse',
		kind: 'boolean',
		hint: 'Whether agents must give a reason when the fix target is missed',
	},
];

export const priority: ResourceDefinition = {
	value: 'priority',
	displayName: 'Priority',
	plural: 'priorities',
	description: 'Ticket priorities, with their response and fix times per SLA',
	schemaEntity: 'Policy',
	path: '/Priority',
	owner: { kind: 'reference' },
	// One row per priority and SLA, identified by a GUID; `priorityid` is the number tickets use.
	idType: 'string',
	nameField: 'name',
	pages: false,
	create: createFrom(priorityFields, ['name', 'slaid']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'slaid',
				label: 'SLA ID',
				kind: 'number',
				ref: REF.sla,
				hint: 'Only the priorities of this SLA',
			},
			{
				key: 'includedistinct',
				label: 'Distinct Only',
				kind: 'boolean',
				hint: 'Whether to list each priority once, whatever the SLA',
			},
		],
	},
	update: { fields: priorityFields },
	delete: {},
};
