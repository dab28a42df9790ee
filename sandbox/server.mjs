// HaloPSA sandbox: a local server that behaves like HaloPSA as
// docs/development/halo-behaviour.md describes it, quirks included. A development and test tool;
// not part of the published package.
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';

import { documentedQuery } from './halo-index.mjs';
import { FileAnswer } from './file-answer.mjs';
import { sandboxResource, within } from './resources.mjs';
import { WebhookDispatcher, webhookSaved, webhookView } from './webhooks.mjs';

const DEFAULT_KNOBS = {
	tokenLifetimeSeconds: 3600,
	/** Time the token endpoint takes to answer, in ms (a real auth server takes a few hundred). */
	tokenLatencyMs: 0,
	/** Cost of every API request, in ms (a timer: other requests are served meanwhile). */
	latencyMs: 0,
	/** Extra cost per row a list answers with, or per element of a POST array, in ms. */
	latencyPerRowMs: 0,
	/** The token endpoint fails first: {status, body?, times?} (e.g. 503 while the auth server restarts). */
	tokenFailure: null,
	/** Rolling rate limit: {max, windowMs, retryAfterSeconds?}; Halo sends no Retry-After. */
	rateLimit: null,
	/** After this many more API requests every token issued so far stops working (expiry mid-run). */
	expireTokensAfterRequests: null,
	/** Forced answers: [{method?, route: RegExp|string, status, body, times, fault?}]. `fault`:
	 * 'resetBefore' drops the connection before Halo does anything; 'hang' never answers;
	 * 'html' answers `status` with a proxy's HTML page; 'resetAfter' does the work, then drops the
	 * connection unanswered; 'truncated' does the work and answers half of its JSON; 'errorAfter'
	 * does the work, then answers `status` and `body` (a gateway's 504 after Halo saved). */
	failures: [],
	/** Route prefixes (lower case, e.g. '/api/invoice') the API application may not use: 403. */
	forbiddenRoutes: [],
	/** Whether bare-array lists honour pageinate (Halo's behaviour is unknown; both must work). */
	arrayListsPage: false,
	/** Per resource, a list shape other than resources.mjs gives, for lists whose shape Halo leaves
	 * unknown: {timesheet: {list: 'wrapper', listKey: 'timesheets'}}; both answers must work. */
	listShapes: {},
	/** Wrapper lists leave out record_count, as some Halo lists do: clients must stop on a short page. */
	omitRecordCount: false,
	/** List query parameters every list ignores although Halo's document gives them, e.g.
	 * ['client_id']: Halo may not honour a filter, so nothing may rest on one alone. */
	ignoredFilters: [],
	/** Lists answer page 1 whatever page_no asks for (a list that ignores paging). */
	ignorePageNo: false,
	/** How a POST of several elements is answered (Halo's answer is unconfirmed,
	 * halo-behaviour.md#post-answer): 'array' (one saved record per element, in order), 'first'
	 * (only the first saved record), 'empty' (no body). */
	batchAnswer: 'array',
	/** A business rule that rejects an element with a 400 naming no element (.NET exception
	 * shape): {field, includes, message, named?}; `named: true` names it (`[2].name`) instead.
	 * Like every rejection, it stops the batch there. */
	rejectWhere: null,
	/** 'empty': a save of one element answers 2xx with no body (Halo's answer is unconfirmed,
	 * halo-behaviour.md#post-answer). */
	singleAnswer: 'record',
	/** Halo as believed (halo-behaviour.md#batch-no-rollback): a POST array is saved element by
	 * element, and the first rejected element stops it, the elements before it staying saved. true:
	 * the whole array is checked first and nothing is saved when one element is bad (the other
	 * model; both must work). */
	batchRollsBack: false,
	/** Whether a quotation saved again with `_create_so` keeps its first sales order (true) or gets
	 * another (false, the default: unknown in Halo, so the case that duplicates; docs/one-shot.md). */
	convertsOnce: false,
	/** Whether a rejected element's 400 names it (ModelState `[2].name`); false: a .NET exception
	 * with the same words and no position. */
	namesRejectedElement: true,
	/** How an update of an unknown id is refused: 400 naming the element, or 404 naming nothing. */
	unknownIdStatus: 400,
	/** How GET /Attachment/{id} answers (undocumented; both must work): 'file' (the bytes, with
	 * Content-Type and Content-Disposition) or 'json' (the record with `data_base64`). */
	attachmentAnswer: 'file',
	/** A file answer sent chunked, without Content-Length. */
	attachmentChunked: false,
	/** A file answer that announces its full length, sends half, and drops the connection. */
	attachmentBreaksOff: false,
	/** Tables the report engine's SQL reads: {faults: [{...}, …]} (see resources.mjs, report). */
	sqlTables: {},
	/** Where a report answer carries its rows: 'report' (`report.rows`, the AnalyzerProfile shape) or 'top' (`rows`). */
	reportRowsAt: 'report',
	/** async (entry) => {}: called as each API request arrives, before Halo handles it. */
	onRequest: null,
	/** How far the tenant's clock is from this machine's, in ms (Halo's last-change times use it). */
	clockSkewMs: 0,
	/** How the tenant writes times: 'iso' (`2024-01-01T10:00:00.123`) or 'space' (`2024-01-01 10:00:00.123`);
	 * both without a zone, meaning UTC. */
	timeFormat: 'iso',
	/** What a webhook posted with `events` does with them (one source,
	 * halo-behaviour.md#webhook-subscriptions): 'subscribe' makes a Notification row per event;
	 * 'ignore' drops the field, and only POST /Notification subscribes (see webhooks.mjs). */
	webhookEventsOnPost: 'subscribe',
	/** Event numbers for changes the spec gives none for: { 'client:create': 2001, 'actions:create': 2002 }. */
	extraEvents: {},
};

