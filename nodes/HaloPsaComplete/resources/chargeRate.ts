import type { ResourceDefinition } from '../helpers/types';
import { includeDetailsOption } from './common';
import { REF } from './references';

const READ_ONLY =
	'HaloPSA’s API only reads charge rates (they are set up in Halo’s configuration), so Charge Rate has no';

export const chargeRate: ResourceDefinition = {
	value: 'chargeRate',
	displayName: 'Charge Rate',
	description: 'Hourly rates charged for work, overall or per client and contract',
	schemaEntity: 'ChargeRate',
	path: '/ChargeRate',
	owner: {
		kind: 'unprovable',
		why: "a charge rate may be one client's own price",
	},
	// Halo's document gives the list no answer shape and no paging; the list reader takes either shape.
	idType: 'number',
	nameField: 'rate',
	pages: false,
	simplified: [
		'id',
		'charge_id',
		'rate',
		'area',
		'contract_id',
		'startdate',
		'expirydate',
		'current',
	],
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only the rates of this client',
			},
			{
				key: 'contract_id',
				label: 'Contract ID',
				kind: 'number',
				ref: REF.contract,
				hint: 'Only the rates of this contract',
			},
			{
				key: 'chargerate_id',
				label: 'Charge Type ID',
				kind: 'number',
				hint: 'Only the rates of this charge type',
			},
			{
				key: 'currentonly',
				label: 'Current Only',
				kind: 'boolean',
				hint: 'Whether to list only rates in force today',
			},
			{
				key: 'globalonly',
				label: 'Global Only',
				kind: 'boolean',
				hint: 'Whether to list only the rates that apply to every client',
			},
		],
	},
	unsupported: {
		create: `${READ_ONLY} Create operation.`,
		update: `${READ_ONLY} Update operation.`,
		delete: `${READ_ONLY} Delete operation.`,
	},
};
