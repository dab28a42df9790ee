import type { ICredentialDataDecryptedObject, IHttpRequestMethods } from 'n8n-workflow';

import { haloClient } from '../transport';
import type {
	HaloClient,
	HaloFunctions,
	HaloRequest,
	Judgement,
	Refusal,
	RequestAccess,
	RequestEffect,
	RequestRules,
} from '../transport';
import { PreviewLog, heldAnswer } from './previewHold';
import { clientScopeFor } from './clientScope';
import type { OwnerCache } from './clientScope';
import type { ClientOwnership } from '../helpers/types';
import { sqlProblem } from './sqlGuard';
import { bodyEntries, isSet } from '../helpers/bodyFlags';
import { comparableName } from '../helpers/paths';

export { comparableName, pathResource } from '../helpers/paths';

/**
 * What a credential lets nodes do (its Access Level and Allowed Resources), checked by the
 * transport before every request. Whether a request reads, writes or deletes is what the engine
 * says of the operation (a report run POSTs but reads, a Void or a runbook POSTs and writes) and
 * what the request itself does: a delete flag set in its body deletes, and SQL in it must pass
 * the guard. Only a request the engine says nothing about is judged by its method.
 *
 * Every entry point (the action node's run, each editor loader, each trigger method) makes one
 * client with the rules of its requests (`governedClient`), and the transport's request functions
 * take nothing but a client: a request without its rules cannot be written. A request the rules
 * know no operation of (a run's request of no item) is refused: the checks fail closed.
 */

export type AccessLevel = 'readOnly' | 'readWrite' | 'full';
export type { Refusal, RequestAccess, RequestEffect } from '../transport';

/** What the engine tells the transport about the operation a request is part of. */
export interface ItemOperation {
	/** How the user knows a request of it, e.g. "Client › Delete" or "API Request › DELETE /api/Client/5". */
	label: (method: IHttpRequestMethods, path: string) => string;
	/**
	 * The names Allowed Resources may give what a request of this item works on (the resource's
	 * value, display name and API path). API Request answers from the request's own path.
	 */
	resourceNames: (path: string) => string[];
	/** Preview (Dry Run) is on for this item: its writes are held back (see ./previewHold). */
	preview: boolean;
	/**
	 * What the operation as a whole does, when the engine knows it: every request of a write
	 * operation (the reads that prepare it too) is refused where writes are, so a refused operation
	 * sends nothing at all. Not used in a preview, which writes nothing.
	 */
	effect?: RequestEffect;
	/**
	 * Whose records the operation works on as a whole, when that decides for every request (API
	 * Request and reports cannot be proven to stay within Allowed Clients); otherwise each request
	 * is judged by its path (guards/clientScope.ts).
	 */
	owner?: ClientOwnership;
	/**
	 * First path segments the operation manages for itself, outside Allowed Clients: the webhook
	 * trigger's own webhook, its subscriptions and the events it catches up on (each event is then
	 * judged by its record).
	 */
	manages?: string[];
}

/** What one entry point's requests are judged by: the operation each is part of. */
export interface ItemRules {
	/** The operation a request of this item (or of no item: `undefined`) is part of; undefined refuses it. */
	operationOf: (itemIndex: number | undefined) => ItemOperation | undefined;
	/** Whether Allowed Resources may name this (already comparable, see comparableName). */
	isKnownName: (name: string) => boolean;
}

export function effectOf(method: IHttpRequestMethods, access?: RequestAccess): RequestEffect {
	if (access?.effect) return access.effect;
	if (method === 'GET' || method === 'HEAD') return 'read';
	return method === 'DELETE' ? 'delete' : 'write';
}

/**
 * Body flags that make Halo delete (`deleted`, `isdeleted`, `is_deleted`, `delete`,
 * `deleteforever`, and the one-shot `_delete…`/`_remove…` actions such as `_deletedevices` or
 * `_remove_licenses`), from the property names of Halo's document. Settings that only mention
 * deleting (`candelete`, `delete_devices`, `auto_delete_days`) are not.
 */
const DELETE_FLAG = /^(_?(is_?)?(delete|deleted|deleteforever)|_(delete|remove)\w*)$/i;

/**
 * The first delete flag set in a body (at any depth), where it stands, or undefined. A flag counts
 * as set unless it plainly says "no", an empty array or object too: the one rule the one-shot
 * flags follow (helpers/bodyFlags.ts says why).
 */
export function deleteFlagIn(body: unknown): string | undefined {
	for (const entry of bodyEntries(body))
		if (DELETE_FLAG.test(entry.key) && isSet(entry.value)) return entry.at;
	return undefined;
}

/** Keys whose text Halo runs as a whole query (AnalyzerProfile, SQLImport, SqlLookupRequest…). */
const QUERY_KEYS = new Set([
	'sql',
	'sql_string',
	'sql_script',
	'sqllookup',
	'usersqllookup',
	'third_party_sql',
]);

