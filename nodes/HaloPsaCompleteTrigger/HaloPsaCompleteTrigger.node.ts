import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { INCLUDE_SECRETS_OPTION, maskSecrets } from '../HaloPsaComplete/engine/secrets';
import { governTrigger, resourceByValue } from '../HaloPsaComplete/engine/triggerAccess';
import { CREDENTIAL_TYPE } from '../HaloPsaComplete/transport';
import { webhookTriggerRefusal } from '../HaloPsaComplete/transport/access';
import { isAuthorized, rememberDigest, rememberedDigest } from './basicAuth';
import { DEFAULT_DEDUPE_WINDOW_SECONDS, firstSightings } from './dedupe';
import {
	FILTER_FIELDS,
	HALO_EVENTS,
	chosenEventNumbers,
	deliveredEvents,
	eventItem,
	haloConditions,
	isTicketEvent,
	parseEventNumbers,
	parseIdList,
	passesFilters,
} from './events';
import type { EventItem, Filters } from './events';
import {
	DEFAULT_FULL_RECORD_TIME_LIMIT_SECONDS,
	MAX_FULL_RECORD_TIME_LIMIT_SECONDS,
	fetchFullRecords,
} from './fullRecord';
import { createWebhook, deleteWebhook, readState, webhookExists } from './subscription';
import type { WebhookSettings } from './subscription';

const MAX_WEBHOOK_NAME = 100;

function filtersOf(this: IHookFunctions | IWebhookFunctions): Filters {
	const raw = this.getNodeParameter('filters', {}) as IDataObject;
	const filters: Filters = {};
	for (const field of FILTER_FIELDS) {
		const { ids, invalid } = parseIdList(raw[field]);
		if (invalid.length > 0) {
			throw new NodeOperationError(
				this.getNode(),
				`The filter ${field} takes record IDs separated by commas, not "${invalid.join(', ')}"`,
			);
		}
		if (ids.length > 0) filters[field] = ids;
	}
	return filters;
}

