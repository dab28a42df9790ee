// Outbound webhooks as HaloPSA sends them (docs/development/halo-behaviour.md#webhook-records and
// the OpenAPI document's Webhook, UnameNotification and WebhookEvent), never from the node's own
// code.
//
// - A webhook is fired by notification subscriptions: Notification rows with `webhook_id`,
//   `eventno`, `delivery_method: 6` and optional `conditions` (NotificationConditions: fieldname,
//   type 0 = is equal to, value_int / value_string). A webhook posted with `events: [{eventno,
//   conditions}]` subscribes itself (knob webhookEventsOnPost: 'subscribe'), or Halo drops the
//   field and only Notification rows count ('ignore'): one source each (#webhook-subscriptions).
//   Either way a webhook read with includedetails shows its subscriptions as `events`. Deleting a
//   webhook leaves its Notification rows behind (whether Halo cascades is unknown; the strict
//   answer is that it does not).
// - When a record changes through the API, each matching subscription of an active outbound
//   webhook (type 0) is delivered: an HTTP POST of JSON {id, webhook_id, notification_id,
//   escmsg_id, event, message, object_id, agent_id, timestamp, ticket | client | …, action?},
//   with HTTP Basic credentials when the webhook's authentication_type is 1. A webhook with
//   batch_method 1 (time) or 2 (count) delivers its events together, as a JSON array.
// - Each delivery is logged as a WebhookEvent (request, response status and body; the Authorization
//   header masked). A failed delivery is not retried; after `autoDisableAfterFailures` failures in a
//   row the webhook is switched off (`active: false`), and one switched off (`active: false` or
//   `disabled: true`) delivers nothing. `redeliver` sends a logged delivery again, as an
//   administrator resending it from Halo's log would.
// - Event numbers: the spec's for tickets (3 logged, 19 updated, 39 closed, 76 status changed,
//   1072 deleted). The spec names no number for other records' events (client added, action
//   added…): the knob `extraEvents` gives them, e.g. { 'client:create': 2001 }.
// - The sandbox delivers only to this machine (loopback hosts): a webhook pointing elsewhere is
//   logged as not delivered, so no test reaches outside.

import { randomUUID } from 'node:crypto';

const CLOSED_STATUS_ID = 9;
const TICKET_EVENTS = { logged: 3, updated: 19, closed: 39, statusChanged: 76, deleted: 1072 };
const EVENT_NAMES = {
	3: 'New Ticket Logged',
	19: 'Ticket Updated by User',
	39: 'Ticket Closed',
	42: 'First SLA Warning',
	46: 'Second SLA Warning',
	70: 'Ticket Deadline',
	76: 'Ticket Status Changed',
	1072: 'Ticket Deleted',
};
/** The payload key of each resource's record. */
const OBJECT_KEYS = {
	tickets: 'ticket',
	actions: 'action',
	client: 'client',
	site: 'site',
	users: 'user',
	asset: 'asset',
	invoice: 'invoice',
};
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const DELIVERY_TIMEOUT_MS = 10_000;
/** A count-based batch that never fills is sent after this long. */
const COUNT_BATCH_FLUSH_MS = 5_000;

/** Events a change fires: [{eventno, resource, record}]. kind: 'create' | 'update' | 'delete'. */
export function eventsFor(tenant, resource, kind, before, after) {
	const fired = [];
	const add = (eventno) =>
		eventno !== undefined && fired.push({ eventno, resource, record: after ?? before });
	if (resource === 'tickets') {
		if (kind === 'create') add(TICKET_EVENTS.logged);
		if (kind === 'update') {
			add(TICKET_EVENTS.updated);
			if (before && String(before.status_id) !== String(after.status_id)) {
				add(TICKET_EVENTS.statusChanged);
				if (Number(after.status_id) === CLOSED_STATUS_ID) add(TICKET_EVENTS.closed);
			}
		}
		if (kind === 'delete') add(TICKET_EVENTS.deleted);
	}
	add(tenant.knobs.extraEvents?.[`${resource}:${kind}`]);
	return fired;
}

