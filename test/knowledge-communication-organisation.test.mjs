// Knowledge and communication, and Organisation (issue 10): Knowledge Base Article, FAQ List, Email
// Template, Mailbox, Notification, CRM Note, Feedback, External Link, Address, Organisation, Role,
// Tag, Lookup, Custom Table, Distribution List and Ticket Template, every operation inside real n8n
// against the HaloPSA sandbox, in one n8n boot. Most cases are one workflow: Create → Get → Update →
// Delete → Get Many, each step on the record the one before it output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook } from './harness/cases.mjs';
import { lifecycle, lifecycleRequests as checkLifecycle, op, step } from './harness/lifecycle.mjs';

const book = await CaseBook.start('knowledge-communication-organisation');
const failing = (parameters) => step(parameters, { continueOnFail: true });

book.passing('kbArticle', {
	seed: {
		kbarticle: [
			{ name: 'VPN drops', type: 1 },
			{ name: 'Printer offline', type: 2 },
			{ name: 'Old VPN client', type: 1, inactive: true },
		],
	},
	steps: lifecycle('kbArticle', {
		create: {
			name: 'Reset MFA',
			additionalFields: {
				description: 'User lost their phone',
				resolution: 'Reset MFA in Entra',
				tag_string: 'mfa,entra',
				faqlists: '[{"id": 3}]',
				ticket_id: 42,
			},
		},
		get: { options: { includedetails: true } },
		update: {
			resolution: 'Reset MFA in Entra, then re-register',
			next_review_date: '2026-12-01T00:00:00Z',
		},
		getMany: { filters: { type: 1, includeinactive: true } },
	}),
});
// An expression that comes out empty: n8n itself refuses an empty required parameter typed in.
book.passing('kbArticleNoName', {
	steps: failing(op('kbArticle', 'create', { name: '={{ "" }}' })),
});
book.passing('faqList', {
	seed: {
		faqlists: [
			{ name: 'Getting Started', group_id: 0 },
			{ name: 'Printing', group_id: 0 },
		],
	},
	steps: lifecycle('faqList', {
		create: { name: 'Remote Work', additionalFields: { showforall: true, is_group: false } },
		update: { name: 'Working From Home' },
		getMany: { filters: { showcounts: true } },
	}),
});
book.passing('emailTemplate', {
	seed: {
		emailtemplate: [
			{ name: 'New Ticket Acknowledgement', messagegroup_id: 1 },
			{ name: 'Invoice Sent', messagegroup_id: 2 },
		],
	},
	steps: lifecycle('emailTemplate', {
		create: {
			name: 'Maintenance Window',
			additionalFields: { body_html: '<p>We will reboot $SITE tonight.</p>', messagegroup_id: 1 },
		},
		update: { description: 'Sent before planned work' },
		getMany: { filters: { messagegroup: 1 } },
	}),
});
book.passing('mailbox', {
	seed: {
		mailbox: [
			{ name: 'Support', restrictto_team_id: 1 },
			{ name: 'Accounts', restrictto_team_id: 2 },
		],
	},
	steps: lifecycle('mailbox', {
		create: {
			name: 'Alerts',
			additionalFields: { tickettype_id: 1, restrictto_team_id: 1, dontsendack: true },
		},
		get: { options: { includeglobalsmtp: true } },
		update: { enabled: false },
		getMany: { filters: { team_id: 1 } },
	}),
});
book.passing('notification', {
	seed: {
		notification: [
			{ name: 'New ticket to Sam', eventno: 3, agent_id: 2 },
			{ name: 'Closed to Alex', eventno: 39, agent_id: 1 },
		],
	},
	steps: lifecycle('notification', {
		create: {
			eventno: 76,
			additionalFields: {
				name: 'Status changes to the NOC',
				delivery_method: 6,
				webhook_id: '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12',
			},
		},
		update: { sendpushnotification: true },
		getMany: { filters: { agent_id: 2 } },
	}),
});
book.passing('crmNote', {
	seed: {
		crmnote: [
			{ note: 'Quarterly review booked', client_id: 1 },
			{ note: 'Renewal call', client_id: 2 },
		],
	},
	steps: lifecycle('crmNote', {
		create: {
			note: 'Discussed the new office move',
			additionalFields: {
				client_id: 1,
				datetime: '2026-05-04T10:00:00Z',
				timetaken: 0.5,
				nextcalldate: '2026-06-01T10:00:00Z',
			},
		},
		update: { timetaken: 0.75 },
		getMany: { filters: { client_id: 1 } },
	}),
});
book.passing('feedback', {
	seed: { feedback: [{ ticket_id: 7, score: 5, comment: 'Quick fix, thanks' }] },
	steps: lifecycle('feedback', {
		create: { ticket_id: 42, score: 4, additionalFields: { comment: 'Fixed, but took two days' } },
		update: { comment: 'Fixed, but it took two days' },
	}),
});
book.passing('externalLink', {
	seed: {
		externallink: [
			{ table_id: 1, halo_id: 12, third_party_id: 'dev-881', module_id: 5 },
			{ table_id: 2, halo_id: 3, third_party_id: 'cust-7', module_id: 9 },
		],
	},
	steps: lifecycle('externalLink', {
		create: {
			table_id: 1,
			halo_id: 42,
			third_party_id: 'dev-902',
			additionalFields: { module_id: 5, third_party_url: 'https://rmm.example.com/devices/902' },
		},
		update: { third_party_desc: 'LAPTOP-902' },
		getMany: { filters: { module_id: 5 } },
	}),
});
// The external link list's wrapper key is a guess: a bare array works too.
book.passing('externalLinkArray', {
	seed: { externallink: [{ table_id: 1, halo_id: 12, third_party_id: 'dev-881' }] },
	knobs: { listShapes: { externallink: { list: 'array' } } },
	steps: step(op('externalLink', 'getMany', { limit: 10 })),
});
book.passing('address', {
	seed: {
		address: [
			{ line1: '1 High Street', site_id: 1 },
			{ line1: '9 Dock Road', site_id: 2 },
		],
	},
	steps: lifecycle('address', {
		create: {
			line1: 'Unit 4, Mill Lane',
			additionalFields: { line3: 'Leeds', postcode: 'LS1 4AB', site_id: 1, primary: true },
		},
		update: { inactive: true },
		getMany: { filters: { site_id: 1 } },
	}),
});
book.passing('organisation', {
	seed: { organisation: [{ name: 'Acme MSP' }] },
	steps: lifecycle('organisation', {
		create: {
			name: 'Acme Cloud',
			additionalFields: { email: 'hello@acmecloud.example', portalcolour: '#2C6ECB' },
		},
		update: { tax_number: 'GB123456789' },
	}),
});
book.passing('role', {
	seed: { roles: [{ name: 'Service Desk' }, { name: 'Finance' }] },
	steps: lifecycle('role', {
		create: { name: 'Night Shift', additionalFields: { notes: 'Agents on the overnight rota' } },
		get: { options: { isconfig: true } },
		update: { notes: 'Overnight rota' },
		getMany: { filters: { agentid: 2 } },
	}),
});
book.passing('tag', {
	seed: { tags: [{ text: 'vpn' }, { text: 'printing' }] },
	steps: lifecycle('tag', {
		create: { text: 'mfa', additionalFields: { add_to_kbid: 5 } },
		update: { text: 'multi-factor' },
	}),
});
book.passing('lookup', {
	seed: {
		lookup: [
			{ lookupid: 17, name: 'Gold' },
			{ lookupid: 17, name: 'Silver' },
			{ lookupid: 4, name: 'High' },
		],
	},
	steps: lifecycle('lookup', {
		create: { lookupid: 17, name: 'Platinum', additionalFields: { sequence: 1 } },
		update: { inactive: true },
		getMany: { filters: { lookupid: 17 } },
	}),
});
book.passing('customTable', {
	seed: { customtable: [{ name: 'Licences' }] },
	steps: lifecycle('customTable', {
		create: {
			name: 'Door Codes',
			additionalFields: { note: 'Site access codes', can_load_data: true },
		},
		update: { note: 'Site door and alarm codes' },
		getMany: { filters: { customonly: true } },
	}),
});
book.passing('distributionList', {
	seed: { distributionlists: [{ name: 'All Staff' }] },
	steps: lifecycle('distributionList', {
		create: {
			name: 'Outage Alerts',
			additionalFields: { mailbox_from: 2, addtheseusers: '[{"id": 12}, {"id": 14}]' },
		},
		update: { removetheseusers: '[{"id": 14}]' },
	}),
});
book.passing('ticketTemplate', {
	seed: {
		template: [
			{ name: 'New Starter', tickettype_id: 2 },
			{ name: 'Printer Fault', tickettype_id: 1 },
		],
	},
	steps: lifecycle('ticketTemplate', {
		create: {
			name: 'Leaver',
			additionalFields: {
				summary: 'Leaver: disable accounts',
				tickettype_id: 2,
				agent_id: 3,
				estimate: 1.5,
			},
		},
		get: { options: { includekbinfo: true } },
		update: { disabled: true },
		getMany: { filters: { ticket_type_id: 2 } },
	}),
});

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const nodeOutput = (name, node) => book.output(name, undefined, node);

