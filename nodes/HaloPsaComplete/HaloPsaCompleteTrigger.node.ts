import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	CronExpression,
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { INCLUDE_SECRETS_OPTION, maskSecrets } from './helpers/secrets';
import { eventsOfAllowedClients, governTrigger, resourceByValue } from './guards/triggerAccess';
import type { GovernedTrigger } from './guards/triggerAccess';
import { CREDENTIAL_TYPE } from './transport';
import type { HaloClient } from './transport';
import { webhookTriggerRefusal } from './guards/access';
import { isAuthorized, rememberDigest, rememberedDigest } from './triggers/webhook/basicAuth';
import {
	DEFAULT_DEDUPE_WINDOW_SECONDS,
	firstSightings,
	keepRemembered,
} from './triggers/webhook/dedupe';
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
	eventRecord,
	passesFilters,
} from './triggers/webhook/events';
import type { EventItem, Filters } from './triggers/webhook/events';
import {
	DEFAULT_FULL_RECORD_TIME_LIMIT_SECONDS,
	MAX_FULL_RECORD_TIME_LIMIT_SECONDS,
	fetchFullRecords,
} from './triggers/webhook/fullRecord';
import {
	CATCHABLE_EVENTS,
	CATCH_UP_FROM_VERSION,
	DEFAULT_CATCH_UP_MINUTES,
	catchUpCron,
	caughtUpItem,
	forgetMemory,
	lookForMissedEvents,
	settleMs,
	memoryOf,
	noteRepair,
	takeRepair,
	throughMemory,
} from './triggers/webhook/catchUp';
import {
	createWebhook,
	deleteWebhook,
	readState,
	repairWebhook,
	webhookExists,
} from './triggers/webhook/subscription';
import type { WebhookSettings } from './triggers/webhook/subscription';

const MAX_WEBHOOK_NAME = 100;

/** The contexts the trigger's code runs in: activation hooks, deliveries, and catch-up. */
type TriggerContext = IHookFunctions | IWebhookFunctions | ITriggerFunctions;

