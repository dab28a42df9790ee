import { withArticle } from '../engine/nouns';
import type { ExtraAction, HaloField, ResourceDefinition } from '../engine/types';
import { actionNoteFields } from './action';
import { createFrom, customFieldsByLabel, customFieldsField, includeDetailsOption, lastUpdatedFilters, orderFilters } from './common';
import { REF } from './references';

/** Ticket fields a create or update sets, with their HaloPSA (`Faults`) names. */
export const ticketFields: HaloField[] = [
	{ key: 'summary', kind: 'string', hint: 'One-line summary of the ticket' },
	{ key: 'details', kind: 'text', hint: 'Full description of the ticket' },
	{ key: 'details_html', label: 'Details (HTML)', kind: 'text', hint: 'Full description as HTML, instead of plain Details' },
	{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'ID of the client the ticket is for' },
	{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'ID of the client’s site' },
	{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'ID of the end user who reported the ticket' },
	{ key: 'tickettype_id', label: 'Ticket Type ID', kind: 'number', ref: REF.ticketType, default: 1, hint: 'Ticket type of the ticket' },
	{ key: 'status_id', label: 'Status ID', kind: 'number', ref: REF.ticketStatus, default: 1, hint: 'Status of the ticket, such as Closed' },
	{ key: 'priority_id', label: 'Priority ID', kind: 'number', ref: REF.priority, default: 4, hint: 'Priority of the ticket' },
	{ key: 'agent_id', label: 'Agent ID', kind: 'number', ref: REF.agent, hint: 'ID of the agent the ticket is assigned to' },
	{ key: 'team_id', label: 'Team ID', kind: 'number', ref: REF.team, hint: 'ID of the team the ticket is assigned to' },
	{ key: 'team', label: 'Team Name', kind: 'string', hint: 'Name of the team the ticket is assigned to' },
	{ key: 'sla_id', label: 'SLA ID', kind: 'number', ref: REF.sla, hint: 'ID of the service level agreement' },
	{ key: 'parent_id', label: 'Parent Ticket ID', kind: 'number', ref: REF.ticket, hint: 'ID of the parent ticket, making this a child ticket' },
	{ key: 'contract_id', label: 'Contract ID', kind: 'number', ref: REF.contract, hint: 'ID of the client contract the ticket is billed against' },
	{ key: 'category_1', label: 'Category 1', kind: 'string', ref: REF.category1, hint: 'First category value, as Halo shows it' },
	{ key: 'category_2', label: 'Category 2', kind: 'string', ref: REF.category2, hint: 'Second category value' },
	{ key: 'category_3', label: 'Category 3', kind: 'string', ref: REF.category3, hint: 'Third category value' },
	{ key: 'category_4', label: 'Category 4', kind: 'string', ref: REF.category4, hint: 'Fourth category value' },
	{ key: 'impact', kind: 'number', hint: 'Impact level, as set up in Halo’s priority matrix' },
	{ key: 'urgency', kind: 'number', hint: 'Urgency level, as set up in Halo’s priority matrix' },
	{ key: 'dateoccurred', label: 'Date Occurred', kind: 'dateTime', hint: 'When the issue occurred (the date opened)' },
	{ key: 'startdate', label: 'Start Date', kind: 'dateTime', hint: 'When work is planned to start' },
	{ key: 'targetdate', label: 'Target Date', kind: 'dateTime', hint: 'When work is planned to finish' },
	{ key: 'deadlinedate', label: 'Deadline Date', kind: 'dateTime', hint: 'Hard deadline for the ticket' },
	{ key: 'followupdate', label: 'Follow Up Date', kind: 'dateTime', hint: 'When to follow the ticket up' },
	{ key: 'estimate', label: 'Estimate (Hours)', kind: 'number', hint: 'Estimated time to resolve, in hours' },
	{ key: 'cost', kind: 'number', hint: 'Cost of the ticket' },
	{ key: 'quantity', kind: 'number', default: 1, hint: 'Quantity, for billing' },
	{ key: 'isbillable', label: 'Billable', kind: 'boolean', default: true, hint: 'Whether time on the ticket is billable' },
	{ key: 'excludefromsla', label: 'Exclude From SLA', kind: 'boolean', hint: 'Whether the ticket is left out of SLA calculations' },
	{ key: 'flagged', kind: 'boolean', hint: 'Whether the ticket is flagged' },
	{ key: 'onhold', label: 'On Hold', kind: 'boolean', hint: 'Whether the ticket is on hold' },
	{ key: 'showforusers', label: 'Show for Users', kind: 'boolean', default: true, hint: 'Whether end users see the ticket on the portal' },
	{ key: 'is_vip', label: 'Is VIP', kind: 'boolean', hint: 'Whether the ticket is for a VIP' },
	{ key: 'isimportantcontact', label: 'Important Contact', kind: 'boolean', hint: 'Whether the reporter is an important contact' },
	{ key: 'source', kind: 'number', hint: 'Number of the source the ticket came from (email, phone, portal…)' },
	{ key: 'reportedby', label: 'Reported By', kind: 'string', hint: 'Name of the person who reported the ticket' },
	{ key: 'user_email', label: 'User Email', kind: 'string', placeholder: 'name@email.com', hint: 'Email address of the reporting user' },
	{ key: 'phonenumber', label: 'Phone Number', kind: 'string', hint: 'Phone number of the reporting user' },
	{ key: 'emailtolist', label: 'Email To List', kind: 'string', hint: 'Addresses, separated by semicolons, that ticket emails go to' },
	{ key: 'emailcclist', label: 'Email CC List', kind: 'string', hint: 'Addresses, separated by semicolons, copied on ticket emails' },
	{ key: 'ticket_tags', label: 'Ticket Tags', kind: 'string', placeholder: 'e.g. network,urgent', hint: 'Tags on the ticket, comma-separated' },
	{ key: 'userdef1', label: 'User Defined 1', kind: 'string', hint: 'Legacy user-defined field 1' },
	{ key: 'userdef2', label: 'User Defined 2', kind: 'string', hint: 'Legacy user-defined field 2' },
	{ key: 'userdef3', label: 'User Defined 3', kind: 'string', hint: 'Legacy user-defined field 3' },
	{ key: 'userdef4', label: 'User Defined 4', kind: 'string', hint: 'Legacy user-defined field 4' },
	{ key: 'userdef5', label: 'User Defined 5', kind: 'string', hint: 'Legacy user-defined field 5' },
	{ key: 'oppcompanyname', label: 'Company Name', kind: 'string', hint: 'Company name (opportunities and unknown reporters)' },
	{ key: 'oppcontactname', label: 'Contact Name', kind: 'string', hint: 'Contact name (opportunities and unknown reporters)' },
	{ key: 'oppemailaddress', label: 'Email Address', kind: 'string', placeholder: 'name@email.com', hint: 'Contact email address' },
	{ key: 'opptel', label: 'Telephone', kind: 'string', hint: 'Contact telephone number' },
	{ key: 'oppaddr1', label: 'Address Line 1', kind: 'string', hint: 'First address line' },
	{ key: 'oppaddr2', label: 'Address Line 2', kind: 'string', hint: 'Second address line' },
	{ key: 'oppaddr3', label: 'City', kind: 'string', hint: 'Town or city' },
	{ key: 'oppaddr4', label: 'State/Region', kind: 'string', hint: 'State, county or region' },
	{ key: 'opppostcode', label: 'Postal Code', kind: 'string', hint: 'Postal or ZIP code' },
	customFieldsByLabel,
	customFieldsField('ticket'),
];

