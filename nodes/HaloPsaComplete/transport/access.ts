import type { ICredentialDataDecryptedObject, IHttpRequestMethods } from 'n8n-workflow';

/**
 * What a credential lets nodes do (its Access Level and Allowed Resources), checked by the
 * transport before every request. Whether a request reads, writes or deletes is what the engine
 * says of the operation: a report run POSTs but reads, a Void or a runbook POSTs and writes. Only
 * a request the engine says nothing about is judged by its method.
 */

export type AccessLevel = 'readOnly' | 'readWrite' | 'full';
export type RequestEffect = 'read' | 'write' | 'delete';

/** What the engine tells the transport about one request; every part is optional. */
export interface RequestAccess {
	/** What the request does to Halo's data; by default GET reads, DELETE deletes, others write. */
	effect?: RequestEffect;
}

/** What the engine tells the transport about the operation an input item runs. */
export interface ItemOperation {
	/** How the user knows a request of it, e.g. "Client › Delete" or "API Request › DELETE /api/Client/5". */
	label: (method: IHttpRequestMethods, path: string) => string;
	/**
	 * The names Allowed Resources may give what a request of this item works on (the resource's
	 * value, display name and API path). API Request answers from the request's own path.
	 */
	resourceNames: (path: string) => string[];
	/** Preview (Dry Run) is on for this item: its writes are held back (see ./dryRun). */
	preview: boolean;
	/**
	 * What the operation as a whole does, when the engine knows it: every request of a write
	 * operation (the reads that prepare it too) is refused where writes are, so a refused operation
	 * sends nothing at all. Not used in a preview, which writes nothing.
	 */
	effect?: RequestEffect;
}

const operationsByRun = new WeakMap<object, (itemIndex: number) => ItemOperation | undefined>();

/** The engine names, once per run, the operation of each item (keyed by the run's context). */
export function describeItems(
	context: object,
	lookup: (itemIndex: number) => ItemOperation | undefined,
): void {
	operationsByRun.set(context, lookup);
}

export function itemOperation(
	context: object,
	itemIndex: number | undefined,
): ItemOperation | undefined {
	if (itemIndex === undefined) return undefined;
	return operationsByRun.get(context)?.(itemIndex);
}

export function effectOf(method: IHttpRequestMethods, access?: RequestAccess): RequestEffect {
	if (access?.effect) return access.effect;
	if (method === 'GET' || method === 'HEAD') return 'read';
	return method === 'DELETE' ? 'delete' : 'write';
}

export interface CredentialAccess {
	level: AccessLevel;
	/** Allowed Resources, lower-cased; empty means every resource. */
	resources: string[];
}

const LEVELS: AccessLevel[] = ['readOnly', 'readWrite', 'full'];

/** A saved credential without the fields (made before they existed) has Full access to everything. */
export function credentialAccess(credentials: ICredentialDataDecryptedObject): CredentialAccess {
	const level = LEVELS.includes(credentials.accessLevel as AccessLevel)
		? (credentials.accessLevel as AccessLevel)
		: 'full';
	const resources = String(credentials.allowedResources ?? '')
		.split(',')
		.map((name) => comparableName(name))
		.filter((name) => name !== '');
	return { level, resources };
}

/** "Tickets", "/Tickets", "/api/Tickets" and "tickets" are one name. */
export function comparableName(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/^\/?api(?=\/|$)/, '')
		.replace(/^\/+|\/+$/g, '');
}

/** The first segment of a path below /api: `/Tickets/42` → `tickets`. */
export function pathResource(path: string): string {
	return comparableName(path).split('/')[0] ?? '';
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

/** A refusal the transport turns into the item's error: nothing is sent. */
export interface Refusal {
	message: string;
	description: string;
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
	operation: ItemOperation | undefined,
): Refusal | undefined {
	const access = credentialAccess(credentials);
	const label = operation?.label(method, path) ?? `${method} /api${path}`;
	const preview = operation?.preview === true;
	const held = preview && effect !== 'read';
	const judged = preview ? effect : strongest(effect, operation?.effect);
	const level = held ? undefined : levelRefusal(access.level, judged);
	if (level)
		return {
			message: `${level}: ${label} was not sent`,
			description:
				"The HaloPSA credential's Access Level refused this request before it was sent. Preview (Dry Run) shows what it would send.",
		};
	const resources = operation ? resourceRefusal(access, operation.resourceNames(path)) : undefined;
	if (resources)
		return {
			message: `${resources}: ${label} was not sent`,
			description:
				"The HaloPSA credential's Allowed Resources refused this request before it was sent.",
		};
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
