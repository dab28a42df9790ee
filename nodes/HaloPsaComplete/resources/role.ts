import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Role fields, with their HaloPSA (`NHD_Roles`) names: sets of permissions given to agents. */
const roleFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the role' },
	{ key: 'notes', kind: 'text', hint: 'What the role is for' },
	{
		key: 'is_integration',
		label: 'Is Integration',
		kind: 'boolean',
		hint: 'Whether the role is for integrations rather than people',
	},
];

const isConfig: HaloField = {
	key: 'isconfig',
	label: 'Configuration View',
	kind: 'boolean',
	hint: 'Whether to answer as Halo’s configuration screens do',
};

export const role: ResourceDefinition = {
	value: 'role',
	displayName: 'Role',
	description: 'Agent roles: the permissions given to the agents who hold them',
	schemaEntity: 'NHD_Roles',
	path: '/Roles',
	owner: { kind: 'reference' },
	// Roles are identity roles: their ids are strings (GUIDs).
	idType: 'string',
	nameField: 'name',
	pages: false,
	create: createFrom(roleFields, ['name']),
	get: { options: [includeDetailsOption, isConfig] },
	getMany: {
		filters: [
			{
				key: 'agentid',
				label: 'Agent ID',
				kind: 'number',
				ref: REF.agent,
				hint: 'Only the roles of this agent',
			},
			isConfig,
		],
	},
	update: { fields: roleFields },
	delete: {},
};
