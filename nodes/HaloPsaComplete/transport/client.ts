import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { FieldDefinition } from '../helpers/types';

/**
 * One execution's client: what every request of an entry point (the action node's run, a poll, a
 * webhook trigger method, an editor loader) is sent with. The entry point makes one, from n8n's
 * functions and the rules its requests are judged by (guards/ builds them), and passes it down:
 * the transport's request functions take nothing else, so a request without its rules cannot be
 * written. Nothing of a run is kept anywhere but here.
 */

export type HaloFunctions =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions
	| ITriggerFunctions;

export type RequestEffect = 'read' | 'write' | 'delete';

/** What the engine tells the transport about one request; every part is optional. */
export interface RequestAccess {
	/** What the request does to Halo's data; by default GET reads, DELETE deletes, others write. */
	effect?: RequestEffect;
}

export interface HaloRequest {
	method: IHttpRequestMethods;
	/** Path below /api, e.g. `/Client/12`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	/** Plain words for a 404 answer. */
	notFound?: string;
	/**
	 * Someone is waiting (the editor's dropdowns and "From list", Halo on a webhook delivery): a 429
	 * fails at once with Halo's words instead of backing off for minutes, and nothing is retried.
	 */
	interactive?: boolean;
	/**
	 * Time (epoch milliseconds) by which the request gives up, whatever it is waiting for: its turn
	 * in the limiter, a retry, or Halo's answer. For callers that must answer someone in time.
	 */
	deadline?: number;
	/** The answer may be a file: resolve to a FileAnswer (stream, headers, status); see ./fileAnswer. */
	fileAnswer?: boolean;
	/** What the request does, as the engine knows it (a report run POSTs but reads); see guards/access.ts. */
	access?: RequestAccess;
	/** The input items whose records the request carries, when several (a batch); see guards/previewHold.ts. */
	itemIndexes?: number[];
	/** The ids of the records posted: GUIDs (Webhook) or whole numbers (the default); see retry.ts. */
	idType?: 'number' | 'string';
	/**
	 * Halo does something once on this request (helpers/oneShot.ts): it is never sent again after
	 * it may have reached Halo. A body that sets a one-shot flag counts as one whatever this says.
	 */
	oneShot?: boolean;
}

/** A refusal the transport turns into the item's error: nothing is sent. */
export interface Refusal {
	message: string;
	description: string;
}

/**
 * What the rules make of a request before it is sent: refused (nothing sent, the item fails with
 * the words), held back by a preview (answered as Halo would have), or sent.
 */
export type Judgement = { refused: Refusal } | { held: unknown } | { send: true };

/**
 * The rules an entry point's requests are judged by: the credential's Access Level and Allowed
 * Resources, the SQL guard, and the preview hold (guards/access.ts makes them).
 */
export interface RequestRules {
	judge(credentials: ICredentialDataDecryptedObject, request: HaloRequest): Judgement;
	/** The credential's Allowed Clients for this request; undefined when it allows every client. */
	scope(credentials: ICredentialDataDecryptedObject, request: HaloRequest): ClientScope | undefined;
}

/** A read the scope makes to learn whose a record is: through the same client, judged and scoped. */
export type ScopeRead = (path: string, qs?: IDataObject) => Promise<unknown>;

/**
 * What Allowed Clients make of a request: sent (perhaps narrowed), answered without sending (a
 * list of a client not allowed is empty), answered as a record that does not exist (another
 * client's), refused, or read once per allowed client and merged.
 */
export type Admission =
	| { send: HaloRequest }
	| { answer: unknown }
	| { notFound: true }
	| { refused: Refusal }
	| { fanOut: HaloRequest[]; merge: (answers: unknown[]) => unknown };

/** What of a read's answer the credential may see; another client's record is as one that does not exist. */
export type Visible = { answer: unknown } | { notFound: true };

/**
 * On a list's rows from which Allowed Clients dropped some: how many rows Halo answered. Paging's
 * stop rule counts Halo's rows, not the rows kept, or a page thinned out would end a list early.
 */
export const ROWS_BEFORE_SCOPE = Symbol('rowsBeforeScope');

/**
 * A credential's Allowed Clients, as the transport applies them (guards/clientScope.ts): before a
 * request is sent, and on a read's answer.
 */
export interface ClientScope {
	admit(request: HaloRequest, read: ScopeRead): Promise<Admission>;
	visible(request: HaloRequest, answer: unknown, read: ScopeRead): Promise<Visible>;
	/** The queries a list must be read with, one per allowed client, when no one query narrows it. */
	listParts(request: HaloRequest): IDataObject[] | undefined;
	/**
	 * Learns whose these records are (of the resource at `path`) in as few reads as Halo's list
	 * filters allow, before the items that change them run one by one.
	 */
	learnOwners(path: string, ids: string[], read: ScopeRead): Promise<void>;
}

/** A request of an item in preview, as it would be sent (guards/previewHold.ts keeps them). */
export interface PlannedRequest {
	method: IHttpRequestMethods;
	/** As Halo would receive it, e.g. `/api/Client`. */
	path: string;
	query?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** true: a read really made to decide the writes; false: held back by the preview. */
	sent: boolean;
	/** The input items whose records the request carries (several in a batch). */
	itemIndexes: number[];
	/** What the credential's Access Level would do to this request in a real run. */
	realRun?: string;
}

export interface ItemPreview {
	requests: PlannedRequest[];
	note: IDataObject;
}

/** One run's Preview (Dry Run) notes: what its items in preview would send, and what the engine said. */
export interface PreviewHold {
	/** Notes a request of an item in preview: sent (a read) or held back (a write). */
	plan(request: PlannedRequest): void;
	/** More the preview of an item shows (e.g. which record an upsert matched); ignored out of preview. */
	note(itemIndex: number, note: IDataObject): void;
	/** The requests an item caused in a preview, in order, and what the engine noted about it. */
	of(itemIndex: number): ItemPreview;
}

/** What one execution reads once, however many items ask. */
export interface RunCache {
	/** Custom field definitions by FieldInfo `typeid` (actions/customFields.ts). */
	readonly customFieldDefinitions: Map<number, Promise<FieldDefinition[]>>;
}

export interface HaloClient<C extends HaloFunctions = HaloFunctions> {
	/** n8n's functions for this execution. */
	readonly context: C;
	/** The rules every request of this execution is judged by before it is sent. */
	readonly rules: RequestRules;
	/** The run's preview notes (used when items preview). */
	readonly preview: PreviewHold;
	readonly cache: RunCache;
}

/** An execution's client: made once by its entry point, with the rules and preview hold guards/ built. */
export function haloClient<C extends HaloFunctions>(
	context: C,
	rules: RequestRules,
	preview: PreviewHold,
): HaloClient<C> {
	return { context, rules, preview, cache: { customFieldDefinitions: new Map() } };
}