const lifecycleRequests = (name, path) => checkLifecycle(book, name, path);

const PAGED = { pageinate: 'true', page_size: '100', page_no: '1' };

test('Knowledge Base Article: Create, Get, Update, Delete, Get Many (paged `articles`) by type', () => {
	const { id, create, get, update, list } = lifecycleRequests('kbArticle', 'KBArticle');
	assert.deepEqual(create.body, [
		{
			name: 'Reset MFA',
			description: 'User lost their phone',
			resolution: 'Reset MFA in Entra',
			tag_string: 'mfa,entra',
			faqlists: [{ id: 3 }],
			ticket_id: 42,
		},
	]);
	assert.deepEqual(get.query, { includedetails: 'true' });
	assert.deepEqual(update.body, [
		{
			id,
			resolution: 'Reset MFA in Entra, then re-register',
			next_review_date: '2026-12-01T00:00:00Z',
		},
	]);
	assert.deepEqual(list.query, { type: '1', includeinactive: 'true', ...PAGED });
	assert.deepEqual(
		nodeOutput('kbArticle', 'Halo 5').map((row) => row.name),
		['VPN drops', 'Old VPN client'],
	);
});

test('Knowledge Base Article: a create without its title fails before any request', () => {
	assert.equal(api('kbArticleNoName').length, 0);
	assert.equal(nodeOutput('kbArticleNoName')[0].error, 'Title is required');
});

