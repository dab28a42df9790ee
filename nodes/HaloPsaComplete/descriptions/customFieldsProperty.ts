import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_FIELD_OPTIONS_METHOD } from '../helpers/names';
import type { HaloField } from '../helpers/types';

/**
 * Custom fields by label, in the form: a list of (field, value) rows whose field is picked from the
 * resource's definitions (methods/customFieldOptions.ts) and checked at run time
 * (actions/customFields.ts).
 */
export function customFieldsProperty(field: HaloField, displayName: string): INodeProperties {
	return {
		displayName,
		name: field.key,
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		typeOptions: { multipleValues: true },
		default: {},
		description: field.hint,
		options: [
			{
				displayName: 'Custom Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: CUSTOM_FIELD_OPTIONS_METHOD },
						default: '',
						description:
							'The custom field, by its label in HaloPSA. Choose from the list, or specify its ID, label or internal name (CFxxx) using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'Text or number; a date like 2026-03-31; true or false for a checkbox; the name of a choice for a selection field (several, comma-separated, for a multiple selection). Empty clears the field.',
					},
				],
			},
		],
	};
}
