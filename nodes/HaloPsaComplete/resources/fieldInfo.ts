import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';

/** Which records a custom field belongs to, as the list's `typeid` filter numbers them. */
const ENTITY_TYPES = [
	{ label: 'Tickets', value: 1 },
	{ label: 'Clients', value: 2 },
	{ label: 'Sites', value: 3 },
	{ label: 'Assets', value: 5 },
];

/**
 * Custom-field definitions, under their names in Halo's `FieldInfo` schema. The 0.6.1 package took
 * one raw JSON object here; these are the parts of it worth a field each.
 */
const internalName: HaloField = {
	key: 'name',
	kind: 'string',
	placeholder: 'e.g. CFContractTier',
	hint: 'Internal name of the field, letters and digits only',
};

const fieldInfoFields: HaloField[] = [
	internalName,
	{ key: 'label', kind: 'string', hint: 'Label shown next to the field' },
	{ key: 'summary', kind: 'string', hint: 'Short label used in lists and reports' },
	{ key: 'hint', kind: 'string', hint: 'Help text shown with the field' },
	{
		key: 'type',
		label: 'Field Type',
		kind: 'options',
		hint: 'What the field holds',
		options: [
			{ label: 'Text', value: 0 },
			{ label: 'Memo', value: 1 },
			{ label: 'Single Selection', value: 2 },
			{ label: 'Multiple Selection', value: 3 },
			{ label: 'Date', value: 4 },
			{ label: 'Time', value: 5 },
			{ label: 'Checkbox', value: 6 },
			{ label: 'Rich Text', value: 10 },
		],
	},
	{
		key: 'inputtype',
		label: 'Input Type',
		kind: 'number',
		hint: 'How the value is entered, by field type. Text: 0 anything, 1 integer, 2 money, 3 alphanumeric, 4 decimal, 5 URL, 6 password. Single selection: 0 dropdown, 1 tree, 2 radio. Date: 0 date, 1 date and time.',
	},
	{
		key: 'usage',
		kind: 'number',
		hint: 'Which records the field belongs to: 1 tickets, 2 clients, 3 sites, 5 assets (the numbers of the Get Many Record Type filter)',
	},
	{
		key: 'new_values',
		label: 'New Values',
		kind: 'string',
		hint: 'Choices to add to a selection field, comma-separated',
	},
	{
		key: 'defaultvalue',
		label: 'Default Value',
		kind: 'string',
		hint: 'Value the field starts with',
	},
	{ key: 'mandatory', kind: 'boolean', hint: 'Whether the field must be filled in' },
	{
		key: 'readonly',
		label: 'Read Only',
		kind: 'boolean',
		hint: 'Whether the field cannot be edited',
	},
	{ key: 'searchable', kind: 'boolean', hint: 'Whether agents can search by the field' },
	{
		key: 'user_searchable',
		label: 'User Searchable',
		kind: 'boolean',
		hint: 'Whether end users can search by the field',
	},
	{
		key: 'calendar_searchable',
		label: 'Calendar Searchable',
		kind: 'boolean',
		hint: 'Whether the calendar can be searched by the field',
	},
	{
		key: 'onlyshowforagents',
		label: 'Only Show For Agents',
		kind: 'boolean',
		hint: 'Whether end users are kept from seeing the field',
	},
	{
		key: 'showondetailsscreen',
		label: 'Show On Details Screen',
		kind: 'boolean',
		hint: 'Whether the field shows on the record’s details screen',
	},
	{
		key: 'copytochild',
		label: 'Copy To Child',
		kind: 'boolean',
		hint: 'Whether child tickets get the value when they are created',
	},
	{
		key: 'copytochildonupdate',
		label: 'Copy To Child On Update',
		kind: 'boolean',
		hint: 'Whether child tickets get the value when it changes',
	},
	{
		key: 'characterlimit',
		label: 'Character Limit',
		kind: 'number',
		hint: 'Most characters the field accepts; 0 for no limit',
	},
	{ key: 'regex', label: 'Regex', kind: 'string', hint: 'Regular expression a value must match' },
	{ key: 'tab_id', label: 'Tab ID', kind: 'number', hint: 'Tab the field shows on' },
	{ key: 'seq', label: 'Sequence', kind: 'number', hint: 'Position of the field among the others' },
	{
		key: 'access_control_level',
		label: 'Access Control Level',
		kind: 'number',
		hint: 'Who may see and edit the field',
	},
];