function conditionHolds(condition, record) {
	if (Number(condition.type ?? 0) !== 0 || !condition.fieldname) return true;
	const wanted = condition.value_int ?? condition.value_string;
	return String(record?.[condition.fieldname]) === String(wanted);
}

export function subscriptionsOf(tenant, webhookId) {
	return tenant
		.records('notification')
		.filter(
			(row) => String(row.webhook_id ?? '').toLowerCase() === String(webhookId).toLowerCase(),
		);
}

/** A webhook as Halo answers it with details: its subscriptions joined in as `events`. */
export function webhookView(tenant, record) {
	return { ...record, events: subscriptionsOf(tenant, record.id).map((row) => ({ ...row })) };
}

/** POST /Webhook with `events`: subscribe (a Notification row per event not yet subscribed), or drop them. */
export function webhookSaved(tenant, record, element) {
	const events = Array.isArray(element.events) ? element.events : [];
	record.events = [];
	if (tenant.knobs.webhookEventsOnPost === 'ignore') return;
	const have = new Set(subscriptionsOf(tenant, record.id).map((row) => Number(row.eventno)));
	for (const event of events) {
		if (!(Number(event?.eventno) > 0) || have.has(Number(event.eventno))) continue;
		tenant.insert('notification', [
			{
				webhook_id: record.id,
				eventno: Number(event.eventno),
				delivery_method: 6,
				type: -2,
				conditions: event.conditions ?? [],
			},
		]);
		have.add(Number(event.eventno));
	}
}

function maskHeaders(headers) {
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [
			name,
			name.toLowerCase() === 'authorization' ? '***' : value,
		]),
	);
}

export class WebhookDispatcher {
	constructor() {
		this.pending = new Set();
		/** Batches waiting per tenant and webhook: key → {tenant, webhook, events, timer}. */
		this.batches = new Map();
	}

	/** A record changed through the API: deliver its events to every subscribed active webhook. */
	changed(tenant, resource, kind, before, after) {
		for (const fired of eventsFor(tenant, resource, kind, before, after)) {
			for (const subscription of tenant.records('notification')) {
				if (Number(subscription.eventno) !== fired.eventno || !subscription.webhook_id) continue;
				if (
					subscription.delivery_method !== undefined &&
					Number(subscription.delivery_method) !== 6
				)
					continue;
				const webhook = tenant.record('webhook', subscription.webhook_id);
				if (
					!webhook ||
					webhook.active === false ||
					webhook.disabled === true ||
					Number(webhook.type ?? 0) !== 0 ||
					!webhook.url
				)
					continue;
				const ticket =
					resource === 'tickets'
						? fired.record
						: fired.record?.ticket_id
							? tenant.record('tickets', fired.record.ticket_id)
							: undefined;
				if (
					!(subscription.conditions ?? []).every((condition) =>
						conditionHolds(condition, ticket ?? fired.record),
					)
				)
					continue;
				this.enqueue(tenant, webhook, this.payload(tenant, webhook, subscription, fired, ticket));
			}
		}
	}

	payload(tenant, webhook, subscription, fired, ticket) {
		const key = OBJECT_KEYS[fired.resource] ?? fired.resource;
		const payload = {
			id: randomUUID(),
			webhook_id: webhook.id,
			notification_id: subscription.id,
			escmsg_id: 0,
			event: EVENT_NAMES[fired.eventno] ?? `Event ${fired.eventno}`,
			message: `${EVENT_NAMES[fired.eventno] ?? 'Event'}: ${key} ${fired.record.id}`,
			object_id: fired.record.id,
			agent_id: 1,
			timestamp: tenant.nowText(),
		};
		if (ticket && key !== 'ticket') payload.ticket = structuredClone(ticket);
		payload[key] = structuredClone(fired.record);
		return payload;
	}

