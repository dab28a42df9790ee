// The action names n8n shows in its Actions panel, and that AI agents read as tool descriptions,
// written out one by one: a generated "Create a agent" or "Get many ticket statuss" fails here.
// Also the operations the editor offers per resource, and the parameters' own rules: GUID ids,
// masked passwords, one type per parameter name. Read from the packed node; no n8n boot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../../harness/n8n.mjs';

const require = createRequire(import.meta.url);
const { HaloPsaComplete } = require(
	join(
		EXTENSION_DIR,
		'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/HaloPsaComplete.node.js',
	),
);
const { properties } = new HaloPsaComplete().description;

const EXPECTED = {
	'action create': 'Create a ticket action',
	'action delete': 'Delete a ticket action',
	'action get': 'Get a ticket action',
	'action getMany': 'Get many ticket actions',
	'action update': 'Update a ticket action',
	'agent create': 'Create an agent',
	'agent delete': 'Delete an agent',
	'agent get': 'Get an agent',
	'agent getMany': 'Get many agents',
	'agent update': 'Update an agent',
	'appointment create': 'Create an appointment',
	'appointment delete': 'Delete an appointment',
	'appointment get': 'Get an appointment',
	'appointment getMany': 'Get many appointments',
	'appointment update': 'Update an appointment',
	'asset create': 'Create an asset',
	'asset delete': 'Delete an asset',
	'asset get': 'Get an asset',
	'asset getMany': 'Get many assets',
	'asset update': 'Update an asset',
	'asset upsert': 'Create or update an asset',
	'attachment delete': 'Delete an attachment',
	'attachment download': 'Download an attachment',
	'attachment getMany': 'Get many attachments',
	'attachment upload': 'Upload an attachment',
	'cannedText create': 'Create a canned text',
	'cannedText delete': 'Delete a canned text',
	'cannedText get': 'Get a canned text',
	'cannedText getMany': 'Get many canned texts',
	'cannedText update': 'Update a canned text',
	'category create': 'Create a category',
	'category delete': 'Delete a category',
	'category get': 'Get a category',
	'category getMany': 'Get many categories',
	'category update': 'Update a category',
	'client create': 'Create a client',
	'client delete': 'Delete a client',
	'client get': 'Get a client',
	'client getMany': 'Get many clients',
	'client update': 'Update a client',
	'client upsert': 'Create or update a client',
	'customApiCall request': 'Make an API request',
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
	'outcome create': 'Create an action outcome',
	'outcome delete': 'Delete an action outcome',
	'outcome get': 'Get an action outcome',
	'outcome getMany': 'Get many action outcomes',
	'outcome update': 'Update an action outcome',
	'priority create': 'Create a priority',
	'priority delete': 'Delete a priority',
	'priority get': 'Get a priority',
	'priority getMany': 'Get many priorities',
	'priority update': 'Update a priority',
	'report getMany': 'Get many reports',
	'report run': 'Run a report',
	'report runSql': 'Run a SQL query',
	'site create': 'Create a site',
	'site delete': 'Delete a site',
	'site get': 'Get a site',
	'site getMany': 'Get many sites',
	'site update': 'Update a site',
	'site upsert': 'Create or update a site',
	'sla create': 'Create a service level agreement',
	'sla delete': 'Delete a service level agreement',
	'sla get': 'Get a service level agreement',
	'sla getMany': 'Get many service level agreements',
	'sla update': 'Update a service level agreement',
	'team create': 'Create a team',
	'team delete': 'Delete a team',
	'team get': 'Get a team',
	'team getMany': 'Get many teams',
	'team update': 'Update a team',
	'ticket addNote': 'Add a note to a ticket',
	'ticket assign': 'Assign a ticket',
	'ticket changeStatus': 'Change the status of a ticket',
	'ticket close': 'Close a ticket',
	'ticket create': 'Create a ticket',
	'ticket delete': 'Delete a ticket',
	'ticket get': 'Get a ticket',
	'ticket getMany': 'Get many tickets',
	'ticket recover': 'Recover a deleted ticket',
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
	'toDo create': 'Create a to-do',
	'toDo getMany': 'Get many to-dos',
	'toDo update': 'Update a to-do',
	'topLevel create': 'Create a top level',
	'topLevel delete': 'Delete a top level',
	'topLevel get': 'Get a top level',
	'topLevel getMany': 'Get many top levels',
	'topLevel update': 'Update a top level',
	'user create': 'Create an end user',
	'user delete': 'Delete an end user',
	'user get': 'Get an end user',
	'user getMany': 'Get many end users',
	'user update': 'Update an end user',
	'user upsert': 'Create or update an end user',
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
	// Commercial (issue 10)
	'chargeRate get': 'Get a charge rate',
	'chargeRate getMany': 'Get many charge rates',
	'clientPrepay create': 'Create a client prepayment',
	'clientPrepay delete': 'Delete a client prepayment',
	'clientPrepay get': 'Get a client prepayment',
	'clientPrepay getMany': 'Get many client prepayments',
	'clientPrepay update': 'Update a client prepayment',
	'contract create': 'Create a contract',
	'contract delete': 'Delete a contract',
	'contract get': 'Get a contract',
	'contract getMany': 'Get many contracts',
	'contract update': 'Update a contract',
	'contractSchedule create': 'Create a contract schedule entry',
	'contractSchedule delete': 'Delete a contract schedule entry',
	'contractSchedule get': 'Get a contract schedule entry',
	'contractSchedule getMany': 'Get many contract schedule entries',
	'contractSchedule update': 'Update a contract schedule entry',
	'costCentre create': 'Create a cost centre',
	'costCentre delete': 'Delete a cost centre',
	'costCentre get': 'Get a cost centre',
	'costCentre getMany': 'Get many cost centres',
	'costCentre update': 'Update a cost centre',
	'currency create': 'Create a currency',
	'currency delete': 'Delete a currency',
	'currency get': 'Get a currency',
	'currency getMany': 'Get many currencies',
	'currency update': 'Update a currency',
	'invoicePayment create': 'Create an invoice payment',
	'invoicePayment delete': 'Delete an invoice payment',
	'invoicePayment get': 'Get an invoice payment',
	'invoicePayment getMany': 'Get many invoice payments',
	'invoicePayment update': 'Update an invoice payment',
	'item create': 'Create an item',
	'item delete': 'Delete an item',
	'item get': 'Get an item',
	'item getMany': 'Get many items',
	'item update': 'Update an item',
	'itemStock create': 'Create an item stock entry',
	'itemStock delete': 'Delete an item stock entry',
	'itemStock get': 'Get an item stock entry',
	'itemStock getMany': 'Get many item stock entries',
	'itemStock update': 'Update an item stock entry',
	'purchaseOrder create': 'Create a purchase order',
	'purchaseOrder delete': 'Delete a purchase order',
	'purchaseOrder get': 'Get a purchase order',
	'purchaseOrder getMany': 'Get many purchase orders',
	'purchaseOrder update': 'Update a purchase order',
	'quotation convertToSalesOrder': 'Convert a quotation to a sales order',
	'quotation create': 'Create a quotation',
	'quotation delete': 'Delete a quotation',
	'quotation get': 'Get a quotation',
	'quotation getMany': 'Get many quotations',
	'quotation update': 'Update a quotation',
	'recurringInvoice create': 'Create a recurring invoice',
	'recurringInvoice delete': 'Delete a recurring invoice',
	'recurringInvoice get': 'Get a recurring invoice',
	'recurringInvoice getMany': 'Get many recurring invoices',
	'recurringInvoice process': 'Raise invoices from recurring invoices',
	'recurringInvoice update': 'Update a recurring invoice',
	'recurringInvoice updateLines': 'Update recurring invoice lines',
	'salesOrder create': 'Create a sales order',
	'salesOrder delete': 'Delete a sales order',
	'salesOrder get': 'Get a sales order',
	'salesOrder getMany': 'Get many sales orders',
	'salesOrder update': 'Update a sales order',
	'supplier create': 'Create a supplier',
	'supplier delete': 'Delete a supplier',
	'supplier get': 'Get a supplier',
	'supplier getMany': 'Get many suppliers',
	'supplier update': 'Update a supplier',
	'supplierContract create': 'Create a supplier contract',
	'supplierContract delete': 'Delete a supplier contract',
	'supplierContract get': 'Get a supplier contract',
	'supplierContract getMany': 'Get many supplier contracts',
	'supplierContract update': 'Update a supplier contract',
	'tax create': 'Create a tax rate',
	'tax delete': 'Delete a tax rate',
	'tax get': 'Get a tax rate',
	'tax getMany': 'Get many tax rates',
	'tax update': 'Update a tax rate',
	// Work and assets (issue 10)
	'assetGroup create': 'Create an asset group',
	'assetGroup delete': 'Delete an asset group',
	'assetGroup get': 'Get an asset group',
	'assetGroup getMany': 'Get many asset groups',
	'assetGroup update': 'Update an asset group',
	'assetSoftware getMany': 'Get many asset software records',
	'assetType create': 'Create an asset type',
	'assetType delete': 'Delete an asset type',
	'assetType get': 'Get an asset type',
	'assetType getMany': 'Get many asset types',
	'assetType update': 'Update an asset type',
	'changeCalendar getMany': 'Get many change calendar entries',
	'holiday create': 'Create a holiday',
	'holiday delete': 'Delete a holiday',
	'holiday get': 'Get a holiday',
	'holiday getMany': 'Get many holidays',
	'holiday update': 'Update a holiday',
	'opportunity addNote': 'Add a note to an opportunity',
	'opportunity assign': 'Assign an opportunity',
	'opportunity changeStatus': 'Change the status of an opportunity',
	'opportunity close': 'Close an opportunity',
	'opportunity create': 'Create an opportunity',
	'opportunity delete': 'Delete an opportunity',
	'opportunity get': 'Get an opportunity',
	'opportunity getMany': 'Get many opportunities',
	'opportunity recover': 'Recover a deleted opportunity',
	'opportunity update': 'Update an opportunity',
	'project addNote': 'Add a note to a project',
	'project assign': 'Assign a project',
	'project changeStatus': 'Change the status of a project',
	'project close': 'Close a project',
	'project create': 'Create a project',
	'project delete': 'Delete a project',
	'project get': 'Get a project',
	'project getMany': 'Get many projects',
	'project recover': 'Recover a deleted project',
	'project update': 'Update a project',
	'release create': 'Create a release',
	'release delete': 'Delete a release',
	'release get': 'Get a release',
	'release getMany': 'Get many releases',
	'release update': 'Update a release',
	'schedule create': 'Create a schedule',
	'schedule get': 'Get a schedule',
	'schedule getMany': 'Get many schedules',
	'schedule update': 'Update a schedule',
	'service create': 'Create a service',
	'service delete': 'Delete a service',
	'service get': 'Get a service',
	'service getMany': 'Get many services',
	'service update': 'Update a service',
	'serviceCategory create': 'Create a service category',
	'serviceCategory delete': 'Delete a service category',
	'serviceCategory get': 'Get a service category',
	'serviceCategory getMany': 'Get many service categories',
	'serviceCategory update': 'Update a service category',
	'serviceStatus create': 'Create a service status',
	'serviceStatus delete': 'Delete a service status',
	'serviceStatus get': 'Get a service status',
	'serviceStatus getMany': 'Get many service statuses',
	'serviceStatus update': 'Update a service status',
	'softwareLicence create': 'Create a software licence',
	'softwareLicence delete': 'Delete a software licence',
	'softwareLicence get': 'Get a software licence',
	'softwareLicence getMany': 'Get many software licences',
	'softwareLicence update': 'Update a software licence',
	'timeslot getMany': 'Get many timeslots',
	'workday create': 'Create a workday',
	'workday delete': 'Delete a workday',
	'workday get': 'Get a workday',
	'workday getMany': 'Get many workdays',
	'workday update': 'Update a workday',
	// Knowledge and organisation (issue 10).
	'address create': 'Create an address',
	'address delete': 'Delete an address',
	'address get': 'Get an address',
	'address getMany': 'Get many addresses',
	'address update': 'Update an address',
	'crmNote create': 'Create a CRM note',
	'crmNote delete': 'Delete a CRM note',
	'crmNote get': 'Get a CRM note',
	'crmNote getMany': 'Get many CRM notes',
	'crmNote update': 'Update a CRM note',
	'customTable create': 'Create a custom table',
	'customTable delete': 'Delete a custom table',
	'customTable get': 'Get a custom table',
	'customTable getMany': 'Get many custom tables',
	'customTable update': 'Update a custom table',
	'distributionList create': 'Create a distribution list',
	'distributionList delete': 'Delete a distribution list',
	'distributionList get': 'Get a distribution list',
	'distributionList getMany': 'Get many distribution lists',
	'distributionList update': 'Update a distribution list',
	'emailTemplate create': 'Create an email template',
	'emailTemplate delete': 'Delete an email template',
	'emailTemplate get': 'Get an email template',
	'emailTemplate getMany': 'Get many email templates',
	'emailTemplate update': 'Update an email template',
	'externalLink create': 'Create an external link',
	'externalLink delete': 'Delete an external link',
	'externalLink get': 'Get an external link',
	'externalLink getMany': 'Get many external links',
	'externalLink update': 'Update an external link',
	'faqList create': 'Create a FAQ list',
	'faqList delete': 'Delete a FAQ list',
	'faqList get': 'Get a FAQ list',
	'faqList getMany': 'Get many FAQ lists',
	'faqList update': 'Update a FAQ list',
	'feedback create': 'Create a survey response',
	'feedback delete': 'Delete a survey response',
	'feedback get': 'Get a survey response',
	'feedback getMany': 'Get many survey responses',
	'feedback update': 'Update a survey response',
	'kbArticle create': 'Create a knowledge base article',
	'kbArticle delete': 'Delete a knowledge base article',
	'kbArticle get': 'Get a knowledge base article',
	'kbArticle getMany': 'Get many knowledge base articles',
	'kbArticle update': 'Update a knowledge base article',
	'lookup create': 'Create a lookup value',
	'lookup delete': 'Delete a lookup value',
	'lookup get': 'Get a lookup value',
	'lookup getMany': 'Get many lookup values',
	'lookup update': 'Update a lookup value',
	'mailbox create': 'Create a mailbox',
	'mailbox delete': 'Delete a mailbox',
	'mailbox get': 'Get a mailbox',
	'mailbox getMany': 'Get many mailboxes',
	'mailbox update': 'Update a mailbox',
	'notification create': 'Create a notification',
	'notification delete': 'Delete a notification',
	'notification get': 'Get a notification',
	'notification getMany': 'Get many notifications',
	'notification update': 'Update a notification',
	'organisation create': 'Create an organisation',
	'organisation delete': 'Delete an organisation',
	'organisation get': 'Get an organisation',
	'organisation getMany': 'Get many organisations',
	'organisation update': 'Update an organisation',
	'role create': 'Create a role',
	'role delete': 'Delete a role',
	'role get': 'Get a role',
	'role getMany': 'Get many roles',
	'role update': 'Update a role',
	'tag create': 'Create a tag',
	'tag delete': 'Delete a tag',
	'tag get': 'Get a tag',
	'tag getMany': 'Get many tags',
	'tag update': 'Update a tag',
	'ticketTemplate create': 'Create a ticket template',
	'ticketTemplate delete': 'Delete a ticket template',
	'ticketTemplate get': 'Get a ticket template',
	'ticketTemplate getMany': 'Get many ticket templates',
	'ticketTemplate update': 'Update a ticket template',
};

