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
