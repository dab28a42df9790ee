import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** CRM note fields, with their HaloPSA (`AreaNote`) names: notes of calls and meetings with a client. */
const crmNoteFields: HaloField[] = [
	{ key: 'note', kind: 'text', hint: 'Text of the note' },
	{
		key: 'client_id',
		label: 'Client ID',
		kind: 'number',
		ref: REF.client,
		hint: 'ID of the client the note is about',
	},
	{ key: 'datetime', label: 'Date', kind: 'dateTime', hint: 'When the call or meeting took place' },
	{ key: 'timetaken', label: 'Time Taken', kind: 'number', hint: 'Hours spent' },
	{
		key: 'site_id',
		label: 'Site ID',
		kind: 'number',
		ref: REF.site,
		hint: 'ID of the client’s site it is about',
	},
	{
		key: 'user_id',
		label: 'User ID',
		kind: 'number',
		ref: REF.user,
		hint: 'ID of the user spoken to',
	},
	{
		key: 'who_agentid',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'ID of the agent who wrote the note',
	},
	{
		key: 'ticketid',
		label: 'Ticket ID',
		kind: 'number',
		ref: REF.ticket,
		hint: 'ID of a ticket the note relates to',
	},
	{
		key: 'supplier_id',
		label: 'Supplier ID',
		kind: 'number',
		hint: 'ID of the supplier the note is about, instead of a client',
	},
	{ key: 'nextcalldate', label: 'Next Call Date', kind: 'dateTime', hint: 'When to follow up' },
	{
		key: 'nextcallduration',
		label: 'Next Call Duration',
		kind: 'number',
		hint: 'Hours planned for the follow-up',
	},
	{
		key: 'add_to_calendar',
		label: 'Add to Calendar',
		kind: 'boolean',
		hint: 'Whether the follow-up goes in the agent’s calendar',
	},
];

export const crmNote: ResourceDefinition = {
	value: 'crmNote',
	displayName: 'CRM Note',
	singular: 'CRM note',
	description: 'Notes of calls and meetings with clients and suppliers',
	schemaEntity: 'AreaNote',
	path: '/CRMNote',
	owner: { kind: 'clientField', field: 'client_id', listFilter: 'client_id' },
	idType: 'number',
	nameField: 'note',
	pages: false,
	create: createFrom(crmNoteFields, ['note']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only notes about this client',
			},
			{
				key: 'supplier_id',
				label: 'Supplier ID',
				kind: 'number',
				hint: 'Only notes about this supplier',
			},
			{
				key: 'toplevel_id',
				label: 'Top Level ID',
				kind: 'number',
				ref: REF.topLevel,
				hint: 'Only notes about clients under this top level',
			},
		],
	},
	update: { fields: crmNoteFields },
	delete: {},
};
