import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	collectValues,
	fieldLabel,
	fieldToProperty,
	isRecordIdField,
	toBodyValue,
} from '../descriptions/fields';
import { isPositiveId } from '../helpers/ids';
import type { ExtraAction, HaloField, OperationKey, ResourceDefinition } from '../helpers/types';

/** Operations whose definition may name required parameters (Create has its own, in createProperties). */
const WITH_REQUIRED: OperationKey[] = ['get', 'getMany', 'update', 'delete'];

/** A required parameter left empty, or a required record id that is not ≥ 1 (0 would mean "none"). */
export function requiredValueProblem(field: HaloField, value: unknown): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return `${fieldLabel(field)} is required`;
	}
	if (isRecordIdField(field) && !isPositiveId(value)) {
		return `${fieldLabel(field)} must be a record ID of 1 or more, not ${JSON.stringify(value)}`;
	}
	return undefined;
}

/**
 * One item's required parameters, checked and converted: for a body (default) or, with
 * `toQueryValue`, for a query string. Nothing is sent when one is missing or not a record id.
 */
export function readRequired(
	this: IExecuteFunctions,
	fields: HaloField[] | undefined,
	itemIndex: number,
	convert: (field: HaloField, value: unknown) => unknown = toBodyValue,
): IDataObject {
	const raw: IDataObject = {};
	for (const field of fields ?? []) {
		// extractValue: a picked record (resource locator) gives its id; a saved plain value stays as it is.
		const value = this.getNodeParameter(field.key, itemIndex, undefined, { extractValue: true });
		const problem = requiredValueProblem(field, value);
		if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
		raw[field.key] = (isRecordIdField(field) ? Number(value) : value) as IDataObject[string];
	}
	const { values, problem } = collectValues(fields ?? [], raw, convert);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return values;
}

/**
 * The required parameters of Get, Get Many, Update and Delete. A field shared by several
 * operations (the same definition object) becomes one parameter shown for all of them, so its
 * value stays when the user switches between them.
 */
export function requiredProperties(resource: ResourceDefinition): INodeProperties[] {
	const shared = new Map<HaloField, string[]>();
	for (const operation of WITH_REQUIRED) {
		const definition = resource[operation];
		const fields = definition && 'required' in definition ? (definition.required ?? []) : [];
		for (const field of fields) shared.set(field, [...(shared.get(field) ?? []), operation]);
	}
	return [...shared.entries()].map(([field, operations]) => ({
		...fieldToProperty(field),
		// As on Create: a locator's emptiness is checked per item, not by n8n before the run.
		required: field.ref?.picker !== 'list',
		displayOptions: { show: { resource: [resource.value], operation: operations } },
	}));
}

/** An action that needs one of several values (an agent or a team to assign) refuses to run with none. */
export function assertAtLeastOne(
	this: IExecuteFunctions,
	action: ExtraAction,
	values: IDataObject,
	itemIndex: number,
): void {
	if (!action.atLeastOne?.length) return;
	const isSet = (key: string) =>
		values[key] !== undefined &&
		values[key] !== '' &&
		!(typeof values[key] === 'number' && values[key] === 0);
	if (action.atLeastOne.some(isSet)) return;
	const fields = [...(action.parameters ?? []), ...(action.options ?? [])];
	const labels = action.atLeastOne.map((key) => {
		const field = fields.find((candidate) => candidate.key === key);
		return field ? fieldLabel(field) : key;
	});
	const listed =
		labels.length > 1
			? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`
			: labels[0];
	throw new NodeOperationError(
		this.getNode(),
		`Set ${listed}: ${action.name} needs at least one of them`,
		{ itemIndex },
	);
}
