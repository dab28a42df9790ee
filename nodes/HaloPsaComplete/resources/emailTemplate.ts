import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Email template fields, with their HaloPSA (`MessageContent`) names. */
const emailTemplateFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the email template' },
	{ key: 'description', kind: 'string', hint: 'What the template is for' },
	{
		key: 'header_text',
		label: 'Header Text',
		kind: 'string',
		hint: 'Text at the top of the email',
	},
	{
		key: 'body_html',
		label: 'Body (HTML)',
		kind: 'text',
		hint: 'Body of the email as HTML; Halo’s $-variables are filled in when sent',
	},
	{
		key: 'body_text',
		label: 'Body (Plain Text)',
		kind: 'text',
		hint: 'Body of the email as plain text',
	},
	{
		key: 'body_sms',
		label: 'SMS Text',
		kind: 'text',
		hint: 'Text sent when the message goes by SMS',
	},
	{
		key: 'messagegroup_id',
		label: 'Message Group ID',
		kind: 'number',
		hint: 'ID of the message group the template is filed in',
	},
	{
		key: 'announcement_end_date',
		label: 'Announcement End Date',
		kind: 'dateTime',
		hint: 'When an announcement sent with the template ends',
	},
];

export const emailTemplate: ResourceDefinition = {
	value: 'emailTemplate',
	displayName: 'Email Template',
	description: 'Templates of the emails Halo sends',
	schemaEntity: 'MessageContent',
	path: '/EmailTemplate',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(emailTemplateFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'messagegroup',
				label: 'Message Group ID',
				kind: 'number',
				hint: 'Only templates in this message group',
			},
			{
				key: 'ignore_mg',
				label: 'Ignore Message Group',
				kind: 'boolean',
				hint: 'Whether to list templates of every message group',
			},
			{
				key: 'release_only',
				label: 'Release Only',
				kind: 'boolean',
				hint: 'Whether to list only templates for release notes',
			},
		],
	},
	update: { fields: emailTemplateFields },
	delete: {},
};
