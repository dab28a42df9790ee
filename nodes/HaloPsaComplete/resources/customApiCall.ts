import type { ResourceDefinition } from '../engine/types';

/** Any HaloPSA endpoint the node does not model, with the node's credential and transport. */
export const customApiCall: ResourceDefinition = {
	value: 'customApiCall',
	displayName: 'Custom API Call',
	singular: 'custom API call',
	description: 'Call any HaloPSA API endpoint',
	// Each call names its own path; the engine module keeps it below /api.
	path: '/',
	idType: 'number',
	pages: false,
	extraActions: [
		{
			value: 'request',
			name: 'Make a Request',
			action: 'Make an API request',
			description: 'Call any HaloPSA endpoint below /api with the node’s credential',
			kind: 'customApiCall',
			method: 'GET',
			path: '/',
			needsId: false,
		},
	],
};
