import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** End-user (contact) fields, with their HaloPSA (`Users`) names. */
const userFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Full name of the user' },
	{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'ID of the client’s site the user belongs to' },
	{ key: 'firstname', label: 'First Name', kind: 'string', hint: 'First name of the user' },
	{ key: 'surname', kind: 'string', hint: 'Last name of the user' },
	{ key: 'emailaddress', label: 'Email Address', kind: 'string', placeholder: 'name@email.com', hint: 'Main email address of the user' },
	{ key: 'email2', label: 'Email Address 2', kind: 'string', hint: 'Second email address' },
	{ key: 'email3', label: 'Email Address 3', kind: 'string', hint: 'Third email address' },
	{ key: 'phonenumber', label: 'Phone Number', kind: 'string', hint: 'Work phone number' },
	{ key: 'mobilenumber', label: 'Mobile Number', kind: 'string', hint: 'Mobile phone number' },
	{ key: 'homenumber', label: 'Home Number', kind: 'string', hint: 'Home phone number' },
	{ key: 'title', label: 'Job Title', kind: 'string', hint: 'Job title of the user' },
	{ key: 'department', kind: 'string', hint: 'Department the user works in' },
	{ key: 'login', kind: 'string', hint: 'User name for the end-user portal' },
	{ key: 'notes', kind: 'text', hint: 'Notes about the user' },
	{ key: 'inactive', kind: 'boolean', hint: 'Whether the user is inactive' },
	{ key: 'isimportantcontact', label: 'Important Contact', kind: 'boolean', hint: 'Whether the user is an important contact (VIP)' },
	{ key: 'ismaincontact', label: 'Main Contact', kind: 'boolean', hint: 'Whether the user is the main contact of the site' },
	{ key: 'neversendemails', label: 'Never Send Emails', kind: 'boolean', hint: 'Whether Halo never emails the user' },
	{ key: 'sendwelcomeemail', label: 'Send Welcome Email', kind: 'boolean', hint: 'Whether Halo sends the user a portal welcome email' },
	{ key: 'priority_id', label: 'Priority ID', kind: 'number', ref: REF.priority, hint: 'Default priority of the user’s tickets' },
	{ key: 'other1', label: 'Other 1', kind: 'string', hint: 'Legacy other field 1' },
	{ key: 'other2', label: 'Other 2', kind: 'string', hint: 'Legacy other field 2' },
	{ key: 'other3', label: 'Other 3', kind: 'string', hint: 'Legacy other field 3' },
	{ key: 'other4', label: 'Other 4', kind: 'string', hint: 'Legacy other field 4' },
	{ key: 'other5', label: 'Other 5', kind: 'string', hint: 'Legacy other field 5' },
	customFieldsField('user'),
];

export const user: ResourceDefinition = {
	value: 'user',
	displayName: 'User',
	// Halo's own word; it also reads right after an article ("an end user").
	singular: 'end user',
	description: 'End users (contacts) of your clients',
	schemaEntity: 'Users',
	path: '/Users',
	listKey: 'users',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	create: createFrom(userFields, ['name', 'site_id']),
	get: {
		options: [
			includeDetailsOption,
			{ key: 'includeactivity', label: 'Include Activity', kind: 'boolean', hint: 'Whether to include the user’s ticket activity' },
			{ key: 'includebillinginfo', label: 'Include Billing Info', kind: 'boolean', hint: 'Whether to include billing information' },
			{ key: 'includeusersassets', label: 'Include Assets', kind: 'boolean', hint: 'Whether to include the user’s assets' },
			{ key: 'includepopups', label: 'Include Pop-Ups', kind: 'boolean', hint: 'Whether to include customer pop-ups' },
		],
	},
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search users for (names and email addresses)' },
			{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only users of this client' },
			{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Only users of this site' },
			{ key: 'toplevel_id', label: 'Top Level ID', kind: 'number', ref: REF.topLevel, hint: 'Only users of clients under this top level' },
			{ key: 'department_id', label: 'Department ID', kind: 'number', hint: 'Only users in this department' },
			{ key: 'asset_id', label: 'Asset ID', kind: 'number', ref: REF.asset, hint: 'Only users assigned to this asset' },
			{ key: 'includeinactive', label: 'Include Inactive', kind: 'boolean', hint: 'Whether to include inactive users' },
			{ key: 'includeactive', label: 'Include Active', kind: 'boolean', default: true, hint: 'Whether to include active users' },
			{ key: 'search_phonenumbers', label: 'Search Phone Numbers', kind: 'boolean', hint: 'Whether Search looks at phone numbers too' },
			{ key: 'approvers_only', label: 'Approvers Only', kind: 'boolean', hint: 'Whether to list only users who approve' },
			{ key: 'exclude_agents', label: 'Exclude Agents', kind: 'boolean', hint: 'Whether to leave out users who are also agents' },
			{ key: 'includenotes', label: 'Include Notes', kind: 'boolean', hint: 'Whether to include user notes' },
			{ key: 'advanced_search', label: 'Advanced Search (JSON)', kind: 'json', hint: 'Halo advanced search, as JSON' },
			...orderFilters,
		],
	},
	update: { fields: userFields },
	delete: {},
	upsert: {
		matchOn: [
			{ field: 'emailaddress', label: 'Email Address', filter: 'search' },
			{ field: 'name', label: 'Name', filter: 'search' },
		],
		fixedQuery: { includeinactive: true },
	},
};
