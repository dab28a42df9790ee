import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom } from './common';
import { ticketFields, ticketGetOptions, ticketListFilters, ticketShortcuts } from './ticket';

/**
 * Opportunity fields beyond a ticket's, with their HaloPSA (`Faults`) names: an opportunity is a
 * ticket underneath, and the prospect's contact details are already among the ticket's (`opp…`).
 */
const opportunityFields: HaloField[] = [
	...ticketFields,
	{
		key: 'oppvalue',
		label: 'Value',
		kind: 'number',
		minValue: 0,
		hint: 'Expected value of the deal',
	},
	{ key: 'oppprofit', label: 'Profit', kind: 'number', hint: 'Expected profit of the deal' },
	{
		key: 'oppconversionprobability',
		label: 'Conversion Probability (%)',
		kind: 'number',
		minValue: 0,
		maxValue: 100,
		hint: 'Chance of winning the deal, in percent',
	},
	{
		key: 'opptype',
		label: 'Opportunity Type',
		kind: 'string',
		hint: 'Kind of opportunity, as set up in Halo',
	},
	{
		key: 'oppjobtitle',
		label: 'Contact Job Title',
		kind: 'string',
		hint: 'Job title of the prospect’s contact',
	},
	{
		key: 'oppcustomertitle',
		label: 'Contact Title',
		kind: 'string',
		placeholder: 'e.g. Ms',
		hint: 'Title of the prospect’s contact',
	},
	{ key: 'oppcountry', label: 'Country', kind: 'string', hint: 'Country of the prospect' },
	{ key: 'oppregion', label: 'Region', kind: 'string', hint: 'Region of the prospect' },
	{
		key: 'oppcurrentsystem',
		label: 'Current System',
		kind: 'string',
		hint: 'What the prospect uses today',
	},
	{ key: 'oppcompetitors', label: 'Competitors', kind: 'string', hint: 'Competitors in the deal' },
	{
		key: 'oppproductchosen',
		label: 'Product Chosen',
		kind: 'string',
		hint: 'Product the prospect chose',
	},
	{ key: 'oppreason', label: 'Reason', kind: 'string', hint: 'Why the deal was won or lost' },
	{
		key: 'opphear',
		label: 'Heard About Us',
		kind: 'string',
		hint: 'How the prospect heard about you',
	},
	{
		key: 'oppclosurecategory',
		label: 'Closure Category ID',
		kind: 'number',
		hint: 'ID of the reason category the deal closed under',
	},
	{
		key: 'oppdemodate',
		label: 'Demo Date',
		kind: 'dateTime',
		hint: 'When the prospect had a demonstration',
	},
	{
		key: 'opptrialdate',
		label: 'Trial Date',
		kind: 'dateTime',
		hint: 'When the prospect’s trial started',
	},
	{
		key: 'oppconverteddate',
		label: 'Converted Date',
		kind: 'dateTime',
		hint: 'When the opportunity was won',
	},
	{
		key: 'oppdontaddtomailinglist',
		label: 'Keep off Mailing List',
		kind: 'boolean',
		hint: 'Whether the contact stays off your mailing list',
	},
];

export const opportunity: ResourceDefinition = {
	value: 'opportunity',
	displayName: 'Opportunity',
	description: 'Sales opportunities: tickets of an opportunity ticket type, with their value',
	schemaEntity: 'Faults',
	path: '/Opportunities',
	owner: {
		kind: 'clientField',
		field: 'client_id',
		listFilter: 'client_id',
		idsFilter: 'ticketids',
	},
	// Halo answers opportunities under the tickets key (halo-behaviour.md#list-shapes).
	listKey: 'tickets',
	idType: 'number',
	nameField: 'summary',
	searchParam: 'search',
	pages: true,
	customFieldsType: 1,
	simplified: [
		'id',
		'summary',
		'details',
		'client_id',
		'client_name',
		'oppcompanyname',
		'oppcontactname',
		'oppemailaddress',
		'tickettype_id',
		'status_id',
		'agent_id',
		'oppvalue',
		'oppconversionprobability',
		'targetdate',
		'last_update',
	],
	create: createFrom(opportunityFields, ['summary']),
	get: { options: ticketGetOptions },
	// /Opportunities answers opportunities only, so the ticket list's area filter has nothing to choose.
	getMany: { filters: ticketListFilters.filter((field) => field.key !== 'domain') },
	update: { fields: opportunityFields },
	delete: {
		options: [
			{
				key: 'reason',
				kind: 'string',
				hint: 'Why the opportunity is deleted, kept in Halo’s audit',
			},
		],
	},
	extraActions: ticketShortcuts('opportunity', '/Opportunities'),
};
