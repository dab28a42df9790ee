import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * HaloPSA API application (client credentials). n8n's OAuth2 support fetches the token once,
 * stores it with the credential and renews it on a 401, so every item, execution and n8n
 * process shares one token.
 */
export class HaloPsaCompleteOAuth2Api implements ICredentialType {
	name = 'haloPsaCompleteOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HaloPSA Complete OAuth2 API';

	icon: Icon = { light: 'file:../nodes/HaloPsaComplete/halopsa.svg', dark: 'file:../nodes/HaloPsaComplete/halopsa.dark.svg' };

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
				'Your Halo tenant name, shown in Configuration › Integrations › HaloPSA API. Leave empty to use the first part of the URL (acme for acme.halopsa.com).',
			displayOptions: { show: { hosting: ['hosted'] } },
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
			// Mirrors haloTokenUrl() in nodes/HaloPsaComplete/credentialTest.ts: hosted tenants name
			// the tenant on the token call; self-hosted installs may keep the auth server elsewhere.
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{ (function (base, auth) { return $self["hosting"] === "selfHosted" ? (auth ? auth.replace(/\\/token$/i, "") : base + "/auth") + "/token" : base + "/auth/token?tenant=" + ($self["tenant"] ? $self["tenant"].trim() : base.replace(/^[a-z]+:\\/\\//i, "").split(/[.:\\/]/)[0]); })(String($self["url"] || "").trim().replace(/\\/+$/, "").replace(/\\/api$/i, "").replace(/\\/+$/, ""), String($self["authServerUrl"] || "").trim().replace(/\\/+$/, "")) }}',
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
			baseURL: '={{ String($credentials.url || "").trim().replace(/\\/+$/, "").replace(/\\/api$/i, "").replace(/\\/+$/, "") }}/api',
			url: '/Agent/me',
			method: 'GET',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 400, message: 'HaloPSA refused the token request (400): check the Tenant and the Scope' } },
			{ type: 'responseCode', properties: { value: 401, message: 'HaloPSA did not accept the client ID and secret (401 invalid_client): check both, and the Tenant' } },
			{ type: 'responseCode', properties: { value: 403, message: 'Connected, but the API application lacks permission (403): give it the permissions it needs in HaloPSA' } },
			{ type: 'responseCode', properties: { value: 404, message: 'No HaloPSA at this URL (404): check the HaloPSA URL (and the Authorisation Server URL if self-hosted)' } },
		],
	};
}
