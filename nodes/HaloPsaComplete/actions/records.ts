import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import type { ResourceDefinition } from '../helpers/types';
import type { HaloClient } from '../transport';

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

export function notFound(resource: ResourceDefinition, id: unknown): string {
	return `No ${resource.displayName} with ID ${String(id)} exists in HaloPSA`;
}

/** One record by its id; a 404 says which record was missing. */
export function readRecord(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	id: string | number,
	itemIndex: number,
	qs?: IDataObject,
): Promise<unknown> {
	return haloApiRequest(client, {
		method: 'GET',
		path: `${resource.path}/${encodeURIComponent(String(id))}`,
		qs,
		itemIndex,
		notFound: notFound(resource, id),
	});
}
