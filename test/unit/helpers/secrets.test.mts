// Halo's secrets masked by name, by shape and by Halo's own encryption flag (helpers/secrets.ts,
// helpers/secretFields.ts): each rule alone, what stays visible next to it, the errors' words,
// Custom Fields by Label, the triggers' state and output; and the false-positive measurement:
// every field the rules added after the first one mask, over Halo's document and the sandbox's
// records, is the list docs/secrets.md reviews.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeApiError, NodeOperationError } from '../support/n8nWorkflow.mts';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	IWebhookFunctions,
	NodeParameterValueType,
} from 'n8n-workflow';

import {
	MASK,
	SECRET_SHAPES,
	maskSecretText,
	maskSecrets,
} from '../../../nodes/HaloPsaComplete/helpers/secrets.ts';
import {
	isSecretField,
	isSecretFieldByFirstRule,
} from '../../../nodes/HaloPsaComplete/helpers/secretFields.ts';
import { shapeRecord } from '../../../nodes/HaloPsaComplete/helpers/simplify.ts';
import type { ResourceDefinition } from '../../../nodes/HaloPsaComplete/helpers/types.ts';
import { toNodeApiError } from '../../../nodes/HaloPsaComplete/transport/errors.ts';
import { ItemOutcomes } from '../../../nodes/HaloPsaComplete/actions/outcomes.ts';
import * as poll from '../../../nodes/HaloPsaComplete/triggers/polling/reader.ts';
import { POLL_SOURCES } from '../../../nodes/HaloPsaComplete/triggers/polling/sources.ts';
import { HaloPsaCompleteTrigger } from '../../../nodes/HaloPsaComplete/HaloPsaCompleteTrigger.node.ts';
import { credentialsDigest } from '../../../nodes/HaloPsaComplete/triggers/webhook/basicAuth.ts';
import { SANDBOX_RESOURCES, sandboxResource } from '../../../sandbox/resources.mjs';
import { HaloSandbox } from '../../../sandbox/server.mjs';
import { demoSeed, secretSeed } from '../../../sandbox/seed.mjs';
import { ROOT, readHaloIndex } from '../support/haloIndex.mts';

