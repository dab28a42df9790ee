import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom } from './common';

/** Outbound webhook and runbook settings, with their HaloPSA (`Webhook`) names. */
const webhookFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the webhook or runbook' },
	{
		key: 'type',
		kind: 'options',
		default: 0,
		options: [
			{ label: 'Outbound Webhook', value: 0 },
			{ label: 'Runbook', value: 1 },
		],
		hint: 'Whether this is an outbound webhook or a runbook',
	},
	{
		key: 'url',
		label: 'URL',
		kind: 'string',
		placeholder: 'https://example.com/hook',
		hint: 'Where an outbound webhook sends its requests',
	},
	{
		key: 'method',
		label: 'HTTP Method',
		kind: 'options',
		default: 0,
		options: [
			{ label: 'POST', value: 0 },
			{ label: 'GET', value: 1 },
			{ label: 'PUT', value: 2 },
			{ label: 'DELETE', value: 3 },
			{ label: 'PATCH', value: 4 },
		],
		hint: 'HTTP method of the outbound request',
	},
	{
		key: 'content_type',
		label: 'Content Type',
		kind: 'string',
		default: 'application/json',
		hint: 'Content type of the outbound request',
	},
	{
		key: 'authentication_type',
		label: 'Authentication Type',
		kind: 'options',
		default: 0,
		options: [
			{ label: 'None', value: 0 },
			{ label: 'Basic Auth', value: 1 },
			{ label: 'Bearer Token', value: 2 },
			{ label: 'API Key', value: 3 },
			{ label: 'Certificate', value: 4 },
		],
		hint: 'How the outbound request authenticates',
	},
	{
		key: 'basic_username',
		label: 'Basic Username',
		kind: 'string',
		hint: 'User name, when Authentication Type is Basic Auth',
	},
	{
		key: 'basic_password',
		label: 'Basic Password',
		kind: 'password',
		hint: 'Password, when Authentication Type is Basic Auth',
	},
	{ key: 'active', kind: 'boolean', default: true, hint: 'Whether the webhook is active' },
	{
		key: 'events',
		label: 'Events (JSON)',
		kind: 'json',
		default: '[]',
		hint: 'Notification events that fire the webhook: [{"eventno": 3}] for a new ticket; add "conditions" to narrow them',
	},
	{
		key: 'payload_type',
		label: 'Payload Type',
		kind: 'options',
		default: 0,
		options: [
			{ label: 'Default', value: 0 },
			{ label: 'Custom JSON', value: 1 },
			{ label: 'Runbook Variables', value: 2 },
		],
		hint: 'What the outbound request carries',
	},
	{
		key: 'custom_payload',
		label: 'Custom Payload',
		kind: 'boolean',
		hint: 'Whether the webhook sends a custom payload',
	},
	{
		key: 'batch_method',
		label: 'Batch Method',
		kind: 'options',
		default: 0,
		options: [
			{ label: 'None', value: 0 },
			{ label: 'Time Based', value: 1 },
			{ label: 'Count Based', value: 2 },
		],
		hint: 'How events are grouped into one delivery',
	},
	{
		key: 'batch_delay_seconds',
		label: 'Batch Delay Seconds',
		kind: 'number',
		default: 30,
		minValue: 1,
		hint: 'Seconds to gather events before a time-based delivery',
	},
	{
		key: 'batch_limit',
		label: 'Batch Limit',
		kind: 'number',
		hint: 'Most events in one delivery; 0 means no limit',
	},
	{
		key: 'auto_disable_attempts',
		label: 'Auto Disable Attempts',
		kind: 'number',
		hint: 'Failed deliveries before Halo disables the webhook; 0 means never',
	},
	{
		key: 'infinite_loop_threshold',
		label: 'Infinite Loop Threshold',
		kind: 'number',
		default: 5,
		minValue: 1,
		hint: 'Repeats of the same event after which Halo stops a loop',
	},
	{
		key: 'log_retention_policy_days',
		label: 'Log Retention Policy Days',
		kind: 'number',
		default: 30,
		minValue: 1,
		maxValue: 365,
		hint: 'Days Halo keeps the delivery log (1–365)',
	},
	{
		key: 'notify_on_failure',
		label: 'Notify On Failure',
		kind: 'boolean',
		hint: 'Whether Halo notifies someone when a delivery fails',
	},
	{
		key: 'note',
		kind: 'text',
		maxLength: 4000,
		hint: 'Note about the webhook (up to 4000 characters)',
	},
];

export const webhook: ResourceDefinition = {
	value: 'webhook',
	displayName: 'Webhook',
	description: 'Outbound webhooks and runbooks',
	schemaEntity: 'Webhook',
	path: '/Webhook',
	owner: { kind: 'reference' },
	idType: 'string',
	nameField: 'name',
	pages: false,
	create: createFrom(webhookFields, ['name']),
	get: {
		options: [
			{
				key: 'includedetails',
				label: 'Include Details',
				kind: 'boolean',
				hint: 'Whether to include events, steps and flow details',
			},
		],
	},
	getMany: {
		filters: [
			{
				key: 'type',
				kind: 'options',
				default: 0,
				options: [
					{ label: 'Outbound Webhook', value: 0 },
					{ label: 'Runbook', value: 1 },
				],
				hint: 'Only webhooks of this type',
			},
			{
				key: 'isazureautomation',
				label: 'Is Azure Automation',
				kind: 'boolean',
				hint: 'Whether to list Azure Automation runbooks',
			},
		],
	},
	update: { fields: webhookFields },
	delete: {},
	extraActions: [
		{
			// Halo starts a runbook with POST /Automation/{runbookId}; the body is the runbook's input
			// variables (not documented: the likely shape). Posting to /Webhook instead would upsert
			// the webhook record, so a variable named `name` or `url` would overwrite its settings.
			value: 'executeRunbook',
			name: 'Execute Runbook',
			action: 'Execute a runbook',
			description: 'Start a runbook with its input variables',
			method: 'POST',
			path: '/Automation/{id}',
			needsId: true,
			body: 'spreadObject',
			oneShot: {
				done: 'started the runbook of {record}',
				check: 'the runbook’s runs in HaloPSA',
			},
			// `_test` stays for saved workflows, but Halo's Automation call has no test mode, so it is not sent.
			parameters: [
				{
					key: '_test',
					label: 'Test Mode',
					kind: 'boolean',
					default: true,
					hint: 'Whether test mode was wanted. Not sent: Halo’s API (POST /Automation/{id}) has no test mode, so the runbook runs for real; test runbooks in Halo itself',
				},
			],
			options: [
				{
					key: 'custom_parameters',
					label: 'Custom Parameters (JSON)',
					kind: 'json',
					default: '{}',
					hint: 'The runbook’s input variables, as a JSON object sent as the request body: {"ticket_id": 42}',
				},
			],
			spread: 'custom_parameters',
		},
	],
};
