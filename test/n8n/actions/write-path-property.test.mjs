// Property test (fast-check) of the write path (issues 16 and 26): the built BatchWriter drives the
// sandbox over HTTP, as the node does, through random batches of creates, updates and one-shot
// updates (a User update that sends the welcome email) with random elements refused or lost at
// random positions (400 naming the element or not, 403, 404, 500, a reset after the elements
// before it were saved), against a Halo that saves element by element and keeps what it saved
// (and one that rolls back). Under any of them: no record is saved twice, no one-shot request is
// sent twice, no item says failed or nothing while its record was saved, and every item has
// exactly one outcome (Continue On Fail), or none only when the run stopped before it. The same
// cases through n8n itself are in write-path.test.mjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import fc from 'fast-check';

import { startSandbox } from '../../../sandbox/server.mjs';
import { CaseBook, byId } from '../../harness/cases.mjs';
import { EXTENSION_DIR, nodeOutput } from '../../harness/n8n.mjs';

const require = createRequire(import.meta.url);
const dist = join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete');
const { BatchWriter } = require(join(dist, 'actions/batch.js'));
const { client } = require(join(dist, 'resources/client.js'));
const { user } = require(join(dist, 'resources/user.js'));
const { RESOURCES } = require(join(dist, 'resources/index.js'));
const { governedClient } = require(join(dist, 'guards/access.js'));
const { singleOperationRules } = require(join(dist, 'guards/operationAccess.js'));