function filtersOf(this: TriggerContext): Filters {
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

/**
 * Everything that shapes the Halo webhook, read from the node's parameters and checked. `url`:
 * n8n's webhook URL for this node (activation asks n8n; catch-up uses the one the webhook was made
 * with).
 */
function webhookSettings(this: IHookFunctions | ITriggerFunctions, url: string): WebhookSettings {
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

function webhookUrl(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(this.getNode(), 'n8n did not give this trigger a webhook URL');
	return url;
}

/** Names the trigger node of this workflow, for what this process remembers about it. */
function scopeOf(this: TriggerContext): string {
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
 * A trigger method's client, with the rules of this trigger's requests. Every named event is a
 * ticket's (events.ts), so the trigger watches Ticket; events typed by number may be anyone's, so
 * with them Allowed Resources cannot be checked, and any list refuses. Returns the refusal too,
 * if any.
 */
async function governRequests<C extends TriggerContext>(context: C): Promise<GovernedTrigger<C>> {
	const other = String(context.getNodeParameter('otherEventNumbers', '') ?? '').trim();
	const ticket = resourceByValue('ticket');
	return await governTrigger(context, {
		label: 'HaloPSA Complete Trigger',
		watched: other === '' && ticket ? [ticket] : [],
		unknownWhy:
			'Other Event Numbers name events of records the node cannot tell, so it cannot check them against the list',
		// Its own webhook, subscriptions and the events it catches up on hold no client's records
		// as such: each event is judged by its record (eventsOfAllowedClients).
		manages: ['webhook', 'notification', 'webhookevent'],
	});
}

/**
 * The trigger makes and deletes its own webhook in HaloPSA: a credential whose Access Level
 * forbids that, or whose Allowed Resources leave out what it watches, refuses activation with the
 * reason, before any request (a webhook made and never deleted would keep calling n8n). Answers
 * the activation's client.
 */
async function assertMayManageWebhook(this: IHookFunctions): Promise<HaloClient<IHookFunctions>> {
	const { client, refused } = await governRequests(this);
	if (refused) throw refused;
	const refusal = webhookTriggerRefusal(await this.getCredentials(CREDENTIAL_TYPE));
	if (refusal) throw new NodeOperationError(this.getNode(), refusal);
	return client;
}

/** Whether this node catches up missed events: its option, else on from version 2. */
function catchUpOn(this: TriggerContext): boolean {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return typeof options.catchUp === 'boolean'
		? options.catchUp
		: this.getNode().typeVersion >= CATCH_UP_FROM_VERSION;
}

/** The chosen events that catch-up can find in HaloPSA's ticket list. */
function catchableChosen(this: TriggerContext): Set<number> {
	const events = this.getNodeParameter('events', []) as string[];
	const other = this.getNodeParameter('otherEventNumbers', '') as string;
	return new Set(
		chosenEventNumbers(events, other).filter((eventno) => CATCHABLE_EVENTS.includes(eventno)),
	);
}

/** Items as the workflow gets them: secrets masked unless asked, and a webhook repair told once. */
function itemsOf(this: TriggerContext, events: EventItem[], scope: string): INodeExecutionData[] {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const repair = takeRepair(scope);
	return events.map((event) => {
		const json = repair === undefined ? event.json : { ...event.json, webhookRepair: repair };
		return { json: options.includeSecrets === true ? json : maskSecrets(json) };
	});
}

/**
 * n8n runs a node that has a trigger method through that method in a test run too, once the test
 * delivery has been read (its webhook data never reaches the node otherwise): webhook() leaves what
 * it read here for trigger() to emit, in the same process.
 */
const testDeliveries = new Map<string, INodeExecutionData[][]>();

/** The check activation makes, while the workflow runs: a webhook switched off or gone is repaired and said so. */
async function checkWebhook(
	client: HaloClient<ITriggerFunctions>,
	scope: string,
	staticData: IDataObject,
): Promise<void> {
	const url = readState(staticData).webhookUrl;
	if (!url) return;
	const repair = await repairWebhook(
		client,
		staticData,
		webhookSettings.call(client.context, url),
		(digest) => rememberDigest(scope, digest),
	);
	if (repair.kind === 'intact') return;
	const words =
		repair.kind === 'reEnabled'
			? `HaloPSA had switched off the webhook ${repair.webhookId}; the trigger switched it on again`
			: `The webhook ${repair.previousWebhookId ?? ''} was gone or changed in HaloPSA; the trigger made a new one, ${repair.webhookId}`;
	client.context.logger.warn(
		`HaloPSA Complete Trigger "${client.context.getNode().name}" (workflow ${client.context.getWorkflow().id ?? ''}): ${words}. Missed ticket events are caught up now.`,
	);
	noteRepair(scope, {
		at: new Date().toISOString(),
		action: repair.kind,
		webhookId: repair.webhookId,
		message: words,
	});
}

function eventNameOf(eventno: number): string {
	return HALO_EVENTS.find((event) => event.eventno === eventno)?.name ?? `Event ${eventno}`;
}

/** One catch-up: the webhook checked, then the ticket changes nobody emitted yet start the workflow. */
async function catchUp(
	client: HaloClient<ITriggerFunctions>,
	scope: string,
	chosen: Set<number>,
	intervalMinutes: number,
): Promise<void> {
	const staticData = client.context.getWorkflowStaticData('node');
	try {
		await checkWebhook(client, scope, staticData);
	} catch (error) {
		// Catch-up still runs: what it finds does not depend on the webhook.
		client.context.logger.warn(
			`HaloPSA Complete Trigger "${client.context.getNode().name}": could not check its HaloPSA webhook (${error instanceof Error ? error.message : String(error)})`,
		);
	}
	const filters = filtersOf.call(client.context);
	const run = await lookForMissedEvents(client, scope, staticData, chosen, {
		now: Date.now(),
		webhookId: readState(staticData).webhookId,
		settleMs: settleMs(intervalMinutes),
	});
	if (run.truncated)
		client.context.logger.info(
			`HaloPSA Complete Trigger "${client.context.getNode().name}": more missed ticket changes wait than one catch-up reads; the rest follow at the next one`,
		);
	const caughtUp = run.changes
		.map((change) => caughtUpItem(change, eventNameOf(change.eventNumber)))
		.filter((event) => passesFilters(event, filters));
	const events = await eventsOfAllowedClients(client, caughtUp, eventRecord);
	if (events.length === 0) return;
	// n8n saves this copy of the static data when the workflow starts: it must hold what
	// deliveries remembered since activation too.
	keepRemembered(staticData, scope);
	client.context.emit([itemsOf.call(client.context, events, scope)]);
}

export class HaloPsaCompleteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Complete Trigger',
		name: 'haloPsaCompleteTrigger',
		icon: { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' },
		group: ['trigger'],
		// 2: Catch Up Missed Events is on unless turned off.
		version: [1, 2],
		defaultVersion: 2,
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
						displayName: 'Catch Up Missed Events',
						name: 'catchUp',
						type: 'boolean',
						default: true,
						description:
							'Whether to look for ticket changes HaloPSA did not deliver (n8n was down, the webhook was switched off) when the workflow is activated, when n8n starts and then at the interval, and start the workflow for each, once. On unless turned off from version 2 of this node. Ticket Logged, Updated, Status Changed and Closed only.',
					},
					{
						displayName: 'Catch-Up Interval (Minutes)',
						name: 'catchUpIntervalMinutes',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 60 },
						default: DEFAULT_CATCH_UP_MINUTES,
						description:
							'How often catch-up looks for missed ticket changes and checks the webhook in HaloPSA. On a quiet tenant each look is 3 requests.',
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
				const client = await assertMayManageWebhook.call(this);
				return await webhookExists(
					client,
					this.getWorkflowStaticData('node'),
					webhookSettings.call(this, webhookUrl.call(this)),
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const client = await assertMayManageWebhook.call(this);
				const scope = scopeOf.call(this);
				await createWebhook(
					client,
					this.getWorkflowStaticData('node'),
					webhookSettings.call(this, webhookUrl.call(this)),
					(digest) => rememberDigest(scope, digest),
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const scope = scopeOf.call(this);
				rememberDigest(scope, undefined);
				const staticData = this.getWorkflowStaticData('node');
				// The editor's test webhook going away leaves the active workflow's memory alone.
				if (this.getMode() !== 'manual') forgetMemory(scope, staticData);
				// Refused requests say why in n8n's log; the webhook then stays in HaloPSA (see the docs).
				const { client, refused } = await governRequests(this);
				if (refused) throw refused;
				await deleteWebhook(client, staticData);
				return true;
			},
		},
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse | undefined> {
		const scope = scopeOf.call(this);
		if (this.getMode() === 'manual') {
			return {
				manualTriggerFunction: async () => {
					const delivered = testDeliveries.get(scope);
					testDeliveries.delete(scope);
					if (delivered === undefined)
						throw new NodeOperationError(this.getNode(), 'No HaloPSA test event reached n8n', {
							description:
								'Listen for a test event, then make the change in HaloPSA, or activate the workflow',
						});
					this.emit(delivered);
				},
			};
		}
		const chosen = catchableChosen.call(this);
		if (!catchUpOn.call(this) || chosen.size === 0) return undefined;
		// Catch-up's looks are requests like activation's: the same rules, refused the same way.
		const { client, refused } = await governRequests(this);
		if (refused) throw refused;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const minutes = Number(options.catchUpIntervalMinutes ?? DEFAULT_CATCH_UP_MINUTES);
		let running = false;
		let closed = false;
		const look = async (): Promise<void> => {
			// A look still under way (a slow Halo, a rate-limit wait) is not started twice.
			if (running || closed) return;
			running = true;
			try {
				await catchUp(client, scope, chosen, minutes);
			} catch (error) {
				this.logger.warn(
					`HaloPSA Complete Trigger "${this.getNode().name}": catch-up failed, tried again at the next interval (${error instanceof Error ? error.message : String(error)})`,
				);
			} finally {
				running = false;
			}
		};
		const firstActivation = memoryOf(scope, this.getWorkflowStaticData('node')) === undefined;
		// The first look only learns where Halo stands. It is made before activation ends, so that
		// n8n saves it with the webhook's state: a restart before any event would start over.
		if (firstActivation) await look();
		this.helpers.registerCron({ expression: catchUpCron(minutes) as CronExpression }, () => {
			void look();
		});
		// At n8n's start (or an activation with a memory): what was missed while nobody listened.
		if (!firstActivation) void look();
		return {
			closeFunction: async () => {
				closed = true;
			},
		};
	}

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
		// Allowed Clients: another client's events are dropped before anything reads their records.
		const { client } = await governRequests(this);
		events = await eventsOfAllowedClients(client, events, eventRecord);
		if (options.fetchFullRecord === true) {
			// A delivery is Halo's, not a request: it starts the workflow whatever the credential
			// allows. The reads are requests: the transport refuses each one Allowed Resources do not
			// allow, and its event says why in fullRecordError.
			events = await fetchFullRecords(
				client,
				events,
				Number(options.fullRecordTimeLimitSeconds ?? DEFAULT_FULL_RECORD_TIME_LIMIT_SECONDS),
			);
		}
		events = events.filter((event) => passesFilters(event, filters));
		if (catchUpOn.call(this)) {
			// A test delivery (the editor listening) neither feeds nor consults the active workflow's memory.
			if (this.getMode() !== 'manual') events = throughMemory(scope, staticData, events);
			events = events.map((event) => ({
				...event,
				json: { ...event.json, deliveredBy: 'webhook' },
			}));
		}

		if (events.length === 0) return { webhookResponse: { message: 'Received; nothing to start' } };
		const workflowData = [itemsOf.call(this, events, scope)];
		if (this.getMode() === 'manual') testDeliveries.set(scope, workflowData);
		return { workflowData };
	}
}
