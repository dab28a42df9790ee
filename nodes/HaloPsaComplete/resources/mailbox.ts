import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/**
 * Mailbox settings, with their HaloPSA (`Mailbox`) names. Passwords and OAuth tokens are left to
 * Halo's own screens, where the sign-in to the mail server happens.
 */
const mailboxFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the mailbox' },
	{ key: 'enabled', kind: 'boolean', default: true, hint: 'Whether Halo reads the mailbox' },
	{
		key: 'type',
		kind: 'number',
		hint: 'Number of the mailbox’s connection type, as Halo lists them',
	},
	{
		key: 'display_address',
		label: 'Display Address',
		kind: 'string',
		placeholder: 'name@email.com',
		hint: 'Address shown as the sender',
	},
	{
		key: 'server',
		kind: 'string',
		placeholder: 'e.g. outlook.office365.com',
		hint: 'Server Halo reads mail from',
	},
	{ key: 'username', kind: 'string', hint: 'User name Halo signs in to the server with' },
	{
		key: 'tickettype_id',
		label: 'Ticket Type ID',
		kind: 'number',
		ref: REF.ticketType,
		hint: 'Ticket type of tickets logged from the mailbox',
	},
	{
		key: 'defaultuserid',
		label: 'Default User ID',
		kind: 'number',
		ref: REF.user,
		hint: 'User that mail from unknown senders is logged against',
	},
	{
		key: 'restrictto_team_id',
		label: 'Team ID',
		kind: 'number',
		ref: REF.team,
		hint: 'Team the mailbox belongs to',
	},
	{
		key: 'restrictto_department_id',
		label: 'Department ID',
		kind: 'number',
		hint: 'Department the mailbox belongs to',
	},
	{
		key: 'messagegroup_id',
		label: 'Message Group ID',
		kind: 'number',
		hint: 'Message group of the emails sent from the mailbox',
	},
	{
		key: 'dontsendack',
		label: 'Don’t Send Acknowledgement',
		kind: 'boolean',
		hint: 'Whether to send no acknowledgement to new tickets’ senders',
	},
	{
		key: 'ignore_cc_emails',
		label: 'Ignore CC Emails',
		kind: 'boolean',
		hint: 'Whether to leave out addresses in CC',
	},
	{
		key: 'accept_auto_replies',
		label: 'Accept Auto-Replies',
		kind: 'boolean',
		hint: 'Whether automatic replies are processed too',
	},
];

export const mailbox: ResourceDefinition = {
	value: 'mailbox',
	displayName: 'Mailbox',
	plural: 'mailboxes',
	description: 'Mailboxes Halo reads incoming email from and sends email through',
	schemaEntity: 'Mailbox',
	path: '/Mailbox',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(mailboxFields, ['name']),
	get: {
		options: [
			includeDetailsOption,
			{
				key: 'includeglobalsmtp',
				label: 'Include Global SMTP',
				kind: 'boolean',
				hint: 'Whether to include the global SMTP settings',
			},
		],
	},
	getMany: {
		filters: [
			{
				key: 'team_id',
				label: 'Team ID',
				kind: 'number',
				ref: REF.team,
				hint: 'Only mailboxes of this team',
			},
			{
				key: 'department_id',
				label: 'Department ID',
				kind: 'number',
				hint: 'Only mailboxes of this department',
			},
			{
				key: 'organisation_id',
				label: 'Organisation ID',
				kind: 'number',
				hint: 'Only mailboxes of this organisation',
			},
			{
				key: 'from_addresses',
				label: 'From Addresses',
				kind: 'boolean',
				hint: 'Whether to list the addresses email can be sent from',
			},
			{
				key: 'ignore_default',
				label: 'Ignore Default',
				kind: 'boolean',
				hint: 'Whether to leave out the default mailbox',
			},
			{
				key: 'showall',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to list every mailbox, overriding restrictions',
			},
		],
	},
	update: { fields: mailboxFields },
	delete: {},
};
