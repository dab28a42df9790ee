import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/**
 * Service status fields, with their HaloPSA (`ServStatus`) names: one entry of a service's status
 * history. `service_id` is not in the 2024-09 schema, but a status belongs to one service and the
 * list is filtered by it (a guess: halo-behaviour.md#undocumented-details).
 */
const serviceStatusFields: HaloField[] = [
	{
		key: 'service_id',
		label: 'Service ID',
		kind: 'number',
		ref: REF.service,
		hint: 'Service whose status this is',
	},
	{ key: 'status', kind: 'number', hint: 'The status, as Halo numbers its service statuses' },
	{
		key: 'message_public',
		label: 'Public Message',
		kind: 'text',
		hint: 'Message end users see on the status page',
	},
	{
		key: 'message_public_html',
		label: 'Public Message (HTML)',
		kind: 'text',
		hint: 'Public message as HTML, instead of plain Public Message',
	},
	{
		key: 'message_internal',
		label: 'Internal Message',
		kind: 'text',
		hint: 'Message only agents see',
	},
	{
		key: 'message_internal_html',
		label: 'Internal Message (HTML)',
		kind: 'text',
		hint: 'Internal message as HTML, instead of plain Internal Message',
	},
	{ key: 'timestamp', kind: 'dateTime', hint: 'When the status applies from' },
	{
		key: 'ticket_id',
		label: 'Ticket ID',
		kind: 'number',
		ref: REF.ticket,
		hint: 'Ticket (such as a major incident) behind the status',
	},
];

export const serviceStatus: ResourceDefinition = {
	value: 'serviceStatus',
	displayName: 'Service Status',
	singular: 'service status',
	plural: 'service statuses',
	description: 'Status updates of services (up, degraded, down), as the status page shows them',
	schemaEntity: 'ServStatus',
	path: '/ServiceStatus',
	owner: { kind: 'reference' },
	// The list pages; its wrapper key is not documented (halo-behaviour.md#list-shapes): a wrapper's
	// one array is read either way.
	listKey: 'statuses',
	// The path takes the id as text, the schema holds an integer `id`: integer ids are taken
	// (halo-behaviour.md#id-types).
	idType: 'number',
	nameField: 'message_public',
	pages: true,
	create: createFrom(serviceStatusFields, ['service_id', 'status']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'service_id',
				label: 'Service ID',
				kind: 'number',
				ref: REF.service,
				hint: 'Only the statuses of this service',
			},
			...orderFilters,
		],
	},
	update: { fields: serviceStatusFields },
	delete: {},
};
