import type { IDataObject } from 'n8n-workflow';

/** How a field is edited in n8n and how its value travels to HaloPSA. */
export type HaloFieldType =
	| 'string'
	| 'text'
	| 'number'
	| 'boolean'
	| 'dateTime'
	| 'color'
	| 'options'
	| 'multiOptions'
	| 'json'
	/** Comma-separated list of ids typed as text; sent as Halo expects lists in query strings. */
	| 'idList'
	/** A secret, such as a webhook's Basic Auth password: a string n8n masks in the editor. */
	| 'password'
	/** Custom field values picked by label, sent as Halo's `customfields` array (the resource's `customFieldsType`). */
	| 'customFields';

/**
 * Halo does something once when this is sent: converts, emails, runs, approves, creates a child
 * record. A request carrying it is never sent again automatically (helpers/oneShot.ts), and when its
 * answer is lost its item says what Halo may have done and what to check.
 */
export interface OneShot {
	/** What Halo may have done, after "HaloPSA may have": `converted {record} to a sales order`. */
	done: string;
	/** Where to look before running the item again, after "check": `the sales orders of {record}`. */
	check: string;
}

export interface HaloFieldOption {
	label: string;
	value: string | number | boolean;
}

/**
 * One HaloPSA field or query parameter. `key` is the HaloPSA API name and doubles as the n8n
 * parameter or option name, so saved workflows and Halo's documentation use the same word.
 * (Deliberately not shaped like INodeProperties: these are data for the engine.)
 */
export interface HaloField {
	key: string;
	kind: HaloFieldType;
	label?: string;
	hint?: string;
	default?: string | number | boolean | string[];
	options?: HaloFieldOption[];
	placeholder?: string;
	/** Number fields: smallest accepted value. */
	minValue?: number;
	/** Number fields: largest accepted value. */
	maxValue?: number;
	/** Text fields: the most characters Halo's document allows (checked before any request). */
	maxLength?: number;
	/** Name of a loadOptions method that fills an options/multiOptions list. */
	loadOptionsMethod?: string;
	/** JSON fields: the shape Halo wants, checked before any request. */
	jsonShape?: 'array' | 'object';
	/** JSON array fields: keys every element must carry as a record id (≥ 1), e.g. `ihid`. */
	elementIdKeys?: string[];
	/**
	 * The field holds another record's id (or, with `valueField`, another of its values): the
	 * editor offers that record by name, from a list read from HaloPSA. The value sent is the same.
	 */
	ref?: HaloReference;
	/** Set true (or any truthy value), the field makes Halo act once (see OneShot). */
	oneShot?: OneShot;
}

/** A list HaloPSA narrows by a query parameter, fed from a field the user set nearby. */
export interface ReferenceDependency {
	/** Query parameter of the target's list, e.g. `client_id`. */
	query: string;
	/** Parameters whose value feeds it, first found wins: the same collection, then the node's top level. */
	from: string[];
}

/**
 * Another HaloPSA record a field points to, described by its list alone (path and shape), so a
 * reference works whether or not the node offers that record as a resource.
 */
export interface HaloReference {
	/** Unique camelCase name; names the editor's loader methods. */
	name: string;
	/** The record in running text, e.g. "ticket status". */
	noun: string;
	/** Path of the list below /api, e.g. `/Status`. */
	path: string;
	/** Wrapper key of the list answer; absent for a bare array (either is read). */
	listKey?: string;
	/** Whether the list answers `pageinate`. */
	pages: boolean;
	/** Row property shown as the record's name; `name` by default. */
	nameField?: string;
	/** Row property the field holds; `id` by default. */
	valueField?: string;
	/** Query parameter that searches the list by text. */
	searchParam?: string;
	/** `dropdown` for short configuration lists (read whole); `list` for long, searchable ones. */
	picker: 'dropdown' | 'list';
	/** Query sent with every read of the list. */
	query?: IDataObject;
	dependsOn?: ReferenceDependency[];
}

export type OperationKey = 'create' | 'get' | 'getMany' | 'update' | 'delete';

export interface CreateDefinition {
	/** Fields shown as their own required parameters. */
	required: HaloField[];
	/** Everything else, in "Additional Fields". */
	fields: HaloField[];
	/** Halo expects a bare object rather than the usual one-element array. */
	bodyIsObject?: boolean;
}

