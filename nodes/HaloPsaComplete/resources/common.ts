import type { CreateDefinition, HaloField } from '../helpers/types';

/** Halo's sort parameters, shared by most lists. */
export const orderFilters: HaloField[] = [
	{
		key: 'order',
		label: 'Order By',
		kind: 'string',
		placeholder: 'e.g. name',
		hint: 'Field name to sort by',
	},
	{
		key: 'orderdesc',
		label: 'Order Descending',
		kind: 'boolean',
		hint: 'Whether to sort by Order By in descending order',
	},
	{ key: 'order2', label: 'Then Order By', kind: 'string', hint: 'Second field name to sort by' },
	{
		key: 'orderdesc2',
		label: 'Then Order Descending',
		kind: 'boolean',
		hint: 'Whether to sort by Then Order By in descending order',
	},
];

export const lastUpdatedFilters: HaloField[] = [
	{
		key: 'lastupdatefromdate',
		label: 'Last Updated After',
		kind: 'dateTime',
		hint: 'Only records changed on or after this date',
	},
	{
		key: 'lastupdatetodate',
		label: 'Last Updated Before',
		kind: 'dateTime',
		hint: 'Only records changed on or before this date',
	},
];

export function customFieldsField(entity: string): HaloField {
	return {
		key: 'customfields',
		label: 'Custom Fields (JSON)',
		kind: 'json',
		jsonShape: 'array',
		default: '[]',
		hint: `Custom field values for the ${entity}, as Halo takes them: [{"id": <Field Info ID>, "value": …}]`,
	};
}

/**
 * Custom fields picked by label from HaloPSA's definitions of the resource's custom fields (the
 * resource's `customFieldsType`), each value checked against its field's type; sent as
 * `customfields`, alongside any given as JSON.
 */
export const customFieldsByLabel: HaloField = {
	key: 'customFieldValues',
	label: 'Custom Fields',
	kind: 'customFields',
	hint: 'Custom field values, each field picked by its label in HaloPSA and its value checked against the field’s type',
};

export const includeDetailsOption: HaloField = {
	key: 'includedetails',
	label: 'Include Details',
	kind: 'boolean',
	hint: 'Whether to include nested objects and custom fields',
};

/**
 * Create from a resource's field list: the named fields become required parameters (in that
 * order), the rest go to Additional Fields, less any that Halo sets itself on create (`omit`).
 */
export function createFrom(
	fields: HaloField[],
	required: string[],
	omit: string[] = [],
): CreateDefinition {
	return {
		required: required.map((key) => {
			const field = fields.find((candidate) => candidate.key === key);
			if (!field) throw new Error(`no field ${key} to require`);
			return field;
		}),
		fields: fields.filter((field) => !required.includes(field.key) && !omit.includes(field.key)),
	};
}
