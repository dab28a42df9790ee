import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

/**
 * Halo's own hosted domains: there the first label of the host is the tenant
 * (acme.halopsa.com → acme). halo-behaviour.md#hosts names these three, and public clients use them
 * alike; no source shows tenants served under a HaloCRM domain, so none is listed. Keep in step
 * with the credential (HALO_HOSTED_URL and the Access Token URL expression).
 */
export const HALO_HOSTED_DOMAINS = ['halopsa.com', 'haloitsm.com', 'haloservicedesk.com'];

/** The host of a URL as users paste it (scheme optional), lower case, without port or user. */
function hostOf(url: string): string {
	const afterScheme = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
	const authority = afterScheme.split(/[/?#]/)[0];
	return authority.replace(/^.*@/, '').replace(/:\d*$/, '').toLowerCase();
}

/** The tenant a Halo-hosted URL implies, or undefined for any other host (a custom domain). */
export function tenantFromHaloHost(url: string): string | undefined {
	const host = hostOf(url);
	const hosted = HALO_HOSTED_DOMAINS.some((domain) => host.endsWith(`.${domain}`));
	return hosted ? host.split('.')[0] : undefined;
}

/**
 * A hosted credential with an empty Tenant works only on Halo's own domains. For any other host
 * the credential's token URL expression gives no URL (n8n 2.39 drops the error it throws), and
 * n8n would only say 'Expected "accessTokenUri" to exist': name the field before any request.
 */
export function assertTenantKnown(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	itemIndex?: number,
): void {
	if (credentials.hosting === 'selfHosted') return;
	if (String(credentials.tenant ?? '').trim() !== '') return;
	const url = String(credentials.url ?? '');
	if (tenantFromHaloHost(url) !== undefined) return;
	const domains = HALO_HOSTED_DOMAINS.map((domain) => `*.${domain}`);
	const listed = `${domains.slice(0, -1).join(', ')} and ${domains[domains.length - 1]}`;
	throw new NodeOperationError(
		node,
		`Enter the Tenant in the HaloPSA credential: it cannot be read from ${url.trim()} (only Halo-hosted addresses, ${listed}, name their tenant)`,
		{
			description: 'HaloPSA shows the tenant in Configuration › Integrations › HaloPSA API.',
			itemIndex,
		},
	);
}
