import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A pattern matching the letters in either case: display conditions take no regex flags. */
function anyCase(text: string): string {
	return text.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
}

/**
 * A URL on one of Halo's own hosted domains, where an empty Tenant is read from the host. The
 * same domains as HALO_HOSTED_DOMAINS in nodes/HaloPsaComplete/transport/credentialCheck.ts and
 * the Access Token URL expression below.
 */
const HALO_HOSTED_URL = [
	'^\\s*([A-Za-z][A-Za-z0-9+.-]*://)?([^/?#@]*@)?[^/?#@:.]+(\\.[^/?#@:.]+)*',
	`\\.${anyCase('halo')}(${['psa', 'itsm', 'servicedesk'].map(anyCase).join('|')})\\.${anyCase('com')}`,
	'(:\\d*)?([/?#].*)?\\s*$',
].join('');

/**
 * HaloPSA API application (client credentials). n8n's OAuth2 support fetches the token once,
 * stores it with the credential and renews it on a 401, so every item, execution and n8n
 * process shares one token.
 */
export class HaloPsaCompleteOAuth2Api implements ICredentialType {
	name = 'haloPsaCompleteOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HaloPSA Complete OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/HaloPsaComplete/halopsa.svg',
		dark: 'file:../nodes/HaloPsaComplete/halopsa.dark.svg',
	};

	documentationUrl = 'https://github.com/halopsa-complete/n8n-nodes-halopsa-complete#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Hosting',
			name: 'hosting',
			type: 'options',
			options: [
				{ name: 'Hosted by Halo (Cloud)', value: 'hosted' },
				{ name: 'Self-Hosted (On-Premise)', value: 'selfHosted' },
			],
			default: 'hosted',
		},
		{
			displayName: 'HaloPSA URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.halopsa.com',
			description:
				'The address you open HaloPSA at. A trailing slash or /api is fine. Custom domains work too.',
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			default: '',
			placeholder: 'acme',
			description:
				'Your Halo tenant name, shown in Configuration › Integrations › HaloPSA API. Required for a custom domain. On a Halo address (*.halopsa.com, *.haloitsm.com, *.haloservicedesk.com) it may be left empty: acme.halopsa.com gives acme.',
			displayOptions: { show: { hosting: ['hosted'] } },
		},
		{
			// Said while the form is filled in: n8n's credential test cannot show why the token URL
			// is missing (see accessTokenUrl), and a workflow run only says so when it runs.
			displayName:
				'Enter the Tenant: it cannot be read from this URL. Only Halo addresses (*.halopsa.com, *.haloitsm.com, *.haloservicedesk.com) name their tenant.',
			name: 'tenantNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { hosting: ['hosted'], tenant: [''] },
				hide: { url: ['', { _cnd: { regex: HALO_HOSTED_URL } }] },
			},
		},
		{
			displayName: 'Authorisation Server URL',
			name: 'authServerUrl',
			type: 'string',
			default: '',
			placeholder: 'https://halo.example.com/auth',
			description:
				'Only when the authorisation server is not at the HaloPSA URL + /auth. Shown in Configuration › Integrations › HaloPSA API.',
			displayOptions: { show: { hosting: ['selfHosted'] } },
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			// The token URL n8n's OAuth2 client calls. Hosted: {url}/auth/token?tenant=…, the tenant
			// (URL-encoded) from the Tenant field or, left empty, from a Halo-hosted host
			// (acme.halopsa.com → acme; the domains of HALO_HOSTED_URL above). On any other host an
			// empty Tenant throws. n8n 2.39 (vm and legacy expression engines alike) drops an error
			// thrown in an expression and leaves the value undefined, so the message stays unseen,
			// but no token request goes out: n8n's OAuth2 client stops at the missing URL. Workflow
			// runs name the Tenant (transport/credentialCheck.ts), the form shows tenantNotice.
			// Self-hosted: {url}/auth/token, or the Authorisation Server URL + /token.
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{ (function (base, auth, tenant) { if ($self["hosting"] === "selfHosted") return (auth ? auth.replace(/\\/token$/i, "") : base + "/auth") + "/token"; if (!tenant) { var host = base.replace(/^[a-z][a-z0-9+.-]*:\\/\\//i, "").split(/[\\/?#]/)[0].replace(/^.*@/, "").replace(/:\\d*$/, "").toLowerCase(); if (!/\\.(halopsa|haloitsm|haloservicedesk)\\.com$/.test(host)) throw new Error("Enter the Tenant in the HaloPSA credential: it cannot be read from " + base + " (only Halo-hosted addresses, *.halopsa.com, *.haloitsm.com and *.haloservicedesk.com, name their tenant)"); tenant = host.split(".")[0]; } return base + "/auth/token?tenant=" + encodeURIComponent(tenant); })(String($self["url"] || "").trim().replace(/\\/+$/, "").replace(/\\/api$/i, "").replace(/\\/+$/, ""), String($self["authServerUrl"] || "").trim().replace(/\\/+$/, ""), String($self["tenant"] || "").trim()) }}',
		},
		{
			displayName: 'Auth URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'all',
			description:
				'Space-separated HaloPSA scopes, e.g. "all" or "read:tickets edit:tickets". They must be allowed on the API application.',
		},
		{
			displayName: 'Rate Limit (Requests)',
			name: 'rateLimitRequests',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description:
				'Most requests this n8n process sends with this API application per window. Halo allows 300 per rolling 5 minutes on most tenants; runs slow down rather than fail. In queue mode, divide by the number of n8n processes.',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description: 'The rolling window the rate limit counts over',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description:
				'How long to wait for HaloPSA to answer one request. A read that times out is asked again; a create is not, since HaloPSA may have saved it.',
		},
		{
			// Enforced by the node's transport before any request (guards/access.ts): a credential
			// handed to an AI agent or a less trusted workflow can be kept from writing or deleting.
			displayName: 'Access Level',
			name: 'accessLevel',
			type: 'options',
			options: [
				{
					name: 'Full',
					value: 'full',
					description: 'Everything the API application may do in HaloPSA',
				},
				{
					name: 'Read and Write (No Deletes)',
					value: 'readWrite',
					description: 'Reads, creates and changes; never a delete',
				},
				{
					name: 'Read Only',
					value: 'readOnly',
					description:
						'Reads only (Get, Get Many, reports, SELECT queries). Writes can still be previewed.',
				},
			],
			default: 'full',
			description:
				'What nodes using this credential may do. A refused request is never sent, and its item fails naming this setting. A value the node does not know counts as Read Only.',
		},
		{
			displayName: 'Allowed Resources',
			name: 'allowedResources',
			type: 'string',
			default: '',
			placeholder: 'e.g. ticket, client, action',
			description:
				'Comma-separated resources nodes using this credential may work on, by name (Ticket), value (ticket) or API path (/Tickets). Empty: all. Holds for the triggers and the editor’s lists too; a name the node does not know refuses everything.',
		},
		{
			// n8n's credential form cannot list records from HaloPSA (no loader runs there), so
			// clients are given by ID, as Halo shows them in a client's URL and details.
			displayName: 'Allowed Clients',
			name: 'allowedClients',
			type: 'string',
			default: '',
			placeholder: 'e.g. 12, 15',
			description:
				'IDs of the HaloPSA clients nodes using this credential may read and write, separated by commas. Empty: every client. With IDs, lists hold only their records, another client’s record is answered as one that does not exist, reference data (statuses, agents, teams) is read but never written, and what cannot be proven to stay within them (API Request, Run SQL, reports) is refused. For customer-facing bots and agents.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	// n8n tests OAuth2 credentials only this way (a node's testedBy function is never called for
	// them): it fetches a token from the Access Token URL, then asks the API who the application
	// logs in as. Token failures come back in n8n's own words (unknown client, invalid scope,
	// unreachable host); the rules below put API answers into plain words.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.url || "").trim().replace(/\\/+$/, "").replace(/\\/api$/i, "").replace(/\\/+$/, "") }}/api',
			url: '/Agent/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message: 'HaloPSA refused the token request (400): check the Tenant and the Scope',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'HaloPSA did not accept the client ID and secret (401 invalid_client): check both, and the Tenant',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Connected, but the API application lacks permission (403): give it the permissions it needs in HaloPSA',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No HaloPSA at this URL (404): check the HaloPSA URL (and the Authorisation Server URL if self-hosted)',
				},
			},
		],
	};
}
