import type { HaloField, ResourceDefinition } from '../helpers/types';
import { orderFilters } from './common';

/**
 * A webhook event is Halo's log of one delivery (or runbook step) and its response, with its
 * HaloPSA (`WebhookEvent`) names. The event *subscriptions* that fire a webhook are the Webhook's
 * own `events` field.
 */
const webhookEventFields: HaloField[] = [
	{
		key: 'webhook_id',
		label: 'Webhook ID',
		kind: 'string',
		placeholder: 'e.g. 3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12',
		hint: 'GUID of the webhook that made the delivery',
	},
	{
		key: 'notification_id',
		label: 'Notification ID',
		kind: 'number',
		hint: 'ID of the notification event that fired the delivery',
	},
	{
		key: 'integration_method_id',
		label: 'Integration Method ID',
		kind: 'number',
		hint: 'ID of the integration method called',
	},
	{
		key: 'automation_id',
		label: 'Automation ID',
		kind: 'number',
		hint: 'ID of the automation (runbook) run',
	},
	{
		key: 'automation_step',
		label: 'Automation Step',
		kind: 'number',
		hint: 'Step of the runbook the event belongs to',
	},
	{
		key: 'entity_id',
		label: 'Entity ID',
		kind: 'number',
		hint: 'ID of the record the delivery was about',
	},
	{ key: 'timestamp', kind: 'dateTime', hint: 'When the delivery happened' },
	{ key: 'status', kind: 'number', hint: 'Halo delivery status number' },
	{ key: 'duration', kind: 'number', hint: 'How long the delivery took' },
	{ key: 'requestheaders', label: 'Request Headers', kind: 'text', hint: 'Headers sent' },
	{ key: 'requestbody', label: 'Request Body', kind: 'text', hint: 'Body sent' },
	{ key: 'responsestatus', label: 'Response Status', kind: 'number', hint: 'HTTP status received' },
	{ key: 'responseheaders', label: 'Response Headers', kind: 'text', hint: 'Headers received' },
	{ key: 'responsebody', label: 'Response Body', kind: 'text', hint: 'Body received' },
	{ key: 'error', kind: 'boolean', hint: 'Whether the delivery failed' },
];

export const webhookEvent: ResourceDefinition = {
	value: 'webhookEvent',
	displayName: 'Webhook Event',
	description: 'Halo’s log of webhook deliveries and runbook steps',
	schemaEntity: 'WebhookEvent',
	path: '/WebhookEvent',
	owner: {
		kind: 'unprovable',
		why: 'webhook events carry the records of every client',
	},
	// Halo wraps the list under a key no public source names; this is a guess, and the list reader
	// takes the answer's array whatever its key.
	listKey: 'webhookevents',
	idType: 'string',
	nameField: 'timestamp',
	pages: true,
	create: {
		required: [webhookEventFields[0]],
		fields: webhookEventFields.slice(1),
	},
	get: {
		options: [
			{
				key: 'includedetails',
				label: 'Include Details',
				kind: 'boolean',
				hint: 'Whether to include nested details',
			},
		],
	},
	getMany: {
		filters: [
			{
				key: 'webhook_id',
				label: 'Webhook ID',
				kind: 'string',
				placeholder: 'e.g. 3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12',
				hint: 'Only events of this webhook (GUID)',
			},
			{
				key: 'automation_id',
				label: 'Automation ID',
				kind: 'number',
				hint: 'Only events of this automation',
			},
			{
				key: 'integrationmethod_id',
				label: 'Integration Method ID',
				kind: 'number',
				hint: 'Only events of this integration method',
			},
			...orderFilters,
		],
	},
	update: { fields: webhookEventFields },
	unsupported: {
		delete:
			'HaloPSA has no way to delete a webhook event through its API (Halo removes them after the webhook’s log retention days), so this resource has no Delete operation.',
	},
};
