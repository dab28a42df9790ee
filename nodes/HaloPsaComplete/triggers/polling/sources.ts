import type { IDataObject } from 'n8n-workflow';
import { asset } from '../../resources/asset';
import { client } from '../../resources/client';
import { contract } from '../../resources/contract';
import { invoice } from '../../resources/invoice';
import { quotation } from '../../resources/quotation';
import { site } from '../../resources/site';
import { ticket } from '../../resources/ticket';
import { user } from '../../resources/user';
import type { ResourceDefinition } from '../../helpers/types';

/**
 * What the polling trigger can watch, and how it asks Halo for recent changes. Each source is
 * linked to the action node's resource definition by import, so its path and wrapper key are the
 * definition's and a renamed resource breaks the build, not the trigger. Field names are Halo's
 * (OpenAPI document, 2024-09).
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
	resource: ResourceDefinition;
	path: string;
	listKey: string;
	updatedFields: string[];
	createdFields: string[];
	sinceParam?: 'lastupdatefromdate';
	/** Sent with every read: one allowed client's, when Allowed Clients read a list per client. */
	query?: IDataObject;
}

const TABLE: Array<Omit<PollSource, 'path' | 'listKey'>> = [
	{
		value: 'tickets',
		name: 'Tickets',
		noun: 'ticket',
		resource: ticket,
		updatedFields: ['last_update', 'lastupdate'],
		createdFields: ['datecreated', 'dateoccurred'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'clients',
		name: 'Clients',
		noun: 'client',
		resource: client,
		updatedFields: ['alastupdate', 'last_update', 'lastupdate'],
		createdFields: ['datecreated'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'sites',
		name: 'Sites',
		noun: 'site',
		resource: site,
		updatedFields: ['slastupdate', 'last_update', 'lastupdate'],
		createdFields: ['datecreated'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'users',
		name: 'Users',
		noun: 'user',
		resource: user,
		updatedFields: ['ulastupdate', 'last_update', 'lastupdate'],
		createdFields: ['datecreated'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'assets',
		name: 'Assets',
		noun: 'asset',
		resource: asset,
		updatedFields: ['dlastupdate', 'last_modified', 'last_update'],
		createdFields: ['datecreated'],
		sinceParam: 'lastupdatefromdate',
	},
	{
		value: 'invoices',
		name: 'Invoices',
		noun: 'invoice',
		resource: invoice,
		updatedFields: ['last_modified', 'last_update'],
		createdFields: ['date_created', 'invoice_date'],
	},
	{
		value: 'quotes',
		name: 'Quotes',
		noun: 'quote',
		resource: quotation,
		updatedFields: ['last_update_time', 'last_modified', 'last_update'],
		createdFields: ['date'],
	},
	{
		value: 'contracts',
		name: 'Contracts',
		noun: 'contract',
		resource: contract,
		updatedFields: ['last_modified', 'last_update'],
		createdFields: ['start_date'],
	},
];

/** The table, with the path and wrapper key of each source's resource definition. */
export const POLL_SOURCES: PollSource[] = TABLE.map((source) => ({
	...source,
	path: source.resource.path,
	listKey: source.resource.listKey ?? source.value,
}));
