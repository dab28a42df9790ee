import { RESOURCES } from '../HaloPsaComplete/resources';

/**
 * What the polling trigger can watch, and how it asks Halo for recent changes. Paths and wrapper
 * keys come from the action node's resource definitions where the resource exists there (`resource`),
 * else from halo-behaviour.md#list-shapes. Field names are Halo's (OpenAPI document, 2024-09).
 *
 * `updatedFields`: the record's last-change time, first one present wins. It versions a record for
 *   deduplication (id + last change) and lets a newest-first read stop early. A row carrying none
 *   of them is versioned by its content.
 * `createdFields`: when the record was made; only a backfill uses it, to tell new from updated.
 * `sinceParam`: the list filter for "changed on or after" (`lastupdatefromdate`,
 *   halo-behaviour.md#list-filters), where Halo's document gives the list one. Lists without one
 *   are read newest first (`order=<first updated field>&orderdesc=true`) until the rows are older
 *   than the window.
 */
export interface PollSource {
	value: string;
	name: string;
	/** Singular, in running text. */
	noun: string;
	resource?: string;
	path: string;
	listKey: string;
	updatedFields: string[];
	createdFields: string[];
	sinceParam?: 'lastupdatefromdate';
}

const TABLE: PollSource[] = [
	{
		value: 'tickets',
		name: 'Tickets',
		noun: 'ticket',
		resource: 'ticket',
		path: '/Tickets',
		listKey: 'tickets',
		updatedFields: ['last_update', 'lastupdate'],
		createdFields: ['datecreated', 'dateoccurred'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'clients',
		name: 'Clients',
		noun: 'client',
		resource: 'client',
		path: '/Client',
		listKey: 'clients',
		updatedFields: ['alastupdate', 'last_update', 'lastupdate'],
		createdFields: ['datecreated'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'sites',
		name: 'Sites',
		noun: 'site',
		resource: 'site',
		path: '/Site',
		listKey: 'sites',
		updatedFields: ['slastupdate', 'last_update', 'lastupdate'],
		createdFields: ['datecreated'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'users',
		name: 'Users',
		noun: 'user',
		resource: 'user',
		path: '/Users',
		listKey: 'users',
		updatedFields: ['ulastupdate', 'last_update', 'lastupdate'],
		createdFields: ['datecreated'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'assets',
		name: 'Assets',
		noun: 'asset',
		resource: 'asset',
		path: '/Asset',
		listKey: 'assets',
		updatedFields: ['dlastupdate', 'last_modified', 'last_update'],
		createdFields: ['datecreated'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'invoices',
		name: 'Invoices',
		noun: 'invoice',
		resource: 'invoice',
		path: '/Invoice',
		listKey: 'invoices',
		updatedFields: ['last_modified', 'last_update'],
		createdFields: ['date_created', 'invoice_date'],
	},
	{
		value: 'quotes',
		name: 'Quotes',
		noun: 'quote',
		resource: 'quote',
		path: '/Quotation',
		listKey: 'quotes',
		updatedFields: ['last_update_time', 'last_modified', 'last_update'],
		createdFields: ['date'],
	},
	{
		value: 'contracts',
		name: 'Contracts',
		noun: 'contract',
		resource: 'contract',
		path: '/ClientContract',
		listKey: 'contracts',
		updatedFields: ['last_modified', 'last_update'],
		createdFields: ['start_date'],
	},
];

/** The table, with the path and wrapper key of the action node's definition where there is one. */
export const POLL_SOURCES: PollSource[] = TABLE.map((source) => {
	const definition = RESOURCES.find((resource) => resource.value === source.resource);
	return definition
		? { ...source, path: definition.path, listKey: definition.listKey ?? source.listKey }
		: source;
});
