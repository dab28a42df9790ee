import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { isSecretField } from './secretFields';
import type { HaloField, ResourceDefinition } from './types';

export const MASK = '********';

export function passwordKeys(resource: ResourceDefinition): Set<string> {
	const fields: HaloField[] = [
		...(resource.create?.required ?? []),
		...(resource.create?.fields ?? []),
		...(resource.update?.fields ?? []),
	];
	return new Set(fields.filter((field) => field.kind === 'password').map((field) => field.key));
}

function maskParameters(value: unknown, keys: Set<string>): unknown {
	if (Array.isArray(value)) return value.map((entry) => maskParameters(entry, keys));
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, child]) => [
			key,
			keys.has(key) && typeof child === 'string' && child !== ''
				? MASK
				: maskParameters(child, keys),
		]),
	);
}

/**
 * n8n copies the node, with its parameters, into every error it stores and hands to error
 * workflows; the copy in an error of ours carries no secret the user typed.
 */
export function maskSecretParameters(node: INode, resources: Iterable<ResourceDefinition>): INode {
	const keys = new Set<string>();
	for (const resource of resources) for (const key of passwordKeys(resource)) keys.add(key);
	if (keys.size === 0) return node;
	return { ...node, parameters: maskParameters(node.parameters, keys) as INode['parameters'] };
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * A rule by name masks text only: flags, counters and dates under a secret's name (a token's
 * expiry written `2026-12-31T00:00:00`) say nothing secret, and people filter on them.
 */
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function isMaskableByName(value: unknown): value is string {
	return typeof value === 'string' && value !== '' && !DATE_TEXT.test(value);
}

/** A secret recognised by its shape (SECRET_SHAPES). */
export interface SecretShape {
	name: string;
	pattern: RegExp;
	/** The group kept before the mask (the `password=` of `password=…`). */
	keep?: number;
	/** A further check of what the pattern found. */
	confirm?: (found: string) => boolean;
}

function isBasicCredential(encoded: string): boolean {
	if (encoded.length % 4 !== 0) return false;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	return /^[\x20-\x7e]+:[\x20-\x7e]*$/.test(decoded);
}

/**
 * Secrets recognised by their shape, wherever they are and whatever their field is called. Each
 * pattern is replaced where it occurs, so a note quoting one keeps its other words; a value that
 * is nothing but the secret becomes `********`. Chosen to match nothing else: measured over the
 * sandbox's records and Halo's document (docs/secrets.md, "False positives, measured").
 */
export const SECRET_SHAPES: readonly SecretShape[] = [
	{
		name: 'private key (PEM)',
		pattern:
			/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g,
	},
	// Header and payload are base64url JSON objects, so both start `eyJ` (`{"`).
	{ name: 'JSON Web Token', pattern: /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/g },
	// The credential after the scheme: 20 or more token characters with a digit among them.
	{
		name: 'Bearer credential',
		pattern: /\bBearer\s+(?=[\w.~+/-]*\d)[\w.~+/-]{20,}=*/gi,
	},
	// Base64 of `user:password`: checked by decoding, so that "Basic" in prose stays.
	{
		name: 'Basic credential',
		pattern: /\bBasic\s+[A-Za-z0-9+/]{12,}={0,2}(?![\w+/=])/g,
		confirm: (found) => isBasicCredential(found.replace(/^Basic\s+/, '')),
	},
	{
		name: 'password in a connection string',
		pattern: /((?:^|;)\s*(?:password|pwd)\s*=\s*)[^;]+/gi,
		keep: 1,
	},
	{
		name: 'password in a URL',
		pattern: /(\b[a-z][\w+.-]*:\/\/[^\s/:@]+:)[^\s/@]+(?=@)/gi,
		keep: 1,
	},
	{
		name: 'secret in a URL query',
		pattern:
			/([?&](?:access_token|refresh_token|id_token|client_secret|api_?key|token|password|code|sig)=)[^&#\s]+/gi,
		keep: 1,
	},
	// Vendors' key formats: Stripe secret keys, Slack tokens, GitHub tokens, Google API keys.
	{
		name: 'vendor key',
		pattern:
			/\b(?:[sr]k_(?:live|test)_[0-9A-Za-z]{16,}|xox[abprs]-[0-9A-Za-z-]{10,}|gh[pousr]_[0-9A-Za-z]{30,}|github_pat_\w{30,}|AIza[\w-]{35})/g,
	},
];

/** Cheap first look: text without any of these cannot hold a shape above. */
const SHAPE_HINT =
	/eyJ|PRIVATE KEY|Bearer|Basic|password|pwd|:\/\/|[?&]\w+=|_live_|_test_|xox|gh[pousr]_|github_pat|AIza/i;

/** Text with every secret of a known shape in it replaced by `********`. */
export function maskSecretText(text: string): string {
	if (text.length < 16) return text;
	const json = maskJsonText(text);
	if (json !== undefined) return json;
	if (!SHAPE_HINT.test(text)) return text;
	let masked = text;
	for (const { pattern, keep, confirm } of SECRET_SHAPES)
		masked = masked.replace(pattern, (...groups: unknown[]) => {
			const found = String(groups[0]);
			if (confirm && !confirm(found)) return found;
			return keep ? `${String(groups[keep])}${MASK}` : MASK;
		});
	// A value that was nothing but the secret (a key file ends with a newline) is the mask alone.
	return masked.trim() === MASK ? MASK : masked;
}

/**
 * A token payload kept as JSON text (`"{\"access_token\":…}"`): masked as the object would be,
 * and written back as JSON. Undefined when the text is not JSON or holds no secret.
 */
function maskJsonText(text: string): string | undefined {
	const trimmed = text.trim();
	if (!/^[[{][\s\S]*[\]}]$/.test(trimmed)) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(trimmed);
	} catch {
		return undefined;
	}
	const masked = maskSecrets(parsed);
	return masked === parsed ? undefined : JSON.stringify(masked);
}