/**
 * Values an operation cannot go without besides the record id, such as the ticket an action
 * belongs to: each is its own required parameter (see actions/required.ts). Get, Get Many and
 * Delete send them as query parameters; Update sends them in the body element.
 */
export interface RequiredParameters {
	required?: HaloField[];
}

export interface UpdateDefinition extends RequiredParameters {
	fields: HaloField[];
	bodyIsObject?: boolean;
}

export interface GetDefinition extends RequiredParameters {
	options: HaloField[];
}

export interface GetManyDefinition extends RequiredParameters {
	filters: HaloField[];
	/** Filters the list call always sends, whatever the user chose. */
	fixedQuery?: IDataObject;
}

export interface DeleteDefinition extends RequiredParameters {
	options?: HaloField[];
}

/** One field Create or Update can match an existing record on, and the Halo filter that finds it. */
export interface UpsertMatcher {
	/** The record field compared, also the create/update field the value is read from. */
	field: string;
	label: string;
	/** The list query parameter that narrows Halo's list to candidates (a search or an exact filter). */
	filter: string;
	/** More query values this match needs, e.g. `{ search_name_only: true }`. */
	fixedQuery?: IDataObject;
}

/**
 * A record the written one belongs to, whose id Create needs (a site's client, a user's site): a
 * Create or Update matches only records under the same parent, and never posts the parent's id
 * into the record it updates (that would move the record to another parent).
 */
export interface UpsertParent {
	/** The create field holding the parent's id, e.g. `client_id` (a number field). */
	field: string;
	/** The list query parameter that keeps the parent's records, where Halo's document has one. */
	filter?: string;
}

/**
 * Create or Update (actions/upsert.ts): find the record by a field through Halo's list filters; one
 * match is updated, none is created, several fail the item. Uses the resource's create fields.
 */
export interface UpsertDefinition {
	matchOn: UpsertMatcher[];
	/** Every parent id Create needs; empty or absent only where a record belongs to none. */
	parents?: UpsertParent[];
	/** Sent with every match query, e.g. `{ includeinactive: true }` so an inactive record is found, not duplicated. */
	fixedQuery?: IDataObject;
}

/** One HTTP call an extra action makes. */
export interface ExtraActionRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path below /api; `{id}` is replaced by the record id when the action `needsId`. */
	path: string;
	/**
	 * Builds the request body from the item's parameters; omitted means no body. `idInArray`: one
	 * element holding the values and the record id; `jsonParameter`: the first parameter's JSON as
	 * it is; `spreadObject`: the action's `spread` object alone, nothing else (left out or `{}`,
	 * n8n sends no body).
	 */
	body?: 'idInArray' | 'jsonParameter' | 'spreadObject';
	/** Values always sent in an `idInArray` body, whatever the user chose, e.g. `{ voided: true }`. */
	fixedBody?: IDataObject;
	/** Query values always sent, e.g. `{ loadreport: true }` (used by the engine-run kinds). */
	fixedQuery?: IDataObject;
	/**
	 * Body key that carries the record id in an `idInArray` body (default `id`): a ticket's
	 * Add Note posts an action, which names its ticket in `ticket_id`.
	 */
	idKey?: string;
}

/**
 * Extra actions that are more than one JSON call, each run by its own engine module: `upload` and
 * `download` (binary.ts: files between n8n's binary data and Halo), `runReport` and `runSql`
 * (report.ts: a report's rows as items; SQL guarded to a single SELECT), `customApiCall`
 * (customApiCall.ts: any path below /api).
 */
export type ExtraActionKind = 'upload' | 'download' | 'runReport' | 'runSql' | 'customApiCall';

/** Where a file travels in Halo's JSON, for `upload` and `download`: base64 content, name, MIME type. */
export interface FileKeys {
	data: string;
	name: string;
	type: string;
}

/** A HaloPSA call beyond the five standard ones, such as voiding an invoice. */
export interface ExtraAction extends ExtraActionRequest {
	value: string;
	name: string;
	action: string;
	description: string;
	needsId: boolean;
	/** Parameters of the action, shown as their own fields. */
	parameters?: HaloField[];
	/** Optional fields in an "Options" collection, merged into the body. */
	options?: HaloField[];
	/**
	 * Key of a JSON parameter or option holding an object whose entries go into the body element
	 * itself rather than under the key, e.g. a runbook's custom parameters.
	 */
	spread?: string;
	/**
	 * The same action done another way, for routes some Halo versions lack: tried only when Halo
	 * answers the call above with 404 or 405.
	 */
	fallback?: ExtraActionRequest;
	/** What the action needs besides its ID and `parameters`, for its description (e.g. API Request's Method and Path, which its kind adds). */
	needs?: string[];
	/** Keys of parameters or options of which at least one must be set, e.g. an agent or a team to assign. */
	atLeastOne?: string[];
	/** Run by an engine module instead of as one request (see ExtraActionKind). */
	kind?: ExtraActionKind;
	/** `upload` and `download`: the file's keys in Halo's JSON. */
	file?: FileKeys;
	/** The action makes Halo act once (convert, run, raise): never sent again automatically. */
	oneShot?: OneShot;
}