/**
 * Why SQL in a request may not be sent, or undefined: every query a body or query string carries
 * (to /Report and anywhere else, at any depth, in any case) must pass the Run SQL guard.
 */
export function sqlRefusalIn(...parts: unknown[]): string | undefined {
	for (const part of parts)
		for (const entry of bodyEntries(part)) {
			if (!QUERY_KEYS.has(entry.key.toLowerCase())) continue;
			if (entry.value === null || entry.value === undefined || entry.value === '') continue;
			if (typeof entry.value !== 'string') return `"${entry.at}" holds a query that is not text`;
			const problem = sqlProblem(entry.value);
			if (problem) return `the query in "${entry.at}" was refused: ${problem}`;
		}
	return undefined;
}

/**
 * What a request does: what the engine says, the method otherwise, and a delete flag set in its
 * body makes it a delete whatever else is said.
 */
export function requestEffect(
	method: IHttpRequestMethods,
	body: unknown,
	access?: RequestAccess,
): RequestEffect {
	if (method !== 'GET' && method !== 'HEAD' && deleteFlagIn(body) !== undefined) return 'delete';
	return effectOf(method, access);
}

export interface CredentialAccess {
	level: AccessLevel;
	/** Allowed Resources, comparable (see comparableName); empty means every resource. */
	resources: string[];
}

const LEVELS: AccessLevel[] = ['readOnly', 'readWrite', 'full'];

/**
 * A saved credential without the Access Level (made before it existed) has Full access; a value
 * the node does not know (an imported or API-made credential) is read only.
 */
export function credentialAccess(credentials: ICredentialDataDecryptedObject): CredentialAccess {
	const resources = String(credentials.allowedResources ?? '')
		.split(',')
		.map((name) => comparableName(name))
		.filter((name) => name !== '');
	return { level: levelOf(credentials.accessLevel), resources };
}

function levelOf(saved: unknown): AccessLevel {
	if (saved === undefined || saved === null) return 'full';
	return LEVELS.includes(saved as AccessLevel) ? (saved as AccessLevel) : 'readOnly';
}

const LEVEL_WORDS: Record<Exclude<AccessLevel, 'full'>, string> = {
	readOnly: 'This credential allows reads only',
	readWrite: 'This credential allows reads and writes but no deletes',
};

const STRENGTH: RequestEffect[] = ['read', 'write', 'delete'];

function strongest(effect: RequestEffect, other: RequestEffect | undefined): RequestEffect {
	if (other === undefined) return effect;
	return STRENGTH.indexOf(other) > STRENGTH.indexOf(effect) ? other : effect;
}

/** Why the credential's Access Level refuses a request of this effect, or undefined. */
export function levelRefusal(level: AccessLevel, effect: RequestEffect): string | undefined {
	if (level === 'readOnly' && effect !== 'read') return LEVEL_WORDS.readOnly;
	if (level === 'readWrite' && effect === 'delete') return LEVEL_WORDS.readWrite;
	return undefined;
}

/** Why the credential's Allowed Resources refuse a request on these names, or undefined. */
export function resourceRefusal(access: CredentialAccess, names: string[]): string | undefined {
	if (access.resources.length === 0) return undefined;
	const wanted = new Set(names.map(comparableName));
	if (access.resources.some((name) => wanted.has(name))) return undefined;
	return `This credential allows only these resources (Allowed Resources): ${access.resources.join(', ')}`;
}

/** Allowed Resources naming what the node does not know: a typo must not quietly allow less, or more. */
export function unknownNamesRefusal(
	access: CredentialAccess,
	isKnownName: (name: string) => boolean,
): string | undefined {
	const unknown = access.resources.filter((name) => !isKnownName(name));
	if (unknown.length === 0) return undefined;
	return `This credential's Allowed Resources name what the node does not know (${unknown.join(', ')}), so it refuses every request`;
}

/** What the webhook trigger must be able to do: make its webhook, and delete it when deactivated. */
export function webhookTriggerRefusal(
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	const refusal = levelRefusal(credentialAccess(credentials).level, 'delete');
	if (refusal === undefined) return undefined;
	return (
		`${refusal} (Access Level), and this trigger creates a webhook in HaloPSA when activated and deletes it when deactivated. ` +
		'Use the HaloPSA Complete Polling Trigger with this credential, or a credential with Full access.'
	);
}

const RESOURCES_REFUSED =
	"The HaloPSA credential's Allowed Resources refused this request before it was sent.";

/**
 * Whether the credential's Allowed Resources let an operation work at all, whatever its path:
 * what a trigger checks before it activates (nothing is sent when they do not).
 */
