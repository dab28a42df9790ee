// The action names n8n shows in its Actions panel, and that AI agents read as tool descriptions,
// written out one by one: a generated "Create a agent" or "Get many ticket statuss" fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { EXTENSION_DIR } from './harness/n8n.mjs';

const require = createRequire(import.meta.url);
const { HaloPsaComplete } = require(join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/HaloPsaComplete.node.js'));
const { properties } = new HaloPsaComplete().description;

const EXPECTED = {
	'agent create': 'Create an agent',
	'agent delete': 'Delete an agent',
	'agent get': 'Get an agent',
	'agent getMany': 'Get many agents',
	'agent update': 'Update an agent',
	'asset create': 'Create an asset',
	'asset delete': 'Delete an asset',
	'asset get': 'Get an asset',
	'asset getMany': 'Get many assets',
	'asset update': 'Update an asset',
	'client create': 'Create a client',
	'client delete': 'Delete a client',
	'client get': 'Get a client',
	'client getMany': 'Get many clients',
	'client update': 'Update a client',
	'fieldInfo create': 'Create a custom field definition',
	'fieldInfo delete': 'Delete a custom field definition',
	'fieldInfo get': 'Get a custom field definition',
	'fieldInfo getMany': 'Get many custom field definitions',
	'fieldInfo update': 'Update a custom field definition',
	'invoice create': 'Create an invoice',
	'invoice delete': 'Delete an invoice',
	'invoice get': 'Get an invoice',
	'invoice getMany': 'Get many invoices',
	'invoice update': 'Update an invoice',
	'invoice updateLines': 'Update invoice lines',
	'invoice void': 'Void an invoice',
	'site create': 'Create a site',
	'site delete': 'Delete a site',
	'site get': 'Get a site',
	'site getMany': 'Get many sites',
	'site update': 'Update a site',
	'ticket create': 'Create a ticket',
	'ticket delete': 'Delete a ticket',
	'ticket get': 'Get a ticket',
	'ticket getMany': 'Get many tickets',
	'ticket update': 'Update a ticket',
	'ticketStatus create': 'Create a ticket status',
	'ticketStatus delete': 'Delete a ticket status',
	'ticketStatus get': 'Get a ticket status',
	'ticketStatus getMany': 'Get many ticket statuses',
	'ticketStatus update': 'Update a ticket status',
	'ticketType create': 'Create a ticket type',
	'ticketType delete': 'Delete a ticket type',
	'ticketType get': 'Get a ticket type',
	'ticketType getMany': 'Get many ticket types',
	'ticketType update': 'Update a ticket type',
	'timesheet create': 'Create a timesheet',
	'timesheet get': 'Get a timesheet',
	'timesheet getMany': 'Get many timesheets',
	'timesheet update': 'Update a timesheet',
	'timesheetEvent create': 'Create a timesheet event',
	'timesheetEvent delete': 'Delete a timesheet event',
	'timesheetEvent get': 'Get a timesheet event',
	'timesheetEvent getMany': 'Get many timesheet events',
	'timesheetEvent update': 'Update a timesheet event',
	'webhook create': 'Create a webhook',
	'webhook delete': 'Delete a webhook',
	'webhook executeRunbook': 'Execute a runbook',
	'webhook get': 'Get a webhook',
	'webhook getMany': 'Get many webhooks',
	'webhook update': 'Update a webhook',
	'webhookEvent create': 'Create a webhook event',
	'webhookEvent get': 'Get a webhook event',
	'webhookEvent getMany': 'Get many webhook events',
	'webhookEvent update': 'Update a webhook event',
};

function actions() {
	const found = {};
	for (const selector of properties.filter((property) => property.name === 'operation')) {
		for (const option of selector.options) found[`${selector.displayOptions.show.resource[0]} ${option.value}`] = option.action;
	}
	return found;
}

test('Every action reads as written English, one by one', () => {
	assert.deepEqual(actions(), EXPECTED);
});

test('Operation descriptions use the same nouns (an invoice, ticket statuses)', () => {
	const descriptions = properties.filter((property) => property.name === 'operation').flatMap((selector) => selector.options.map((option) => option.description));
	for (const text of descriptions) assert.doesNotMatch(text, /\ba [aeiou]|statuss|infos\b|\bs\b/i, text);
});
