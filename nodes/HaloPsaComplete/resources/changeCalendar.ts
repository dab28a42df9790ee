import type { ResourceDefinition } from '../helpers/types';

export const changeCalendar: ResourceDefinition = {
	value: 'changeCalendar',
	displayName: 'Change Calendar',
	singular: 'change calendar entry',
	plural: 'change calendar entries',
	description: 'The change calendar: planned changes and freeze periods, read only',
	// The 2024-09 document gives GET /ChangeCalendar no parameters and no schema; the answer is taken
	// to be a bare array like Halo's other configuration lists (a guess:
	// halo-behaviour.md#list-shapes).
	path: '/ChangeCalendar',
	owner: {
		kind: 'unprovable',
		why: "the change calendar shows every client's changes",
	},
	idType: 'number',
	pages: false,
	getMany: { filters: [] },
	unsupported: {
		create:
			'HaloPSA’s API only lists the change calendar: it cannot create, read one, update or delete entries.',
	},
};