/**
 * Whose record this is, for a credential's Allowed Clients (guards/clientScope.ts): every
 * definition says it, and the scope is enforced from it alone.
 */
export type ClientOwnership =
	/** The record is a client: its own `id` is the client's. */
	| { kind: 'client' }
	/**
	 * The record names its client in `field` (`client_id`). `listFilter` is the list's query
	 * parameter that keeps one client's records; without one a list is read whole and the rows of
	 * other clients are dropped.
	 */
	| {
			kind: 'clientField';
			field: string;
			listFilter?: string;
			/** The list's query parameter taking several record ids (`ticketids`): the records a batch updates are read in one request. */
			idsFilter?: string;
	  }
	/**
	 * The record belongs to a client through another record (an action through its ticket): the
	 * first of `parents` the record names decides. A list must name one of them (its `field` is
	 * also the list's query parameter); a row naming another parent is dropped.
	 */
	| {
			kind: 'parent';
			parents: ParentLink[];
			/** Query of the read that learns a record's parent, where a plain GET answers something else (an attachment's file). */
			detailsQuery?: IDataObject;
	  }
	/** Reference data of no client (statuses, agents, teams): readable, never written under Allowed Clients. */
	| { kind: 'reference' }
	/** Whose data it is cannot be proven (SQL, reports, any path): refused under Allowed Clients, for `why`. */
	| { kind: 'unprovable'; why: string };

/** A record's field holding the id of the record it belongs to, and that record's resource value. */
export interface ParentLink {
	field: string;
	resource: string;
}

export interface ResourceDefinition {
	/** n8n resource value (camelCase); an API, never renamed once shipped. */
	value: string;
	displayName: string;
	/** The record in running text ("ticket status"); defaults to the display name in lower case. */
	singular?: string;
	/** More than one record in running text ("ticket statuses"); defaults to English rules. */
	plural?: string;
	description?: string;
	/**
	 * The schema Halo's OpenAPI document gives this resource's records (`Area` for clients,
	 * `Faults` for tickets): the field keys of the definition are checked against it.
	 */
	schemaEntity?: string;
	/** Path below /api, in Halo's own casing, e.g. `/Client`. */
	path: string;
	/** Whose records these are, for a credential's Allowed Clients. */
	owner: ClientOwnership;
	/** Wrapper key of the list answer; absent when Halo answers a bare array. */
	listKey?: string;
	idType: 'number' | 'string';
	/** Field shown as the record's name in "From list" pickers. */
	nameField?: string;
	/** Query parameter that searches the list by text, for "From list" pickers. */
	searchParam?: string;
	/** Whether Halo's list answers `pageinate`; non-paging lists come in one answer. */
	pages: boolean;
	/**
	 * What Get and Get Many return with Simplify on: the fields people use, in this order. Other
	 * fields can be added with the Fields option.
	 */
	simplified?: string[];
	/** FieldInfo `typeid` of the resource's custom fields (1 tickets, 2 clients, 3 sites, 5 assets). */
	customFieldsType?: number;
	create?: CreateDefinition;
	get?: GetDefinition;
	getMany?: GetManyDefinition;
	update?: UpdateDefinition;
	delete?: DeleteDefinition;
	/** Create or Update ("upsert"): offered when set. */
	upsert?: UpsertDefinition;
	/** Standard operations Halo does not offer, with the reason shown to the user. */
	unsupported?: Partial<Record<OperationKey, string>>;
	extraActions?: ExtraAction[];
}

/** A custom field's definition, as GET /FieldInfo answers it (the parts the checks use). */
export interface FieldDefinition {
	id: number;
	name?: string;
	label?: string;
	type?: number;
	inputtype?: number;
	characterlimit?: number;
	regex?: string;
	values?: Array<{ id?: number; name?: string }>;
}
