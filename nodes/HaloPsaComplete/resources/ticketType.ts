import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom } from './common';
import { REF } from './references';

const ORDINALS = ['', 'First', 'Second', 'Third', 'Fourth'];

function defaultCategoryField(level: number): HaloField {
	return {
		key: `default_category_${level}`,
		label: `Default Category ${level}`,
		kind: 'string',
		hint: `${ORDINALS[level]} category new tickets start with`,
	};
}

/** Ticket type fields an admin edits, with their HaloPSA (`RequestType`) names. */
const ticketTypeFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Ticket type name' },
	{ key: 'use', kind: 'string', hint: 'What the ticket type is used for' },
	{ key: 'intent', kind: 'string', hint: 'Intent used to match incoming requests to this type' },
	{ key: 'sequence', kind: 'number', hint: 'Position of the ticket type in lists' },
	{ key: 'group_id', label: 'Group ID', kind: 'number', hint: 'ID of the ticket type group' },
	{ key: 'inactive', kind: 'boolean', hint: 'Whether the ticket type is inactive' },
	{ key: 'itilrequesttype', label: 'ITIL Request Type', kind: 'number', hint: 'ITIL type number of the ticket type' },
	{ key: 'workflow_id', label: 'Workflow ID', kind: 'number', hint: 'ID of the workflow tickets of this type follow' },
	{ key: 'initial_status', label: 'Initial Status ID', kind: 'number', ref: REF.ticketStatus, hint: 'Status ID new tickets of this type start in' },
	{ key: 'chargerate', label: 'Charge Rate', kind: 'number', hint: 'Default charge rate number' },
	{ key: 'agentscanselect', label: 'Agents Can Select', kind: 'boolean', default: true, hint: 'Whether agents can log tickets of this type' },
	{ key: 'enduserscanselect', label: 'End Users Can Select', kind: 'boolean', hint: 'Whether end users can log tickets of this type' },
	{ key: 'anonymouscanselect', label: 'Anonymous Can Select', kind: 'boolean', hint: 'Whether anonymous users can log tickets of this type' },
	{ key: 'allowattachments', label: 'Allow Attachments', kind: 'boolean', default: true, hint: 'Whether tickets of this type take attachments' },
	{ key: 'allowall_actions', label: 'Allow All Actions', kind: 'boolean', default: true, hint: 'Whether every action outcome is allowed' },
	{ key: 'allowall_chargerates', label: 'Allow All Charge Rates', kind: 'boolean', default: true, hint: 'Whether every charge rate is allowed' },
	{ key: 'allowall_status', label: 'Allow All Status', kind: 'boolean', default: true, hint: 'Whether every status is allowed' },
	{ key: 'allowall_team', label: 'Allow All Team', kind: 'boolean', default: true, hint: 'Whether every team is allowed' },
	{ key: 'includeinmobiledbsync', label: 'Include in Mobile DB Sync', kind: 'boolean', hint: 'Whether the type is synced to the mobile app' },
	{ key: 'require_manager_approval', label: 'Require Manager Approval', kind: 'boolean', hint: 'Whether new tickets need a manager’s approval' },
	{ key: 'approval_message', label: 'Approval Message', kind: 'string', hint: 'Message shown when approval is needed' },
	{ key: 'default_summary', label: 'Default Summary', kind: 'string', hint: 'Summary new tickets start with' },
	{ key: 'default_details', label: 'Default Details', kind: 'text', hint: 'Details new tickets start with' },
	{ key: 'default_details_html', label: 'Default Details HTML', kind: 'text', hint: 'Details new tickets start with, as HTML' },
	...[1, 2, 3, 4].map(defaultCategoryField),
	{ key: 'default_agent', label: 'Default Agent ID', kind: 'number', ref: REF.agent, hint: 'Agent ID new tickets are assigned to' },
	// Halo's RequestType schema holds the default team by name, not by ID.
	{ key: 'default_team', label: 'Default Team Name', kind: 'string', hint: 'Team new tickets are assigned to, by name' },
	{ key: 'default_priority', label: 'Default Priority ID', kind: 'number', ref: REF.priority, hint: 'Priority ID new tickets get' },
	{ key: 'default_sla', label: 'Default SLA ID', kind: 'number', ref: REF.sla, hint: 'SLA ID new tickets get' },
	{ key: 'default_sendack', label: 'Default Send ACK', kind: 'number', hint: 'Acknowledgement setting new tickets get (Halo’s number for it)' },
	{ key: 'default_sendemail', label: 'Default Send Email', kind: 'boolean', hint: 'Whether actions send emails by default' },
	{ key: 'default_showforusers', label: 'Default Show for Users', kind: 'boolean', default: true, hint: 'Whether new tickets show on the end-user portal' },
	{ key: 'default_excludefromsla', label: 'Default Exclude From SLA', kind: 'boolean', hint: 'Whether new tickets are left out of SLA calculations' },
	{ key: 'survey_id', label: 'Survey ID', kind: 'number', hint: 'ID of the satisfaction survey sent on closure' },
	{ key: 'survey_anonymous', label: 'Survey Anonymous', kind: 'boolean', hint: 'Whether survey answers are anonymous' },
	{ key: 'survey_automatically_send', label: 'Survey Automatically Send', kind: 'boolean', hint: 'Whether the survey is emailed on closure' },
	{ key: 'survey_automatically_sms', label: 'Survey Automatically SMS', kind: 'boolean', hint: 'Whether the survey is sent by SMS on closure' },
	{ key: 'survey_closure_mandatory', label: 'Survey Closure Mandatory', kind: 'boolean', hint: 'Whether the survey must be answered on closure' },
];