/** Everything that shapes the Halo webhook, read from the node's parameters and checked. */
function webhookSettings(this: IHookFunctions): WebhookSettings {
	const events = this.getNodeParameter('events', []) as string[];
	const other = this.getNodeParameter('otherEventNumbers', '') as string;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const { invalid } = parseEventNumbers(other);
	if (invalid.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Other Event Numbers takes Halo event numbers separated by commas, not "${invalid.join(', ')}"`,
		);
	}
	const numbers = chosenEventNumbers(events, other);
	if (numbers.length === 0)
		throw new NodeOperationError(
			this.getNode(),
			'Choose at least one event, or enter an event number',
		);
	// Read (and so checked) even when they stay in n8n: a typing error shows at activation, not at the first event.
	const filters = filtersOf.call(this);
	const conditions = options.sendConditions === false ? [] : haloConditions(filters);
	const url = this.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(this.getNode(), 'n8n did not give this trigger a webhook URL');
	const workflow = this.getWorkflow();
	const name = String(
		options.webhookName || `n8n: ${workflow.name ?? workflow.id} (${this.getNode().name})`,
	).slice(0, MAX_WEBHOOK_NAME);
	const batchMethod = Number(options.batch_method ?? 0);
	const batch: IDataObject = { batch_method: batchMethod };
	if (batchMethod === 1) batch.batch_delay_seconds = Number(options.batch_delay_seconds ?? 30);
	if (batchMethod === 2) batch.batch_limit = Number(options.batch_limit ?? 10);
	return {
		name,
		url,
		batch,
		subscriptions: numbers.map((eventno) => ({
			eventno,
			conditions: isTicketEvent(eventno) ? conditions : [],
		})),
	};
}

/** Names the trigger node of this workflow, for what this process remembers about it. */
function scopeOf(this: IHookFunctions | IWebhookFunctions): string {
	return `${this.getWorkflow().id ?? ''}|${this.getNode().id}`;
}

/** Answers a delivery without credentials, or with wrong ones: 401, and no execution. */
function refuse(this: IWebhookFunctions): IWebhookResponseData {
	const response = this.getResponseObject();
	response.status(401);
	response.setHeader('WWW-Authenticate', 'Basic realm="n8n HaloPSA trigger"');
	response.json({ message: 'Authorization required' });
	return { noWebhookResponse: true };
}

/**
 * Gives the transport the rules of this trigger's requests. Every named event is a ticket's
 * (events.ts), so the trigger watches Ticket; events typed by number may be anyone's, so with
 * them Allowed Resources cannot be checked, and any list refuses. Returns the refusal, if any.
 */
async function governRequests(
	this: IHookFunctions | IWebhookFunctions,
): Promise<NodeOperationError | undefined> {
	const other = String(this.getNodeParameter('otherEventNumbers', '') ?? '').trim();
	const ticket = resourceByValue('ticket');
	return await governTrigger.call(this, {
		label: 'HaloPSA Complete Trigger',
		watched: other === '' && ticket ? [ticket] : [],
		unknownWhy:
			'Other Event Numbers name events of records the node cannot tell, so it cannot check them against the list',
	});
}

/**
 * The trigger makes and deletes its own webhook in HaloPSA: a credential whose Access Level
 * forbids that, or whose Allowed Resources leave out what it watches, refuses activation with the
 * reason, before any request (a webhook made and never deleted would keep calling n8n).
 */
async function assertMayManageWebhook(this: IHookFunctions): Promise<void> {
	const refused = await governRequests.call(this);
	if (refused) throw refused;
	const refusal = webhookTriggerRefusal(await this.getCredentials(CREDENTIAL_TYPE));
	if (refusal) throw new NodeOperationError(this.getNode(), refusal);
}

export class HaloPsaCompleteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Complete Trigger',
		name: 'haloPsaCompleteTrigger',
		icon: { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when HaloPSA events happen (Halo calls n8n)',
		defaults: { name: 'HaloPSA Complete Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'HaloPSA must be able to reach this n8n over HTTPS at its webhook URL. If it cannot, use the HaloPSA Complete Polling Trigger instead.',
				name: 'reachNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: HALO_EVENTS.map((event) => ({
					name: event.name,
					value: event.value,
					description: `${event.description} (event ${event.eventno})`,
				})),
				default: ['ticketLogged'],
				description: 'The HaloPSA events that start the workflow',
			},
			{
				displayName: 'Other Event Numbers',
				name: 'otherEventNumbers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1001, 1002',
				description:
					'More HaloPSA notification event numbers, separated by commas: client, asset, contract and action events, and any other event HaloPSA offers. See the trigger’s docs page for how to find a number.',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description:
					'Only events whose ticket (or other record) matches every filter start the workflow',
				options: [
					{
						displayName: 'Client IDs',
						name: 'client_id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 12, 15',
						description: 'Only events for these clients',
					},
					{
						displayName: 'Status IDs',
						name: 'status_id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1, 2',
						description: 'Only tickets with these statuses',
					},
					{
						displayName: 'Team IDs',
						name: 'team_id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 3',
						description: 'Only tickets of these teams',
					},
					{
						displayName: 'Ticket Type IDs',
						name: 'tickettype_id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1',
						description: 'Only tickets of these ticket types',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Batch Delay Seconds',
						name: 'batch_delay_seconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 30,
						description:
							'With time-based batching: how long HaloPSA gathers events before one delivery',
						displayOptions: { show: { batch_method: [1] } },
					},
					{
						displayName: 'Batch Limit',
						name: 'batch_limit',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 10,
						description: 'With count-based batching: how many events go in one delivery',
						displayOptions: { show: { batch_method: [2] } },
					},
					{
						displayName: 'Batch Method',
						name: 'batch_method',
						type: 'options',
						options: [
							{ name: 'None', value: 0, description: 'One delivery per event' },
							{
								name: 'Time Based',
								value: 1,
								description: 'HaloPSA gathers events for a while, then delivers them together',
							},
							{
								name: 'Count Based',
								value: 2,
								description: 'HaloPSA delivers events in groups of a set size',
							},
						],
						default: 0,
						description:
							'Whether HaloPSA groups events into one delivery. Each event still becomes its own item.',
					},
					{
						displayName: 'Duplicate Window (Seconds)',
						name: 'dedupeWindowSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_DEDUPE_WINDOW_SECONDS,
						description:
							'An event delivered again with the same event ID within this time starts nothing. 0 turns this off.',
					},
					{
						displayName: 'Fetch Full Record',
						name: 'fetchFullRecord',
						type: 'boolean',
						default: false,
						description:
							'Whether to read the whole record (ticket, action, client…) from HaloPSA by its ID, in place of the object the event carries. Costs one request per event, made while HaloPSA waits for its answer.',
					},
					{
						displayName: 'Full Record Time Limit (Seconds)',
						name: 'fullRecordTimeLimitSeconds',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_FULL_RECORD_TIME_LIMIT_SECONDS },
						default: DEFAULT_FULL_RECORD_TIME_LIMIT_SECONDS,
						description:
							'How long Fetch Full Record may read, for all the events of one delivery, before HaloPSA gets its answer. An event not read by then (or rate limited) keeps what HaloPSA sent and says why in fullRecordError.',
						displayOptions: { show: { fetchFullRecord: [true] } },
					},
					INCLUDE_SECRETS_OPTION,
					{
						displayName: 'Send Filters to HaloPSA',
						name: 'sendConditions',
						type: 'boolean',
						default: true,
						description:
							'Whether a filter with a single ID also goes to HaloPSA as a condition of the ticket events, so HaloPSA does not send what n8n would drop. Filters are always applied in n8n as well.',
					},
					{
						displayName: 'Webhook Name',
						name: 'webhookName',
						type: 'string',
						default: '',
						placeholder: 'n8n: My workflow (HaloPSA Complete Trigger)',
						description:
							'Name of the webhook the trigger creates in HaloPSA. Empty: n8n, the workflow’s name and the node’s name.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await assertMayManageWebhook.call(this);
				return await webhookExists.call(
					this,
					this.getWorkflowStaticData('node'),
					webhookSettings.call(this),
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await assertMayManageWebhook.call(this);
				const scope = scopeOf.call(this);
				await createWebhook.call(
					this,
					this.getWorkflowStaticData('node'),
					webhookSettings.call(this),
					(digest) => rememberDigest(scope, digest),
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				rememberDigest(scopeOf.call(this), undefined);
				// Refused requests say why in n8n's log; the webhook then stays in HaloPSA (see the docs).
				const refused = await governRequests.call(this);
				if (refused) throw refused;
				await deleteWebhook.call(this, this.getWorkflowStaticData('node'));
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		const authorization = this.getHeaderData().authorization;
		const scope = scopeOf.call(this);
		if (
			!isAuthorized(authorization, state.authDigest) &&
			!isAuthorized(authorization, rememberedDigest(scope))
		)
			return refuse.call(this);

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const filters = filtersOf.call(this);
		let events: EventItem[] = deliveredEvents(this.getBodyData()).map((payload) =>
			eventItem(payload, state.subscriptions ?? {}),
		);

		const window = Number(options.dedupeWindowSeconds ?? DEFAULT_DEDUPE_WINDOW_SECONDS);
		if (window > 0) {
			const ids = events
				.map((event) => event.json.id)
				.filter((id) => id !== undefined && id !== null && id !== '')
				.map(String);
			const fresh = firstSightings(staticData, scope, ids, window);
			const seenInThisDelivery = new Set<string>();
			events = events.filter((event) => {
				const id = event.json.id;
				if (id === undefined || id === null || id === '') return true;
				const key = String(id);
				if (!fresh.has(key) || seenInThisDelivery.has(key)) return false;
				seenInThisDelivery.add(key);
				return true;
			});
		}
		if (options.fetchFullRecord === true) {
			// A delivery is Halo's, not a request: it starts the workflow whatever the credential
			// allows. The reads are requests: the transport refuses each one Allowed Resources do not
			// allow, and its event says why in fullRecordError.
			await governRequests.call(this);
			events = await fetchFullRecords.call(
				this,
				events,
				Number(options.fullRecordTimeLimitSeconds ?? DEFAULT_FULL_RECORD_TIME_LIMIT_SECONDS),
			);
		}
		events = events.filter((event) => passesFilters(event, filters));

		if (events.length === 0) return { webhookResponse: { message: 'Received; nothing to start' } };
		const items: INodeExecutionData[] = events.map((event) => ({
			json: options.includeSecrets === true ? event.json : maskSecrets(event.json),
		}));
		return { workflowData: [items] };
	}
}
