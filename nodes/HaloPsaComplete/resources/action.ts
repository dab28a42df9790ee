import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom } from './common';
import { REF } from './references';

/** The ticket an action belongs to: Halo needs it to read, change or delete an action. */
export const actionTicketId: HaloField = {
	key: 'ticket_id',
	label: 'Ticket ID',
	kind: 'number',
	ref: REF.ticket,
	hint: 'ID of the ticket the action belongs to',
};

/** What an action records, with its HaloPSA (`Actions`) names; also what a ticket's Add Note sends. */
export const actionNoteFields: HaloField[] = [
	{ key: 'note', kind: 'text', hint: 'Text of the note' },
	{
		key: 'note_html',
		label: 'Note (HTML)',
		kind: 'text',
		hint: 'Text of the note as HTML, instead of plain Note',
	},
	{
		key: 'hiddenfromuser',
		label: 'Private (Hidden From User)',
		kind: 'boolean',
		default: true,
		hint: 'Whether the end user cannot see the action (a private note); off makes it public',
	},
	{
		key: 'timetaken',
		label: 'Time Taken (Hours)',
		kind: 'number',
		minValue: 0,
		hint: 'Time spent, in hours, e.g. 0.25 for 15 minutes',
	},
	{
		key: 'chargerate',
		label: 'Charge Rate ID',
		kind: 'number',
		hint: 'ID of the charge rate the time is billed at',
	},
	{
		key: 'actisbillable',
		label: 'Billable',
		kind: 'boolean',
		default: true,
		hint: 'Whether the time is billable',
	},
	{
		key: 'nonbilltime',
		label: 'Non-Billable Time (Hours)',
		kind: 'number',
		minValue: 0,
		hint: 'Hours of the time taken that are not billed',
	},
	{
		key: 'sendemail',
		label: 'Email the User',
		kind: 'boolean',
		hint: 'Whether Halo emails the action to the end user',
		oneShot: {
			done: 'emailed {record} to the end user',
			check: 'the emails on the ticket of {record}',
		},
	},
	{
		key: 'emailto',
		label: 'Email To',
		kind: 'string',
		placeholder: 'name@email.com',
		hint: 'Addresses the email goes to, separated by semicolons',
	},
	{
		key: 'emailcc',
		label: 'Email CC',
		kind: 'string',
		hint: 'Addresses copied on the email, separated by semicolons',
	},
	{ key: 'emailsubject', label: 'Email Subject', kind: 'string', hint: 'Subject of the email' },
	{ key: 'important', kind: 'boolean', hint: 'Whether the action is flagged important' },
	{
		key: 'new_status',
		label: 'New Status ID',
		kind: 'number',
		ref: REF.ticketStatus,
		hint: 'ID of the status the ticket moves to with this action (see Ticket Status: Get Many)',
	},
	{
		key: 'actionarrivaldate',
		label: 'Arrival Date',
		kind: 'dateTime',
		hint: 'When work on the action started',
	},
	{
		key: 'actioncompletiondate',
		label: 'Completion Date',
		kind: 'dateTime',
		hint: 'When work on the action finished',
	},
];

/** Action fields a create or update sets. */
const actionFields: HaloField[] = [
	actionTicketId,
	{
		key: 'outcome',
		label: 'Outcome Name',
		kind: 'string',
		placeholder: 'e.g. Private Note',
		hint: 'Name of the action’s outcome, as set up in Halo (see Outcome: Get Many)',
	},
	{
		key: 'outcome_id',
		label: 'Outcome ID',
		kind: 'number',
		ref: REF.outcome,
		hint: 'ID of the outcome, instead of its name',
	},
	...actionNoteFields,
	{
		key: 'who_agentid',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'ID of the agent the action is recorded for',
	},
];

export const action: ResourceDefinition = {
	value: 'action',
	displayName: 'Action',
	singular: 'ticket action',
	description: 'Notes, emails and time entries on a ticket',
	schemaEntity: 'Actions',
	path: '/Actions',
	owner: { kind: 'parent', parents: [{ field: 'ticket_id', resource: 'ticket' }] },
	listKey: 'actions',
	idType: 'number',
	nameField: 'note',
	// The list takes `count`, not pages (halo-behaviour.md#count-limit).
	pages: false,
	create: createFrom(actionFields, ['ticket_id', 'outcome']),
	get: {
		required: [actionTicketId],
		options: [
			{
				key: 'includedetails',
				label: 'Include Details',
				kind: 'boolean',
				hint: 'Whether to include extra objects',
			},
			{
				key: 'includeemail',
				label: 'Include Email',
				kind: 'boolean',
				hint: 'Whether to include the email body, plain and HTML',
			},
		],
	},
	getMany: {
		required: [actionTicketId],
		filters: [
			{
				key: 'agentonly',
				label: 'Agent Actions Only',
				kind: 'boolean',
				hint: 'Whether to list only actions done by agents',
			},
			{
				key: 'excludesys',
				label: 'Exclude System Actions',
				kind: 'boolean',
				hint: 'Whether to leave out system actions',
			},
			{
				key: 'excludeprivate',
				label: 'Public Actions Only',
				kind: 'boolean',
				hint: 'Whether to leave out private actions',
			},
			{
				key: 'conversationonly',
				label: 'Conversation Only',
				kind: 'boolean',
				hint: 'Whether to list only the agent–end user conversation',
			},
			{
				key: 'importantonly',
				label: 'Important Only',
				kind: 'boolean',
				hint: 'Whether to list only important actions',
			},
			{
				key: 'timeentriesonly',
				label: 'Time Entries Only',
				kind: 'boolean',
				hint: 'Whether to list only actions with time entries',
			},
			{
				key: 'slaonly',
				label: 'SLA Actions Only',
				kind: 'boolean',
				hint: 'Whether to list only SLA hold and release actions',
			},
			{
				key: 'supplieronly',
				label: 'Supplier Actions Only',
				kind: 'boolean',
				hint: 'Whether to list only actions about suppliers',
			},
			{
				key: 'excludebilling',
				label: 'Exclude Billing Actions',
				kind: 'boolean',
				hint: 'Whether to leave out billing actions such as Send Invoice by Email',
			},
			{
				key: 'ischildnotes',
				label: 'Child Ticket Actions',
				kind: 'boolean',
				hint: 'Whether to list the actions of child tickets',
			},
			{
				key: 'isrelatednotes',
				label: 'Related Ticket Actions',
				kind: 'boolean',
				hint: 'Whether to list the actions of related tickets',
			},
			{
				key: 'actoutcome',
				label: 'Outcome',
				kind: 'string',
				hint: 'Only actions with this outcome name',
			},
			{
				key: 'startdate',
				label: 'Start Date',
				kind: 'dateTime',
				hint: 'Only actions on or after this date',
			},
			{
				key: 'enddate',
				label: 'End Date',
				kind: 'dateTime',
				hint: 'Only actions on or before this date',
			},
			{
				key: 'includeattachments',
				label: 'Include Attachments',
				kind: 'boolean',
				hint: 'Whether to include attachment details',
			},
			{
				key: 'includehtmlnote',
				label: 'Include HTML Note',
				kind: 'boolean',
				hint: 'Whether to include each note as HTML',
			},
			{
				key: 'includeagentdetails',
				label: 'Include Agent Details',
				kind: 'boolean',
				hint: 'Whether to include the agent’s details',
			},
		],
	},
	update: {
		required: [actionTicketId],
		fields: actionFields.filter((field) => field !== actionTicketId),
	},
	// Halo deletes an action only when told its ticket (halo-behaviour.md#delete).
	delete: { required: [actionTicketId] },
};
