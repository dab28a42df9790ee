/**
 * Which of Halo's fields carry a secret: stored passwords (mailboxes, integrations, SMTP, SQL,
 * portals), OAuth access and refresh tokens, client secrets, API and integration keys, webhook
 * passwords, salts and one-time authorisation codes. Derived from Halo's OpenAPI document
 * (2024-09): every string property whose name matches one of the patterns below, less the names that
 * only describe a secret (its expiry, URL, type, length…), plus the names listed one by one. The
 * list is documented in docs/secrets.md; its test reads the OpenAPI document against it.
 */

/** Names that are secrets whatever the patterns say (OpenAPI names, compared in lower case). */
export const SECRET_FIELD_NAMES: readonly string[] = [
	'authentication_header',
	'_authcode',
	'authorization_code',
	'oauth_code',
	'sageauthcode',
	'_oauthverifier',
	'_importtoken',
	'access_key',
	'connectwise_private_key',
	'new_api_key',
	'new_integration_key',
	'new_integration_webhook_key',
	'new_jirakey',
	'new_ncentral_key',
	'new_servicenowkey',
	'new_subscription_key',
	'pagerdutyservicekey',
	'passportal_apikey',
	'rbackupradarapikey',
	'basic_auth_salt',
	'webhook_salt',
];

/** Name patterns of secrets (the first rule, 2024-09). */
export const SECRET_FIELD_PATTERNS: readonly RegExp[] = [
	/pass(word|phrase)/,
	/(^|_)pwd$/,
	/secret/,
	/token/,
	/api_?key/,
	/private_?key/,
];

/**
 * The secret words of the listed names, made general so that a word with any prefix or suffix
 * (`new_integration_key2`) is a secret too: the qualifiers of the listed `…key` names (access,
 * integration, webhook, subscription, service and the products jira, ncentral, servicenow),
 * `authcode` (`_authcode`, `sageauthcode`), `verifier` (`_oauthverifier`), `salt`
 * (`webhook_salt`); and two words Halo's document uses for secrets the list did not name: `jwt`,
 * and a webhook's signing `signature` (an email `signature` is not one, so only after `webhook`).
 * The patterns above already match anywhere in a name.
 */
export const SECRET_WORD_PATTERNS: readonly RegExp[] = [
	/(access|integration|webhook|subscription|service|jira|ncentral|servicenow)_?key/,
	/auth_?code/,
	/verifier/,
	/(^|_)salt(_|\d|$)/,
	/jwt/,
	/webhook_?(signature|signing)/,
];

/**
 * Names matching a pattern that are not secrets: a secret's expiry, URL, type, length, a flag or
 * a counter (flags and counters are not strings, and only strings are masked, but the names are
 * listed so the rule reads plainly), and the concurrency stamp Halo's identity tables carry.
 */
export const NOT_SECRET_PATTERN =
	/expir|url|_used$|type$|_name$|date$|_mins$|length|level|reset|override|audit|_method$|credentials$|^tokens$|^concurrencytoken$|count$|allowed|change$/;

const NAMED = new Set(SECRET_FIELD_NAMES);

const ALL_PATTERNS = [...SECRET_FIELD_PATTERNS, ...SECRET_WORD_PATTERNS];

/** Records repeat their names: each is judged once (bounded, for names made of data). */
const judged = new Map<string, boolean>();
const MAX_JUDGED = 10_000;

export function isSecretField(name: string): boolean {
	const known = judged.get(name);
	if (known !== undefined) return known;
	const key = name.toLowerCase();
	const secret =
		NAMED.has(key) ||
		(ALL_PATTERNS.some((pattern) => pattern.test(key)) && !NOT_SECRET_PATTERN.test(key));
	if (judged.size >= MAX_JUDGED) judged.clear();
	judged.set(name, secret);
	return secret;
}

/** The first rule, without the secret words: what the measurement in docs/secrets.md compares with. */
export function isSecretFieldByFirstRule(name: string): boolean {
	const key = name.toLowerCase();
	if (NAMED.has(key)) return true;
	return (
		SECRET_FIELD_PATTERNS.some((pattern) => pattern.test(key)) && !NOT_SECRET_PATTERN.test(key)
	);
}
