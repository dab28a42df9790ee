import type { ResourceDefinition } from './types';

/**
 * Names that saved workflows hold: a parameter's or method's name, once shipped, is never changed.
 * Kept here, below everything, so that the form and the run read the same names.
 */

/** The resource locator that names the record an operation works on. */
export function idParameterName(resource: ResourceDefinition): string {
	return `${resource.value}Id`;
}

/** The list-search method of a resource's locator. */
export function listSearchMethodName(resource: ResourceDefinition): string {
	return `${resource.value}Search`;
}

/** The Create or Update operation's value. */
export const UPSERT_OPERATION = 'upsert';

/** The editor's list of a resource's custom fields. */
export const CUSTOM_FIELD_OPTIONS_METHOD = 'customFieldOptions';
