import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Service fields an admin edits, with their HaloPSA (`ServSite`) names: an entry of the service catalogue. */
const serviceFields: HaloField[] = [
	{ key: 'name', kind: 'string', placeholder: 'e.g. Email', hint: 'Name of the service' },
	{ key: 'summary', kind: 'string', hint: 'One-line description shown in the catalogue' },
	{ key: 'service_category_id', label: 'Service Category ID', kind: 'number', ref: REF.serviceCategory, hint: 'Category the service is listed under' },
	{ key: 'sequence', kind: 'number', hint: 'Position of the service in its category' },
	{ key: 'note', kind: 'text', hint: 'Internal notes about the service' },
	{ key: 'url', label: 'URL', kind: 'string', placeholder: 'https://', hint: 'Address of the service, for monitoring and links' },
	{ key: 'showinusercatalog', label: 'Show in User Catalogue', kind: 'boolean', hint: 'Whether end users see the service on the portal' },
	{ key: 'showintechcatalog', label: 'Show in Agent Catalogue', kind: 'boolean', hint: 'Whether agents see the service in their catalogue' },
	{ key: 'trackstatus', label: 'Track Status', kind: 'boolean', hint: 'Whether the service has a status (up, degraded…) on the status page' },
	{ key: 'subscribable', kind: 'boolean', hint: 'Whether users can subscribe to the service’s status updates' },
	{ key: 'allowunsubscribe', label: 'Allow Unsubscribe', kind: 'boolean', hint: 'Whether subscribers may unsubscribe' },
	{ key: 'allowservicerequests', label: 'Allow Service Requests', kind: 'boolean', hint: 'Whether users can request the service' },
	{ key: 'service_tickettype_id', label: 'Request Ticket Type ID', kind: 'number', ref: REF.ticketType, hint: 'Ticket type of requests for the service' },
	{ key: 'incident_tickettype_id', label: 'Incident Ticket Type ID', kind: 'number', ref: REF.ticketType, hint: 'Ticket type of incidents reported against the service' },
	{ key: 'assettype_id', label: 'Asset Type ID', kind: 'number', ref: REF.assetType, hint: 'Asset type that makes up the service' },
	{ key: 'business_owner_id', label: 'Business Owner ID', kind: 'number', hint: 'ID of the service’s business owner' },
	{ key: 'technical_owner_id', label: 'Technical Owner ID', kind: 'number', hint: 'ID of the service’s technical owner' },
	{ key: 'criticality', kind: 'number', hint: 'How critical the service is, as Halo numbers it' },
	{ key: 'cost', kind: 'number', minValue: 0, hint: 'Cost of the service' },
	customFieldsField('service'),
];

export const service: ResourceDefinition = {
	value: 'service',
	displayName: 'Service',
	description: 'The service catalogue: services users request, subscribe to and see the status of',
	schemaEntity: 'ServSite',
	path: '/Service',
	// The list pages; its wrapper key is not documented [G]: a wrapper's one array is read either way.
	listKey: 'services',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'name', 'summary', 'service_category_id', 'service_category_name', 'current_status', 'status_date', 'subscriber_count', 'showinusercatalog', 'trackstatus'],
	create: createFrom(serviceFields, ['name']),
	get: {
		options: [includeDetailsOption, { key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'End user to answer subscription details for' }],
	},
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search service names for' },
			{ key: 'service_category_id', label: 'Service Category ID', kind: 'number', ref: REF.serviceCategory, hint: 'Only services of this category' },
			{ key: 'service_category_ids', label: 'Service Category IDs', kind: 'idList', hint: 'Only services of these categories' },
			{ key: 'parent_service_category_id', label: 'Parent Service Category ID', kind: 'number', ref: REF.serviceCategory, hint: 'Only services under this parent category' },
			{ key: 'service_status_ids', label: 'Service Status IDs', kind: 'idList', hint: 'Only services currently in these statuses' },
			{ key: 'user_id', label: 'User ID', kind: 'number', ref: REF.user, hint: 'Only services this end user may see' },
			{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'Only services linked to this ticket' },
			{ key: 'tickettype_id', label: 'Ticket Type ID', kind: 'number', ref: REF.ticketType, hint: 'Only services offered for this ticket type' },
			{ key: 'asset_ids', label: 'Asset IDs', kind: 'idList', hint: 'Only services made up of these assets' },
			{ key: 'template_id', label: 'Template ID', kind: 'number', hint: 'Only services using this ticket template' },
			{ key: 'itil_ticket_type', label: 'ITIL Ticket Type', kind: 'number', hint: 'Only services for this ITIL ticket type, as Halo numbers it' },
			{ key: 'subscribedonly', label: 'Subscribed Only', kind: 'boolean', hint: 'Whether to list only services the user is subscribed to' },
			{ key: 'monitoredonly', label: 'Monitored Only', kind: 'boolean', hint: 'Whether to list only monitored services' },
			{ key: 'relatedservicesonly', label: 'Related Services Only', kind: 'boolean', hint: 'Whether to list only related services' },
			{ key: 'includechildservices', label: 'Include Child Services', kind: 'boolean', hint: 'Whether to include child services' },
			{ key: 'includestatusinfo', label: 'Include Status Info', kind: 'boolean', hint: 'Whether to include each service’s current status' },
			...orderFilters,
		],
	},
	update: { fields: serviceFields },
	delete: {},
};
