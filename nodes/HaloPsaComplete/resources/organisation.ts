import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Organisation fields, with their HaloPSA (`Organisation`) names: the businesses a Halo instance runs as. */
const organisationFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the organisation' },
	{
		key: 'email',
		kind: 'string',
		placeholder: 'name@email.com',
		hint: 'Email address of the organisation',
	},
	{
		key: 'reply_address',
		label: 'Reply Address',
		kind: 'string',
		placeholder: 'name@email.com',
		hint: 'Address replies to the organisation’s emails go to',
	},
	{ key: 'phone', kind: 'string', hint: 'Phone number of the organisation' },
	{ key: 'fax', kind: 'string', hint: 'Fax number of the organisation' },
	{
		key: 'website',
		kind: 'string',
		placeholder: 'e.g. https://msp.example',
		hint: 'Website of the organisation',
	},
	{
		key: 'tax_number',
		label: 'Tax Number',
		kind: 'string',
		hint: 'Tax (VAT) registration number printed on invoices',
	},
	{
		key: 'linked_client_id',
		label: 'Linked Client ID',
		kind: 'number',
		ref: REF.client,
		hint: 'Client record that stands for the organisation itself',
	},
	{
		key: 'messagegroup_id',
		label: 'Message Group ID',
		kind: 'number',
		hint: 'Message group of the organisation’s emails',
	},
	{
		key: 'portalurl',
		label: 'Portal URL',
		kind: 'string',
		hint: 'Address of the organisation’s self-service portal',
	},
	{
		key: 'portalcolour',
		label: 'Portal Colour',
		kind: 'color',
		hint: 'Main colour of the portal, like #2C6ECB',
	},
	{
		key: 'allowall_tickettypes',
		label: 'Allow All Ticket Types',
		kind: 'boolean',
		hint: 'Whether every ticket type can be used',
	},
];

export const organisation: ResourceDefinition = {
	value: 'organisation',
	displayName: 'Organisation',
	description: 'The businesses a Halo instance works as, each with its own branding and portal',
	schemaEntity: 'Organisation',
	path: '/Organisation',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(organisationFields, ['name']),
	get: { options: [includeDetailsOption] },
	// Halo's document gives the list no parameters.
	getMany: { filters: [] },
	update: { fields: organisationFields },
	delete: {},
};