/** Values Halo's `datesearch` takes: its own column names, hence "dateoccured" with one r. */
const dateSearchOptions = [
	{ label: 'Date Opened', value: 'dateoccured' },
	{ label: 'Date Closed', value: 'datecleared' },
	{ label: 'Date Created', value: 'datecreated' },
	{ label: 'Deadline Date', value: 'deadlinedate' },
	{ label: 'Fix By Date', value: 'fixbydate' },
	{ label: 'Last Action Date', value: 'lastactiondate' },
	{ label: 'Last Update', value: 'last_update' },
	{ label: 'Respond By Date', value: 'respondbydate' },
	{ label: 'SLA Action Date', value: 'slaactiondate' },
	{ label: 'Target Date', value: 'targetdate' },
];

export const ticketGetOptions: HaloField[] = [
	{ ...includeDetailsOption, default: true },
	{ key: 'includeagent', label: 'Include Agent Details', kind: 'boolean', hint: 'Whether to include the assigned agent’s details' },
	{ key: 'include_auditing', label: 'Include Auditing', kind: 'boolean', hint: 'Whether to include the audit trail' },
	{ key: 'includechildids', label: 'Include Child IDs', kind: 'boolean', hint: 'Whether to include the IDs of child tickets' },
	{ key: 'includelastaction', label: 'Include Last Action', kind: 'boolean', hint: 'Whether to include the most recent action' },
	{ key: 'includelastappointment', label: 'Include Last Appointment', kind: 'boolean', hint: 'Whether to include the last appointment' },
	{ key: 'includenextappointment', label: 'Include Next Appointment', kind: 'boolean', hint: 'Whether to include the next appointment' },
	{ key: 'includelinkedobjects', label: 'Include Linked Objects', kind: 'boolean', hint: 'Whether to include linked objects' },
	{ key: 'includeparentchangeinfo', label: 'Include Parent Change Info', kind: 'boolean', hint: 'Whether to include change information from the parent ticket' },
	{ key: 'includeparentsubject', label: 'Include Parent Subject', kind: 'boolean', hint: 'Whether to include the parent ticket’s summary' },
	{ key: 'includeseenby', label: 'Include Seen By', kind: 'boolean', hint: 'Whether to include who has seen the ticket' },
	{ key: 'consignablelines', label: 'Consignable Lines', kind: 'boolean', hint: 'Whether to include consignable lines' },
	{ key: 'dodatabaselookup', label: 'Do Database Lookup', kind: 'boolean', hint: 'Whether to run the ticket’s database lookups' },
	{ key: 'isdetailscreen', label: 'Is Details Screen', kind: 'boolean', hint: 'Whether to answer as for Halo’s ticket details screen' },
	{ key: 'ishalolink', label: 'Is Halo Link', kind: 'boolean', hint: 'Whether the request comes from Halo Link' },
	{ key: 'is_portal', label: 'Is Portal', kind: 'boolean', hint: 'Whether to answer as the end-user portal would see it' },
	{ key: 'ispreview', label: 'Is Preview', kind: 'boolean', hint: 'Whether to answer as a preview' },
	{ key: 'isteams', label: 'Is Teams', kind: 'boolean', hint: 'Whether to answer as for Microsoft Teams' },
	{ key: 'nocache', label: 'No Cache', kind: 'boolean', hint: 'Whether to bypass Halo’s cache' },
	{ key: 'ticketidonly', label: 'Ticket ID Only', kind: 'boolean', hint: 'Whether to return only details of this ticket itself' },
	{ key: 'debug', kind: 'boolean', hint: 'Whether to include debug information' },
	{ key: 'assignedto', label: 'Assigned To', kind: 'number', ref: REF.agent, hint: 'Agent ID to check the assignment against' },
	{ key: 'utcoffset', label: 'UTC Offset', kind: 'number', hint: 'Offset added to UTC dates in the answer' },
	{ key: 'amailentryid', label: 'Mail Entry ID', kind: 'string', hint: 'Mail entry ID the ticket was opened from' },
	{ key: 'email', kind: 'string', hint: 'Email address to look the ticket up for' },
	{ key: 'subject', kind: 'string', hint: 'Email subject to look the ticket up for' },
];