export function operationRefusal(
	credentials: ICredentialDataDecryptedObject,
	rules: ItemRules,
	operation: ItemOperation,
	path: string,
): string | undefined {
	const access = credentialAccess(credentials);
	return (
		unknownNamesRefusal(access, rules.isKnownName) ??
		resourceRefusal(access, operation.resourceNames(path))
	);
}

/**
 * Whether the credential lets this request go. In a preview a write is not sent, so the Access
 * Level does not stop it (a read-only credential previews writes); Allowed Resources still do,
 * as in a run.
 */
export function refusalOf(
	credentials: ICredentialDataDecryptedObject,
	method: IHttpRequestMethods,
	path: string,
	effect: RequestEffect,
	operation: ItemOperation,
	isKnownName: (name: string) => boolean,
): Refusal | undefined {
	const access = credentialAccess(credentials);
	const label = operation.label(method, path);
	const unknown = unknownNamesRefusal(access, isKnownName);
	if (unknown)
		return {
			message: `${unknown}: ${label} was not sent`,
			description: `${RESOURCES_REFUSED} Names may be a resource's name (Ticket), value (ticket) or API path (/Tickets), separated by commas.`,
		};
	const preview = operation.preview;
	const held = preview && effect !== 'read';
	const judged = preview ? effect : strongest(effect, operation.effect);
	const level = held ? undefined : levelRefusal(access.level, judged);
	if (level)
		return {
			message: `${level}: ${label} was not sent`,
			description:
				"The HaloPSA credential's Access Level refused this request before it was sent. Preview (Dry Run) shows what it would send.",
		};
	const resources = resourceRefusal(access, operation.resourceNames(path));
	if (resources)
		return { message: `${resources}: ${label} was not sent`, description: RESOURCES_REFUSED };
	return undefined;
}

/** What a real run of a held write would meet: the Access Level's refusal, if any. */
export function realRunRefusal(
	credentials: ICredentialDataDecryptedObject,
	effect: RequestEffect,
): string | undefined {
	const level = levelRefusal(credentialAccess(credentials).level, effect);
	return level ? `${level}: a real run would not send this request` : undefined;
}

/**
 * The judge of one entry point's requests, before anything is sent: the SQL guard, the
 * credential's Access Level and Allowed Resources; then, for an item in Preview (Dry Run), a write
 * is noted and held back, answered as Halo would have (reads are noted as sent).
 */
function judgeBy(rules: ItemRules, preview: PreviewLog): RequestRules {
	const owners: OwnerCache = new Map();
	return {
		scope(credentials: ICredentialDataDecryptedObject, request: HaloRequest) {
			const operation = rules.operationOf(request.itemIndex);
			return clientScopeFor(credentials, {
				label:
					operation?.label(request.method, request.path) ?? `${request.method} /api${request.path}`,
				operationOwner: operation?.owner,
				manages: operation?.manages,
				owners,
			});
		},
		judge(credentials: ICredentialDataDecryptedObject, request: HaloRequest): Judgement {
			const operation = rules.operationOf(request.itemIndex);
			if (!operation)
				return {
					refused: {
						message: `No access rules came with ${request.method} /api${request.path}: it was not sent`,
						description:
							'Every request is checked against the credential’s Access Level and Allowed Resources before it is sent, and this one came without them. This is a fault in the node: please report it.',
					},
				};
			const sql = sqlRefusalIn(request.body, request.qs);
			if (sql)
				return {
					refused: {
						message: `${operation.label(request.method, request.path)} was not sent: ${sql}`,
						description:
							'HaloPSA runs SQL against its database with the API application’s rights, so only a single read-only SELECT (or WITH … SELECT) statement of Halo’s own data is sent, without comments.',
					},
				};
			const effect = requestEffect(request.method, request.body, request.access);
			const refusal = refusalOf(
				credentials,
				request.method,
				request.path,
				effect,
				operation,
				rules.isKnownName,
			);
			if (refusal) return { refused: refusal };
			if (!operation.preview) return { send: true };
			const sent = effect === 'read';
			const realRun = sent ? undefined : realRunRefusal(credentials, effect);
			preview.plan({
				method: request.method,
				path: `/api${request.path}`,
				...(request.qs && Object.keys(request.qs).length > 0 ? { query: request.qs } : {}),
				...(request.body !== undefined ? { body: request.body } : {}),
				sent,
				itemIndexes: request.itemIndexes ?? [request.itemIndex!],
				...(realRun ? { realRun } : {}),
			});
			return sent ? { send: true } : { held: heldAnswer(request) };
		},
	};
}

/**
 * The client of one execution (an entry point's): n8n's functions, and the rules its requests are
 * judged by, with the run's preview notes. Every entry point makes one before its first request.
 */
export function governedClient<C extends HaloFunctions>(
	context: C,
	rules: ItemRules,
): HaloClient<C> {
	const preview = new PreviewLog((itemIndex) => rules.operationOf(itemIndex)?.preview === true);
	return haloClient(context, judgeBy(rules, preview), preview);
}