const PAGE_CAP = 100;

class Tenant {
	constructor(name, options = {}) {
		this.name = name;
		this.apps = options.apps ?? [
			{ clientId: `${name}-client`, clientSecret: `${name}-secret`, scopes: ['all'] },
		];
		this.knobs = { ...DEFAULT_KNOBS, ...options.knobs };
		this.stores = new Map();
		this.nextIds = new Map();
		this.log = [];
		this.tokens = new Map();
		this.requestTimes = [];
		/** Runbooks started with POST /Automation/{id}: [{id, runbook_id, body}], apart from the webhook records. */
		this.runbookRuns = [];
		/** Outbound webhook deliveries: [{url, webhook_id, body, events, status, responseBody, error, again}]. */
		this.deliveries = [];
		for (const [resource, rows] of Object.entries(options.seed ?? {})) this.insert(resource, rows);
	}

	store(resource) {
		if (!this.stores.has(resource)) this.stores.set(resource, new Map());
		return this.stores.get(resource);
	}

	newId(resource) {
		const spec = sandboxResource(resource);
		if (spec.id === 'guid') return randomUUID();
		const next = this.nextIds.get(resource) ?? 1;
		this.nextIds.set(resource, next + 1);
		return next;
	}

	/** Seeds records as Halo would hold them (defaults filled, ids assigned when missing). */
	insert(resource, rows) {
		const spec = sandboxResource(resource);
		if (!spec) throw new Error(`sandbox has no resource ${resource}`);
		const created = [];
		for (const row of rows) {
			const id = row.id ?? this.newId(resource);
			if (spec.id === 'int')
				this.nextIds.set(resource, Math.max(this.nextIds.get(resource) ?? 1, Number(id) + 1));
			const record = { ...structuredClone(spec.defaults), ...structuredClone(row), id };
			this.store(resource).set(String(id), record);
			created.push(record);
		}
		return created;
	}

	records(resource) {
		return [...this.store(resource).values()];
	}

	/** The tenant's clock: this machine's, moved by the clockSkewMs knob. */
	now() {
		return Date.now() + (this.knobs.clockSkewMs ?? 0);
	}

