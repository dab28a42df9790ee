import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Action outcome settings, with their HaloPSA (`TOutcome`) names. */
const outcomeFields: HaloField[] = [
	{
		key: 'outcome',
		label: 'Name',
		kind: 'string',
		hint: 'Name of the outcome, as actions record it',
	},
	{
		key: 'buttonname',
		label: 'Button Name',
		kind: 'string',
		hint: 'Text of the action button agents click',
	},
	{
		key: 'labellong',
		label: 'Long Label',
		kind: 'string',
		hint: 'Longer description of the outcome',
	},
	{ key: 'sequence', kind: 'number', hint: 'Position of the outcome in lists' },
	{
		key: 'colour',
		label: 'Colour',
		kind: 'color',
		hint: 'Colour shown for the outcome, like #E83C4A',
	},
	{ key: 'hidden', kind: 'boolean', hint: 'Whether the outcome is hidden from agents' },
	{
		key: 'newstatus',
		label: 'New Status ID',
		kind: 'number',
		ref: REF.ticketStatus,
		hint: 'Status a ticket moves to with this outcome',
	},
	{
		key: 'defaultagent',
		label: 'Default Agent ID',
		kind: 'number',
		hint: 'Agent a ticket is assigned to with this outcome',
	},
	{
		key: 'defaultteam',
		label: 'Default Team Name',
		kind: 'string',
		hint: 'Team a ticket is assigned to with this outcome',
	},
	{
		key: 'defaultmanhrs',
		label: 'Default Time (Hours)',
		kind: 'number',
		hint: 'Time taken filled in by default',
	},
	{
		key: 'chargerate',
		label: 'Charge Rate ID',
		kind: 'number',
		hint: 'Charge rate of the time taken',
	},
	{
		key: 'hidefromuser',
		label: 'Private by Default',
		kind: 'boolean',
		hint: 'Whether actions with this outcome are hidden from the end user',
	},
	{
		key: 'mustaddnote',
		label: 'Note Required',
		kind: 'boolean',
		hint: 'Whether agents must write a note',
	},
	{ key: 'default_note', label: 'Default Note', kind: 'text', hint: 'Note filled in by default' },
];

export const outcome: ResourceDefinition = {
	value: 'outcome',
	displayName: 'Outcome',
	singular: 'action outcome',
	description: 'The kinds of action agents take on tickets (notes, emails, closures)',
	schemaEntity: 'TOutcome',
	path: '/Outcome',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'outcome',
	pages: false,
	create: createFrom(outcomeFields, ['outcome']),
	get: {
		options: [
			includeDetailsOption,
			{
				key: 'ticket_id',
				label: 'Ticket ID',
				kind: 'number',
				ref: REF.ticket,
				hint: 'Ticket to read the outcome’s settings for',
			},
		],
	},
	getMany: {
		filters: [
			{
				key: 'tickettype_id',
				label: 'Ticket Type ID',
				kind: 'number',
				ref: REF.ticketType,
				hint: 'Only outcomes allowed for this ticket type',
			},
			{
				key: 'workflow_id',
				label: 'Workflow ID',
				kind: 'number',
				hint: 'Only outcomes of this workflow',
			},
			{
				key: 'workflow_step',
				label: 'Workflow Step',
				kind: 'number',
				hint: 'Only outcomes of this workflow step',
			},
			{
				key: 'status',
				label: 'Status ID',
				kind: 'number',
				hint: 'Only outcomes allowed in this ticket status',
			},
			{
				key: 'excludesystemactions',
				label: 'Exclude System Actions',
				kind: 'boolean',
				hint: 'Whether to leave out Halo’s system outcomes',
			},
			{
				key: 'showsystemactions',
				label: 'Show System Actions',
				kind: 'boolean',
				hint: 'Whether to include Halo’s system outcomes',
			},
			{
				key: 'showhidden',
				label: 'Show Hidden',
				kind: 'boolean',
				hint: 'Whether to include hidden outcomes',
			},
			{
				key: 'quick_only',
				label: 'Quick Actions Only',
				kind: 'boolean',
				hint: 'Whether to list only quick actions',
			},
		],
	},
	update: { fields: outcomeFields },
	delete: {},
};
