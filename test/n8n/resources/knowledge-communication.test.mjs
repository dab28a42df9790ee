// Knowledge and communication: Knowledge Base Article, FAQ List, Email Template, Mailbox,
// Notification, CRM Note and Feedback, every operation inside real n8n against the HaloPSA
// sandbox, in one n8n boot. Most cases are one workflow: Create → Get → Update → Delete → Get
// Many, each step on the record the one before it output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook } from '../../harness/cases.mjs';
import {
	lifecycle,
	lifecycleRequests as checkLifecycle,
	op,
	step,
} from '../../harness/lifecycle.mjs';

const book = await CaseBook.start('knowledge-communication');
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
