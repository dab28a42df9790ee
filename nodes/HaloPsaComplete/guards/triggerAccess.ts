import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { RESOURCES } from '../resources';
import { CREDENTIAL_TYPE, readUnlessMissing } from '../transport';
import type { HaloClient } from '../transport';
import { clientScopeFor, resourceByValue } from './clientScope';
import { governedClient, operationRefusal } from './access';
import { namesOf, singleOperationRules } from './operationAccess';
import type { ResourceDefinition } from '../helpers/types';

/**
 * The triggers' requests (the webhook trigger's activation, deactivation and full-record reads;
 * the polling trigger's reads) are all part of one operation: watching records of some resources.
 * Allowed Resources hold for them as for the action node's, judged by the resources watched (the
 * webhook and its subscriptions are the means, as the reads of custom fields are a Ticket update's).
 */

type TriggerFunctions = IHookFunctions | IPollFunctions | ITriggerFunctions | IWebhookFunctions;

export interface TriggerOperation {
	/** How the user knows the trigger, e.g. "HaloPSA Complete Polling Trigger (Tickets)". */
	label: string;
	/** The resources watched; empty when the trigger cannot tell (events typed by number). */
	watched: ResourceDefinition[];
	/** What the trigger's requests do at most (the polling trigger only reads). */
	effect?: 'read';
	/** Why the resources watched are not known, for a refusal's words. */
	unknownWhy?: string;
	/** First path segments the trigger manages for itself, outside Allowed Clients (see ItemOperation). */
	manages?: string[];
}

/** A trigger method's client, and why the credential refuses the trigger, if it does. */
export interface GovernedTrigger<C extends TriggerFunctions> {
	client: HaloClient<C>;
	refused?: NodeOperationError;
}

/**
 * A trigger method's client, with the rules of its requests, and the refusal, in words, when the
 * credential's Allowed Resources do not allow what it watches: the trigger throws it before any
 * request, so it fails at activation (or at its poll), never silently.
 */
export async function governTrigger<C extends TriggerFunctions>(
	context: C,
	trigger: TriggerOperation,
): Promise<GovernedTrigger<C>> {
	const names = trigger.watched.flatMap(namesOf);
	const operation = {
		label: (method: string, path: string) => `${trigger.label} › ${method} /api${path}`,
		resourceNames: () => names,
		preview: false,
		...(trigger.effect ? { effect: trigger.effect } : {}),
		...(trigger.manages ? { manages: trigger.manages } : {}),
	};
	const rules = singleOperationRules(RESOURCES, operation);
	const client = governedClient(context, rules);
	const refusal = operationRefusal(
		await context.getCredentials(CREDENTIAL_TYPE),
		rules,
		operation,
		'',
	);
	if (refusal === undefined) return { client };
	const watched =
		trigger.watched.length > 0
			? `it watches ${trigger.watched.map((resource) => resource.displayName).join(', ')}`
			: (trigger.unknownWhy ?? 'it cannot tell which resources it watches');
	return {
		client,
		refused: new NodeOperationError(
			context.getNode(),
			`${refusal}: ${trigger.label} sends nothing`,
			{
				description: `The HaloPSA credential's Allowed Resources refused this trigger before it sent anything: ${watched}.`,
			},
		),
	};
}

export { resourceByValue } from './clientScope';

/** An event's record: the object it is about (or its ticket), and that record's resource. */
export interface EventRecord {
	resource: string;
	record: IDataObject;
}

/**
 * The events whose records are the credential's Allowed Clients' (all of them when it allows every
 * client), before anything else reads them. A record that names no client is read to learn it
 * (through the same rules: another client's record is not found); one still unknown is dropped,
 * as is an event about a record of no client or of a resource the node cannot prove.
 */
export async function eventsOfAllowedClients<E>(
	client: HaloClient,
	events: E[],
	recordOf: (event: E) => EventRecord | undefined,
): Promise<E[]> {
	const credentials = await client.context.getCredentials(CREDENTIAL_TYPE);
	const gate = clientScopeFor(credentials, {
		label: 'HaloPSA Complete Trigger',
		owners: new Map(),
	});
	if (!gate) return events;
	if (gate.refusesAll) return [];
	const read = readUnlessMissing(client);
	const kept: E[] = [];
	for (const event of events) {
		const found = recordOf(event);
		const resource = found ? resourceByValue(found.resource) : undefined;
		if (!found || !resource) continue;
		let owner = await gate.ownerOf(resource, found.record, read);
		const id = found.record.id;
		// Read by its id only a record that does not say whose it is: one that names another
		// client's parent (an action of a ticket not visible) is not read itself.
		if (
			owner === undefined &&
			!namesItsOwner(resource, found.record) &&
			(typeof id === 'number' || typeof id === 'string') &&
			String(id) !== ''
		)
			owner = await gate.ownerOfRecord(resource, String(id), read);
		if (gate.allows(owner)) kept.push(event);
	}
	return kept;
}

/** Whether a record, as an event carries it, names whose it is: its client's id, or a parent's. */
function namesItsOwner(resource: ResourceDefinition, record: IDataObject): boolean {
	const named = (field: string) => {
		const id = Number(record[field]);
		return Number.isInteger(id) && id > 0;
	};
	const kind = resource.owner;
	if (kind.kind === 'clientField') return named(kind.field);
	if (kind.kind === 'parent') return kind.parents.some((link) => named(link.field));
	return false;
}