export const ticketType: ResourceDefinition = {
	value: 'ticketType',
	displayName: 'Ticket Type',
	description: 'Kinds of ticket, such as incident or service request',
	schemaEntity: 'RequestType',
	path: '/TicketType',
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(ticketTypeFields, ['name']),
	get: {
		options: [
			{ key: 'includedetails', label: 'Include Details', kind: 'boolean', hint: 'Whether to include nested objects and fields' },
			{ key: 'includeconfig', label: 'Include Config', kind: 'boolean', hint: 'Whether to include the type’s configuration' },
			{ key: 'includekbinfo', label: 'Include KB Info', kind: 'boolean', hint: 'Whether to include knowledge base information' },
			{ key: 'includeteamrestrictions', label: 'Include Team Restrictions', kind: 'boolean', hint: 'Whether to include the teams allowed' },
			{ key: 'can_create_only', label: 'Can Create Only', kind: 'boolean', hint: 'Whether to answer only if you can create this type' },
			{ key: 'can_edit_only', label: 'Can Edit Only', kind: 'boolean', hint: 'Whether to answer only if you can edit this type' },
			{ key: 'isdetailscreen', label: 'Is Details Screen', kind: 'boolean', hint: 'Whether to answer as for Halo’s details screen' },
			{ key: 'isnewticket', label: 'Is New Ticket', kind: 'boolean', hint: 'Whether to answer as for a new ticket form' },
			{ key: 'survey_fields', label: 'Survey Fields', kind: 'boolean', hint: 'Whether to include survey fields' },
			{ key: 'debug', kind: 'boolean', hint: 'Whether to include debug information' },
			{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'Ticket the fields are shown for' },
		],
	},
	getMany: {
		filters: [
			{ key: 'showinactive', label: 'Show Inactive', kind: 'boolean', hint: 'Whether to include inactive ticket types' },
			{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only ticket types this client may use' },
			{ key: 'group_id', label: 'Group ID', kind: 'number', hint: 'Only ticket types in this group' },
			{ key: 'itil_type', label: 'ITIL Type', kind: 'number', hint: 'Only ticket types of this ITIL type' },
			{ key: 'outcome_id', label: 'Outcome ID', kind: 'number', ref: REF.outcome, hint: 'Only ticket types for this action outcome' },
			{ key: 'access_control_level', label: 'Access Control Level', kind: 'number', hint: 'Only ticket types with this access control level' },
			{ key: 'include_current', label: 'Include Current', kind: 'number', hint: 'Ticket type ID to include whatever Can Create/Edit Only say' },
			{ key: 'ticketarea_id', label: 'Ticket Area ID', kind: 'number', hint: 'Ticket area the counts are for' },
			{ key: 'view_id', label: 'View ID', kind: 'number', hint: 'Ticket view the counts are for' },
			{ key: 'anonanduser', label: 'Anonymous and User', kind: 'boolean', hint: 'Whether to return types anonymous users can see' },
			{ key: 'canagentsselect', label: 'Agents Can Select', kind: 'boolean', hint: 'Whether to return only types agents can select' },
			{ key: 'canusercreate', label: 'Users Can Create', kind: 'boolean', hint: 'Whether to return only types end users can create' },
			{ key: 'can_create_only', label: 'Can Create Only', kind: 'boolean', hint: 'Whether to return only types you can create' },
			{ key: 'can_edit_only', label: 'Can Edit Only', kind: 'boolean', hint: 'Whether to return only types you can edit' },
			{ key: 'include_mandatory_field_check', label: 'Include Mandatory Field Check', kind: 'boolean', hint: 'Whether to include the mandatory field check' },
			{ key: 'isquicktimedropdown', label: 'Quick Time Only', kind: 'boolean', hint: 'Whether to return only types shown on quick time' },
			{ key: 'showall', label: 'Show All', kind: 'boolean', hint: 'Whether to show every type, overriding permissions' },
			{ key: 'showcounts', label: 'Show Counts', kind: 'boolean', hint: 'Whether to include ticket counts per type' },
			{ key: 'sprints_only', label: 'Sprints Only', kind: 'boolean', hint: 'Whether to return only sprint types' },
			{ key: 'user_only', label: 'User Only', kind: 'boolean', hint: 'Whether to return only types end users can see' },
			{ key: 'domain', kind: 'string', placeholder: 'e.g. reqs', hint: 'Ticket area for counts: reqs, opps or prjs' },
			{ key: 'searchtickets', label: 'Search Tickets', kind: 'string', hint: 'Filter on ticket types based on tickets' },
		],
	},
	update: { fields: ticketTypeFields },
	delete: {},
};
