import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { singularNoun } from '../helpers/nouns';
import { bodyOneShot } from '../helpers/oneShot';
import { oneShotFailure } from './oneShotErrors';
import { collectValues, fieldLabel, labelFromName, toBodyValue } from '../descriptions/fields';
import { bodyFor, collectionValues, recordId } from './parameters';
import { asRecords, notFound, readRecord } from './records';
import { assertAtLeastOne, readRequired } from './required';
import type { ExtraAction, ExtraActionRequest, ResourceDefinition } from '../helpers/types';
import type { HaloClient } from '../transport';

// A resource's extra actions (Void, Add Note, Execute Runbook …): the one place their values are
// read, and the generic runner for actions that are one request (with an optional fallback route).

export interface ExtraActionValues {
	/** The action's parameters and options as Halo names them, with a `spread` object's entries lifted in. */
	values: IDataObject;
	/** The `spread` object itself; empty when the action has none or the user left it out. */
	spread: IDataObject;
}

function extraActionValues(
	this: IExecuteFunctions,
	action: ExtraAction,
	itemIndex: number,
): ExtraActionValues {
	const parameters: IDataObject = {};
	for (const field of action.parameters ?? [])
		parameters[field.key] = this.getNodeParameter(field.key, itemIndex) as IDataObject[string];
	const values = {
		...bodyFor.call(this, action.parameters ?? [], parameters, itemIndex),
		...bodyFor.call(
			this,
			action.options ?? [],
			collectionValues.call(this, 'options', itemIndex),
			itemIndex,
		),
	};
	if (action.spread === undefined || values[action.spread] === undefined)
		return { values, spread: {} };
	const { [action.spread]: spread, ...rest } = values;
	if (typeof spread !== 'object' || spread === null || Array.isArray(spread)) {
		const field = [...(action.parameters ?? []), ...(action.options ?? [])].find(
			(candidate) => candidate.key === action.spread,
		);
		const label = field ? fieldLabel(field) : labelFromName(action.spread);
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be a JSON object, like {"name": "value"}`,
			{ itemIndex },
		);
	}
	return { values: { ...(spread as IDataObject), ...rest }, spread: spread as IDataObject };
}

async function sendExtraRequest(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	action: ExtraAction,
	request: ExtraActionRequest,
	{ values, spread }: ExtraActionValues,
	itemIndex: number,
	id?: string | number,
): Promise<unknown> {
	let body: IDataObject | IDataObject[] | undefined;
	// The record id goes last so nothing the user typed can redirect the call to another record.
	if (request.body === 'idInArray')
		body = [{ ...values, ...request.fixedBody, [request.idKey ?? 'id']: id }];
	if (request.body === 'jsonParameter')
		body = Object.values(values)[0] as IDataObject | IDataObject[];
	if (request.body === 'spreadObject') body = spread;
	const oneShot = action.oneShot ?? bodyOneShot(body, resource);
	return haloApiRequest(client, {
		method: request.method,
		path: request.path.replace('{id}', encodeURIComponent(String(id ?? ''))),
		body,
		itemIndex,
		oneShot: oneShot !== undefined,
		notFound: id === undefined ? undefined : notFound(resource, id),
	}).catch((error: unknown) => {
		const record = oneShotRecord(resource, id, body);
		throw oneShotFailure(client.context.getNode(), error, oneShot, record, itemIndex);
	});
}

/** The record a one-shot action acted on, in words: `quotation 5`, or what was posted. */
function oneShotRecord(resource: ResourceDefinition, id: unknown, body: unknown): string {
	if (id !== undefined) return `${singularNoun(resource)} ${String(id)}`;
	const posted = JSON.stringify(body) ?? '';
	return posted.length > 80 ? `${posted.slice(0, 77)}…` : posted;
}

function routeMissing(error: unknown): boolean {
	return error instanceof NodeApiError && (error.httpCode === '404' || error.httpCode === '405');
}

export async function runExtraAction(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
): Promise<IDataObject[]> {
	const id = action.needsId ? recordId.call(client.context, resource, itemIndex) : undefined;
	const values = extraActionValues.call(client.context, action, itemIndex);
	assertAtLeastOne.call(client.context, action, values.values, itemIndex);
	const { fallback } = action;
	if (fallback) {
		// A preview cannot know whether Halo has the route: it says what a real run does without it.
		const path = `/api${fallback.path.replace('{id}', encodeURIComponent(String(id ?? '')))}`;
		client.preview.note(itemIndex, {
			ifRouteMissing: `If HaloPSA has no ${action.method} /api${action.path.replace('{id}', encodeURIComponent(String(id ?? '')))} route (404 or 405), a real run ${id !== undefined ? 'reads the record and ' : ''}sends ${fallback.method} ${path} instead`,
		});
	}
	// haloApiRequest throws only NodeApiErrors, so any error but a missing route passes on unchanged.
	const answer = await sendExtraRequest(
		client,
		resource,
		action,
		action,
		values,
		itemIndex,
		id,
	).catch(async (error: unknown) => {
		if (!fallback || !routeMissing(error)) throw error;
		// A 404 may mean "no such record" as well as "no such route": only a record that exists
		// gets the fallback, which would otherwise create one (an update of a missing id).
		if (id !== undefined) await readRecord(client, resource, id, itemIndex);
		return sendExtraRequest(client, resource, action, fallback, values, itemIndex, id);
	});
	const items = asRecords(answer);
	return items.length > 0 ? items : [{ id: id ?? null, success: true }];
}

/**
 * An engine-run action's Halo values for one item: its parameters (each required) and the
 * Options set, as they go into a body.
 */
export function actionValues(
	this: IExecuteFunctions,
	action: ExtraAction,
	itemIndex: number,
): IDataObject {
	const required = readRequired.call(this, action.parameters, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { values, problem } = collectValues(action.options ?? [], options, toBodyValue);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	const all = { ...values, ...required };
	assertAtLeastOne.call(this, action, all, itemIndex);
	return all;
}
