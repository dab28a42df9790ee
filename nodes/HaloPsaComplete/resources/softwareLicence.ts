import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Software licence fields, with their HaloPSA (`Licence_List`) names: a client's licences and subscriptions. */
const licenceFields: HaloField[] = [
	{ key: 'name', kind: 'string', placeholder: 'e.g. Microsoft 365 Business Premium', hint: 'Name of the licence' },
	{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Client that holds the licence' },
	{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Site of the client the licence is for' },
	{ key: 'type', kind: 'number', hint: 'Kind of licence, as Halo numbers it (0 licence, 1 subscription)' },
	{ key: 'count', label: 'Quantity', kind: 'number', minValue: 0, hint: 'Number of seats held' },
	{ key: 'start_date', label: 'Start Date', kind: 'dateTime', hint: 'When the licence starts' },
	{ key: 'end_date', label: 'End Date', kind: 'dateTime', hint: 'When the licence ends or renews' },
	{ key: 'autorenew', label: 'Auto Renew', kind: 'boolean', hint: 'Whether the licence renews by itself' },
	{ key: 'is_active', label: 'Active', kind: 'boolean', hint: 'Whether the licence is in use' },
	{ key: 'billing_cycle', label: 'Billing Cycle', kind: 'string', placeholder: 'e.g. Monthly', hint: 'How often the licence is billed' },
	{ key: 'term_duration', label: 'Term Duration', kind: 'string', placeholder: 'e.g. P1Y', hint: 'Length of the licence term' },
	{ key: 'purchase_price', label: 'Purchase Price', kind: 'number', minValue: 0, hint: 'What one seat costs you' },
	{ key: 'price', kind: 'number', minValue: 0, hint: 'What one seat costs the client' },
	{ key: 'supplier_id', label: 'Supplier ID', kind: 'number', hint: 'ID of the supplier the licence is bought from' },
	{ key: 'vendor', kind: 'string', hint: 'Vendor of the software' },
	{ key: 'manufacturer', kind: 'string', hint: 'Manufacturer of the software' },
	{ key: 'product_sku', label: 'Product SKU', kind: 'string', hint: 'Stock-keeping unit of the product' },
	{ key: 'notes', kind: 'text', hint: 'Notes about the licence' },
];

export const softwareLicence: ResourceDefinition = {
	value: 'softwareLicence',
	displayName: 'Software Licence',
	description: 'Clients’ software licences and subscriptions, with their seat counts',
	schemaEntity: 'Licence_List',
	path: '/SoftwareLicence',
	listKey: 'licences',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'name', 'client_id', 'client_name', 'type', 'count', 'licences_in_use', 'licences_available', 'start_date', 'end_date', 'is_active'],
	create: createFrom(licenceFields, ['name', 'client_id']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search licence names for' },
			{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only licences of this client' },
			{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Only licences of this site' },
			{ key: 'toplevelid', label: 'Top Level ID', kind: 'number', ref: REF.topLevel, hint: 'Only licences of clients under this top level' },
			{ key: 'licence_type', label: 'Licence Type', kind: 'number', hint: 'Only licences of this kind (0 licences, 1 subscriptions)' },
			{ key: 'tenant_id', label: 'Tenant ID', kind: 'string', hint: 'Only licences of this Microsoft tenant' },
			{ key: 'includeinactive', label: 'Include Inactive', kind: 'boolean', hint: 'Whether to include inactive licences' },
			...orderFilters,
		],
	},
	update: { fields: licenceFields },
	delete: {},
};