export const fieldInfo: ResourceDefinition = {
	value: 'fieldInfo',
	displayName: 'Field Info',
	singular: 'custom field definition',
	plural: 'custom field definitions',
	description: 'Custom field definitions',
	schemaEntity: 'FieldInfo',
	path: '/FieldInfo',
	owner: { kind: 'reference' },
	idType: 'number',
	// `name` is Halo's internal CFxxx code; people know a field by its label.
	nameField: 'label',
	// Halo's /FieldInfo list is a bare array with neither `pageinate` nor a text search.
	pages: false,
	create: createFrom(fieldInfoFields, [internalName.key]),
	get: {
		options: [
			includeDetailsOption,
			{
				key: 'getlookupvalues',
				label: 'Get Lookup Values',
				kind: 'boolean',
				hint: 'Whether to include the choices of a selection field',
			},
			{
				key: 'entityid',
				label: 'Entity ID',
				kind: 'number',
				hint: 'Record whose value of the field to include',
			},
			{
				key: 'userid',
				label: 'User ID',
				kind: 'number',
				hint: 'User to evaluate the field’s visibility for',
			},
			{
				key: 'livecustomfields',
				label: 'Live Custom Fields',
				kind: 'string',
				hint: 'Current custom field values, for fields whose choices depend on them',
			},
		],
	},
	getMany: {
		filters: [
			{
				key: 'typeid',
				label: 'Record Type',
				kind: 'options',
				hint: 'Only custom fields of this kind of record',
				options: ENTITY_TYPES,
			},
			{
				key: 'fieldtype',
				label: 'Field Type',
				kind: 'number',
				hint: 'Only fields of this field type (0 text, 2 single selection, …)',
			},
			{
				key: 'fieldtypemultiple',
				label: 'Field Types',
				kind: 'idList',
				hint: 'Only fields of these field types (comma-separated)',
			},
			{
				key: 'inputtype',
				label: 'Input Type',
				kind: 'number',
				hint: 'Only fields of this input type',
			},
			{
				key: 'extratype',
				label: 'Extra Type',
				kind: 'number',
				hint: 'Only fields of this extra type',
			},
			{
				key: 'systemid',
				label: 'System ID',
				kind: 'number',
				hint: 'Only the system field with this ID',
			},
			{
				key: 'access_control_level',
				label: 'Access Control Level',
				kind: 'number',
				hint: 'Only fields at this access level',
			},
			{ key: 'domain', kind: 'string', hint: 'Permission domain, e.g. opps' },
			{
				key: 'includevalues',
				label: 'Include Values',
				kind: 'boolean',
				hint: 'Whether to include the choices of selection fields',
			},
			{
				key: 'includecategories',
				label: 'Include Categories',
				kind: 'boolean',
				hint: 'Whether to include category fields',
			},
			{
				key: 'includedatefields',
				label: 'Include Date Fields',
				kind: 'boolean',
				hint: 'Whether to include date fields',
			},
			{
				key: 'includeremotefields',
				label: 'Include Remote Fields',
				kind: 'boolean',
				hint: 'Whether to include fields from integrations',
			},
			{
				key: 'includejirafields',
				label: 'Include Jira Fields',
				kind: 'boolean',
				hint: 'Whether to include Jira fields',
			},
			{
				key: 'excludetables',
				label: 'Exclude Tables',
				kind: 'boolean',
				hint: 'Whether to leave out table fields',
			},
			{
				key: 'excludetableself',
				label: 'Exclude Table Self',
				kind: 'boolean',
				hint: 'Whether to leave out the field’s own table',
			},
			{
				key: 'excluderanges',
				label: 'Exclude Ranges',
				kind: 'boolean',
				hint: 'Whether to leave out range fields',
			},
			{
				key: 'isconfig',
				label: 'Is Config',
				kind: 'boolean',
				hint: 'Whether to list fields as the configuration screen does',
			},
			{
				key: 'iscustomfieldsetup',
				label: 'Is Custom Field Setup',
				kind: 'boolean',
				hint: 'Whether to list fields as the custom field setup does',
			},
			{
				key: 'isapprovalstep',
				label: 'Is Approval Step',
				kind: 'boolean',
				hint: 'Whether to list the fields of approval steps',
			},
		],
	},
	update: { fields: fieldInfoFields },
	delete: {},
};
