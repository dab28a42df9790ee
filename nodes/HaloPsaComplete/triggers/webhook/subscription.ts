import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { haloApiRequest } from '../../transport';
import type { HaloClient } from '../../transport';
import { readPage } from '../../transport/paging';
import { credentialsDigest, newCredentials } from './basicAuth';

/**
 * The Halo side of the trigger: one outbound webhook per trigger node, pointing at n8n's webhook
 * URL, and one notification subscription per event (halo-behaviour.md#webhook-subscriptions).
 *
 * Halo's behaviour is uncertain in two places (one source each), and both answers work here:
 * - a webhook posted with `events: [{eventno, conditions}]` may subscribe itself, or Halo may drop
 *   the field. After creating the webhook the trigger reads back what is subscribed (the webhook's
 *   `events` and the Notification rows naming it) and adds the missing events with
 *   `POST /Notification` (`webhook_id`, `eventno`, `delivery_method: 6`, `type: -2`);
 * - deleting a webhook may or may not delete its subscriptions. The trigger deletes every
 *   subscription naming its webhook first, then the webhook.
 */

/** What the trigger keeps in the workflow's static data (per node). */
export interface TriggerState {
	webhookId?: string;
	webhookUrl?: string;
	/** SHA-256 of `username:password` (see basicAuth.ts); never the password. */
	authDigest?: string;
	/** The settings the webhook was made with; other settings make checkExists start over. */
	config?: string;
	/** Notification id → event number, for every subscription of the webhook. */
	subscriptions?: Record<string, number>;
}

export interface Subscription {
	eventno: number;
	conditions: IDataObject[];
}

export interface WebhookSettings {
	name: string;
	url: string;
	subscriptions: Subscription[];
	/** Halo's batch settings: `batch_method` (0 none, 1 time, 2 count), `batch_delay_seconds`, `batch_limit`. */
	batch: IDataObject;
}

const STATE_KEYS: Array<keyof TriggerState> = [
	'webhookId',
	'webhookUrl',
	'authDigest',
	'config',
	'subscriptions',
];

export function readState(staticData: IDataObject): TriggerState {
	return staticData as TriggerState;
}

function clearState(staticData: IDataObject): void {
	for (const key of STATE_KEYS) delete staticData[key];
}

/** The settings that shape the Halo webhook, as one comparable string. */
export function configFingerprint(settings: WebhookSettings): string {
	return JSON.stringify({
		url: settings.url,
		subscriptions: settings.subscriptions,
		batch: settings.batch,
	});
}

/** Errors of the transport are already n8n's; anything else is wrapped so that n8n shows it properly. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}

/**
 * Halo's Webhook has both `active` and `disabled` (OpenAPI document, 2024-09); which one a switch-off
 * after failed deliveries sets is not known (halo-behaviour.md#webhook-records), so either counts.
 */
