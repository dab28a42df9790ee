import type { ResourceDefinition } from '../helpers/types';
import { REF } from './references';

export const timeslot: ResourceDefinition = {
	value: 'timeslot',
	displayName: 'Timeslot',
	description: 'Bookable timeslots of a workday, read only',
	schemaEntity: 'Timeslot',
	path: '/Timeslot',
	owner: { kind: 'reference' },
	// Bare array like Halo's other configuration lists (halo-behaviour.md#list-shapes); the document
	// gives no list key or paging.
	idType: 'number',
	nameField: 'name',
	pages: false,
	getMany: {
		filters: [
			{
				key: 'workday_id',
				label: 'Workday ID',
				kind: 'number',
				ref: REF.workday,
				hint: 'Only timeslots of this workday',
			},
			{
				key: 'agent_id',
				label: 'Agent ID',
				kind: 'number',
				ref: REF.agent,
				hint: 'Only timeslots of this agent’s workday',
			},
		],
	},
	unsupported: {
		create:
			'HaloPSA’s API only lists timeslots: they are set up on a workday, and cannot be created, read one by one, updated or deleted here.',
	},
};
