import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Status fields an admin edits, with their HaloPSA (`TStatus`) names. */
const statusFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Status name' },
	{
		key: 'shortname',
		label: 'Short Name',
		kind: 'string',
		hint: 'Abbreviation shown where space is short',
	},
	{
		key: 'colour',
		label: 'Colour',
		kind: 'color',
		hint: 'Colour shown for the status, like #E83C4A',
	},
	{ key: 'sequence', kind: 'number', hint: 'Position of the status in lists' },
	{ key: 'type', kind: 'number', hint: 'Halo’s status type number' },
	{
		key: 'slaaction',
		label: 'SLA Action',
		kind: 'options',
		default: 'none',
		hint: 'What the status does to the SLA clock',
		options: [
			{ label: 'None', value: 'none' },
			{ label: 'Hold', value: 'hold' },
			{ label: 'Remove Hold', value: 'removehold' },
		],
	},
	{
		key: 'showonquickchange',
		label: 'Show on Quick Change',
		kind: 'boolean',
		default: true,
		hint: 'Whether agents can pick the status from quick change',
	},
	{
		key: 'includeinloadbalance',
		label: 'Include in Load Balance',
		kind: 'boolean',
		default: true,
		hint: 'Whether tickets in this status count towards load balancing',
	},
	{
		key: 'dontsendslareminders',
		label: 'Do Not Send SLA Reminders',
		kind: 'boolean',
		hint: 'Whether SLA reminders stop while a ticket is in this status',
	},
];

export const ticketStatus: ResourceDefinition = {
	value: 'ticketStatus',
	displayName: 'Ticket Status',
	description: 'The statuses a ticket moves through',
	schemaEntity: 'TStatus',
	path: '/Status',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	// Halo's create/update call takes an array here too (OpenAPI: POST /Status, array of TStatus).
	create: createFrom(statusFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'tickettype_id',
				label: 'Ticket Type ID',
				kind: 'number',
				ref: REF.ticketType,
				hint: 'Only statuses allowed for this ticket type',
			},
			{
				key: 'tickettype_ids',
				label: 'Ticket Type IDs',
				kind: 'idList',
				hint: 'Only statuses allowed for these ticket types',
			},
			{
				key: 'tickettype_group_id',
				label: 'Ticket Type Group ID',
				kind: 'number',
				hint: 'Only statuses of ticket types in this group',
			},
			{
				key: 'ticket_id',
				label: 'Ticket ID',
				kind: 'number',
				ref: REF.ticket,
				hint: 'Only statuses the ticket can move to',
			},
			{
				key: 'ticket_id_firstchild',
				label: 'First Child Ticket ID',
				kind: 'number',
				ref: REF.ticket,
				hint: 'Only statuses the first child ticket can move to',
			},
			{
				key: 'outcome_id',
				label: 'Outcome ID',
				kind: 'number',
				ref: REF.outcome,
				hint: 'Only statuses for this action outcome',
			},
			{
				key: 'ticketarea_id',
				label: 'Ticket Area ID',
				kind: 'number',
				hint: 'Ticket area the counts are for',
			},
			{ key: 'view_id', label: 'View ID', kind: 'number', hint: 'Ticket view the counts are for' },
			{ key: 'type', kind: 'string', hint: 'Only statuses of this type' },
			{
				key: 'domain',
				kind: 'string',
				placeholder: 'e.g. reqs',
				hint: 'Ticket area for counts: reqs, opps or prjs',
			},
			{
				key: 'excludeclosed',
				label: 'Exclude Closed',
				kind: 'boolean',
				hint: 'Whether to leave out the Closed status',
			},
			{
				key: 'excludepending',
				label: 'Exclude Pending',
				kind: 'boolean',
				hint: 'Whether to leave out pending statuses',
			},
			{
				key: 'showall',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to show every status, overriding permissions',
			},
			{
				key: 'showcounts',
				label: 'Show Counts',
				kind: 'boolean',
				hint: 'Whether to include ticket counts per status',
			},
			{
				key: 'showquickchangeoptions',
				label: 'Show Quick Change Options',
				kind: 'boolean',
				hint: 'Whether to return only quick change statuses',
			},
			{
				key: 'split_closed',
				label: 'Split Closed',
				kind: 'boolean',
				hint: 'Whether to count closed tickets separately',
			},
		],
	},
	update: { fields: statusFields },
	delete: {},
};