	enqueue(tenant, webhook, payload) {
		const method = Number(webhook.batch_method ?? 0);
		if (method !== 1 && method !== 2)
			return this.track(this.deliver(tenant, webhook, payload, [payload]));
		const key = `${tenant.name}|${webhook.id}`;
		let batch = this.batches.get(key);
		if (!batch) {
			const delay =
				method === 1 ? Number(webhook.batch_delay_seconds ?? 30) * 1000 : COUNT_BATCH_FLUSH_MS;
			batch = { tenant, webhook, events: [], timer: setTimeout(() => this.flush(key), delay) };
			this.batches.set(key, batch);
			this.pending.add(batch);
		}
		batch.events.push(payload);
		if (method === 2 && batch.events.length >= Number(webhook.batch_limit || Infinity))
			this.flush(key);
	}

	flush(key) {
		const batch = this.batches.get(key);
		if (!batch) return;
		clearTimeout(batch.timer);
		this.batches.delete(key);
		this.pending.delete(batch);
		this.track(this.deliver(batch.tenant, batch.webhook, batch.events, batch.events));
	}

	track(promise) {
		this.pending.add(promise);
		promise.finally(() => this.pending.delete(promise));
	}

	/** Sends one delivery; `events` are the payloads it carries (one, or a batch). */
	async deliver(tenant, webhook, body, events, { again = false } = {}) {
		const headers = { 'content-type': webhook.content_type || 'application/json' };
		if (Number(webhook.authentication_type) === 1) {
			headers.authorization = `Basic ${Buffer.from(`${webhook.basic_username ?? ''}:${webhook.basic_password ?? ''}`).toString('base64')}`;
		}
		const text = JSON.stringify(body);
		const started = Date.now();
		const entry = { url: webhook.url, webhook_id: webhook.id, body, events, again, at: started };
		let status;
		let responseBody = '';
		let error = false;
		let host;
		try {
			host = new URL(webhook.url).hostname;
		} catch {
			host = undefined;
		}
		if (!LOOPBACK.has(host)) {
			error = true;
			responseBody = 'Not delivered: the sandbox delivers to this machine only';
		} else {
			try {
				const response = await fetch(webhook.url, {
					method: 'POST',
					headers,
					body: text,
					signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
				});
				status = response.status;
				responseBody = await response.text();
				error = !response.ok;
			} catch (failure) {
				error = true;
				responseBody = String(failure?.message ?? failure);
			}
		}
		Object.assign(entry, { status, responseBody, error, duration: Date.now() - started });
		tenant.deliveries.push(entry);
		this.countFailure(tenant, webhook.id, error);
		for (const event of events) {
			tenant.insert('webhookevent', [
				{
					webhook_id: webhook.id,
					notification_id: event.notification_id,
					entity_id: event.object_id,
					timestamp: event.timestamp,
					status: error ? 2 : 1,
					duration: entry.duration,
					requestheaders: JSON.stringify(maskHeaders(headers)),
					requestbody: text,
					responsestatus: status ?? 0,
					responsebody: responseBody,
					error,
				},
			]);
		}
		return entry;
	}

	/** The autoDisableAfterFailures knob: failed deliveries in a row switch the webhook off. */
	countFailure(tenant, webhookId, failed) {
		const limit = Number(tenant.knobs.autoDisableAfterFailures ?? 0);
		tenant.failedInARow ??= new Map();
		const count = failed ? (tenant.failedInARow.get(webhookId) ?? 0) + 1 : 0;
		tenant.failedInARow.set(webhookId, count);
		const record = tenant.record('webhook', webhookId);
		if (limit > 0 && count >= limit && record) record.active = false;
	}

	/** Sends a logged delivery once more, as Halo does when it retries (same events, same ids). */
	redeliver(tenant, entry, { headers } = {}) {
		const webhook = { ...tenant.record('webhook', entry.webhook_id), ...(headers ?? {}) };
		const promise = this.deliver(tenant, webhook, entry.body, entry.events, { again: true });
		this.track(promise);
		return promise;
	}

	/** Resolves once no delivery is waiting or under way (batches included). */
	async idle() {
		while (this.pending.size > 0) {
			await Promise.allSettled([...this.pending].filter((item) => item instanceof Promise));
			if ([...this.pending].some((item) => !(item instanceof Promise)))
				await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	close() {
		for (const batch of this.batches.values()) clearTimeout(batch.timer);
		this.batches.clear();
	}
}
