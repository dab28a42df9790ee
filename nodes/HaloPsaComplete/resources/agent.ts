import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, customFieldsField, includeDetailsOption } from './common';
import { REF } from './references';

/**
 * Agent fields under their names in Halo's `Uname` schema. The 0.6.1 package sent names Halo's
 * schema does not have (`emailaddress`, `lastname`, `active`, `team_id`…); these are the real ones.
 */
const agentFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Full name of the agent' },
	{
		key: 'email',
		kind: 'string',
		placeholder: 'name@email.com',
		hint: 'Email address of the agent',
	},
	{ key: 'firstname', label: 'First Name', kind: 'string', hint: 'First name of the agent' },
	{ key: 'surname', kind: 'string', hint: 'Last name of the agent' },
	{ key: 'initials', kind: 'string', hint: 'Initials shown for the agent' },
	{ key: 'jobtitle', label: 'Job Title', kind: 'string', hint: 'Job title of the agent' },
	{
		key: 'colour',
		label: 'Colour',
		kind: 'color',
		hint: 'Colour shown for the agent, like #E83C4A',
	},
	{ key: 'sms', label: 'Mobile Number', kind: 'string', hint: 'Mobile number, used for SMS' },
	{
		key: 'extensionnumber',
		label: 'Extension Number',
		kind: 'string',
		hint: 'Phone extension of the agent',
	},
	{
		key: 'isdisabled',
		label: 'Disabled',
		kind: 'boolean',
		hint: 'Whether the agent is disabled and cannot log in',
	},
	{
		key: 'is_admin',
		label: 'Is Admin',
		kind: 'boolean',
		hint: 'Whether the agent is an administrator',
	},
	{
		key: 'linemanager',
		label: 'Line Manager ID',
		kind: 'number',
		ref: REF.agent,
		hint: 'Agent ID of the agent’s line manager',
	},
	{
		key: 'teams',
		label: 'Teams (JSON)',
		kind: 'json',
		jsonShape: 'array',
		default: '[]',
		hint: 'Team memberships, as Halo takes them: [{"team_id": 3}]',
	},
	{
		key: 'departments',
		label: 'Departments (JSON)',
		kind: 'json',
		jsonShape: 'array',
		default: '[]',
		hint: 'Department memberships, as Halo takes them: [{"department_id": 2}]',
	},
	customFieldsField('agent'),
];

export const agent: ResourceDefinition = {
	value: 'agent',
	displayName: 'Agent',
	description: 'Technicians who work in HaloPSA',
	schemaEntity: 'Uname',
	path: '/Agent',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	// Halo's /Agent list is a bare array without `pageinate`: one answer holds every agent.
	pages: false,
	simplified: ['id', 'name', 'email', 'firstname', 'surname', 'jobtitle', 'team', 'isdisabled'],
	create: createFrom(agentFields, ['name']),
	get: {
		options: [
			includeDetailsOption,
			{
				key: 'clientidoverride',
				label: 'Client ID Override',
				kind: 'string',
				hint: 'Client to evaluate the agent’s access against',
			},
			{
				key: 'getholidayallowance',
				label: 'Get Holiday Allowance',
				kind: 'boolean',
				hint: 'Whether to include the agent’s holiday allowance',
			},
			{
				key: 'get_htmldesigner_signature',
				label: 'Get HTML Designer Signature',
				kind: 'boolean',
				hint: 'Whether to include the signature built in the HTML designer',
			},
			{
				key: 'isagentconfig',
				label: 'Is Agent Config',
				kind: 'boolean',
				hint: 'Whether to load the agent as the configuration screen does',
			},
			{
				key: 'loadcache',
				label: 'Load Cache',
				kind: 'boolean',
				hint: 'Whether Halo may answer from its agent cache',
			},
		],
	},
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search agent names and email addresses for' },
			{
				key: 'team_id',
				label: 'Team ID',
				kind: 'number',
				ref: REF.team,
				hint: 'Only agents in this team',
			},
			{ key: 'teams', kind: 'idList', hint: 'Only agents in these teams (comma-separated IDs)' },
			{
				key: 'department_id',
				label: 'Department ID',
				kind: 'number',
				hint: 'Only agents in this department',
			},
			{
				key: 'departments',
				kind: 'idList',
				hint: 'Only agents in these departments (comma-separated IDs)',
			},
			{
				key: 'client_id',
				label: 'Client ID',
				kind: 'number',
				ref: REF.client,
				hint: 'Only agents who may work for this client',
			},
			{
				key: 'tickettype_id',
				label: 'Ticket Type ID',
				kind: 'number',
				ref: REF.ticketType,
				hint: 'Only agents who may work on this ticket type',
			},
			{ key: 'role', kind: 'string', hint: 'Only agents with this role' },
			{
				key: 'includeenabled',
				label: 'Include Enabled',
				kind: 'boolean',
				default: true,
				hint: 'Whether to include enabled agents',
			},
			{
				key: 'includedisabled',
				label: 'Include Disabled',
				kind: 'boolean',
				hint: 'Whether to include disabled agents',
			},
			{
				key: 'includeunassigned',
				label: 'Include Unassigned',
				kind: 'boolean',
				hint: 'Whether to include the "Unassigned" agent',
			},
			{
				key: 'includeapiagents',
				label: 'Include API Agents',
				kind: 'boolean',
				hint: 'Whether to include agents used by API applications',
			},
			{
				key: 'includeroles',
				label: 'Include Roles',
				kind: 'boolean',
				hint: 'Whether to include each agent’s roles',
			},
			{
				key: 'includestatus',
				label: 'Include Status',
				kind: 'boolean',
				hint: 'Whether to include each agent’s online status',
			},
			{
				key: 'withemail',
				label: 'With Email',
				kind: 'boolean',
				hint: 'Whether to return only agents with an email address',
			},
			{
				key: 'showall',
				label: 'Show All',
				kind: 'boolean',
				hint: 'Whether to show agents the API application could otherwise not see',
			},
			{
				key: 'domain',
				kind: 'options',
				hint: 'Only agents working in this area of Halo',
				options: [
					{ label: 'Requests', value: 'reqs' },
					{ label: 'Opportunities', value: 'opps' },
					{ label: 'Projects', value: 'prjs' },
				],
			},
		],
	},
	update: { fields: agentFields },
	delete: {},
};
