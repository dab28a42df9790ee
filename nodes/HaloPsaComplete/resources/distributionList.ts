import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom } from './common';
import { REF } from './references';

const usersJson = (verb: string): string => `Users to ${verb}, as Halo takes them: [{"id": 12}]`;

/** Distribution list fields, with their HaloPSA (`DistributionLists`) names: lists of users to email at once. */
const distributionListFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the distribution list' },
	{ key: 'desc', label: 'Description', kind: 'string', hint: 'What the list is for' },
	{
		key: 'mailbox_from',
		label: 'From Mailbox ID',
		kind: 'number',
		ref: REF.mailbox,
		hint: 'Mailbox the list’s emails are sent from',
	},
	{
		key: 'mailbox_replyto',
		label: 'Reply-To Address',
		kind: 'string',
		placeholder: 'name@email.com',
		hint: 'Address replies go to',
	},
	{
		key: 'addtheseusers',
		label: 'Add Users (JSON)',
		kind: 'json',
		jsonShape: 'array',
		elementIdKeys: ['id'],
		default: '[]',
		hint: usersJson('add'),
	},
	{
		key: 'removetheseusers',
		label: 'Remove Users (JSON)',
		kind: 'json',
		jsonShape: 'array',
		elementIdKeys: ['id'],
		default: '[]',
		hint: usersJson('remove'),
	},
];

export const distributionList: ResourceDefinition = {
	value: 'distributionList',
	displayName: 'Distribution List',
	description: 'Lists of users that an email or announcement goes to at once',
	schemaEntity: 'DistributionLists',
	path: '/DistributionLists',
	owner: {
		kind: 'unprovable',
		why: 'a distribution list holds people of any client',
	},
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(distributionListFields, ['name']),
	// Halo's document gives neither the list nor a single read any parameters.
	get: { options: [] },
	getMany: { filters: [] },
	update: { fields: distributionListFields },
	delete: {},
};