test('FAQ List: Create, Get, Update, Delete, Get Many (bare array)', () => {
	const { id, create, update, list } = lifecycleRequests('faqList', 'FAQLists');
	assert.deepEqual(create.body, [{ name: 'Remote Work', showforall: true, is_group: false }]);
	assert.deepEqual(update.body, [{ id, name: 'Working From Home' }]);
	assert.deepEqual(list.query, { showcounts: 'true' });
	assert.deepEqual(
		nodeOutput('faqList', 'Halo 5').map((row) => row.name),
		['Getting Started', 'Printing'],
	);
});

test('Email Template: Create, Get, Update, Delete, Get Many by message group', () => {
	const { id, create, update, list } = lifecycleRequests('emailTemplate', 'EmailTemplate');
	assert.deepEqual(create.body, [
		{
			name: 'Maintenance Window',
			body_html: '<p>We will reboot $SITE tonight.</p>',
			messagegroup_id: 1,
		},
	]);
	assert.deepEqual(update.body, [{ id, description: 'Sent before planned work' }]);
	assert.deepEqual(list.query, { messagegroup: '1' });
	assert.equal(nodeOutput('emailTemplate', 'Halo 3')[0].description, 'Sent before planned work');
	assert.equal(nodeOutput('emailTemplate', 'Halo 5').length, 2);
});