/**
 * Fields that describe a token rather than hold it: kept in an object that is masked whole (a
 * token object, a value under a secret's name).
 */
const DESCRIBES_TOKEN =
	/^(token_?type|type|scopes?|status|subject|expires_?in|ext_expires_in|issued_?at|id|name|concurrencytoken|application_?id|authorization_?id)$/i;

/** OAuth's token types, as a token record (OpenIddictToken in Halo's document) names its own. */
const OAUTH_TOKEN_TYPES =
	/^(access_token|refresh_token|id_token|authorization_code|device_code|user_code)$/i;

/**
 * A token kept in a record, under whatever name: an OAuth token answer (an object whose
 * `token_type` is a bearer scheme), or a token record such as the `tokens` of an application
 * (OpenIddictToken: `type` an OAuth token type, the token in `payload` and `referenceId`). Its
 * values other than the ones describing it are masked.
 */
function isTokenObject(value: IDataObject): boolean {
	const scheme = value.token_type ?? value.tokentype ?? value.tokenType;
	if (typeof scheme === 'string' && /^(bearer|mac|pop|dpop|jwt)$/i.test(scheme.trim())) return true;
	return typeof value.type === 'string' && OAUTH_TOKEN_TYPES.test(value.type.trim());
}

/**
 * Values Halo stores encrypted: a custom field (or its definition) with `isencrypted` on. Its
 * value is masked whatever its type (a number is as secret as text there), and so is the text
 * shown for it.
 */
const ENCRYPTED_VALUE_KEYS = new Set(['value', 'display', 'defaultvalue', 'third_party_value']);

function isEncryptedField(value: IDataObject): boolean {
	return value.isencrypted === true || value.isencrypted === 'true' || value.isencrypted === 1;
}

function isFilled(value: unknown): boolean {
	return (
		(typeof value === 'string' && value !== '') ||
		(typeof value === 'number' && !Number.isNaN(value))
	);
}

/** Whether one field of an object is masked whole (its text, or an encrypted value). */
function masksWhole(
	key: string,
	child: unknown,
	context: { encrypted: boolean; token: boolean; secretParent: boolean },
	extraKeys: ReadonlySet<string>,
): boolean {
	if (context.encrypted && ENCRYPTED_VALUE_KEYS.has(key) && isFilled(child)) return true;
	if (!isMaskableByName(child)) return false;
	if (extraKeys.has(key) || isSecretField(key)) return true;
	// In a token object or under a secret's name, every text is the secret but what describes it.
	return (context.token || context.secretParent) && !DESCRIBES_TOKEN.test(key);
}

/**
 * The one place Halo's secrets are masked, for every output of every node and every error's
 * words. Masked, at any depth: each non-empty text under a secret-bearing name (secretFields.ts,
 * documented in docs/secrets.md) or under `extraKeys` (fields a resource declares as passwords);
 * every text inside an object or list held under such a name, and inside a token object; the
 * value of a custom field Halo stores encrypted; and every secret of a known shape in any text
 * (SECRET_SHAPES). The input is not changed; values without a secret are returned as they are.
 */
export function maskSecrets<T>(value: T, extraKeys: ReadonlySet<string> = NO_KEYS): T {
	return maskValue(value, extraKeys, false) as T;
}

function maskValue(value: unknown, extraKeys: ReadonlySet<string>, secretParent: boolean): unknown {
	if (typeof value === 'string') {
		if (secretParent && isMaskableByName(value)) return MASK;
		return maskSecretText(value);
	}
	if (Array.isArray(value)) {
		const masked = value.map((entry: unknown) => maskValue(entry, extraKeys, secretParent));
		return masked.some((entry, index) => entry !== value[index]) ? masked : value;
	}
	if (typeof value !== 'object' || value === null) return value;
	const record = value as IDataObject;
	const context = {
		encrypted: isEncryptedField(record),
		token: isTokenObject(record),
		secretParent,
	};
	let copy: IDataObject | undefined;
	for (const [key, child] of Object.entries(record)) {
		// A text in an object is judged by its name here; only a list's texts have none.
		const next = masksWhole(key, child, context, extraKeys)
			? MASK
			: typeof child === 'string'
				? maskSecretText(child)
				: maskValue(child, extraKeys, secretParent || isSecretContainer(key, child, extraKeys));
		if (next === child) continue;
		copy ??= { ...record };
		copy[key] = next as IDataObject[string];
	}
	return copy ?? value;
}

/** An object or list held under a secret's name (`"refresh_token": {"value": …}`). */
function isSecretContainer(key: string, child: unknown, extraKeys: ReadonlySet<string>): boolean {
	return typeof child === 'object' && child !== null && (extraKeys.has(key) || isSecretField(key));
}

/** The option that shows Halo's secrets in the output (off by default), on every node that has them. */
export const INCLUDE_SECRETS_OPTION: INodeProperties = {
	displayName: 'Include Secrets',
	name: 'includeSecrets',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the passwords, tokens, client secrets and keys HaloPSA returns (mailbox and integration passwords, access and refresh tokens, encrypted custom fields…) as they are. Off: they are replaced by ********, so that no later node, AI agent or execution log sees them.',
};