const NODE: INode = {
	id: 'n',
	name: 'Halo',
	type: 'haloPsaComplete',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The members of n8n's webhook context the trigger's `webhook` uses, with n8n's own types. */
type FakeWebhookFunctions = Pick<
	IWebhookFunctions,
	| 'getWorkflowStaticData'
	| 'getHeaderData'
	| 'getWorkflow'
	| 'getNode'
	| 'getNodeParameter'
	| 'getBodyData'
	| 'getMode'
	| 'getCredentials'
>;

/** The fake as the full interface `webhook`'s `this` asks for (it implements the members used). */
function asWebhookFunctions(context: FakeWebhookFunctions): IWebhookFunctions {
	return context as unknown as IWebhookFunctions;
}

/** An object's or array's members by key (array indexes as text); none for anything else. */
function membersOf(value: unknown): Map<string, unknown> {
	return typeof value === 'object' && value !== null
		? new Map<string, unknown>(Object.entries(value))
		: new Map<string, unknown>();
}

/** The value at a path of keys (`customfields`, `0`, `value`), or undefined. */
function valueAt(value: unknown, ...path: string[]): unknown {
	return path.reduce((at, key) => membersOf(at).get(key), value);
}

/** A JSON Web Token: base64url JSON header and payload, then a signature. */
function jwt(payload: IDataObject): string {
	const part = (value: IDataObject): string =>
		Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('by name: the secret words with a prefix or a suffix', () => {
	test('siblings of listed names are secrets, their text masked', () => {
		const record = {
			new_integration_key: 'k1',
			new_integration_key2: 'k2',
			new_webhook_signature: 's',
			integration_webhook_key3: 'k3',
			old_sageauthcode: 'c',
			pkce_verifier: 'v',
			basic_auth_salt2: 'salt',
			jwt: 'j',
		};
		assert.deepEqual(
			maskSecrets(record),
			Object.fromEntries(Object.keys(record).map((key) => [key, MASK])),
		);
		for (const key of ['new_integration_key2', 'new_webhook_signature', 'jwt', '_verifier'])
			assert.ok(!isSecretFieldByFirstRule(key) && isSecretField(key), key);
	});

	test('only text is masked by name: flags, counters and dates under secret names stay', () => {
		const record = {
			tokenexpiry: '2026-12-31T00:00:00',
			token_created: '2026-01-02 03:04:05',
			password_changed: '2026-01-02',
			passwordneverexpires: true,
			forcestrongpasswords: false,
			token_count: 3,
			new_integration_key2: 0,
			keywords: 'password, reset, token',
			signature: 'Kind regards, the service desk',
			product_key_hint: 'see licence',
		};
		assert.equal(maskSecrets(record), record);
	});
});

describe('by shape, under any name and at any depth', () => {
	test('a JSON Web Token, whole or inside a text', () => {
		const token = jwt({ sub: 'agent' });
		const masked = maskSecrets({ a: { b: [{ c: token }] }, note: `used ${token} here` });
		assert.deepEqual(masked, { a: { b: [{ c: MASK }] }, note: `used ${MASK} here` });
	});

	test('a private key block (PEM); a certificate stays', () => {
		const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----';
		const certificate = '-----BEGIN CERTIFICATE-----\nMIIBOgIBAAJBAK\n-----END CERTIFICATE-----';
		assert.deepEqual(maskSecrets({ key, certificate }), { key: MASK, certificate });
		assert.equal(maskSecretText(`key: ${key.slice(0, 40)}`), `key: ${MASK}`);
	});

	test('Bearer and Basic credentials; "Basic" and "bearer" in prose stay', () => {
		const basic = `Basic ${Buffer.from('agent:pa55word').toString('base64')}`;
		assert.equal(maskSecretText(`Authorization: ${basic}`), `Authorization: ${MASK}`);
		assert.equal(
			maskSecretText('Authorization: Bearer 0a1b2c3d4e5f6a7b8c9d'),
			`Authorization: ${MASK}`,
		);
		for (const prose of [
			'Microsoft 365 Business Basic Subscription2024',
			'Basic MicrosoftBusinessSubscription',
			'The bearer of this document is entitled to support',
		])
			assert.equal(maskSecretText(prose), prose);
	});

	test('passwords in connection strings and URLs, secrets in URL queries; other parts stay', () => {
		assert.equal(
			maskSecretText('Server=db;Database=halo;User Id=sa;Password=hunter2;'),
			`Server=db;Database=halo;User Id=sa;Password=${MASK};`,
		);
		assert.equal(
			maskSecretText('https://agent:s3cret@example.com/path?page=2&access_token=abc&x=1'),
			`https://agent:${MASK}@example.com/path?page=2&access_token=${MASK}&x=1`,
		);
		const plain = 'https://example.com/path?page=2&token_type=bearer';
		assert.equal(maskSecretText(plain), plain);
	});

	test('vendor keys: Stripe, Slack, GitHub, Google', () => {
		for (const key of [
			'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
			'xoxb-123456789012-abcdefABCDEF',
			'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
			'AIzaSyA1234567890abcdefghijklmnopqrstuv',
		])
			assert.equal(maskSecretText(`key ${key}`), `key ${MASK}`, key);
	});

	test('a token object under any name: its token masked, what describes it kept', () => {
		const connection = {
			token_type: 'Bearer',
			value: 'opaque',
			expires_in: 3600,
			scope: 'all',
			issued: '2026-01-01',
		};
		assert.deepEqual(maskSecrets({ connection }), {
			connection: { ...connection, value: MASK },
		});
		const notToken = { token_type: 'numeric', value: '5' };
		assert.equal(maskSecrets({ setting: notToken }).setting, notToken);
	});

	test("a token record (an application's tokens): its payload and reference masked", () => {
		const token = {
			id: 'token-1',
			type: 'access_token',
			status: 'valid',
			subject: '7',
			payload: 'CfDJ8opaque',
			referenceId: 'handle',
			creationDate: '2026-11-01T00:00:00',
		};
		assert.deepEqual(maskSecrets({ displayName: 'Portal', tokens: [token] }), {
			displayName: 'Portal',
			tokens: [{ ...token, payload: MASK, referenceId: MASK }],
		});
		const notToken = { type: 'ticket', payload: 'plain' };
		assert.equal(maskSecrets({ rows: [notToken] }).rows[0], notToken);
	});

	test('an object under a secret name: every text in it masked', () => {
		const record = {
			refresh_token: { value: 'r', created: '2026-01-01', id: 4 },
			tokens: [{ name: 'x' }],
		};
		assert.deepEqual(maskSecrets(record), {
			refresh_token: { value: MASK, created: '2026-01-01', id: 4 },
			tokens: [{ name: 'x' }],
		});
	});

	test('a token payload kept as JSON text: masked inside, still JSON', () => {
		const text = JSON.stringify({ access_token: 'a', expires_in: 60 });
		assert.deepEqual(JSON.parse(maskSecrets({ data: text }).data), {
			access_token: MASK,
			expires_in: 60,
		});
		const harmless = JSON.stringify({ name: 'a', count: 2 });
		assert.equal(maskSecretText(harmless), harmless);
	});
});

describe('encrypted custom fields', () => {
	const record = {
		id: 1,
		customfields: [
			{ id: 7, label: 'Door Code', value: '4711', display: '4711', isencrypted: true },
			{ id: 8, label: 'PIN', value: 1234, isencrypted: true },
			{ id: 9, label: 'Tier', value: 'Gold', isencrypted: false },
		],
	};

	test('in the customfields array: value and display masked, numbers too; others stay', () => {
		assert.deepEqual(maskSecrets(record).customfields, [
			{ id: 7, label: 'Door Code', value: MASK, display: MASK, isencrypted: true },
			{ id: 8, label: 'PIN', value: MASK, isencrypted: true },
			record.customfields[2],
		]);
	});

	test('Custom Fields by Label: masked before the flag is dropped, shown with Include Secrets', () => {
		const resource: ResourceDefinition = {
			value: 'client',
			displayName: 'Client',
			path: '/Client',
			owner: { kind: 'client' },
			idType: 'number',
			pages: true,
		};
		const shape = { simplify: false, fields: [], customFieldsByLabel: true };
		const flat = shapeRecord(resource, record, shape);
		assert.deepEqual(
			{ door: flat['Door Code'], pin: flat.PIN, tier: flat.Tier },
			{ door: MASK, pin: MASK, tier: 'Gold' },
		);
		const shown = shapeRecord(resource, record, { ...shape, includeSecrets: true });
		assert.deepEqual({ door: shown['Door Code'], pin: shown.PIN }, { door: '4711', pin: 1234 });
	});
});

describe('errors carry no secret', () => {
	const token = jwt({ sub: 'x' });

	test("Halo's 400 words: a secret it echoed by name or by shape is masked", () => {
		const echoed = toNodeApiError(
			NODE,
			{
				status: 400,
				body: { new_client_secret: 'client-secret-1', note: `bad ${token}` },
				message: 'x',
			},
			{ method: 'POST', path: '/IntegrationConfiguration' },
		);
		const words = `${echoed.message} ${echoed.description} ${JSON.stringify(echoed.cause ?? null)}`;
		assert.ok(!words.includes('client-secret-1') && !words.includes(token), words);
		assert.match(echoed.message, /new_client_secret: \*{8}/);
	});

	test("an item's error (Continue On Fail, or the run's stop) quotes no secret", () => {
		const outcomes = new ItemOutcomes(true, NODE);
		outcomes.failed(
			0,
			new NodeOperationError(NODE, `Bad answer ${token}`, {
				description: `Bearer 0a1b2c3d4e5f6a7b8c9d0e`,
			}),
		);
		assert.throws(
			() => outcomes.output(1),
			(error: unknown) =>
				(error instanceof NodeApiError || error instanceof NodeOperationError) &&
				typeof error.description === 'string' &&
				!`${error.message}${error.description}`.includes(token) &&
				!error.description.includes('0a1b2c3d4e5f6a7b8c9d0e') &&
				error.message.includes(MASK),
		);
	});
});

// The measurement. Every field the rules after the first (secret words, shapes, token objects,
// values under a secret's name, encrypted custom fields) mask that the first did not, over Halo's
// document (property names; its 2024-09 version has no example values) and the sandbox's
// records, must be a row of docs/secrets.md's reviewed table, and every row must be measured.

/** Why a masked value is masked, for a field the first rule left visible. */
function reason(
	path: string[],
	key: string,
	original: unknown,
	masked: unknown,
	parents: Array<Map<string, unknown>>,
): string {
	if (typeof original === 'string' && /^\s*[[{]/.test(original))
		return 'JSON text holding a secret';
	if (typeof original === 'string' && masked !== MASK) {
		const shape = SECRET_SHAPES.find(({ pattern }) =>
			new RegExp(pattern.source, pattern.flags).test(original),
		);
		return `shape: ${shape?.name ?? 'unknown'}`;
	}
	if (isSecretField(key)) return 'name';
	const parent = parents[parents.length - 1];
	if (parent?.get('isencrypted') === true) return 'encrypted custom field';
	// An OAuth token answer (token_type) or a token record (OpenIddictToken: type).
	const tokenType =
		/^(access_token|refresh_token|id_token|authorization_code|device_code|user_code)$/;
	if (typeof parent?.get('token_type') === 'string' || tokenType.test(String(parent?.get('type'))))
		return 'token object';
	if (path.slice(0, -1).some((step) => isSecretField(step))) return "under a secret's name";
	const shape = SECRET_SHAPES.find(({ pattern }) =>
		new RegExp(pattern.source, pattern.flags).test(String(original)),
	);
	return `shape: ${shape?.name ?? 'unknown'}`;
}

/** Leaves of `original` that `maskSecrets` changed and the first rule would not have. */
function newlyMasked(where: string, original: unknown): string[] {
	const rows: string[] = [];
	const walk = (
		value: unknown,
		masked: unknown,
		path: string[],
		parents: Array<Map<string, unknown>>,
	): void => {
		if (value === masked) return;
		if (typeof value === 'object' && value !== null) {
			const members = membersOf(value);
			const maskedMembers = membersOf(masked);
			for (const [key, member] of members)
				walk(member, maskedMembers.get(key), [...path, key], [...parents, members]);
			return;
		}
		const key = String(path[path.length - 1]);
		const firstRule = typeof value === 'string' && value !== '' && isSecretFieldByFirstRule(key);
		if (firstRule) return;
		const field = path.filter((step) => !/^\d+$/.test(step)).join('.');
		rows.push(`${where} | \`${field}\` | ${reason(path, key, value, masked, parents)}`);
	};
	walk(original, maskSecrets(original), [], []);
	return rows;
}

function measured(): string[] {
	const rows = new Set<string>();
	const index = readHaloIndex();
	for (const types of Object.values(index.schemas))
		for (const [type, names] of Object.entries(types)) {
			if (typeof names !== 'string') continue;
			const holdsText = type === 'string' || type.startsWith('object') || type.startsWith('array');
			for (const name of names.split(' ')) {
				if (!name || !holdsText || !isSecretField(name)) continue;
				if (type === 'string' && isSecretFieldByFirstRule(name)) continue;
				rows.add(
					`Halo's document | \`${name}\` | ${type === 'string' ? 'name' : `${type.split(':')[0]} under a secret's name`}`,
				);
			}
		}
	// Each seeded record as the sandbox answers a Get with details (encrypted custom fields marked).
	const sandbox = new HaloSandbox();
	const seeds: Array<[string, Record<string, IDataObject[]>]> = [
		['demo', demoSeed()],
		['secrets', secretSeed()],
	];
	for (const [name, seed] of seeds) {
		const tenant = sandbox.addTenant(name, { seed });
		for (const [resource, records] of Object.entries(seed))
			for (const id of records.map((_, index) => index + 1)) {
				const query = { includedetails: 'true' };
				const [record] = sandbox.route(
					tenant,
					sandboxResource(resource),
					resource,
					'GET',
					String(id),
					undefined,
					query,
					undefined,
				);
				assert.equal(typeof record, 'object', `${resource} ${id}`);
				for (const row of newlyMasked(`sandbox ${resource}`, record)) rows.add(row);
			}
	}
	for (const [resource, spec] of Object.entries(SANDBOX_RESOURCES))
		for (const row of newlyMasked(`sandbox ${resource} (defaults)`, spec.defaults ?? {}))
			rows.add(row);
	return [...rows].sort();
}

function documented(): string[] {
	const page = readFileSync(join(ROOT, 'docs/secrets.md'), 'utf8');
	const table = page.slice(
		page.indexOf('<!-- secret-measured:start -->'),
		page.indexOf('<!-- secret-measured:end -->'),
	);
	return [...table.matchAll(/^\| (.+?) \| (`[^`]+`) \| (.+?) \| (.*?) \|$/gm)].map((match) => {
		assert.ok(match[4].trim() !== '', `${match[2]}: say whether it is a secret`);
		return `${match[1]} | ${match[2]} | ${match[3]}`;
	});
}

test('false positives measured: docs/secrets.md reviews every field the new rules mask, and only those', () => {
	assert.deepEqual(documented().sort(), measured());
});

test("Halo's document has no example values to measure (a new version with some must be measured)", (context) => {
	const file = '/work/shared/halopsa-openapi/halo-api-v2-swagger-2024-09.json';
	if (!existsSync(file)) return context.skip('the OpenAPI document is not on this machine');
	const text = readFileSync(file, 'utf8');
	assert.equal((text.match(/"examples?"\s*:/g) ?? []).length, 0);
});

test("The polling trigger's state (kept with the workflow) holds no row content; a state saved before still counts a row as seen", () => {
	const source = POLL_SOURCES.find((candidate) => candidate.value === 'quotes');
	assert.ok(source, 'the polling trigger offers quotes');
	const row = {
		id: 3,
		name: 'Mailbox',
		password: 'imap-pass-1',
		note: `Bearer 0a1b2c3d4e5f6a7b8c9d0e`,
	};
	const first = poll.takeChanges(poll.startState('quotes', 0, 0, ''), source, [row], 0);
	assert.equal(first.changes.length, 1);
	const saved = JSON.stringify(first.next);
	assert.ok(!saved.includes('imap-pass-1') && !saved.includes('0a1b2c3d4e5f6a7b8c9d0e'), saved);
	assert.equal(poll.takeChanges(first.next, source, [row], 0).changes.length, 0);
	// A state saved when versions were the row's JSON: the same row is not a change.
	const canonical = (value: unknown): string =>
		Array.isArray(value)
			? `[${value.map(canonical).join(',')}]`
			: typeof value === 'object' && value !== null
				? `{${[...membersOf(value)]
						.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
						.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`)
						.join(',')}}`
				: JSON.stringify(value);
	const old = { ...first.next, seen: { 3: { v: canonical(row), t: null } } };
	const again = poll.takeChanges(old, source, [row], 0);
	assert.equal(again.changes.length, 0);
	assert.ok(!JSON.stringify(again.next).includes('imap-pass-1'));
	assert.equal(poll.takeChanges(old, source, [{ ...row, name: 'Renamed' }], 0).changes.length, 1);
});

test("The webhook trigger's output: an encrypted custom field and a nested token masked; shown with Include Secrets", async () => {
	const basic = { username: 'halo', password: 'delivery-pass' };
	const record = {
		id: 41,
		summary: 'Door access',
		customfields: [
			{ id: 7, label: 'Door Code', value: '4711', isencrypted: true },
			{ id: 8, label: 'Tier', value: 'Gold' },
		],
		integration: { token_type: 'Bearer', value: 'opaque-token', expires_in: 60 },
	};
	const deliver = async (options: IDataObject): Promise<IDataObject> => {
		const staticData: IDataObject = { authDigest: credentialsDigest(basic) };
		const context: FakeWebhookFunctions = {
			getWorkflowStaticData: () => staticData,
			getHeaderData: () => ({
				authorization: `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`,
			}),
			getWorkflow: () => ({ id: `secrets-${Math.random()}`, active: true }),
			getNode: () => ({ ...NODE, id: 'trigger' }),
			getNodeParameter: (name: string, fallback?: NodeParameterValueType | object) =>
				name === 'options' ? options : fallback,
			getBodyData: () => record,
			getMode: () => 'webhook',
			getCredentials: async <T extends object = ICredentialDataDecryptedObject>() => ({}) as T,
		};
		const answer = await new HaloPsaCompleteTrigger().webhook.call(asWebhookFunctions(context));
		assert.ok(answer.workflowData, 'the delivery starts the workflow');
		return answer.workflowData[0][0].json;
	};
	const masked = await deliver({});
	assert.deepEqual(
		[
			valueAt(masked, 'customfields', '0', 'value'),
			valueAt(masked, 'customfields', '1', 'value'),
			valueAt(masked, 'integration', 'value'),
		],
		[MASK, 'Gold', MASK],
	);
	assert.equal(masked.summary, record.summary);
	const shown = await deliver({ includeSecrets: true });
	assert.deepEqual(
		[valueAt(shown, 'customfields', '0', 'value'), valueAt(shown, 'integration', 'value')],
		['4711', 'opaque-token'],
	);
});
