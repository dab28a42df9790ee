import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/**
 * Notification fields, with their HaloPSA (`UnameNotification`) names: a rule saying who Halo
 * tells of which event, and how (email, push, Teams, a webhook…).
 */
const notificationFields: HaloField[] = [
	{
		key: 'eventno',
		label: 'Event Number',
		kind: 'number',
		hint: 'Number of the Halo event that sends it, e.g. 3 for a new ticket',
	},
	{ key: 'name', kind: 'string', hint: 'Name of the notification' },
	{ key: 'type', kind: 'number', hint: 'Number of the notification type, as Halo lists them' },
	{
		key: 'delivery_method',
		label: 'Delivery Method',
		kind: 'number',
		hint: 'Number of the way it is delivered, as Halo lists them (6 is a webhook)',
	},
	{
		key: 'agent_id',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'Agent who is notified',
	},
	{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'User who is notified' },
	{
		key: 'email_list',
		label: 'Email Addresses',
		kind: 'string',
		placeholder: 'e.g. noc@msp.example',
		hint: 'Addresses that are notified, separated by semicolons',
	},
	{
		key: 'emailtemplate_id',
		label: 'Email Template ID',
		kind: 'number',
		ref: REF.emailTemplate,
		hint: 'Template of the email sent',
	},
	{
		key: 'webhook_id',
		label: 'Webhook ID',
		kind: 'string',
		placeholder: 'e.g. 3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12',
		hint: 'Webhook called, when delivered by webhook (GUID)',
	},
	{
		key: 'restriction_team_id',
		label: 'Only for Team ID',
		kind: 'number',
		ref: REF.team,
		hint: 'Only notify of tickets of this team',
	},
	{
		key: 'sendpushnotification',
		label: 'Send Push Notification',
		kind: 'boolean',
		hint: 'Whether a push notification is sent too',
	},
	{ key: 'interval', kind: 'number', hint: 'Minutes between repeats of the notification' },
];

export const notification: ResourceDefinition = {
	value: 'notification',
	displayName: 'Notification',
	description: 'Rules for who Halo notifies of which event, and how',
	schemaEntity: 'UnameNotification',
	path: '/Notification',
	owner: {
		kind: 'unprovable',
		why: "notifications carry any client's records",
	},
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(notificationFields, ['eventno']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'agent_id',
				label: 'Agent ID',
				kind: 'number',
				ref: REF.agent,
				hint: 'Only notifications of this agent',
			},
			{ key: 'type', kind: 'number', hint: 'Only notifications of this type' },
			{
				key: 'webhook_id',
				label: 'Webhook ID',
				kind: 'string',
				hint: 'Only notifications calling this webhook (GUID)',
			},
			{ key: 'role_id', label: 'Role ID', kind: 'string', hint: 'Only notifications of this role' },
			{
				key: 'showall',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to list every notification, overriding restrictions',
			},
		],
	},
	update: { fields: notificationFields },
	delete: {},
};