/**
 * The ticket list filters people use, under Halo's own names. Halo takes about 190; the rest go
 * through "More Filters". Names follow GET /Tickets: the list filter for ticket type is
 * `requesttype_id`, and priorities, teams and categories are filtered by ID lists.
 */
export const ticketListFilters: HaloField[] = [
	{ key: 'search', kind: 'string', hint: 'Text to search the tickets for' },
	{ key: 'search_summary', label: 'Search Summary', kind: 'string', hint: 'Text to search ticket summaries for' },
	{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only tickets of this client' },
	{ key: 'client_ids', label: 'Client IDs', kind: 'idList', hint: 'Only tickets of these clients' },
	{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Only tickets of this site' },
	{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'Only tickets of this end user' },
	{ key: 'toplevel_id', label: 'Top Level ID', kind: 'number', ref: REF.topLevel, hint: 'Only tickets of clients under this top level' },
	{ key: 'agent_id', label: 'Agent ID', kind: 'number', ref: REF.agent, hint: 'Only tickets assigned to this agent' },
	{ key: 'agent', label: 'Agent IDs', kind: 'idList', hint: 'Only tickets assigned to these agents' },
	{ key: 'team_id', label: 'Team ID', kind: 'number', ref: REF.team, hint: 'Only tickets assigned to this team' },
	{ key: 'team', label: 'Team IDs', kind: 'idList', hint: 'Only tickets assigned to these teams' },
	{ key: 'status_id', label: 'Status ID', kind: 'number', ref: REF.ticketStatus, hint: 'Only tickets in this status' },
	{ key: 'status', label: 'Status IDs', kind: 'idList', hint: 'Only tickets in these statuses' },
	{ key: 'requesttype_id', label: 'Ticket Type ID', kind: 'number', ref: REF.ticketType, hint: 'Only tickets of this ticket type' },
	{ key: 'requesttype', label: 'Ticket Type IDs', kind: 'idList', hint: 'Only tickets of these ticket types' },
	{ key: 'priority', label: 'Priority IDs', kind: 'idList', hint: 'Only tickets with these priorities' },
	{ key: 'category_1', label: 'Category 1 IDs', kind: 'idList', hint: 'Only tickets with these first-category IDs' },
	{ key: 'asset_id', label: 'Asset ID', kind: 'number', ref: REF.asset, hint: 'Only tickets linked to this asset' },
	{ key: 'parent_id', label: 'Parent Ticket ID', kind: 'number', ref: REF.ticket, hint: 'Only child tickets of this ticket' },
	{ key: 'ticketids', label: 'Ticket IDs', kind: 'idList', hint: 'Only these tickets' },
	{ key: 'open_only', label: 'Open Only', kind: 'boolean', hint: 'Whether to return only open tickets' },
	{ key: 'closed_only', label: 'Closed Only', kind: 'boolean', hint: 'Whether to return only closed tickets' },
	{ key: 'deleted', kind: 'boolean', hint: 'Whether to return deleted tickets instead of current ones' },
	{
		key: 'includechildren',
		label: 'Parent/Child',
		kind: 'multiOptions',
		hint: 'Only tickets in these parent/child positions',
		options: [
			{ label: 'Neither Parent nor Child', value: 0 },
			{ label: 'Has Children', value: 1 },
			{ label: 'Is a Child', value: 2 },
		],
	},
	{
		key: 'domain',
		label: 'Ticket Area',
		kind: 'options',
		hint: 'Which kind of tickets to list',
		options: [
			{ label: 'Tickets', value: 'reqs' },
			{ label: 'Opportunities', value: 'opps' },
			{ label: 'Projects', value: 'prjs' },
		],
	},
	{ key: 'withattachments', label: 'With Attachments', kind: 'boolean', hint: 'Whether to return only tickets with at least one attachment' },
	{
		key: 'datesearch',
		label: 'Date Search Field',
		kind: 'options',
		options: dateSearchOptions,
		hint: 'Which date Start Date and End Date apply to; needed for them to have any effect',
	},
	{ key: 'startdate', label: 'Start Date', kind: 'dateTime', hint: 'Only tickets whose Date Search Field is on or after this date' },
	{ key: 'enddate', label: 'End Date', kind: 'dateTime', hint: 'Only tickets whose Date Search Field is on or before this date' },
	...lastUpdatedFilters,
	{ key: 'view_id', label: 'Filter Profile ID', kind: 'number', hint: 'ID of a Halo ticket view (filter profile) to apply' },
	...orderFilters,
];

/** Halo's built-in Closed status (halopsa-api.md; tickets in it count as closed). */
const CLOSED_STATUS_ID = 9;

const outcomeParameter: HaloField = {
	key: 'outcome',
	kind: 'string',
	default: 'Private Note',
	placeholder: 'e.g. Private Note',
	hint: 'Name of the action’s outcome, as set up in Halo (see Outcome: Get Many)',
};
const noteParameter: HaloField = { key: 'note', kind: 'text', hint: 'Text of the note' };
/** The action's other fields, less those the shortcut sets itself. */
const noteOptions = (...leaveOut: string[]) => actionNoteFields.filter((field) => ![...leaveOut, 'note'].includes(field.key));

/**
 * Ticket shortcuts. A note, a status change and a closure are actions on the ticket (POST /Actions
 * naming the ticket in `ticket_id`; an action's `new_status` moves the ticket); an assignment and a
 * recovery are updates of the record itself (POST to its own path, e.g. /Tickets, with its id). Projects
 * and opportunities are tickets too and share these, under their own noun and path.
 */
export function ticketShortcuts(noun: string, path: string): ExtraAction[] {
	const one = withArticle(noun);
	return [
		{
			value: 'addNote',
			name: 'Add Note',
			action: `Add a note to ${one}`,
			description: 'Add a private or public note, with its outcome and time taken',
			method: 'POST',
			path: '/Actions',
			needsId: true,
			body: 'idInArray',
			idKey: 'ticket_id',
			parameters: [outcomeParameter, noteParameter],
			options: noteOptions(),
		},
		{
			value: 'changeStatus',
			name: 'Change Status',
			action: `Change the status of ${one}`,
			description: `Move ${one} to another status, optionally with a note`,
			method: 'POST',
			path: '/Actions',
			needsId: true,
			body: 'idInArray',
			idKey: 'ticket_id',
			parameters: [
				{ key: 'new_status', label: 'New Status ID', kind: 'number', default: 1, minValue: 1, hint: `ID of the status to move the ${noun} to (see Ticket Status: Get Many)` },
				outcomeParameter,
			],
			options: [noteParameter, ...noteOptions('new_status')],
		},
		{
			value: 'assign',
			name: 'Assign',
			action: `Assign ${one}`,
			description: `Assign ${one} to an agent, a team, or both`,
			method: 'POST',
			path,
			needsId: true,
			body: 'idInArray',
			atLeastOne: ['agent_id', 'team_id', 'team'],
			options: [
				{ key: 'agent_id', label: 'Agent ID', kind: 'number', hint: `ID of the agent to assign the ${noun} to` },
				{ key: 'team_id', label: 'Team ID', kind: 'number', hint: `ID of the team to assign the ${noun} to` },
				{ key: 'team', label: 'Team Name', kind: 'string', hint: `Name of the team to assign the ${noun} to, instead of its ID` },
			],
		},
		{
			value: 'close',
			name: 'Close',
			action: `Close ${one}`,
			description: `Close ${one} with a closing note and outcome`,
			method: 'POST',
			path: '/Actions',
			needsId: true,
			body: 'idInArray',
			idKey: 'ticket_id',
			parameters: [
				noteParameter,
				outcomeParameter,
				{
					key: 'new_status',
					label: 'Closed Status ID',
					kind: 'number',
					default: CLOSED_STATUS_ID,
					minValue: 1,
					hint: `ID of the status that closes the ${noun}; Halo’s built-in Closed status is 9`,
				},
			],
			options: noteOptions('new_status'),
		},
		{
			value: 'recover',
			name: 'Recover',
			action: `Recover a deleted ${noun}`,
			description: `Restore a deleted ${noun}`,
			method: 'POST',
			path,
			needsId: true,
			body: 'idInArray',
			fixedBody: { _recover: true },
		},
	];
}

export const ticket: ResourceDefinition = {
	value: 'ticket',
	displayName: 'Ticket',
	description: 'Incidents, service requests and other tickets',
	schemaEntity: 'Faults',
	path: '/Tickets',
	listKey: 'tickets',
	idType: 'number',
	nameField: 'summary',
	searchParam: 'search',
	pages: true,
	customFieldsType: 1,
	simplified: ['id', 'summary', 'details', 'client_id', 'client_name', 'site_id', 'site_name', 'user_id', 'user_name', 'tickettype_id', 'status_id', 'priority_id', 'agent_id', 'team', 'category_1', 'dateoccurred', 'targetdate', 'deadlinedate', 'last_update'],
	create: createFrom(ticketFields, ['summary']),
	get: { options: ticketGetOptions },
	getMany: { filters: ticketListFilters },
	update: { fields: ticketFields },
	delete: {
		options: [{ key: 'reason', kind: 'string', hint: 'Why the ticket is deleted, kept in Halo’s audit' }],
	},
	extraActions: ticketShortcuts('ticket', '/Tickets'),
};
