// The form side of pickers: the property a reference field becomes. The loaders that fill them
// at edit time are in referenceLoaders.ts; methods.ts registers them.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { capitalised, withArticle } from '../helpers/nouns';
import type { HaloField, HaloReference } from '../helpers/types';

/** A list the editor reads for a picker: a reference's target, or a resource's own records. */
export interface PickerSource {
	path: string;
	listKey?: string;
	pages: boolean;
	nameField?: string;
	valueField?: string;
	searchParam?: string;
	query?: IDataObject;
	dependsOn?: HaloReference['dependsOn'];
}

export const SEARCH_PAGE_SIZE = 50;
/** Dropdowns are for short lists; one read of this many rows covers them. */
export const DROPDOWN_PAGE_SIZE = 100;

export const refSearchMethodName = (ref: HaloReference): string => `${ref.name}RefSearch`;
export const refOptionsMethodName = (ref: HaloReference): string => `${ref.name}RefOptions`;

const EXPRESSION_HINT =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';
/** Ids a reference's "By ID" takes: Halo uses 0 and -1 for "none" in some fields, so any integer. */
const REFERENCE_ID_PATTERN = '^\\s*-?[0-9]+\\s*$';

function sentence(hint?: string): string {
	if (!hint) return '';
	return /[.!?]$/.test(hint) ? `${hint} ` : `${hint}. `;
}

function locatorDefault(field: HaloField): { mode: string; value: string } {
	return field.default === undefined
		? { mode: 'list', value: '' }
		: { mode: 'id', value: String(field.default) };
}

/** The editor's picker for a field that names another record: a dropdown or "From list"/"By ID". */
export function referenceProperty(
	field: HaloField,
	ref: HaloReference,
	displayName: string,
): INodeProperties {
	const dependsOn = (ref.dependsOn ?? []).flatMap((dependency) => dependency.from);
	if (ref.picker === 'dropdown') {
		const property: INodeProperties = {
			displayName,
			name: field.key,
			type: 'options',
			default: '',
			description: `${sentence(field.hint)}${EXPRESSION_HINT}`,
			typeOptions: {
				loadOptionsMethod: refOptionsMethodName(ref),
				...(dependsOn.length ? { loadOptionsDependsOn: dependsOn } : {}),
			},
		};
		if (field.default !== undefined) property.default = field.default;
		return property;
	}
	const textValue = (ref.valueField ?? 'id') !== 'id';
	return {
		displayName,
		name: field.key,
		type: 'resourceLocator',
		default: locatorDefault(field),
		description: field.hint,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${withArticle(ref.noun)}…`,
				typeOptions: { searchListMethod: refSearchMethodName(ref), searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `${capitalised(ref.noun)} ID, e.g. 42`,
				...(textValue
					? {}
					: {
							validation: [
								{
									type: 'regex',
									properties: {
										regex: REFERENCE_ID_PATTERN,
										errorMessage: 'Not a record ID: a whole number',
									},
								},
							],
						}),
			},
		],
	};
}

/** A value as the editor holds it: a locator's value, or the value itself. */
export function plainValue(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && '__rl' in value && 'value' in value)
		return (value as { value: unknown }).value;
	return value;
}