const SEED = 20261206;
/** Runs of the property: each a fresh tenant and a few requests, about 20 ms, but a lost update batch is retried once after the transport's backoff (~1 s): 100 take about 35 s. */
const RUNS = Number(process.env.HALO_PROPERTY_RUNS ?? 100);
const NODE = {
	id: 'write-path',
	name: 'Halo',
	type: 'n8n-nodes-halopsa-complete.haloPsaComplete',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

let sandbox;
before(async () => {
	sandbox = await startSandbox();
});
after(() => sandbox.close());

/** The run's client: what n8n gives the node (its credential, requests sent with a token as n8n's OAuth2 does), and its rules. */
function clientFor(tenant) {
	const app = tenant.apps[0];
	let token;
	const getToken = async () => {
		if (token) return token;
		const response = await fetch(`${sandbox.url}/auth/token?tenant=${tenant.name}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: app.clientId,
				client_secret: app.clientSecret,
				scope: 'all',
			}),
		});
		token = (await response.json()).access_token;
		return token;
	};
	const context = {
		getNode: () => NODE,
		getCredentials: async () => ({
			hosting: 'selfHosted',
			url: sandbox.url,
			tenant: tenant.name,
			clientId: app.clientId,
			clientSecret: app.clientSecret,
			rateLimitRequests: 1_000_000,
			rateLimitWindowSeconds: 1,
			timeoutSeconds: 10,
		}),
		getExecutionCancelSignal: () => undefined,
		helpers: {
			async httpRequestWithAuthentication(_type, options) {
				const url = new URL(options.url);
				for (const [key, value] of Object.entries(options.qs ?? {}))
					url.searchParams.set(key, String(value));
				const response = await fetch(url, {
					method: options.method,
					headers: {
						authorization: `Bearer ${await getToken()}`,
						'content-type': 'application/json',
					},
					body: options.body === undefined ? undefined : JSON.stringify(options.body),
				});
				const text = await response.text();
				let body = text;
				try {
					body = text === '' ? '' : JSON.parse(text);
				} catch {
					// Halo's plain-text answers stay text.
				}
				if (!response.ok)
					throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
						response: { status: response.status, data: body, headers: {} },
					});
				return { body, statusCode: response.status };
			},
		},
	};
	// As the node's run does before its first request: its client, with the rules its requests are
	// judged by (the credential allows everything, so they only have to be there).
	return governedClient(
		context,
		singleOperationRules(RESOURCES, {
			label: () => 'Write path property',
			resourceNames: () => [client.displayName, user.displayName],
			preview: false,
		}),
	);
}

/** Every outcome the writer gives, per item, in order of arrival. */
class Outcomes {
	constructor(stopsAtFirstError) {
		this.stopsAtFirstError = stopsAtFirstError;
		this.byItem = new Map();
	}
	add(itemIndex, outcome) {
		if (!this.byItem.has(itemIndex)) this.byItem.set(itemIndex, []);
		this.byItem.get(itemIndex).push(outcome);
	}
	saved(itemIndex, records) {
		this.add(itemIndex, { kind: 'saved', records });
	}
	failed(itemIndex, error) {
		this.add(itemIndex, { kind: 'failed', message: error.message });
	}
	uncertain(itemIndex, error) {
		this.add(itemIndex, { kind: 'uncertain', message: error.message });
	}
	unconfirmed(batch) {
		for (const request of batch) this.add(request.itemIndex, { kind: 'unconfirmed' });
	}
}

const SEEDED = 5;
/** Ids Halo reads as "new record": each of these elements is a create. */
const CREATE_IDS = [undefined, '0', 0, -1, false, {}, [], '', '1.5', ' 3', '0x2'];
/** How Halo meets a bad element: refusals stop the array there; lost answers come after the elements before it were saved. */
const REFUSALS = {
	named: { status: 400, named: true },
	unnamed: { status: 400 },
	forbidden: { status: 403 },
	notFound: { status: 404 },
};
const LOSSES = {
	serverError: { status: 500, times: 1 },
	reset: { fault: 'resetAfter', times: 1 },
};
const STATUSES = Object.keys({ ...REFUSALS, ...LOSSES });

const elementArb = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({ kind: fc.constant('create'), id: fc.constantFrom(...CREATE_IDS) }),
	},
	{
		weight: 3,
		arbitrary: fc.record({ kind: fc.constant('update'), id: fc.integer({ min: 1, max: SEEDED }) }),
	},
	{
		weight: 2,
		arbitrary: fc.record({ kind: fc.constant('oneShot'), id: fc.integer({ min: 1, max: SEEDED }) }),
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('unknown'), id: fc.integer({ min: 900, max: 999 }) }),
	},
);
const caseArb = fc.record({
	elements: fc.array(
		fc.record({
			element: elementArb,
			bad: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, fc.constantFrom(...STATUSES)),
		}),
		{ minLength: 1, maxLength: 12 },
	),
	namesRejectedElement: fc.boolean(),
	unknownIdStatus: fc.constantFrom(400, 404),
	batchRollsBack: fc.boolean(),
	stopsAtFirstError: fc.boolean(),
	batchSize: fc.integer({ min: 1, max: 12 }),
	/** A run that created records before these items: the look-up has a lower fence. */
	headFirst: fc.boolean(),
	/** A run that creates records after them: the look-up has an upper fence. */
	tailAfter: fc.boolean(),
});

let tenantCount = 0;

/** One random run: the items as the writer got them, and what became of each in Halo. */
async function runCase(input, resource = user) {
	const seedRows = Array.from({ length: SEEDED }, (_, index) => ({
		name: `Seeded ${index + 1}`,
		site_id: 1,
	}));
	const rules = input.elements
		.map(({ bad }, index) => (bad ? { bad, index } : undefined))
		.filter(Boolean)
		.map(({ bad, index }) => ({
			field: 'name',
			includes: `BAD${index}:`,
			message: `Element ${index} is bad`,
			...(REFUSALS[bad] ?? LOSSES[bad]),
		}));
	const tenant = sandbox.addTenant(`wp${++tenantCount}`, {
		seed: { site: [{ name: 'Main', client_id: 1 }], users: seedRows, client: seedRows },
		knobs: {
			rejectWhere: rules,
			namesRejectedElement: input.namesRejectedElement,
			unknownIdStatus: input.unknownIdStatus,
			batchRollsBack: input.batchRollsBack,
		},
	});
	// An update of a record repeated in one run is kept apart: one update per record.
	const updated = new Set();
	const once = ({ element }) => {
		if (element.kind === 'create' || element.kind === 'unknown') return true;
		if (updated.has(element.id)) return false;
		updated.add(element.id);
		return true;
	};
	const plainCreate = (name) => ({
		kind: 'create',
		bad: undefined,
		name,
		record: { name, site_id: 1 },
	});
	const body = input.elements
		.map((entry, original) => ({ ...entry, original }))
		.filter(once)
		.map(({ element, bad, original }, index) => {
			// The rule that refuses a bad element matches its original position's mark.
			const name = `${bad ? `BAD${original}:` : ''}E${index}`;
			const fields = { name, ...(resource === user ? { site_id: 1 } : {}) };
			if (element.kind === 'create')
				return {
					kind: 'create',
					bad,
					name,
					record: element.id === undefined ? fields : { id: element.id, ...fields },
				};
			const record = {
				id: element.id,
				name,
				...(element.kind === 'oneShot' ? { sendwelcomeemail: true } : {}),
			};
			return {
				kind: element.kind,
				// Halo refuses an unknown id before any rule.
				bad: element.kind === 'unknown' ? 'unknownId' : bad,
				name,
				record,
			};
		});
	const planned = [
		...(input.headFirst ? [plainCreate('Head 1'), plainCreate('Head 2')] : []),
		...body,
		...(input.tailAfter ? [plainCreate('Tail 1'), plainCreate('Tail 2')] : []),
	];
	const items = planned.map((item, itemIndex) => ({
		...item,
		request: {
			itemIndex,
			record: item.record,
			...(item.kind === 'create' ? {} : { id: item.record.id }),
		},
	}));
	const outcomes = new Outcomes(input.stopsAtFirstError);
	const writer = new BatchWriter(clientFor(tenant), outcomes, 100);
	for (const item of items) {
		if (
			input.stopsAtFirstError &&
			[...outcomes.byItem.values()].flat().some((o) => o.kind !== 'saved')
		)
			break;
		// The head goes on its own, so that it is saved before the body's batches.
		await writer.add(resource, item.request, item.name.startsWith('Head') ? 1 : input.batchSize);
		if (item.name === 'Head 2') await writer.flush();
	}
	await writer.finish();
	return { tenant, items, outcomes, requests: tenant.apiRequests(), resource };
}

const storeOf = (resource) => (resource === user ? 'users' : 'client');

function check({ tenant, items, outcomes, requests, resource }, input) {
	const names = tenant.records(storeOf(resource)).map((record) => record.name);
	const posted = requests
		.filter((request) => request.method === 'POST')
		.flatMap((request) => request.body);
	for (const item of items) {
		const got = outcomes.byItem.get(item.request.itemIndex) ?? [];
		const copies = names.filter((name) => name === item.name).length;
		const where = `item ${item.request.itemIndex} (${item.kind} ${item.name}, ${item.bad ?? 'good'}): ${JSON.stringify(got)}`;
		// No record saved twice.
		assert.ok(copies <= 1, `saved ${copies} times: ${where}`);
		// No one-shot request sent twice.
		if (item.kind === 'oneShot') {
			const sent = posted.filter(
				(element) => element.id === item.record.id && element.sendwelcomeemail === true,
			).length;
			assert.ok(sent <= 1, `one-shot update sent ${sent} times: ${where}`);
		}
		// Exactly one outcome per item (none only without Continue On Fail, after the run stopped).
		assert.ok(got.length <= 1, `several outcomes: ${where}`);
		if (!input.stopsAtFirstError) assert.equal(got.length, 1, `no outcome: ${where}`);
		const outcome = got[0];
		// Nothing saved while its item says failed or nothing.
		if (outcome === undefined || outcome.kind === 'failed')
			assert.equal(
				copies,
				0,
				`saved, but its item says ${outcome ? 'failed' : 'nothing'}: ${where}`,
			);
		if (outcome?.kind === 'saved') {
			assert.equal(copies, 1, `said saved, not in Halo: ${where}`);
			assert.equal(outcome.records[0]?.name, item.name, where);
		}
		if (outcome?.kind === 'failed')
			assert.ok(item.bad && !LOSSES[item.bad], `a good item failed: ${where}`);
		if (outcome?.kind === 'uncertain')
			assert.match(outcome.message, /not sent again|each time it was sent/, where);
		// A refused element is never reported saved.
		if (item.bad && !LOSSES[item.bad]) assert.notEqual(outcome?.kind, 'saved', where);
	}
}

const stats = {
	runs: 0,
	items: 0,
	failedBatches: 0,
	uncertainItems: 0,
	foundByLookUp: 0,
	oneShotItems: 0,
};

test('Random batches of creates, updates and one-shot updates, refused or lost at random positions with random statuses: nothing saved twice, no one-shot sent twice, one honest outcome each', async () => {
	await fc.assert(
		fc.asyncProperty(caseArb, async (input) => {
			const result = await runCase(input);
			check(result, input);
			stats.runs += 1;
			stats.items += result.items.length;
			stats.oneShotItems += result.items.filter((item) => item.kind === 'oneShot').length;
			const failed = result.requests.filter(
				(request) => request.method === 'POST' && (request.status >= 400 || request.fault),
			);
			if (failed.some((request) => request.body.length > 1)) stats.failedBatches += 1;
			const all = [...result.outcomes.byItem.values()].flat();
			stats.uncertainItems += all.filter((o) => o.kind === 'uncertain').length;
			if (result.requests.some((request) => request.method === 'GET')) stats.foundByLookUp += 1;
		}),
		{ seed: SEED, numRuns: RUNS },
	);
	process.stdout.write(`# write path: ${JSON.stringify(stats)}\n`);
});

/**
 * docs/retries.md's measure: batches of 50 client creates with one element refused by a business rule
 * Halo's document gives no way to check first (the rest pass every check the node makes), as the
 * run's first batch (nothing to tell its records from older ones) and as a later batch.
 */
test('Measure: how many items one business-rule refusal leaves uncertain, named and unnamed', async () => {
	const measure = {};
	for (const later of [false, true]) {
		for (const named of [true, false]) {
			let uncertain = 0;
			let runs = 0;
			for (let position = 0; position < 50; position += 7) {
				const elements = Array.from({ length: later ? 150 : 100 }, (_, index) => ({
					element: { kind: 'create', id: undefined },
					bad: index === (later ? 50 : 0) + position ? (named ? 'named' : 'unnamed') : undefined,
				}));
				const input = {
					elements,
					namesRejectedElement: true,
					unknownIdStatus: 400,
					batchRollsBack: false,
					stopsAtFirstError: false,
					batchSize: 50,
				};
				const result = await runCase({ ...input, headFirst: false, tailAfter: false }, client);
				check(result, input);
				uncertain += [...result.outcomes.byItem.values()]
					.flat()
					.filter((o) => o.kind === 'uncertain').length;
				runs += 1;
			}
			measure[`${later ? 'later' : 'first'} batch, ${named ? 'named' : 'unnamed'}`] =
				uncertain / runs;
		}
	}
	process.stdout.write(
		`# uncertain items per refused batch of 50 creates: ${JSON.stringify(measure)}\n`,
	);
	// The refused item itself stays uncertain when Halo does not name it.
	assert.ok(measure['later batch, named'] < measure['first batch, named']);
	assert.ok(measure['later batch, unnamed'] < measure['first batch, unnamed']);
});

// --- The same property inside real n8n: a bounded sample of runs, all in one n8n boot ----------
// One node's items share an operation: Client › Create, Client › Update, or User › Update with
// Send Welcome Email (a one-shot update, sent alone). A head batch of good items saves first (the
// look-up's lower fence) and a tail batch after (its upper fence); between them, items marked to
// be refused or lost at random positions with random statuses. Continue On Fail on and off.
const REAL_RUNS = Number(process.env.HALO_PROPERTY_REAL_RUNS ?? 16);
const realCaseArb = fc.record({
	operation: fc.constantFrom('create', 'update', 'oneShot'),
	marks: fc.array(
		fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, fc.constantFrom(...STATUSES)),
		{ minLength: 2, maxLength: 7 },
	),
	batchSize: fc.integer({ min: 2, max: 5 }),
	continueOnFail: fc.boolean(),
	batchRollsBack: fc.boolean(),
});
const realCases = fc.sample(realCaseArb, { seed: SEED, numRuns: REAL_RUNS });
const book = await CaseBook.start('write-path-property');
const SEEDED_REAL = 20;

function realItems({ operation, marks, batchSize }) {
	const head = Array.from({ length: batchSize }, (_, index) => ({ name: `Head ${index}` }));
	const body = marks.map((mark, index) => ({
		name: `${mark ? `BAD${index}:` : ''}E${index}`,
		mark,
	}));
	const tail = Array.from({ length: batchSize }, (_, index) => ({ name: `Tail ${index}` }));
	const all = [...head, ...body, ...tail];
	return operation === 'create' ? all : all.map((item, index) => ({ ...item, id: index + 1 }));
}

function realStep({ operation, batchSize, continueOnFail }) {
	const options = { batchSize };
	if (operation === 'create')
		return {
			parameters: { resource: 'client', operation, name: '={{ $json.name }}', options },
			continueOnFail,
		};
	if (operation === 'update')
		return {
			parameters: {
				resource: 'client',
				operation,
				clientId: byId('={{ $json.id }}'),
				updateFields: { name: '={{ $json.name }}' },
				options,
			},
			continueOnFail,
		};
	return {
		parameters: {
			resource: 'user',
			operation: 'update',
			userId: byId('={{ $json.id }}'),
			updateFields: { name: '={{ $json.name }}', sendwelcomeemail: true },
			options,
		},
		continueOnFail,
	};
}

realCases.forEach((input, index) => {
	const seedRows = Array.from({ length: SEEDED_REAL }, (_, row) => ({
		name: `Seeded ${row + 1}`,
		site_id: 1,
	}));
	const rules = input.marks
		.map((mark, position) => (mark ? { mark, position } : undefined))
		.filter(Boolean)
		.map(({ mark, position }) => ({
			field: 'name',
			includes: `BAD${position}:`,
			message: `Element ${position} is bad`,
			...(REFUSALS[mark] ?? LOSSES[mark]),
		}));
	const options = {
		seed: { site: [{ name: 'Main', client_id: 1 }], users: seedRows, client: seedRows },
		knobs: { rejectWhere: rules, batchRollsBack: input.batchRollsBack },
		credentialFields: { timeoutSeconds: 5 },
		steps: realStep(input),
		items: realItems(input),
	};
	if (input.continueOnFail) book.passing(`real${index}`, options);
	else book.failing(`real${index}`, options);
});

before(() => book.run());
after(() => book.close());

/** Item numbers (from 1) a stopping error's description covers: "items 1–4 and 6", "item 7 (…". */
function itemsNamed(text) {
	const covered = new Set();
	for (const [, list] of text.matchAll(/items? ((?:\d+(?:–\d+)?(?:, | and )?)+)/g))
		for (const part of list.split(/, | and /)) {
			const [from, to = from] = part.split('–').map(Number);
			for (let number = from; number <= to; number++) covered.add(number);
		}
	return covered;
}

test(`The same property inside real n8n (${REAL_RUNS} random runs, one boot): nothing saved twice, no one-shot sent twice, one honest outcome per item, a stopped run names what was saved`, () => {
	const tally = { runs: 0, stopped: 0, uncertain: 0, failed: 0, saved: 0 };
	realCases.forEach((input, index) => {
		const name = `real${index}`;
		const where = `${name} ${JSON.stringify(input)}`;
		const tenant = book.tenant(name);
		const planned = realItems(input);
		const store = tenant
			.records(input.operation === 'oneShot' ? 'users' : 'client')
			.map((record) => record.name);
		const posted = book
			.api(name)
			.filter((request) => request.method === 'POST')
			.flatMap((request) => request.body);
		tally.runs += 1;
		planned.forEach((item) => {
			const copies = store.filter((held) => held === item.name).length;
			assert.ok(copies <= 1, `${item.name} saved ${copies} times: ${where}`);
			if (input.operation === 'oneShot') {
				const sent = posted.filter(
					(element) => element.id === item.id && element.sendwelcomeemail === true,
				).length;
				assert.ok(sent <= 1, `one-shot update of ${item.id} sent ${sent} times: ${where}`);
			}
		});
		const flow = book.cases.get(name).flow;
		const execution = book.batch.results.get(flow.id);
		if (execution) {
			const out = nodeOutput(execution, 'Halo') ?? [];
			assert.equal(out.length, planned.length, `one output per item: ${where}`);
			out.forEach((item, position) => {
				const sent = planned[position];
				const held = store.includes(sent.name);
				assert.equal(item.pairedItem.item, position, where);
				if (!item.json.error) {
					tally.saved += 1;
					assert.equal(item.json.name, sent.name, `${sent.name}: ${where}`);
					assert.ok(held, `${sent.name} said saved, not in Halo: ${where}`);
				} else if (item.json.outcome === 'uncertain') {
					tally.uncertain += 1;
					assert.match(item.json.error, /not sent again|may have/, where);
				} else {
					tally.failed += 1;
					assert.ok(!held, `${sent.name} failed but is in Halo: ${where} ${item.json.error}`);
					assert.ok(
						sent.mark && REFUSALS[sent.mark],
						`${sent.name} failed, not refused: ${where} ${item.json.error}`,
					);
				}
			});
			return;
		}
		assert.ok(!input.continueOnFail, `${name} failed with Continue On Fail: ${where}`);
		tally.stopped += 1;
		const error = book.failure(name).data.resultData.error;
		const covered = itemsNamed(`${error.description ?? ''}`);
		planned.forEach((item, position) => {
			if (!store.includes(item.name)) return;
			assert.ok(
				covered.has(position + 1) || error.message.includes(item.name),
				`${item.name} is in Halo, but the stopping error does not say so: ${where}\n${error.message}\n${error.description}`,
			);
		});
	});
	process.stdout.write(`# write path in real n8n: ${JSON.stringify(tally)}\n`);
});