	/** A time as Halo writes it: ISO 8601 in UTC, without a zone (with the timeFormat knob 'space',
	 * `2024-01-01 10:00:00.123`, as some Halo versions and reports write it). */
	nowText() {
		const text = new Date(this.now()).toISOString().replace(/Z$/, '');
		return this.knobs.timeFormat === 'space' ? text.replace('T', ' ') : text;
	}

	/** Halo stamps a record's last change (and, on create, its creation) itself. */
	stamp(resource, record, created) {
		const spec = sandboxResource(resource);
		const now = this.nowText();
		if (spec.updatedField) record[spec.updatedField] = now;
		if (created && spec.createdField && record[spec.createdField] === undefined)
			record[spec.createdField] = now;
	}

	record(resource, id) {
		return this.store(resource).get(String(id));
	}

	/** Requests the API received (token calls excluded unless asked for). */
	apiRequests() {
		return this.log.filter((entry) => entry.kind === 'api');
	}

	tokenRequests() {
		return this.log.filter((entry) => entry.kind === 'token');
	}

	clearLog() {
		this.log = [];
	}
}

/**
 * Halo answers a custom field's entry with its definition's details, `isencrypted` among them
 * (CustomField in Halo's document), and the value decrypted: an entry whose FieldInfo definition
 * is encrypted says so (halo-behaviour.md#encrypted-custom-fields).
 */
function markEncrypted(tenant, entries) {
	return entries.map((entry) => {
		const definition = tenant?.record('fieldinfo', entry?.id);
		return definition?.isencrypted === true && entry.isencrypted === undefined
			? { ...entry, isencrypted: true }
			: entry;
	});
}