test('Mailbox: Create, Get (with global SMTP), Update, Delete, Get Many by team', () => {
	const { id, create, get, update, list } = lifecycleRequests('mailbox', 'Mailbox');
	assert.deepEqual(create.body, [
		{ name: 'Alerts', tickettype_id: 1, restrictto_team_id: 1, dontsendack: true },
	]);
	assert.deepEqual(get.query, { includeglobalsmtp: 'true' });
	assert.deepEqual(update.body, [{ id, enabled: false }]);
	assert.deepEqual(list.query, { team_id: '1' });
	assert.equal(nodeOutput('mailbox', 'Halo 3')[0].enabled, false);
	assert.equal(nodeOutput('mailbox', 'Halo 5').length, 2);
});

test('Notification: Create a webhook subscription by event number, Get, Update, Delete, Get Many by agent', () => {
	const { id, create, update, list } = lifecycleRequests('notification', 'Notification');
	assert.deepEqual(create.body, [
		{
			eventno: 76,
			name: 'Status changes to the NOC',
			delivery_method: 6,
			webhook_id: '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12',
		},
	]);
	assert.deepEqual(update.body, [{ id, sendpushnotification: true }]);
	assert.deepEqual(list.query, { agent_id: '2' });
	assert.deepEqual(
		nodeOutput('notification', 'Halo 5').map((row) => row.name),
		['New ticket to Sam'],
	);
});

test('CRM Note: Create, Get, Update, Delete, Get Many by client', () => {
	const { id, create, update, list } = lifecycleRequests('crmNote', 'CRMNote');
	assert.deepEqual(create.body, [
		{
			note: 'Discussed the new office move',
			client_id: 1,
			datetime: '2026-05-04T10:00:00Z',
			timetaken: 0.5,
			nextcalldate: '2026-06-01T10:00:00Z',
		},
	]);
	assert.deepEqual(update.body, [{ id, timetaken: 0.75 }]);
	assert.deepEqual(list.query, { client_id: '1' });
	assert.deepEqual(
		nodeOutput('crmNote', 'Halo 5').map((row) => row.note),
		['Quarterly review booked'],
	);
});

test('Feedback: Create a survey response, Get, Update, Delete, Get Many', () => {
	const { id, create, update, list } = lifecycleRequests('feedback', 'Feedback');
	assert.deepEqual(create.body, [{ ticket_id: 42, score: 4, comment: 'Fixed, but took two days' }]);
	assert.deepEqual(update.body, [{ id, comment: 'Fixed, but it took two days' }]);
	assert.deepEqual(list.query, {});
	assert.deepEqual(
		nodeOutput('feedback', 'Halo 5').map((row) => row.comment),
		['Quick fix, thanks'],
	);
});

test('External Link: Create, Get, Update, Delete, Get Many by module (paged wrapper, or a bare array)', () => {
	const { id, create, update, list } = lifecycleRequests('externalLink', 'ExternalLink');
	assert.deepEqual(create.body, [
		{
			table_id: 1,
			halo_id: 42,
			third_party_id: 'dev-902',
			module_id: 5,
			third_party_url: 'https://rmm.example.com/devices/902',
		},
	]);
	assert.deepEqual(update.body, [{ id, third_party_desc: 'LAPTOP-902' }]);
	assert.deepEqual(list.query, { module_id: '5', ...PAGED });
	assert.deepEqual(
		nodeOutput('externalLink', 'Halo 5').map((row) => row.third_party_id),
		['dev-881'],
	);
	assert.deepEqual(
		nodeOutput('externalLinkArray').map((row) => row.third_party_id),
		['dev-881'],
	);
});

test('Address: Create, Get, Update, Delete, Get Many by site', () => {
	const { id, create, update, list } = lifecycleRequests('address', 'Address');
	assert.deepEqual(create.body, [
		{ line1: 'Unit 4, Mill Lane', line3: 'Leeds', postcode: 'LS1 4AB', site_id: 1, primary: true },
	]);
	assert.deepEqual(update.body, [{ id, inactive: true }]);
	assert.deepEqual(list.query, { site_id: '1' });
	assert.deepEqual(
		nodeOutput('address', 'Halo 5').map((row) => row.line1),
		['1 High Street'],
	);
});

