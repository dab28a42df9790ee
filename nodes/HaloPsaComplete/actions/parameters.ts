import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from './batch';
import { collectQueryValues, collectValues, toBodyValue } from '../descriptions/fields';
import type { HaloField, ResourceDefinition } from '../helpers/types';
import { parseRecordId } from '../helpers/ids';
import { idParameterName } from '../helpers/names';

// Reading one item's parameters: the record id, collections, body and query values, checked.

export function recordId(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	itemIndex: number,
): string | number {
	const raw = this.getNodeParameter(idParameterName(resource), itemIndex, '', {
		extractValue: true,
	});
	const parsed = parseRecordId(resource.idType, raw, `${resource.displayName} ID`);
	if ('problem' in parsed)
		throw new NodeOperationError(this.getNode(), parsed.problem, { itemIndex });
	return parsed.id;
}

export function collectionValues(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): IDataObject {
	return this.getNodeParameter(name, itemIndex, {}) as IDataObject;
}

export function bodyFor(
	this: IExecuteFunctions,
	fields: HaloField[],
	input: IDataObject,
	itemIndex: number,
): IDataObject {
	const { values, problem } = collectValues(fields, input, toBodyValue);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return values;
}

export function queryFor(
	this: IExecuteFunctions,
	fields: HaloField[],
	input: IDataObject,
	itemIndex: number,
): IDataObject {
	const { values, problem } = collectQueryValues(fields, input);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return values;
}

/** More Filters: extra query parameters by their HaloPSA name; blank rows are not sent. */
export function moreFilterValues(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const { parameter = [] } = this.getNodeParameter('moreFilters', itemIndex, {}) as {
		parameter?: Array<{ name: string; value: string }>;
	};
	const query: IDataObject = {};
	for (const { name, value } of parameter) {
		if (name.trim() !== '' && String(value ?? '').trim() !== '') query[name.trim()] = value;
	}
	return query;
}

/** Options › Batch Size, kept within what Halo takes in one POST. */
export function batchSizeOf(this: IExecuteFunctions, itemIndex: number): number {
	const { batchSize } = collectionValues.call(this, 'options', itemIndex);
	const size =
		typeof batchSize === 'number' && Number.isFinite(batchSize)
			? Math.floor(batchSize)
			: DEFAULT_BATCH_SIZE;
	return Math.min(Math.max(1, size), MAX_BATCH_SIZE);
}
