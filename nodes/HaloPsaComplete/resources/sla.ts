import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Service level agreement settings, with their HaloPSA (`SlaHead`) names. */
const slaFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the SLA' },
	{
		key: 'workday_id',
		label: 'Workday ID',
		kind: 'number',
		hint: 'ID of the working hours the SLA clock runs in',
	},
	{
		key: 'hoursaretechslocaltime',
		label: 'Agent’s Local Time',
		kind: 'boolean',
		hint: 'Whether working hours are in the agent’s time zone',
	},
	{
		key: 'trackslaresponsetime',
		label: 'Track Response Time',
		kind: 'boolean',
		hint: 'Whether the response target is tracked',
	},
	{
		key: 'trackslafixbytime',
		label: 'Track Fix Time',
		kind: 'boolean',
		hint: 'Whether the fix target is tracked',
	},
	{
		key: 'responsereset',
		label: 'Reset Response on Reopen',
		kind: 'boolean',
		hint: 'Whether the response clock restarts when a ticket reopens',
	},
	{
		key: 'autoreleaseoption',
		label: 'Auto Release Hold',
		kind: 'boolean',
		hint: 'Whether a held ticket is released automatically',
	},
	{
		key: 'autoreleaselimit',
		label: 'Auto Release Limit',
		kind: 'number',
		hint: 'Days on hold before the automatic release',
	},
	{
		key: 'statusafterautorelease',
		label: 'Status After Release ID',
		kind: 'number',
		hint: 'Status a released ticket moves to',
	},
	{
		key: 'dontsendholdreminders',
		label: 'No Hold Reminders',
		kind: 'boolean',
		hint: 'Whether reminders stop while a ticket is on hold',
	},
];

export const sla: ResourceDefinition = {
	value: 'sla',
	displayName: 'SLA',
	// "an SLA" in speech; spelled out, no article rule is needed.
	singular: 'service level agreement',
	description: 'Service level agreements and their targets',
	schemaEntity: 'SlaHead',
	path: '/SLA',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(slaFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'showpriorities',
				label: 'Include Priorities',
				kind: 'boolean',
				hint: 'Whether to include each SLA’s priorities',
			},
			{
				key: 'showworkdays',
				label: 'Include Workdays',
				kind: 'boolean',
				hint: 'Whether to include each SLA’s working hours',
			},
			{
				key: 'isconfig',
				label: 'As Configured',
				kind: 'boolean',
				hint: 'Whether to list SLAs as the configuration screen does',
			},
		],
	},
	update: { fields: slaFields },
	delete: {},
};