test('Organisation: Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update } = lifecycleRequests('organisation', 'Organisation');
	assert.deepEqual(create.body, [
		{ name: 'Acme Cloud', email: 'hello@acmecloud.example', portalcolour: '#2C6ECB' },
	]);
	assert.deepEqual(update.body, [{ id, tax_number: 'GB123456789' }]);
	assert.deepEqual(
		nodeOutput('organisation', 'Halo 5').map((row) => row.name),
		['Acme MSP'],
	);
});

test('Role: string ids end to end; Get with the configuration view; Get Many by agent', () => {
	const { id, create, get, update, list } = lifecycleRequests('role', 'Roles');
	assert.match(String(id), /^[0-9a-f-]{36}$/);
	assert.deepEqual(create.body, [{ name: 'Night Shift', notes: 'Agents on the overnight rota' }]);
	assert.deepEqual(get.query, { isconfig: 'true' });
	assert.deepEqual(update.body, [{ id, notes: 'Overnight rota' }]);
	assert.deepEqual(list.query, { agentid: '2' });
	assert.deepEqual(
		nodeOutput('role', 'Halo 5').map((row) => row.name),
		['Service Desk', 'Finance'],
	);
});

test('Tag: Create (on an article), Get, Update, Delete, Get Many', () => {
	const { id, create, update } = lifecycleRequests('tag', 'Tags');
	assert.deepEqual(create.body, [{ text: 'mfa', add_to_kbid: 5 }]);
	assert.deepEqual(update.body, [{ id, text: 'multi-factor' }]);
	assert.equal(nodeOutput('tag', 'Halo 3')[0].text, 'multi-factor');
	assert.deepEqual(
		nodeOutput('tag', 'Halo 5').map((row) => row.text),
		['vpn', 'printing'],
	);
});

test('Lookup: Create a value in a list, Get, Update, Delete, Get Many of one list', () => {
	const { id, create, update, list } = lifecycleRequests('lookup', 'Lookup');
	assert.deepEqual(create.body, [{ lookupid: 17, name: 'Platinum', sequence: 1 }]);
	assert.deepEqual(update.body, [{ id, inactive: true }]);
	assert.deepEqual(list.query, { lookupid: '17' });
	assert.deepEqual(
		nodeOutput('lookup', 'Halo 5').map((row) => row.name),
		['Gold', 'Silver'],
	);
});

test('Custom Table: Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update, list } = lifecycleRequests('customTable', 'CustomTable');
	assert.deepEqual(create.body, [
		{ name: 'Door Codes', note: 'Site access codes', can_load_data: true },
	]);
	assert.deepEqual(update.body, [{ id, note: 'Site door and alarm codes' }]);
	assert.deepEqual(list.query, { customonly: 'true' });
	assert.deepEqual(
		nodeOutput('customTable', 'Halo 5').map((row) => row.name),
		['Licences'],
	);
});

test('Distribution List: Create with members, Get, Update (remove a member), Delete, Get Many', () => {
	const { id, create, get, update } = lifecycleRequests('distributionList', 'DistributionLists');
	assert.deepEqual(create.body, [
		{ name: 'Outage Alerts', mailbox_from: 2, addtheseusers: [{ id: 12 }, { id: 14 }] },
	]);
	assert.deepEqual(get.query, {});
	assert.deepEqual(update.body, [{ id, removetheseusers: [{ id: 14 }] }]);
	assert.deepEqual(
		nodeOutput('distributionList', 'Halo 5').map((row) => row.name),
		['All Staff'],
	);
});

test('Ticket Template: Create, Get (with article info), Update, Delete, Get Many (paged) by ticket type', () => {
	const { id, create, get, update, list } = lifecycleRequests('ticketTemplate', 'Template');
	assert.deepEqual(create.body, [
		{
			name: 'Leaver',
			summary: 'Leaver: disable accounts',
			tickettype_id: 2,
			agent_id: 3,
			estimate: 1.5,
		},
	]);
	assert.deepEqual(get.query, { includekbinfo: 'true' });
	assert.deepEqual(update.body, [{ id, disabled: true }]);
	assert.deepEqual(list.query, { ticket_type_id: '2', ...PAGED });
	assert.deepEqual(
		nodeOutput('ticketTemplate', 'Halo 5').map((row) => row.name),
		['New Starter'],
	);
});
