import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** One scheduled charge of a contract, with its HaloPSA (`ContractSchedule`) names. */
const scheduleFields: HaloField[] = [
	{
		key: 'chid',
		label: 'Contract ID',
		kind: 'number',
		ref: REF.contract,
		hint: 'ID of the contract the charge belongs to',
	},
	{ key: 'date', kind: 'dateTime', hint: 'When the charge falls due' },
	{ key: 'amount', kind: 'number', hint: 'Amount of the charge' },
	{ key: 'note', kind: 'text', hint: 'Note about the charge' },
	{
		key: 'agent_id',
		label: 'Agent ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'ID of the agent responsible for the charge',
	},
	{
		key: 'seq',
		label: 'Sequence',
		kind: 'number',
		hint: 'Position of the charge in the contract’s schedule',
	},
];

export const contractSchedule: ResourceDefinition = {
	value: 'contractSchedule',
	displayName: 'Contract Schedule',
	singular: 'contract schedule entry',
	plural: 'contract schedule entries',
	description: 'Scheduled charges of client contracts',
	schemaEntity: 'ContractSchedule',
	path: '/ContractSchedule',
	owner: { kind: 'reference' },
	// Halo's document gives the list no parameters and no answer shape; the list reader takes either.
	idType: 'string',
	nameField: 'note',
	pages: false,
	create: createFrom(scheduleFields, ['chid', 'date']),
	get: { options: [includeDetailsOption] },
	getMany: { filters: [] },
	update: { fields: scheduleFields },
	delete: {},
};