function actions() {
	const found = {};
	for (const selector of properties.filter((property) => property.name === 'operation')) {
		for (const option of selector.options)
			found[`${selector.displayOptions.show.resource[0]} ${option.value}`] = option.action;
	}
	return found;
}

test('Every action reads as written English, one by one', () => {
	assert.deepEqual(actions(), EXPECTED);
});

test('Operation descriptions use the same nouns (an invoice, ticket statuses)', () => {
	const descriptions = properties
		.filter((property) => property.name === 'operation')
		.flatMap((selector) => selector.options.map((option) => option.description));
	// A lone "s" is a plural gone wrong; the possessive "action's" is not one.
	for (const text of descriptions)
		assert.doesNotMatch(text, /\ba [aeiou]|statuss|infos\b|(?<!['’])\bs\b/i, text);
});

// ── What the editor offers per resource (the packed node's description) ──────────────────────
const GUID_A = '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12';

function operationsOf(resource) {
	const selector = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	return selector.options.map((option) => option.value).sort();
}

test('The editor offers exactly the operations Halo’s paths support', () => {
	const CRUD = ['create', 'delete', 'get', 'getMany', 'update'];
	for (const resource of [
		'contract',
		'contractSchedule',
		'salesOrder',
		'purchaseOrder',
		'item',
		'itemStock',
		'supplier',
		'supplierContract',
		'invoicePayment',
		'clientPrepay',
		'tax',
		'currency',
		'costCentre',
	]) {
		assert.deepEqual(operationsOf(resource), CRUD, resource);
	}
	assert.deepEqual(operationsOf('quotation'), [...CRUD, 'convertToSalesOrder'].sort());
	assert.deepEqual(operationsOf('recurringInvoice'), [...CRUD, 'process', 'updateLines'].sort());
	assert.deepEqual(operationsOf('chargeRate'), ['get', 'getMany']);
});

test('The editor offers exactly the operations Halo supports, and says why Delete is missing', () => {
	assert.deepEqual(operationsOf('invoice'), [
		'create',
		'delete',
		'get',
		'getMany',
		'update',
		'updateLines',
		'void',
	]);
	assert.deepEqual(operationsOf('timesheet'), ['create', 'get', 'getMany', 'update']);
	assert.deepEqual(operationsOf('timesheetEvent'), [
		'create',
		'delete',
		'get',
		'getMany',
		'update',
	]);
	assert.deepEqual(operationsOf('webhook'), [
		'create',
		'delete',
		'executeRunbook',
		'get',
		'getMany',
		'update',
	]);
	assert.deepEqual(operationsOf('webhookEvent'), ['create', 'get', 'getMany', 'update']);
	for (const [resource, text] of [
		['timesheet', 'delete a timesheet'],
		['webhookEvent', 'delete a webhook event'],
	]) {
		const notice = properties.find(
			(p) => p.type === 'notice' && p.displayOptions?.show?.resource?.includes(resource),
		);
		assert.match(notice.displayName, new RegExp(text));
	}
});

test('Webhook ids are picked as GUIDs and the Basic Auth password is masked', () => {
	const locator = properties.find((p) => p.name === 'webhookId');
	const byIdMode = locator.modes.find((mode) => mode.name === 'id');
	const pattern = new RegExp(byIdMode.validation[0].properties.regex);
	assert.ok(pattern.test(GUID_A));
	assert.ok(!pattern.test('42'));
	const webhookCreate = properties.find(
		(p) => p.name === 'additionalFields' && p.displayOptions.show.resource.includes('webhook'),
	);
	const password = webhookCreate.options.find((option) => option.name === 'basic_password');
	assert.deepEqual(password.typeOptions, { password: true });
});

test('No two top-level parameters share a name with different types (n8n keeps one value per name)', () => {
	// Different types under one name are allowed only where no node version shows both: a
	// parameter whose type changed in a new node version ({ lt: v } before, { gte: v } from v on).
	const versionGate = (property) => property.displayOptions?.show?.['@version']?.[0]?._cnd;
	const exclusive = (a, b) => {
		const [x, y] = [versionGate(a), versionGate(b)];
		return Boolean(x && y && ((x.lt && y.gte === x.lt) || (x.gte && y.lt === x.gte)));
	};
	const seen = new Map();
	for (const property of properties) {
		for (const other of seen.get(property.name) ?? []) {
			assert.ok(
				other.type === property.type || exclusive(other, property),
				`${property.name} is both ${other.type} and ${property.type}`,
			);
		}
		seen.set(property.name, [...(seen.get(property.name) ?? []), property]);
	}
});
