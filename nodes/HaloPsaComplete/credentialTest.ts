import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { haloMessageFromBody, readFailure } from './transport/errors';
import type { HttpFailure } from './transport/errors';
import { normaliseAppUrl } from './transport';

/** Same rule as the credential's hidden Access Token URL expression, in code for the test. */
export function haloTokenUrl(data: ICredentialDataDecryptedObject): string {
	const base = normaliseAppUrl(String(data.url ?? ''));
	if (data.hosting === 'selfHosted') {
		const auth = String(data.authServerUrl ?? '').trim().replace(/\/+$/, '');
		return `${auth ? auth.replace(/\/token$/i, '') : `${base}/auth`}/token`;
	}
	const tenant = String(data.tenant ?? '').trim() || base.replace(/^[a-z]+:\/\//i, '').split(/[.:/]/)[0];
	return `${base}/auth/token?tenant=${tenant}`;
}

function failed(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

function oauthError(failure: HttpFailure): string | undefined {
	const body = failure.body;
	const parsed = typeof body === 'string' ? safeParse(body) : body;
	const code = (parsed as IDataObject | undefined)?.error;
	return typeof code === 'string' ? code : undefined;
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function explainTokenFailure(failure: HttpFailure, tokenUrl: string, hosted: boolean): string {
	if (failure.status === undefined) {
		return `Cannot reach ${new URL(tokenUrl).host} (${failure.code ?? failure.message}): check the HaloPSA URL`;
	}
	const code = oauthError(failure);
	if (code === 'invalid_client') {
		return hosted
			? 'HaloPSA did not accept the client ID and secret (invalid_client): check both, and that the Tenant is right'
			: 'HaloPSA did not accept the client ID and secret (invalid_client): check both';
	}
	if (code === 'invalid_scope') return 'HaloPSA refused the scope (invalid_scope): allow it on the API application or change Scope';
	if (code === 'invalid_request' || failure.status === 400) {
		const said = haloMessageFromBody(failure.body);
		return `HaloPSA refused the token request${said ? ` (${said})` : ''}: check the Tenant${hosted ? '' : ' and the Authorisation Server URL'}`;
	}
	if (failure.status === 404) {
		return `No HaloPSA authorisation server at ${tokenUrl.split('?')[0]} (404): check the URL${hosted ? '' : ' and the Authorisation Server URL'}`;
	}
	return `The token request failed with HTTP ${failure.status}: check the URL and tenant`;
}

function explainApiFailure(failure: HttpFailure, apiUrl: string): string {
	if (failure.status === 403) {
		return 'Connected, but the API application lacks permission (403): in HaloPSA, give it the permissions and scopes it needs';
	}
	if (failure.status === 401) return 'The token was issued but the API refused it (401): check that the URL and the tenant belong together';
	if (failure.status === 404) return `No HaloPSA API at ${apiUrl} (404): check the HaloPSA URL`;
	if (failure.status === undefined) return `Cannot reach ${apiUrl} (${failure.code ?? failure.message}): check the HaloPSA URL`;
	return `The HaloPSA API answered HTTP ${failure.status}`;
}

/**
 * Tells the user what is wrong instead of a bare failure: unreachable host or wrong URL,
 * unknown client, wrong tenant, or missing permission.
 */
export async function haloPsaCompleteCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	if (!String(data.url ?? '').trim()) return failed('Enter the HaloPSA URL');
	const tokenUrl = haloTokenUrl(data);
	const hosted = data.hosting !== 'selfHosted';
	let token: string;
	try {
		// Credential tests get only `request` from n8n (ICredentialTestFunctions has no httpRequest).
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const answer = (await this.helpers.request({
			method: 'POST',
			uri: tokenUrl,
			form: {
				grant_type: 'client_credentials',
				client_id: data.clientId,
				client_secret: data.clientSecret,
				scope: data.scope || 'all',
			},
			json: true,
		})) as IDataObject;
		token = String(answer?.access_token ?? '');
		if (!token) return failed(`${tokenUrl.split('?')[0]} answered without an access token: check the URL`);
	} catch (error) {
		return failed(explainTokenFailure(readFailure(error), tokenUrl, hosted));
	}
	const apiUrl = `${normaliseAppUrl(String(data.url))}/api`;
	try {
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const me = (await this.helpers.request({
			method: 'GET',
			uri: `${apiUrl}/Agent/me`,
			headers: { Authorization: `Bearer ${token}` },
			json: true,
		})) as IDataObject;
		const who = typeof me?.name === 'string' ? ` as ${me.name}` : '';
		return { status: 'OK', message: `Connected to HaloPSA${who}` };
	} catch (error) {
		return failed(explainApiFailure(readFailure(error), apiUrl));
	}
}