export function isSwitchedOff(webhook: IDataObject): boolean {
	return webhook.active === false || webhook.disabled === true;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

function rows(answer: unknown): IDataObject[] {
	return readPage(answer).rows.filter((row) => typeof row === 'object' && row !== null);
}

/** The saved record in a POST-array answer: the object, or the first element of an array. */
function savedRecord(answer: unknown): IDataObject | undefined {
	const record = Array.isArray(answer) ? answer[0] : answer;
	return typeof record === 'object' && record !== null ? (record as IDataObject) : undefined;
}

async function getWebhook(client: HaloClient, id: string): Promise<IDataObject | undefined> {
	try {
		const answer = await haloApiRequest(client, {
			method: 'GET',
			path: `/Webhook/${encodeURIComponent(id)}`,
			qs: { includedetails: true },
		});
		return savedRecord(answer);
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asNodeError(client.context.getNode(), error);
	}
}

/** Notification rows naming the webhook. Halo filters by `webhook_id`; the check here is for a Halo that does not. */
async function subscriptionsOf(client: HaloClient, webhookId: string): Promise<IDataObject[]> {
	const answer = await haloApiRequest(client, {
		method: 'GET',
		path: '/Notification',
		qs: { webhook_id: webhookId },
	});
	return rows(answer).filter(
		(row) => String(row.webhook_id ?? '').toLowerCase() === webhookId.toLowerCase(),
	);
}

/** Subscriptions as the webhook record shows them (its `events`), when Halo joins them in. */
function embeddedSubscriptions(webhook: IDataObject | undefined): IDataObject[] {
	return Array.isArray(webhook?.events)
		? (webhook.events as IDataObject[]).filter((row) => typeof row === 'object' && row !== null)
		: [];
}

async function deleteQuietlyIfGone(client: HaloClient, path: string): Promise<void> {
	try {
		await haloApiRequest(client, { method: 'DELETE', path });
	} catch (error) {
		// Already gone (someone deleted it in Halo, or Halo removed it with its webhook): the goal is met.
		if (!isNotFound(error)) throw asNodeError(client.context.getNode(), error);
	}
}

/**
 * Deletes a webhook and every subscription naming it: those the state remembers, those Halo lists,
 * and those the webhook record shows.
 */
export async function removeWebhook(
	client: HaloClient,
	webhookId: string,
	remembered: string[] = [],
): Promise<void> {
	const webhook = await getWebhook(client, webhookId);
	const listed = await subscriptionsOf(client, webhookId);
	const ids = new Set([
		...remembered,
		...[...listed, ...embeddedSubscriptions(webhook)]
			.map((row) => String(row.id ?? ''))
			.filter((id) => /^\d+$/.test(id) && id !== '0'),
	]);
	for (const id of ids) await deleteQuietlyIfGone(client, `/Notification/${id}`);
	if (webhook !== undefined)
		await deleteQuietlyIfGone(client, `/Webhook/${encodeURIComponent(webhookId)}`);
}

/** Webhooks left in Halo for this very URL (a deactivation that could not finish): they are this node's. */
async function removeOrphans(client: HaloClient, url: string): Promise<void> {
	const answer = await haloApiRequest(client, {
		method: 'GET',
		path: '/Webhook',
		qs: { type: 0 },
	});
	for (const webhook of rows(answer)) {
		if (webhook.url === url && typeof webhook.id === 'string')
			await removeWebhook(client, webhook.id);
	}
}

/**
 * Whether the trigger's webhook still exists in Halo as it was made: active, same URL, same
 * settings, and every event still subscribed. Anything else is cleaned up here, and the answer is false so that
 * n8n calls create: a webhook someone deleted in Halo is made again, and never a second one.
 */
export async function webhookExists(
	client: HaloClient,
	staticData: IDataObject,
	settings: WebhookSettings,
	/** The webhook record as just read (with details), to spare reading it again. */
	known?: IDataObject,
): Promise<boolean> {
	const state = readState(staticData);
	if (!state.webhookId) return false;
	const webhook = known ?? (await getWebhook(client, state.webhookId));
	const remembered = Object.keys(state.subscriptions ?? {});
	if (webhook === undefined) {
		await Promise.all(
			remembered.map(async (id) => await deleteQuietlyIfGone(client, `/Notification/${id}`)),
		);
		clearState(staticData);
		return false;
	}
	const subscribed = new Set(
		[...(await subscriptionsOf(client, state.webhookId)), ...embeddedSubscriptions(webhook)].map(
			(row) => Number(row.eventno),
		),
	);
	// Halo switches off a webhook whose deliveries kept failing (auto_disable_attempts): make it again.
	const intact =
		!isSwitchedOff(webhook) &&
		webhook.url === settings.url &&
		state.webhookUrl === settings.url &&
		state.config === configFingerprint(settings) &&
		typeof state.authDigest === 'string' &&
		settings.subscriptions.every((subscription) => subscribed.has(subscription.eventno));
	if (intact) return true;
	await removeWebhook(client, state.webhookId, remembered);
	clearState(staticData);
	return false;
}

function webhookBody(settings: WebhookSettings, username: string, password: string): IDataObject {
	return {
		name: settings.name,
		type: 0,
		url: settings.url,
		method: 0,
		content_type: 'application/json',
		authentication_type: 1,
		basic_username: username,
		basic_password: password,
		active: true,
		payload_type: 0,
		events: settings.subscriptions.map((subscription) => ({
			eventno: subscription.eventno,
			conditions: subscription.conditions,
		})),
		...settings.batch,
	};
}

/** Subscribes the webhook to each event Halo did not already subscribe it to; answers notification id → event number. */
async function subscribe(
	client: HaloClient,
	webhookId: string,
	settings: WebhookSettings,
): Promise<Record<string, number>> {
	const webhook = await getWebhook(client, webhookId);
	const existing = [
		...(await subscriptionsOf(client, webhookId)),
		...embeddedSubscriptions(webhook),
	];
	const numbers: Record<string, number> = {};
	for (const row of existing)
		if (row.id !== undefined && Number(row.eventno) > 0)
			numbers[String(row.id)] = Number(row.eventno);
	const have = new Set(Object.values(numbers));
	for (const subscription of settings.subscriptions) {
		if (have.has(subscription.eventno)) continue;
		const answer = await haloApiRequest(client, {
			method: 'POST',
			path: '/Notification',
			body: [
				{
					webhook_id: webhookId,
					eventno: subscription.eventno,
					delivery_method: 6,
					type: -2,
					conditions: subscription.conditions,
				},
			],
		});
		const saved = savedRecord(answer);
		if (saved?.id === undefined || saved.id === null) {
			throw new NodeOperationError(
				client.context.getNode(),
				`HaloPSA did not say which subscription it made for event ${subscription.eventno}`,
			);
		}
		numbers[String(saved.id)] = subscription.eventno;
		have.add(subscription.eventno);
	}
	return numbers;
}

/**
 * Makes the webhook with new Basic credentials and subscribes it. If any step fails, whatever was
 * made is removed again before the error goes to n8n (which then reports the activation failed).
 * `madeCredentials` hears their digest before Halo does: Halo may deliver an event as soon as the
 * webhook exists, before this function has finished.
 */
export async function createWebhook(
	client: HaloClient,
	staticData: IDataObject,
	settings: WebhookSettings,
	madeCredentials: (digest: string | undefined) => void,
): Promise<void> {
	await removeOrphans(client, settings.url);
	const credentials = newCredentials();
	madeCredentials(credentialsDigest(credentials));
	let answer: unknown;
	try {
		answer = await haloApiRequest(client, {
			method: 'POST',
			path: '/Webhook',
			body: [webhookBody(settings, credentials.username, credentials.password)],
		});
	} catch (error) {
		madeCredentials(undefined);
		throw asNodeError(client.context.getNode(), error);
	}
	const webhookId = savedRecord(answer)?.id;
	if (typeof webhookId !== 'string' || webhookId === '') {
		throw new NodeOperationError(
			client.context.getNode(),
			'HaloPSA did not say which webhook it made',
			{
				description: `Check Configuration › Integrations › Webhooks in HaloPSA for a webhook named "${settings.name}" and delete it`,
			},
		);
	}
	try {
		const subscriptions = await subscribe(client, webhookId, settings);
		const state: TriggerState = {
			webhookId,
			webhookUrl: settings.url,
			authDigest: credentialsDigest(credentials),
			config: configFingerprint(settings),
			subscriptions,
		};
		Object.assign(staticData, state);
	} catch (error) {
		madeCredentials(undefined);
		const failure = asNodeError(client.context.getNode(), error);
		await removeWebhook(client, webhookId).catch((cleanupError: unknown) => {
			const words = cleanupError instanceof Error ? cleanupError.message : String(cleanupError);
			failure.description =
				`${failure.description ?? ''} The webhook it made (${webhookId}) could not be removed again (${words}): delete it in HaloPSA.`.trim();
		});
		throw failure;
	}
}

/** Removes the trigger's webhook and its subscriptions; nothing to do when there is none. */
export async function deleteWebhook(client: HaloClient, staticData: IDataObject): Promise<void> {
	const state = readState(staticData);
	if (state.webhookId)
		await removeWebhook(client, state.webhookId, Object.keys(state.subscriptions ?? {}));
	clearState(staticData);
}

/** What a check of the webhook while the workflow runs found and did. */
export type WebhookRepair =
	| { kind: 'intact' }
	| { kind: 'reEnabled'; webhookId: string }
	| { kind: 'remade'; webhookId: string; previousWebhookId?: string };

/**
 * The check activation makes, made again while the workflow runs (catch-up): a webhook Halo only
 * switched off (same URL, same settings, every event subscribed) is switched on again in place,
 * keeping its ID and credentials (`POST /Webhook [{id, active: true, disabled: false}]`, an
 * ordinary array update); anything else (deleted, changed, a subscription gone) is removed and
 * made again, as at activation.
 */
export async function repairWebhook(
	client: HaloClient,
	staticData: IDataObject,
	settings: WebhookSettings,
	madeCredentials: (digest: string | undefined) => void,
): Promise<WebhookRepair> {
	const webhookId = readState(staticData).webhookId;
	let switchedOn = false;
	let webhook = webhookId ? await getWebhook(client, webhookId) : undefined;
	if (webhookId && webhook !== undefined && isSwitchedOff(webhook)) {
		await haloApiRequest(client, {
			method: 'POST',
			path: '/Webhook',
			body: [{ id: webhookId, active: true, disabled: false }],
		});
		switchedOn = true;
		webhook = { ...webhook, active: true, disabled: false };
	}
	if (await webhookExists(client, staticData, settings, webhook))
		return switchedOn && webhookId ? { kind: 'reEnabled', webhookId } : { kind: 'intact' };
	await createWebhook(client, staticData, settings, madeCredentials);
	return {
		kind: 'remade',
		webhookId: String(readState(staticData).webhookId),
		previousWebhookId: webhookId,
	};
}