function send(res, status, body, headers = {}) {
	// A file answer: the bytes as they are, headers from the route (Content-Type, Content-Disposition…).
	if (body instanceof FileAnswer) return body.send(res, status);
	const isText = typeof body === 'string';
	const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
	res.writeHead(status, {
		'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
		...headers,
	});
	res.end(payload);
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A value as Halo sorts it: times by the moment they name (UTC when zone-less), others as they are. */
function sortable(value) {
	if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(value)) return value ?? '';
	const time = Date.parse(
		/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`,
	);
	return Number.isNaN(time) ? value : time;
}

function truthy(value) {
	return value === 'true' || value === '1' || value === 'True';
}

function matchesFailure(failure, method, route) {
	if (failure.method && failure.method.toUpperCase() !== method) return false;
	return failure.route instanceof RegExp
		? failure.route.test(route)
		: route.startsWith(String(failure.route).toLowerCase());
}

export class HaloSandbox {
	constructor() {
		this.tenants = new Map();
		this.webhooks = new WebhookDispatcher();
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error) =>
				send(res, 500, { ClassName: 'System.Exception', Message: String(error?.stack ?? error) }),
			);
		});
	}

	async listen(port = 0, host = '127.0.0.1') {
		// A port in use is an error to the caller, not a crash of the process.
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const address = this.server.address();
		this.port = address.port;
		this.url = `http://${host}:${address.port}`;
		return this;
	}

	async close() {
		this.webhooks.close();
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(resolve));
	}

	/** A tenant is one Halo instance: its API applications, data, knobs and request log. */
	addTenant(name, options) {
		const tenant = new Tenant(name, options);
		this.tenants.set(name, tenant);
		return tenant;
	}

	tenant(name) {
		return this.tenants.get(name);
	}

	findApp(clientId) {
		for (const tenant of this.tenants.values()) {
			const app = tenant.apps.find((candidate) => candidate.clientId === clientId);
			if (app) return { tenant, app };
		}
		return undefined;
	}

	tenantOfToken(token) {
		for (const tenant of this.tenants.values()) if (tenant.tokens.has(token)) return tenant;
		return undefined;
	}

	async handle(req, res) {
		const url = new URL(req.url, 'http://sandbox');
		const path = url.pathname;
		const query = Object.fromEntries(url.searchParams);
		const rawBody = await readBody(req);
		const lower = path.toLowerCase();
		const apiAt = lower.indexOf('/api/');
		// The auth server lives at /auth (hosted and default self-hosted) or, for installs that
		// keep it elsewhere, at /identity; anything else is not an auth server.
		if (req.method === 'POST' && /^\/(auth|identity)\/token$/.test(lower)) {
			return this.token(req, res, path, query, rawBody);
		}
		if (apiAt !== -1) return this.api(req, res, lower.slice(apiAt), path, query, rawBody);
		return send(res, 404, 'Not Found');
	}

	async token(req, res, path, query, rawBody) {
		const form = Object.fromEntries(new URLSearchParams(rawBody));
		const tenantName = query.tenant ?? form.tenant;
		const found = this.findApp(form.client_id);
		// host: the name the client asked for (through a proxy, the Halo-hosted name it derived).
		const entry = {
			kind: 'token',
			method: 'POST',
			host: req.headers.host,
			path,
			query,
			form: { ...form, client_secret: form.client_secret ? '***' : undefined },
			at: Date.now(),
		};
		const answer = (status, body) => {
			entry.status = status;
			found?.tenant.log.push(entry);
			return send(res, status, body);
		};
		if (found?.tenant.knobs.tokenLatencyMs) await sleep(found.tenant.knobs.tokenLatencyMs);
		if (form.grant_type !== 'client_credentials')
			return answer(400, { error: 'unsupported_grant_type' });
		// An auth server having a bad moment: {status, body, times}.
		const outage = found?.tenant.knobs.tokenFailure;
		if (outage && outage.times !== 0) {
			if (outage.times !== undefined) outage.times -= 1;
			return answer(outage.status, outage.body ?? 'Service Unavailable');
		}
		if (!found || found.app.clientSecret !== form.client_secret)
			return answer(401, { error: 'invalid_client' });
		if (tenantName !== undefined && tenantName !== found.tenant.name) {
			return answer(400, {
				error: 'invalid_request',
				error_description: `Unknown tenant '${tenantName}'`,
			});
		}
		const scopes = String(form.scope ?? '')
			.split(/\s+/)
			.filter(Boolean);
		if (scopes.some((scope) => !found.app.scopes.includes(scope)))
			return answer(400, { error: 'invalid_scope' });
		const accessToken = randomBytes(24).toString('hex');
		const lifetime = found.tenant.knobs.tokenLifetimeSeconds;
		found.tenant.tokens.set(accessToken, {
			expiresAt: Date.now() + lifetime * 1000,
			app: found.app.clientId,
		});
		entry.issued = accessToken.slice(0, 8);
		return answer(200, {
			access_token: accessToken,
			token_type: 'Bearer',
			expires_in: lifetime,
			scope: scopes.join(' ') || 'all',
		});
	}

	async api(req, res, route, path, query, rawBody) {
		const method = req.method.toUpperCase();
		const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
		const tenant = bearer ? this.tenantOfToken(bearer) : undefined;
		let body;
		try {
			body = rawBody ? JSON.parse(rawBody) : undefined;
		} catch {
			body = rawBody;
		}
		const entry = {
			kind: 'api',
			method,
			path,
			route,
			query,
			body,
			token: bearer?.slice(0, 8),
			at: Date.now(),
		};
		const answer = (status, payload, headers) => {
			entry.status = status;
			entry.doneAt = Date.now();
			entry.answeredAt = entry.doneAt;
			tenant?.log.push(entry);
			return send(res, status, payload, headers);
		};
		if (!tenant) return answer(401, '');
		const knobs = tenant.knobs;
		if (knobs.latencyMs) await sleep(knobs.latencyMs);
		// A test's hook into the moment Halo receives a request (e.g. to change records while a list is read).
		if (typeof knobs.onRequest === 'function') await knobs.onRequest(entry);
		const token = tenant.tokens.get(bearer);
		if (knobs.expireTokensAfterRequests !== null) {
			if (knobs.expireTokensAfterRequests <= 0) {
				for (const issued of tenant.tokens.values()) issued.expiresAt = 0;
				knobs.expireTokensAfterRequests = null;
			} else knobs.expireTokensAfterRequests -= 1;
		}
		if (token.expiresAt <= Date.now()) return answer(401, '');
		if (knobs.rateLimit) {
			const now = Date.now();
			tenant.requestTimes = tenant.requestTimes.filter(
				(time) => now - time < knobs.rateLimit.windowMs,
			);
			if (tenant.requestTimes.length >= knobs.rateLimit.max) {
				const headers =
					knobs.rateLimit.retryAfterSeconds === undefined
						? {}
						: { 'retry-after': String(knobs.rateLimit.retryAfterSeconds) };
				return answer(
					429,
					`Rate Limit Reached - ${knobs.rateLimit.max} Requests per rolling 5 minute window`,
					headers,
				);
			}
			tenant.requestTimes.push(now);
		}
		const failure = knobs.failures.find(
			(candidate) => candidate.times !== 0 && matchesFailure(candidate, method, route),
		);
		let faultAfter;
		if (failure) {
			if (failure.times !== undefined) failure.times -= 1;
			const logFault = (status) => {
				Object.assign(entry, { status, fault: failure.fault, doneAt: Date.now() });
				tenant.log.push(entry);
			};
			// Faults before Halo does anything: the connection drops, never answers, or a proxy's page answers.
			if (failure.fault === 'resetBefore') return (logFault('reset'), res.socket.destroy());
			if (failure.fault === 'hang') return logFault('hang');
			if (failure.fault === 'html') {
				logFault(failure.status ?? 502);
				res.writeHead(failure.status ?? 502, { 'content-type': 'text/html; charset=utf-8' });
				return res.end(
					`<!DOCTYPE html><html><head><title>${failure.title ?? '502 Bad Gateway'}</title></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>`,
				);
			}
			if (!failure.fault) return answer(failure.status, failure.body);
			faultAfter = failure.fault;
		}
		if (knobs.forbiddenRoutes.some((prefix) => route.startsWith(prefix))) return answer(403, '');
		if (method === 'GET' && route === '/api/agent/me')
			return answer(200, { id: 1, name: 'API User', is_api_user: true });
		const [, , resourceName, id, ...rest] = route.split('/');
		const spec = sandboxResource(resourceName);
		if (!spec || rest.length > 1) return answer(404, 'Not Found');
		// A path may keep its records in another's store (projects and opportunities are tickets).
		const [result, status = 200, listRows = 0] = this.route(
			tenant,
			spec,
			spec.store ?? resourceName,
			method,
			id,
			rest[0],
			query,
			body,
		);
		const rows = method === 'POST' && Array.isArray(body) ? body.length : listRows;
		if (knobs.latencyPerRowMs && status < 300 && rows > 0)
			await sleep(knobs.latencyPerRowMs * rows);
		// Faults after Halo did the work: the connection drops before the answer, or the answer is cut short.
		if (faultAfter === 'resetAfter') {
			Object.assign(entry, { status, fault: faultAfter, doneAt: Date.now() });
			tenant.log.push(entry);
			return res.socket.destroy();
		}
		if (faultAfter === 'errorAfter') {
			entry.fault = faultAfter;
			return answer(failure.status, failure.body);
		}
		if (faultAfter === 'truncated') {
			Object.assign(entry, { status, fault: faultAfter, doneAt: Date.now() });
			tenant.log.push(entry);
			const text = JSON.stringify(result) ?? '';
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
			return res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
		}
		return answer(status, result);
	}

	route(tenant, spec, resourceName, method, id, action, query, body) {
		const ownRoute =
			spec.routes?.[`${method} ${id}`] ??
			(id === undefined ? undefined : spec.routes?.[`${method} {id}`]);
		if (action !== undefined || ownRoute)
			return this.subRoute(tenant, spec, resourceName, method, id, action, body);
		if (id === undefined && method === 'GET' && spec.verbs.includes('list'))
			return this.list(tenant, spec, resourceName, query);
		if (id === undefined && method === 'POST' && spec.verbs.includes('upsert'))
			return this.upsert(tenant, spec, resourceName, body);
		if (id !== undefined && (method === 'GET' || method === 'DELETE')) {
			const verb = method === 'GET' ? 'read' : 'delete';
			if (!spec.verbs.includes(verb))
				return ["The requested resource does not support http method '" + method + "'.", 405];
			if (spec.id === 'int' && !/^\d+$/.test(id))
				return [{ id: [`The value '${decodeURIComponent(id)}' is not valid.`] }, 400];
			// Records that live under a parent (an action under its ticket): delete needs the parent's id,
			// and a parent id that is not the record's finds nothing.
			const parentKey = spec.scopedBy;
			if (parentKey && method === 'DELETE' && !query[parentKey]) {
				return [
					{
						ClassName: 'System.Exception',
						Message: `${parentKey} is required to delete this record`,
					},
					400,
				];
			}
			const record = tenant.record(resourceName, decodeURIComponent(id));
			if (
				!record ||
				(spec.softDelete && record.deleted && method === 'GET' && !truthy(query.includedeleted))
			)
				return ['Not Found', 404];
			if (parentKey && query[parentKey] && String(record[parentKey]) !== String(query[parentKey]))
				return ['Not Found', 404];
			if (method === 'GET' && spec.read) return spec.read({ tenant, record, query });
			if (method === 'GET') {
				const shown = this.present(spec, record, truthy(query.includedetails), tenant);
				return [
					resourceName === 'webhook' && truthy(query.includedetails)
						? webhookView(tenant, shown)
						: shown,
				];
			}
			if (spec.softDelete) record.deleted = true;
			else tenant.store(resourceName).delete(String(record.id));
			this.webhooks.changed(tenant, resourceName, 'delete', record, undefined);
			return [record];
		}
		return ['Not Found', 404];
	}

	/**
	 * Paths below a resource (`/Invoice/updatelines`, `/Invoice/5/void`, `/Automation/{guid}`): each
	 * resource's own `routes` in resources.mjs, keyed 'METHOD segment', 'METHOD {id}/segment' or
	 * 'METHOD {id}' (which finds its own record: given the id, not a record).
	 */
	subRoute(tenant, spec, resourceName, method, id, action, body) {
		const routes = spec.routes ?? {};
		if (action === undefined && routes[`${method} ${id}`])
			return routes[`${method} ${id}`]({ tenant, body });
		if (action === undefined)
			return routes[`${method} {id}`]({ tenant, id: decodeURIComponent(id), body });
		const handler = routes[`${method} {id}/${action}`];
		if (!handler) return ['Not Found', 404];
		const record = tenant.record(resourceName, decodeURIComponent(id));
		if (!record) return ['Not Found', 404];
		return handler({ tenant, record, body });
	}

	present(spec, record, withDetails, tenant) {
		const copy = { ...record };
		// Fields Halo keeps but never lists (an attachment's content).
		for (const field of spec.hidden ?? []) delete copy[field];
		if (Array.isArray(copy.customfields))
			copy.customfields = markEncrypted(tenant, copy.customfields);
		if (withDetails || !spec.detailOnly) return copy;
		for (const field of spec.detailOnly) delete copy[field];
		return copy;
	}

	filtered(tenant, spec, resourceName, query) {
		let rows = tenant.records(resourceName);
		if (spec.softDelete)
			rows = rows.filter((row) => Boolean(row.deleted) === truthy(query.deleted));
		if (spec.hidesInactive) {
			const includeInactive = truthy(query.includeinactive);
			const includeActive = query.includeactive === undefined || truthy(query.includeactive);
			rows = rows.filter((row) => (row.inactive ? includeInactive : includeActive));
		}
		if (query.search) {
			const needle = query.search.toLowerCase();
			rows = rows.filter((row) =>
				spec.searchFields.some((field) =>
					String(row[field] ?? '')
						.toLowerCase()
						.includes(needle),
				),
			);
		}
		// Like Halo, a list filters only on the parameters it defines (Halo's OpenAPI document says
		// which); any other name, even a record field's, is silently ignored.
		const documented = documentedQuery('GET', `/${resourceName}`);
		for (const [key, value] of Object.entries(query)) {
			// Paging parameters are never fields; skipping them first keeps long lists cheap to page.
			if (
				[
					'search',
					'order',
					'count',
					'pageinate',
					'page_size',
					'page_no',
					...(spec.customQuery ?? []),
				].includes(key)
			)
				continue;
			if (!documented.has(key.toLowerCase())) continue;
			if (tenant.knobs.ignoredFilters.includes(key)) continue;
			const sample = rows.find((row) => row[key] !== undefined && typeof row[key] !== 'object');
			if (sample === undefined) continue;
			rows = rows.filter((row) => String(row[key]) === String(value));
		}
		// Records changed within a time span, where Halo's document gives the list these parameters.
		const span = ['lastupdatefromdate', 'lastupdatetodate'];
		if (
			spec.updatedField &&
			span.some((key) => query[key]) &&
			!span.some((key) => spec.customQuery?.includes(key)) &&
			documented.has('lastupdatefromdate')
		) {
			rows = rows.filter((row) =>
				within(
					row[spec.updatedField],
					query.lastupdatefromdate || undefined,
					query.lastupdatetodate || undefined,
				),
			);
		}
		if (spec.filter) rows = spec.filter(rows, query, tenant);
		// `order`, then `order2` … `order5` for rows equal on the keys before (Halo's list parameters).
		const keys = ['', '2', '3', '4', '5']
			.filter((n) => query[`order${n}`])
			.map((n) => ({
				field: query[`order${n}`],
				direction: truthy(query[`orderdesc${n}`]) ? -1 : 1,
			}));
		if (keys.length > 0) {
			const compare = (a, b) => {
				for (const { field, direction } of keys) {
					const [x, y] = [sortable(a[field]), sortable(b[field])];
					if (x > y) return direction;
					if (x < y) return -direction;
				}
				return 0;
			};
			rows = [...rows].sort(compare);
		}
		return rows;
	}

	list(tenant, baseSpec, resourceName, query) {
		const spec = { ...baseSpec, ...tenant.knobs.listShapes[resourceName] };
		const rows = this.filtered(tenant, spec, resourceName, query);
		const paging =
			truthy(query.pageinate) && (spec.list === 'wrapper' || tenant.knobs.arrayListsPage);
		let page = rows;
		const extra = {};
		if (paging) {
			const pageSize = Math.min(Number(query.page_size ?? 50) || 50, PAGE_CAP);
			const pageNo = tenant.knobs.ignorePageNo ? 1 : Math.max(Number(query.page_no ?? 1) || 1, 1);
			page = rows.slice((pageNo - 1) * pageSize, pageNo * pageSize);
			Object.assign(extra, { page_no: pageNo, page_size: pageSize });
		} else if (query.count !== undefined) {
			page = rows.slice(0, Number(query.count));
		}
		// Only the rows answered are copied: a 10,000-row list stays cheap to page through.
		page = page.map((row) => this.present(spec, row, false, tenant));
		if (spec.list === 'array') return [page, 200, page.length];
		const count = tenant.knobs.omitRecordCount ? {} : { record_count: rows.length };
		return [{ ...extra, ...count, [spec.listKey]: page }, 200, page.length];
	}

	upsert(tenant, spec, resourceName, body) {
		if (!Array.isArray(body)) {
			return [
				{
					errors: { '': ['A non-empty request body is required.'] },
					title: 'One or more validation errors occurred.',
					status: 400,
				},
				400,
			];
		}
		// A POST that is not a save (a report run with _loadreportonly) answers on its own.
		const special = spec.post?.({ tenant, body });
		if (special) return special;
		// Halo as believed (halo-behaviour.md#batch-no-rollback): the array is saved element by
		// element, and a rejected element stops the batch; the elements before it stay saved.
		// `batchRollsBack` restores the other model (the whole array checked first, nothing saved
		// when any element is bad).
		const changes = [];
		const saved = [];
		const save = (element) => {
			const existing = isUpdateId(element.id) ? tenant.record(resourceName, element.id) : undefined;
			let record;
			if (existing) {
				const before = structuredClone(existing);
				// Every field sent replaces the stored one: `customfields` and `fields` arrays whole
				// (halo-behaviour.md#customfields-replaced).
				record = Object.assign(existing, structuredClone(element), { id: existing.id });
				changes.push(['update', before, record]);
			} else {
				const { id: _ignored, ...fields } = element;
				record = tenant.insert(resourceName, [fields])[0];
				changes.push(['create', undefined, record]);
			}
			tenant.stamp(resourceName, record, !existing);
			if (resourceName === 'webhook') webhookSaved(tenant, record, element);
			spec.saved?.({ tenant, record, element, created: !existing });
			saved.push(this.present(spec, record, true, tenant));
		};
		const fireWebhooks = () => {
			for (const [kind, before, after] of changes)
				this.webhooks.changed(tenant, resourceName, kind, before, after);
		};
		if (tenant.knobs.batchRollsBack) {
			for (const [index, element] of body.entries()) {
				const rejection = this.rejection(tenant, spec, resourceName, element, index);
				if (rejection) return rejection;
			}
			body.forEach(save);
		} else {
			for (const [index, element] of body.entries()) {
				const rejection = this.rejection(tenant, spec, resourceName, element, index);
				if (rejection) {
					fireWebhooks();
					return rejection;
				}
				save(element);
			}
		}
		fireWebhooks();
		if (saved.length === 1)
			return tenant.knobs.singleAnswer === 'empty' ? ['', 201] : [saved[0], 201];
		if (tenant.knobs.batchAnswer === 'first') return [saved[0], 200];
		if (tenant.knobs.batchAnswer === 'empty') return ['', 200];
		return [saved, 200];
	}

	/**
	 * Why Halo refuses one element of a POST array, as its answer: a ModelState 400 naming the
	 * element (`[2].name`), or, with the `namesRejectedElement` knob off, a .NET exception naming
	 * none; an unknown id answers `unknownIdStatus` (400 naming the element, or 404); a business
	 * rule (`rejectWhere`) names none. Undefined when the element is saved.
	 */
	rejection(tenant, spec, resourceName, element, index) {
		const knobs = tenant.knobs;
		const blank = (value) => value === undefined || value === null || value === '';
		const refuse = (field, words) =>
			knobs.namesRejectedElement === false
				? [{ ClassName: 'System.Exception', Message: words }, 400]
				: [{ [`[${index}].${field}`]: [words] }, 400];
		if (isUpdateId(element.id)) {
			const existing = tenant.record(resourceName, element.id);
			if (!existing) {
				if (knobs.unknownIdStatus === 404) return [`No record with id ${element.id}`, 404];
				return refuse('id', `No record with id ${element.id}`);
			}
			// A record under a parent is found only through it (an action's update names its ticket).
			if (spec.scopedBy && String(existing[spec.scopedBy]) !== String(element[spec.scopedBy])) {
				return refuse(
					spec.scopedBy,
					blank(element[spec.scopedBy])
						? `The ${spec.scopedBy} field is required.`
						: `No record with id ${element.id} on ${spec.scopedBy} ${element[spec.scopedBy]}`,
				);
			}
		} else {
			for (const field of spec.required) {
				if (blank(element[field])) return refuse(field, `The ${field} field is required.`);
			}
			for (const [field, words] of Object.entries(spec.validate?.({ tenant, element }) ?? {}))
				return refuse(field, words);
		}
		const rule = knobs.rejectWhere;
		if (rule && String(element[rule.field] ?? '').includes(rule.includes))
			return rule.named
				? [{ [`[${index}].${rule.field}`]: [rule.message] }, 400]
				: [{ ClassName: 'System.Exception', Message: rule.message }, 400];
		return undefined;
	}
}

/** Halo reads an element as an update only when its id is a whole number of 1 or more, or a GUID
 * (halo-behaviour.md#post-array-upsert). */
function isUpdateId(id) {
	if (typeof id === 'number') return Number.isSafeInteger(id) && id >= 1;
	if (typeof id !== 'string') return false;
	return (
		/^[1-9][0-9]*$/.test(id) ||
		/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
	);
}

export async function startSandbox(port = 0, host = '127.0.0.1') {
	return new HaloSandbox().listen(port, host);
}
