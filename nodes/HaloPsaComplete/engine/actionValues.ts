import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collectValues, toBodyValue } from './fields';
import { assertAtLeastOne, readRequired } from './required';
import type { ExtraAction } from './types';

/** An answer as records: an array as it is, an object as one, nothing as none. */
export function asRecords(answer: unknown): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	if (answer === undefined || answer === null || answer === '') return [];
	return [
		typeof answer === 'object'
			? (answer as IDataObject)
			: { result: answer as string | number | boolean },
	];
}

/**
 * An engine-run action's Halo values for one item: its parameters (each required) and the
 * Options set, as they go into a body.
 */
export function actionValues(
	ctx: IExecuteFunctions,
	action: ExtraAction,
	itemIndex: number,
): IDataObject {
	const required = readRequired(ctx, action.parameters, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { values, problem } = collectValues(action.options ?? [], options, toBodyValue);
	if (problem) throw new NodeOperationError(ctx.getNode(), problem, { itemIndex });
	const all = { ...values, ...required };
	assertAtLeastOne(ctx, action, all, itemIndex);
	return all;
}
