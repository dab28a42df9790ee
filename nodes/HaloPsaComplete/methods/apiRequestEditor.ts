import type {
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	ALL_METHODS,
	bodySkeleton,
	documentedPath,
	documentedQuery,
	searchDocumentedPaths,
	templateOf,
} from '../helpers/apiIndex';
import type { DocumentedPath } from '../helpers/apiIndex';
import type { LoaderClient } from './referenceLoaders';

/**
 * What the editor asks of API Request's index of Halo's document: the path picker's search, the
 * methods of the picked path, its documented query parameters and a POST's body skeleton. None
 * of them calls Halo: the index ships with the node.
 */

export const API_REQUEST_PATH_SEARCH = 'apiRequestPathSearch';
export const API_REQUEST_METHODS = 'apiRequestMethods';
export const API_REQUEST_QUERY_PARAMETERS = 'apiRequestQueryParameters';
export const API_REQUEST_BODY_SKELETON = 'apiRequestBodySkeleton';

/** Paths per "From list" page: the editor asks for more as the user scrolls. */
const PAGE = 100;

interface PickedPath {
	mode: 'list' | 'typed';
	value: string;
}

/** The Path as the node holds it: a locator ({mode, value}) from version 1.2, text before. */
function pickedPath(this: ILoadOptionsFunctions): PickedPath {
	const raw = this.getCurrentNodeParameter('path') as unknown;
	if (typeof raw === 'string') return { mode: 'typed', value: raw };
	if (typeof raw === 'object' && raw !== null && 'value' in raw) {
		const { mode, value } = raw as { mode?: string; value?: unknown };
		return { mode: mode === 'list' ? 'list' : 'typed', value: String(value ?? '') };
	}
	return { mode: 'typed', value: '' };
}

/** The document's path the node names: the picked one, or the template a typed path is an instance of. */
function namedPath(this: ILoadOptionsFunctions): DocumentedPath | undefined {
	const picked = pickedPath.call(this);
	if (picked.value.startsWith('=')) return undefined;
	return picked.mode === 'list' ? documentedPath(picked.value) : templateOf(picked.value);
}

function currentMethod(this: ILoadOptionsFunctions): IHttpRequestMethods {
	const method = String(this.getCurrentNodeParameter('method') ?? 'GET').toUpperCase();
	return (ALL_METHODS as string[]).includes(method) ? (method as IHttpRequestMethods) : 'GET';
}

async function searchPaths(
	_client: LoaderClient,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const found = searchDocumentedPaths(filter ?? '');
	const start = Number(paginationToken ?? 0) || 0;
	const results = found.slice(start, start + PAGE).map((path) => ({
		name: `${path.path} (${path.methods.join(', ')})`,
		value: path.path,
		description: `${path.entity}: ${path.methods.join(', ')}`,
	}));
	const next = start + PAGE;
	return { results, paginationToken: next < found.length ? String(next) : undefined };
}

/** The verbs the picked path has in the document; a typed path, all five. */
async function methodOptions(client: LoaderClient): Promise<INodePropertyOptions[]> {
	const picked = pickedPath.call(client.context);
	const path = picked.mode === 'list' ? documentedPath(picked.value) : undefined;
	return (path?.methods ?? ALL_METHODS).map((method) => ({ name: method, value: method }));
}

async function queryOptions(client: LoaderClient): Promise<INodePropertyOptions[]> {
	const path = namedPath.call(client.context);
	if (!path) return [];
	return documentedQuery(path, currentMethod.call(client.context))
		.map(({ name, type }) => ({ name: `${name} (${type})`, value: name, description: type }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** One option naming the entity a POST takes, its skeleton as the description. */
async function bodySkeletonOptions(client: LoaderClient): Promise<INodePropertyOptions[]> {
	const path = namedPath.call(client.context);
	const skeleton = path && bodySkeleton(path);
	if (!path || !skeleton) return [];
	const fields =
		skeleton.shown < skeleton.total
			? `${skeleton.shown} of its ${skeleton.total} fields`
			: `its ${skeleton.shown} fields`;
	const takes = skeleton.array ? `an array of ${skeleton.entity}` : `one ${skeleton.entity}`;
	return [
		{
			name: `POST ${path.path} takes ${takes} (${fields}; add "id" to change a record)`,
			value: skeleton.entity,
			description: skeleton.text,
		},
	];
}

export const apiRequestSearchMethods = { [API_REQUEST_PATH_SEARCH]: searchPaths };

export const apiRequestOptionsMethods = {
	[API_REQUEST_METHODS]: methodOptions,
	[API_REQUEST_QUERY_PARAMETERS]: queryOptions,
	[API_REQUEST_BODY_SKELETON]: bodySkeletonOptions,
};
