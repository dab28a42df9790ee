import type { ResourceDefinition } from '../helpers/types';

/**
 * Any HaloPSA endpoint the node does not model (a custom API call), with the node's credential and
 * transport. Shown as "API Request": n8n's editor adds its own "Custom API Call" entry (the HTTP
 * Request node with this credential) to the resource list, and two entries of one name would confuse.
 */
export const customApiCall: ResourceDefinition = {
	value: 'customApiCall',
	displayName: 'API Request',
	singular: 'API request',
	description: 'Call any HaloPSA API endpoint, with this node’s rate limiting, retries and errors',
	// Each call names its own path; the engine module keeps it below /api.
	path: '/',
	owner: {
		kind: 'unprovable',
		why: 'API Request can call any path, and nothing says whose data it touches',
	},
	idType: 'number',
	pages: false,
	extraActions: [
		{
			value: 'request',
			name: 'Make a Request',
			action: 'Make an API request',
			description: 'Call any HaloPSA endpoint below /api through this node and its credential',
			kind: 'customApiCall',
			needs: ['Method', 'Path'],
			method: 'GET',
			path: '/',
			needsId: false,
		},
	],
};
