// Demo data for `npm start`: a small MSP's worth of HaloPSA records in the sandbox.
const COMPANIES = [
	'Acme Ltd',
	'Bolt Logistics',
	'Cedar Dental',
	'Delta Legal',
	'Evergreen Farms',
	'Falcon Air',
	'Granite Builders',
	'Harbour Cafe',
	'Iris Opticians',
	'Juniper Schools',
	'Kestrel Motors',
	'Lumen Studio',
];

export const DEMO_APP = {
	clientId: 'sandbox-client',
	clientSecret: 'sandbox-secret',
	scopes: ['all'],
};
export const DEMO_TENANT = 'demo';

export function demoSeed() {
	const client = COMPANIES.map((name, index) => ({
		name,
		inactive: false,
		toplevel_id: 1,
		colour: ['#2c6ecb', '#e83c4a', '#3ca55c'][index % 3],
		notes: '',
		website: `https://${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
	}));
	const site = COMPANIES.map((name, index) => ({
		name: `${name} HQ`,
		client_id: index + 1,
		client_name: name,
	}));
	const agent = ['Alex Admin', 'Sam Service', 'Priya Projects', 'Tom Tech'].map((name, index) => ({
		name,
		email: `${name.split(' ')[0].toLowerCase()}@msp.example`,
		team_id: (index % 2) + 1,
		teams: [{ team_id: (index % 2) + 1 }],
	}));
	const team = [{ name: 'Service Desk' }, { name: 'Projects' }];
	const status = ['New', 'In Progress', 'Waiting on Customer', 'Resolved', 'Closed'].map(
		(name, index) => ({
			name,
			type: index >= 3 ? 1 : 0,
			shortname: name.slice(0, 3).toUpperCase(),
		}),
	);
	const tickettype = ['Incident', 'Service Request', 'Change', 'Problem'].map((name) => ({ name }));
	const tickets = Array.from({ length: 40 }, (_, index) => ({
		summary: `${['Printer offline', 'New starter laptop', 'VPN drops', 'Email bounce', 'Backup failed'][index % 5]} #${index + 1}`,
		details: 'Reported by phone.',
		client_id: (index % COMPANIES.length) + 1,
		client_name: COMPANIES[index % COMPANIES.length],
		status_id: (index % 5) + 1,
		tickettype_id: (index % 4) + 1,
		agent_id: (index % 4) + 1,
		dateoccurred: new Date(Date.UTC(2026, 10, 1 + (index % 28))).toISOString(),
	}));
	return { client, site, agent, team, status, tickettype, tickets };
}

/** A JSON Web Token as identity servers issue them: header, payload and signature, base64url. */
function jwt(payload) {
	const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`;
}

/**
 * Records holding Halo's secrets as Halo answers them (halo-behaviour.md#encrypted-custom-fields):
 * a mailbox's passwords and tokens, an integration whose token payloads sit under names no list
 * gives, the sibling keys of listed ones, and a client's encrypted custom field. Next to them, the
 * values that describe a secret and must stay visible (expiry dates, flags, keywords). Used by
 * the secrets tests and the false-positive measurement in docs/secrets.md.
 */
export function secretSeed() {
	const fieldinfo = [
		{ name: 'CFdoorcode', label: 'Door Code', type: 0, usage: 2, isencrypted: true },
		{ name: 'CFtier', label: 'Contract Tier', type: 0, usage: 2, isencrypted: false },
	];
	const client = [
		{
			name: 'Vault Bank',
			inactive: false,
			keywords: 'bank, finance, priority',
			customfields: [
				{ id: 1, name: 'CFdoorcode', label: 'Door Code', type: 0, value: '4711-0815' },
				{ id: 2, name: 'CFtier', label: 'Contract Tier', type: 0, value: 'Gold' },
			],
		},
	];
	const mailbox = [
		{
			name: 'Support',
			server: 'outlook.office365.com',
			username: 'support@example.com',
			password: 'imap-pass-1',
			smtppassword: 'smtp-pass-2',
			accesstoken: jwt({ sub: 'support@example.com', aud: 'outlook' }),
			refreshtoken: 'refresh-token-4',
			accesstokenexpirydate: '2026-12-31T00:00:00',
			passwordneverexpires: true,
		},
	];
	const integrationconfiguration = [
		{
			client_id: 'integration-client',
			new_client_secret: 'client-secret-6',
			new_integration_key2: 'second-integration-key-7',
			new_webhook_signature: 'webhook-signing-secret-8',
			token_url: 'https://login.example.com/token',
			tokenexpiry: '2026-12-31T00:00:00',
			connection: {
				token_type: 'Bearer',
				value: 'opaque-access-9',
				expires_in: 3600,
				scope: 'all',
			},
			last_answer: JSON.stringify({ access_token: 'access-10', refresh_token: 'refresh-11' }),
			identity: jwt({ sub: 'integration-client', scope: 'all' }),
			signing_certificate:
				'-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
			note: `Connected with Authorization: Bearer 0a1b2c3d4e5f6a7b8c9d0e1f by the setup wizard`,
		},
	];
	// An API application with the tokens Halo's identity server issued for it (OpenIddictToken):
	// the token itself in `payload` and `referenceId`, under names no list gives.
	const application = [
		{
			displayName: 'Customer Portal',
			clientId: 'portal-app',
			clientSecret: 'app-secret-12',
			tokens: [
				{
					id: 'token-1',
					type: 'refresh_token',
					status: 'valid',
					subject: '7',
					payload: 'CfDJ8Nq3opaqueRefreshPayload13',
					referenceId: 'reference-handle-14',
					creationDate: '2026-11-01T00:00:00',
				},
			],
		},
	];
	return { fieldinfo, client, mailbox, integrationconfiguration, application };
}
