import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Asset type fields an admin edits, with their HaloPSA (`Xtype`) names. */
const assetTypeFields: HaloField[] = [
	{ key: 'name', kind: 'string', placeholder: 'e.g. Laptop', hint: 'Name of the asset type' },
	{
		key: 'assetgroup_id',
		label: 'Asset Group ID',
		kind: 'number',
		ref: REF.assetGroup,
		hint: 'Asset group the type belongs to',
	},
	{
		key: 'keyfield_id',
		label: 'Key Field ID',
		kind: 'number',
		hint: 'ID of the field shown as an asset’s first identifying value',
	},
	{
		key: 'keyfield2_id',
		label: 'Key Field 2 ID',
		kind: 'number',
		hint: 'ID of the field shown as the second identifying value',
	},
	{
		key: 'keyfield3_id',
		label: 'Key Field 3 ID',
		kind: 'number',
		hint: 'ID of the field shown as the third identifying value',
	},
	{
		key: 'tagprefix',
		label: 'Tag Prefix',
		kind: 'string',
		placeholder: 'e.g. LAP-',
		hint: 'Prefix of the asset tags Halo numbers for this type',
	},
	{
		key: 'item_code',
		label: 'Item Code',
		kind: 'string',
		hint: 'Code of the stock item assets of this type come from',
	},
	{ key: 'memo', label: 'Notes', kind: 'text', hint: 'Notes about the asset type' },
	{
		key: 'show_to_users',
		label: 'Show to Users',
		kind: 'boolean',
		hint: 'Whether end users see assets of this type on the portal',
	},
	{
		key: 'allowall_status',
		label: 'Allow All Statuses',
		kind: 'boolean',
		hint: 'Whether assets of this type may take any asset status',
	},
	{
		key: 'newticket_priority',
		label: 'New Ticket Priority ID',
		kind: 'number',
		ref: REF.priority,
		hint: 'Priority given to new tickets for assets of this type',
	},
	{
		key: 'defaultsequence',
		label: 'Default Sequence',
		kind: 'number',
		hint: 'Position of the type in lists',
	},
	{ key: 'cost', kind: 'number', minValue: 0, hint: 'Purchase cost of an asset of this type' },
	{
		key: 'monthlycost',
		label: 'Monthly Cost',
		kind: 'number',
		minValue: 0,
		hint: 'Monthly cost of an asset of this type',
	},
	{
		key: 'yearlycost',
		label: 'Yearly Cost',
		kind: 'number',
		minValue: 0,
		hint: 'Yearly cost of an asset of this type',
	},
	{
		key: 'enableresourcebooking',
		label: 'Enable Resource Booking',
		kind: 'boolean',
		hint: 'Whether assets of this type can be booked as resources',
	},
];

export const assetType: ResourceDefinition = {
	value: 'assetType',
	displayName: 'Asset Type',
	description: 'Kinds of assets (laptop, server, licence…) and the fields they carry',
	schemaEntity: 'Xtype',
	path: '/AssetType',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	pages: false,
	create: createFrom(assetTypeFields, ['name']),
	get: {
		options: [
			includeDetailsOption,
			{
				key: 'fieldsandlayoutonly',
				label: 'Fields and Layout Only',
				kind: 'boolean',
				hint: 'Whether to return only the type’s fields and layout',
			},
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Client to answer resource-booking availability for',
			},
			{
				key: 'site_id',
				label: 'Site ID',
				kind: 'number',
				ref: REF.site,
				hint: 'Site to answer resource-booking availability for',
			},
			{
				key: 'booking_type',
				label: 'Booking Type ID',
				kind: 'number',
				hint: 'Booking type to answer availability for',
			},
			{
				key: 'start_date',
				label: 'Start Date',
				kind: 'dateTime',
				hint: 'Start of the window to answer availability for',
			},
			{
				key: 'end_date',
				label: 'End Date',
				kind: 'dateTime',
				hint: 'End of the window to answer availability for',
			},
		],
	},
	getMany: {
		filters: [
			{
				key: 'assetgroup_id',
				label: 'Asset Group ID',
				kind: 'number',
				ref: REF.assetGroup,
				hint: 'Only types of this asset group',
			},
			{
				key: 'tickettype_id',
				label: 'Ticket Type ID',
				kind: 'number',
				ref: REF.ticketType,
				hint: 'Only types allowed on this ticket type',
			},
			{
				key: 'can_create_only',
				label: 'Can Create Only',
				kind: 'boolean',
				hint: 'Whether to list only types the API agent may create assets of',
			},
			{
				key: 'can_edit_only',
				label: 'Can Edit Only',
				kind: 'boolean',
				hint: 'Whether to list only types the API agent may edit assets of',
			},
			{
				key: 'resourcesonly',
				label: 'Resources Only',
				kind: 'boolean',
				hint: 'Whether to list only types that can be booked as resources',
			},
			{
				key: 'fixedassetgroups',
				label: 'Fixed Asset Groups',
				kind: 'boolean',
				hint: 'Whether to list only types in fixed-asset groups',
			},
			{
				key: 'setuplist',
				label: 'Setup List',
				kind: 'boolean',
				hint: 'Whether to answer as Halo’s configuration screen lists them',
			},
		],
	},
	update: { fields: assetTypeFields },
	delete: {},
};
