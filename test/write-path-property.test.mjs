// Property test (fast-check) of the write path (issue 16): the built BatchWriter drives the
// sandbox over HTTP, as the node does, through random batches of creates and updates with random
// refused elements (named by position or not, a business rule or an unknown id, 400 or 404),
// against a Halo that saves element by element and keeps what it saved (and one that rolls back).
// Under any of them: no record is saved twice, no good record is lost without its item saying
// so, and every item has exactly one outcome (Continue On Fail), or none only when it was never
// saved (the run stopped before it). The same cases through n8n itself are in write-path.test.mjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import fc from 'fast-check';

import { startSandbox } from '../sandbox/server.mjs';
import { EXTENSION_DIR } from './harness/n8n.mjs';

const require = createRequire(import.meta.url);
const dist = join(EXTENSION_DIR, 'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete');
const { BatchWriter } = require(join(dist, 'engine/batch.js'));
const { client } = require(join(dist, 'resources/client.js'));

const SEED = 20261204;
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

/** What n8n gives the node: its credential, and requests sent with a token (as n8n's OAuth2 does). */
function contextFor(tenant) {
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
	return {
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

const elementArb = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({ kind: fc.constant('create'), id: fc.constantFrom(...CREATE_IDS) }),
	},
	{
		weight: 4,
		arbitrary: fc.record({ kind: fc.constant('update'), id: fc.integer({ min: 1, max: SEEDED }) }),
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('unknown'), id: fc.integer({ min: 900, max: 999 }) }),
	},
);
const caseArb = fc.record({
	elements: fc.array(fc.record({ element: elementArb, bad: fc.boolean() }), {
		minLength: 1,
		maxLength: 12,
	}),
	named: fc.boolean(),
	namesRejectedElement: fc.boolean(),
	unknownIdStatus: fc.constantFrom(400, 404),
	batchRollsBack: fc.boolean(),
	stopsAtFirstError: fc.boolean(),
	batchSize: fc.integer({ min: 1, max: 12 }),
});

let tenantCount = 0;

/** One random run: the items as the writer got them, and what became of each in Halo. */
async function runCase(input) {
	const tenant = sandbox.addTenant(`wp${++tenantCount}`, {
		seed: {
			client: Array.from({ length: SEEDED }, (_, index) => ({ name: `Seeded ${index + 1}` })),
		},
		knobs: {
			rejectWhere: { field: 'name', includes: 'BAD', message: 'No BAD names', named: input.named },
			namesRejectedElement: input.namesRejectedElement,
			unknownIdStatus: input.unknownIdStatus,
			batchRollsBack: input.batchRollsBack,
		},
	});
	// An update of a record repeated in one run is kept apart: one update per record.
	const updated = new Set();
	const once = ({ element }) => {
		if (element.kind !== 'update') return true;
		if (updated.has(element.id)) return false;
		updated.add(element.id);
		return true;
	};
	const items = input.elements.filter(once).map(({ element, bad }, itemIndex) => {
		const name = `${bad ? 'BAD ' : ''}E${itemIndex}`;
		const record =
			element.kind === 'create'
				? element.id === undefined
					? { name }
					: { id: element.id, name }
				: { id: element.id, name };
		return {
			kind: element.kind,
			bad: bad || element.kind === 'unknown',
			name,
			request: {
				itemIndex,
				record,
				...(element.kind === 'create' ? {} : { id: element.id }),
			},
		};
	});
	const outcomes = new Outcomes(input.stopsAtFirstError);
	const writer = new BatchWriter(contextFor(tenant), outcomes, 100);
	for (const item of items) {
		if (
			input.stopsAtFirstError &&
			[...outcomes.byItem.values()].flat().some((o) => o.kind !== 'saved')
		)
			break;
		await writer.add(client, item.request, input.batchSize);
	}
	await writer.flush();
	return { tenant, items, outcomes, requests: tenant.apiRequests() };
}

function check({ tenant, items, outcomes }, input) {
	const names = tenant.records('client').map((record) => record.name);
	for (const item of items) {
		const got = outcomes.byItem.get(item.request.itemIndex) ?? [];
		const copies = names.filter((name) => name === item.name).length;
		const where = `item ${item.request.itemIndex} (${item.kind} ${item.name}): ${JSON.stringify(got)}`;
		// No record saved twice.
		assert.ok(copies <= 1, `saved ${copies} times: ${where}`);
		// Exactly one outcome per item (none only without Continue On Fail, after the run stopped).
		assert.ok(got.length <= 1, `several outcomes: ${where}`);
		if (!input.stopsAtFirstError) assert.equal(got.length, 1, `no outcome: ${where}`);
		const outcome = got[0];
		// No good record lost without its item saying so.
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
		if (outcome?.kind === 'failed') assert.ok(item.bad, `a good item failed: ${where}`);
		if (outcome?.kind === 'uncertain') assert.match(outcome.message, /not sent again/, where);
		// A refused element is never reported saved.
		if (item.bad) assert.notEqual(outcome?.kind, 'saved', where);
	}
}

const stats = { runs: 0, refusedBatches: 0, uncertainItems: 0, uncertainBatches: 0, items: 0 };

test('Random batches against a Halo that keeps what it saved before a refusal: nothing twice, nothing lost silently, one outcome each', async () => {
	await fc.assert(
		fc.asyncProperty(caseArb, async (input) => {
			const result = await runCase(input);
			check(result, input);
			stats.runs += 1;
			stats.items += result.items.length;
			const refused = result.requests.filter(
				(request) => request.method === 'POST' && request.status >= 400,
			);
			const uncertain = [...result.outcomes.byItem.values()]
				.flat()
				.filter((o) => o.kind === 'uncertain');
			if (refused.some((request) => request.body.length > 1)) stats.refusedBatches += 1;
			if (uncertain.length > 0) stats.uncertainBatches += 1;
			stats.uncertainItems += uncertain.length;
		}),
		{ seed: SEED, numRuns: 300 },
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
				const elements = Array.from({ length: later ? 100 : 50 }, (_, index) => ({
					element: { kind: 'create', id: undefined },
					bad: index === (later ? 50 : 0) + position,
				}));
				const input = {
					elements,
					named,
					namesRejectedElement: true,
					unknownIdStatus: 400,
					batchRollsBack: false,
					stopsAtFirstError: false,
					batchSize: 50,
				};
				const result = await runCase(input);
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
