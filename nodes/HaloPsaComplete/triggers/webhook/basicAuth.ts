import { createHash, randomBytes, timingSafeEqual } from 'crypto';

/**
 * HTTP Basic credentials for one Halo webhook: random, made when the webhook is created, sent to
 * Halo once. n8n keeps only their SHA-256 digest (in the workflow's static data), which is all it
 * needs to check a delivery: the password itself is never stored, logged or output. 32 random bytes
 * need no salt or slow hash.
 */
export interface BasicCredentials {
	username: string;
	password: string;
}

export function newCredentials(): BasicCredentials {
	return {
		username: `n8n-${randomBytes(6).toString('hex')}`,
		password: randomBytes(32).toString('base64url'),
	};
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/** What the static data keeps: the digest of `username:password`, as hex. */
export function credentialsDigest(credentials: BasicCredentials): string {
	return digest(`${credentials.username}:${credentials.password}`).toString('hex');
}

/** `username:password` from an `Authorization: Basic …` header, or undefined. */
function basicPair(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const match = /^\s*Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
	if (!match) return undefined;
	return Buffer.from(match[1], 'base64').toString('utf8');
}

/**
 * Whether the delivery's Authorization header carries the webhook's credentials. Both sides are
 * compared as fixed-length digests with timingSafeEqual, so neither the content nor the length of
 * the expected credentials leaks through timing. No expected digest (a webhook made before, or a
 * broken static data) lets nothing in.
 */
export function isAuthorized(header: unknown, expectedDigest: unknown): boolean {
	if (typeof expectedDigest !== 'string' || !/^[0-9a-f]{64}$/.test(expectedDigest)) return false;
	const pair = basicPair(header);
	const received = digest(pair ?? '');
	const matches = timingSafeEqual(received, Buffer.from(expectedDigest, 'hex'));
	return pair !== undefined && matches;
}

/**
 * The digest of a webhook this process has just made, by workflow and node. n8n saves the static
 * data only after every webhook of the workflow is set up, and loads it from the database for each
 * delivery, so an event Halo sends in the first moments would meet the old digest (or none) and be
 * refused. This process remembers what it made until the webhook is deleted; the static data stays
 * the record that counts (it survives restarts and serves every process).
 */
const madeHere = new Map<string, string>();

export function rememberDigest(scope: string, digest: string | undefined): void {
	if (digest === undefined) madeHere.delete(scope);
	else madeHere.set(scope, digest);
}

export function rememberedDigest(scope: string): string | undefined {
	return madeHere.get(scope);
}
