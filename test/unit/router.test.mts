// Every resource × operation the form offers, run through the node's real `execute` with the
// request function mocked: the request it would send (method, path, query, body) and the items it
// outputs. Expected values are built here from the resource definition's data (path, id type,
// fixed query) and from the values this test sets, by the rules of Halo's API (kept as literals
// in `sample` below), never by calling the engine's own conversion code.
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
	IDataObject,
	IHttpRequestMethods,
	INodeParameters,
	NodeParameterValueType,
} from 'n8n-workflow';

import { HaloPsaComplete } from '../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import type {
	ExtraAction,
	ExtraActionKind,
	HaloField,
	OperationKey,
	ResourceDefinition,
} from '../../nodes/HaloPsaComplete/helpers/types.ts';
import { RESOURCES } from '../../nodes/HaloPsaComplete/resources/index.ts';
import { FullResponse, byId, runNode } from './support/fakeNode.mts';
import type { SentRequest } from './support/fakeNode.mts';
import { operationValues } from './support/form.mts';
import { asRecord, recordsOf, written } from './support/records.mts';

const description = new HaloPsaComplete().description;
const GUID = '3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12';
const MASK = '********';

/** Values by Halo field name, as a test expects Halo to receive them. */
type Values = Record<string, unknown>;

/** A value for a field: as the form holds it, as a body carries it, as a query string carries it. */
interface Sample {
	input: NodeParameterValueType;
	body: unknown;
	query: string;
}

/** What a request must be; query values are compared as text. */
interface ExpectedRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: Values;
	body?: unknown;
}

/** The operation values the form offers for a resource. */
const formOperations = (resource: ResourceDefinition) =>
	operationValues(description.properties, resource.value);

function numberWithin(field: HaloField): number {
	const low = field.minValue ?? 1;
	const high = field.maxValue ?? Number.MAX_SAFE_INTEGER;
	return Math.min(Math.max(5, low), high);
}

/** A value for one field, chosen so each kind's conversion shows. Custom fields are left out (they read Halo first). */
function sample(field: HaloField): Sample | undefined {
	if (field.kind === 'customFields') return undefined;
	const text = `v-${field.key}`;
	if (field.ref?.picker === 'list') {
		// A resource locator "By ID" holds text: a number field sends it as a number.
		if (field.kind === 'number') return { input: byId('5'), body: 5, query: '5' };
		return { input: byId(text), body: text, query: text };
	}
	switch (field.kind) {
		case 'number': {
			const value = numberWithin(field);
			return { input: value, body: value, query: String(value) };
		}
		case 'boolean':
			return { input: true, body: true, query: 'true' };
		case 'dateTime':
			return {
				input: '2026-03-31T09:00:00Z',
				body: '2026-03-31T09:00:00Z',
				query: '2026-03-31T09:00:00Z',
			};
		case 'color':
			return { input: ' #E83C4A ', body: '#E83C4A', query: ' #E83C4A ' };
		case 'options': {
			const value = field.options?.[0]?.value ?? text;
			return { input: value, body: value, query: String(value) };
		}
		case 'multiOptions': {
			const values = field.options ? field.options.slice(0, 2).map((o) => o.value) : [text];
			return { input: values, body: values, query: values.join(',') };
		}
		case 'json': {
			const value =
				field.jsonShape === 'array'
					? [Object.fromEntries((field.elementIdKeys ?? ['id']).map((key) => [key, 1]))]
					: { a: 1, b: 'two' };
			return { input: JSON.stringify(value, null, 2), body: value, query: JSON.stringify(value) };
		}
		case 'idList':
			return { input: '12, 15,,22 ', body: [12, 15, 22], query: '12,15,22' };
		default:
			return { input: text, body: text, query: text };
	}
}

/** The sample of a field the test must set. */
function sampled(field: HaloField): Sample {
	const value = sample(field);
	assert.ok(value, `${field.key}: required field with no sample`);
	return value;
}

/** The optional fields a test can set, skipping keys already set otherwise. */
function settable(fields: HaloField[] | undefined, taken: HaloField[] = []): HaloField[] {
	const keys = new Set(taken.map((field) => field.key));
	return (fields ?? []).filter((field) => !keys.has(field.key) && sample(field) !== undefined);
}

/** Parameters and their expected body and query values for a list of fields set at the top level. */
function setAll(fields: HaloField[] | undefined): {
	parameters: INodeParameters;
	body: Values;
	query: Values;
} {
	const parameters: INodeParameters = {};
	const body: Values = {};
	const query: Values = {};
	for (const field of fields ?? []) {
		const value = sampled(field);
		parameters[field.key] = value.input;
		body[field.key] = value.body;
		query[field.key] = value.query;
	}
	return { parameters, body, query };
}

/** Every one of these optional fields set in a collection, and what Halo must receive for them. */
function allOptions(fields: HaloField[]): { option: INodeParameters; body: Values; query: Values } {
	const { parameters, body, query } = setAll(fields);
	return { option: parameters, body, query };
}

const recordId = (resource: ResourceDefinition) => (resource.idType === 'string' ? GUID : 7);

/** Query values as they travel: text. */
function asText(qs: Values | undefined): Record<string, string> | undefined {
	if (qs === undefined) return undefined;
	return Object.fromEntries(Object.entries(qs).map(([key, value]) => [key, String(value)]));
}

function assertRequest(actual: SentRequest, expected: ExpectedRequest): void {
	assert.deepEqual({ ...actual, qs: asText(actual.qs) }, { ...expected, qs: asText(expected.qs) });
}

function masked(resource: ResourceDefinition, record: Values): Values {
	const secret = [
		...(resource.create?.required ?? []),
		...(resource.create?.fields ?? []),
		...(resource.update?.fields ?? []),
	]
		.filter((field) => field.kind === 'password')
		.map((field) => field.key);
	return Object.fromEntries(
		Object.entries(record).map(([key, value]) => [
			key,
			secret.includes(key) && value !== '' ? MASK : value,
		]),
	);
}

const paired = (json: Values) => ({ json, pairedItem: { item: 0 } });

/** Halo's answer to a write: what was posted (an array of records, or one record), each record answered. */
function answerEach(body: unknown, answer: (record: IDataObject) => IDataObject): unknown {
	return Array.isArray(body) ? recordsOf(body).map(answer) : answer(asRecord(body));
}

/** The part of a definition a check needs (its Create, Update…): the test fails without it. */
function definitionOf<T>(value: T | undefined, what: string): T {
	assert.ok(value, what);
	return value;
}

async function checkCreate(resource: ResourceDefinition): Promise<void> {
	const create = definitionOf(resource.create, `${resource.value} has no Create`);
	const required = setAll(create.required);
	const extra = allOptions(settable(create.fields, create.required));
	const record = { ...extra.body, ...required.body };
	const { requests, output } = await runNode({
		parameters: {
			resource: resource.value,
			operation: 'create',
			...required.parameters,
			additionalFields: extra.option,
		},
		respond: ({ body }) => answerEach(body, (r) => ({ ...r, id: 501 })),
	});
	assert.equal(requests.length, 1);
	assertRequest(requests[0], {
		method: 'POST',
		path: `/api${resource.path}`,
		body: create.bodyIsObject ? record : [record],
	});
	assert.deepEqual(output, [paired(masked(resource, { ...record, id: 501 }))]);
}

/** A list the values hold under a key, if they hold one there. */
function listAt(values: Values, key: string): unknown[] | undefined {
	const value = values[key];
	return Array.isArray(value) ? value : undefined;
}

async function checkUpdate(resource: ResourceDefinition): Promise<void> {
	const update = definitionOf(resource.update, `${resource.value} has no Update`);
	const id = recordId(resource);
	const required = setAll(update.required);
	const changes = settable(update.fields, update.required);
	const changed = allOptions(changes);
	const parameters: INodeParameters = {
		resource: resource.value,
		operation: 'update',
		[`${resource.value}Id`]: byId(String(id)),
		...required.parameters,
		updateFields: changed.option,
	};
	if (changes.length === 0) {
		await assert.rejects(runNode({ parameters }), /Add at least one Update Field/);
		return;
	}
	// Halo replaces these arrays whole: an update that sets them reads the record's current
	// entries first and sends them back (only id and value) with the given ones.
	const current = {
		customfields: [{ id: 99, value: 'old', name: 'CFOld', display: 'Old' }],
		fields: [{ id: 98, value: 'kept', label: 'Kept' }],
	};
	const merged = Object.fromEntries(
		Object.entries(current).flatMap(([key, [first]]) => {
			const given = listAt(changed.body, key);
			return given ? [[key, [{ id: first.id, value: first.value }, ...given]]] : [];
		}),
	);
	const wholeArrays = Object.keys(merged);
	const record = { id, ...required.body, ...changed.body, ...merged };
	const { requests, output } = await runNode({
		parameters,
		respond: ({ method, body }) => {
			if (method === 'GET') return { id, ...current };
			return answerEach(body, (r) => ({ ...r, done: 1 }));
		},
	});
	const post: ExpectedRequest = {
		method: 'POST',
		path: `/api${resource.path}`,
		body: update.bodyIsObject ? record : [record],
	};
	if (wholeArrays.length) {
		assert.equal(requests.length, 2);
		assertRequest(requests[0], {
			method: 'GET',
			path: `/api${resource.path}/${id}`,
			qs: { includedetails: true },
		});
		assertRequest(requests[1], post);
	} else {
		assert.equal(requests.length, 1);
		assertRequest(requests[0], post);
	}
	assert.deepEqual(output, [paired(masked(resource, { ...record, done: 1 }))]);
}

async function checkGet(resource: ResourceDefinition): Promise<void> {
	const get = definitionOf(resource.get, `${resource.value} has no Get`);
	const id = recordId(resource);
	const required = setAll(get.required);
	const option = allOptions(settable(get.options, get.required));
	const answer = { id, name: 'Returned', not_simplified: 'kept with Simplify off' };
	const { requests, output } = await runNode({
		typeVersion: 1,
		parameters: {
			resource: resource.value,
			operation: 'get',
			[`${resource.value}Id`]: byId(String(id)),
			...required.parameters,
			options: option.option,
		},
		respond: () => answer,
	});
	assert.equal(requests.length, 1);
	assertRequest(requests[0], {
		method: 'GET',
		path: `/api${resource.path}/${id}`,
		qs: { ...option.query, ...required.query },
	});
	assert.deepEqual(output, [paired(answer)]);
	// Node version 1.1 simplifies by default: the definition's fields people use, nothing else.
	const kept = resource.simplified ?? [
		'id',
		resource.nameField ?? 'name',
		...(resource.create?.required ?? []).map((field) => field.key),
	];
	const full = { ...Object.fromEntries(kept.map((key) => [key, `value of ${key}`])), zz_other: 1 };
	const simplified = await runNode({
		parameters: {
			resource: resource.value,
			operation: 'get',
			[`${resource.value}Id`]: byId(String(id)),
			...required.parameters,
		},
		respond: () => full,
	});
	assert.deepEqual(simplified.output, [
		paired(Object.fromEntries(kept.map((key) => [key, `value of ${key}`]))),
	]);
}

async function checkGetMany(resource: ResourceDefinition): Promise<void> {
	const getMany = definitionOf(resource.getMany, `${resource.value} has no Get Many`);
	const required = setAll(getMany.required);
	const filter = allOptions(settable(getMany.filters, getMany.required));
	const rows = [
		{ id: 1, name: 'First' },
		{ id: 2, name: 'Second' },
	];
	const { requests, output } = await runNode({
		typeVersion: 1,
		parameters: {
			resource: resource.value,
			operation: 'getMany',
			...required.parameters,
			filters: filter.option,
		},
		respond: () => (resource.listKey ? { record_count: 2, [resource.listKey]: rows } : rows),
	});
	assert.equal(requests.length, 1);
	const paging = resource.pages ? { pageinate: true, page_size: 50, page_no: 1 } : { count: 50 };
	assertRequest(requests[0], {
		method: 'GET',
		path: `/api${resource.path}`,
		qs: { ...getMany.fixedQuery, ...filter.query, ...required.query, ...paging },
	});
	assert.deepEqual(output, rows.map(paired));
}

async function checkDelete(resource: ResourceDefinition): Promise<void> {
	const definition = definitionOf(resource.delete, `${resource.value} has no Delete`);
	const id = recordId(resource);
	const required = setAll(definition.required);
	const option = allOptions(settable(definition.options, definition.required));
	const { requests, output } = await runNode({
		parameters: {
			resource: resource.value,
			operation: 'delete',
			[`${resource.value}Id`]: byId(String(id)),
			...required.parameters,
			options: option.option,
		},
		respond: () => '',
	});
	assert.equal(requests.length, 1);
	assertRequest(requests[0], {
		method: 'DELETE',
		path: `/api${resource.path}/${id}`,
		qs: { ...option.query, ...required.query },
	});
	assert.deepEqual(output, [paired({ id, deleted: true })]);
}

/** Create or Update: a match is updated by its id; no match is created. */
async function checkUpsert(resource: ResourceDefinition): Promise<void> {
	const create = definitionOf(resource.create, `${resource.value} has no Create`);
	const upsert = definitionOf(resource.upsert, `${resource.value} has no Create or Update`);
	const matcher = upsert.matchOn[0];
	const required = setAll(create.required);
	const matchField = [...create.required, ...create.fields].find(
		(field) => field.key === matcher.field,
	);
	assert.ok(matchField, `${matcher.field} is not a create field`);
	const matchValue = sampled(matchField);
	const additional: INodeParameters = create.required.includes(matchField)
		? {}
		: { [matchField.key]: matchValue.input };
	const record: Values = { ...required.body, [matchField.key]: matchValue.body };
	const parameters: INodeParameters = {
		resource: resource.value,
		operation: 'upsert',
		...required.parameters,
		additionalFields: additional,
	};
	const paging = resource.pages ? { pageinate: true, page_size: 100, page_no: 1 } : { count: 201 };
	// The parents Create needs narrow the list, and the matched row is under the same ones.
	const parents = upsert.parents ?? [];
	const listQuery: Values = {
		...upsert.fixedQuery,
		...Object.fromEntries(
			parents
				.filter((parent) => parent.filter)
				.map((parent) => [parent.filter, record[parent.field]]),
		),
		...matcher.fixedQuery,
		[matcher.filter]: matchValue.query,
		...paging,
	};
	const sameParents = Object.fromEntries(parents.map(({ field }) => [field, record[field]]));
	const updated = { ...record };
	for (const { field } of parents) delete updated[field];
	const candidates: Values[][] = [
		[],
		[{ id: 41, [matcher.field]: matchValue.body, ...sameParents }],
	];
	for (const existing of candidates) {
		const { requests, output } = await runNode({
			parameters,
			respond: ({ method, body }) => {
				if (method === 'GET') return resource.listKey ? { [resource.listKey]: existing } : existing;
				return Array.isArray(body) ? written(body, 600) : body;
			},
		});
		const element = existing.length ? { ...updated, id: 41 } : record;
		assert.equal(requests.length, 2);
		assertRequest(requests[0], { method: 'GET', path: `/api${resource.path}`, qs: listQuery });
		assertRequest(requests[1], {
			method: 'POST',
			path: `/api${resource.path}`,
			body: create.bodyIsObject ? element : [element],
		});
		assert.deepEqual(output, [
			paired({
				...element,
				id: existing.length ? 41 : 600,
				upsertOutcome: existing.length ? 'updated' : 'created',
			}),
		]);
	}
}

/** An extra action sent as one request: its body built as the definition says. */
async function checkExtraAction(resource: ResourceDefinition, action: ExtraAction): Promise<void> {
	const id = action.needsId ? recordId(resource) : undefined;
	const parameters: INodeParameters = { resource: resource.value, operation: action.value };
	if (id !== undefined) parameters[`${resource.value}Id`] = byId(String(id));
	const values: Values = {};
	for (const field of action.parameters ?? []) {
		const value = sample(field);
		if (!value) continue;
		parameters[field.key] = value.input;
		values[field.key] = value.body;
	}
	const option = allOptions(settable(action.options, action.parameters));
	if (action.options?.length) parameters.options = option.option;
	Object.assign(values, option.body);
	let spread: unknown = {};
	if (action.spread !== undefined && values[action.spread] !== undefined) {
		spread = values[action.spread];
		delete values[action.spread];
		Object.assign(values, spread);
	}
	let body: unknown;
	if (action.body === 'idInArray')
		body = [{ ...values, ...action.fixedBody, [action.idKey ?? 'id']: id }];
	if (action.body === 'jsonParameter')
		body = sampled(definitionOf(action.parameters?.[0], `${action.value} has no parameter`)).body;
	if (action.body === 'spreadObject') body = spread;
	const answer = { id: 900, done: true };
	const { requests, output } = await runNode({ parameters, respond: () => answer });
	assert.equal(requests.length, 1);
	const expected: ExpectedRequest = {
		method: action.method,
		path: `/api${action.path.replace('{id}', String(id ?? ''))}`,
	};
	if (body !== undefined) expected.body = body;
	assertRequest(requests[0], expected);
	assert.deepEqual(output, [paired(answer)]);
}

const STANDARD: Partial<Record<string, (resource: ResourceDefinition) => Promise<void>>> = {
	create: checkCreate,
	update: checkUpdate,
	get: checkGet,
	getMany: checkGetMany,
	delete: checkDelete,
	upsert: checkUpsert,
};

/** Actions run by an engine module rather than as one request, each checked by what it does. */
const KIND_CHECKS: Record<
	ExtraActionKind,
	(resource: ResourceDefinition, action: ExtraAction) => Promise<void>
> = {
	/** Upload: the item's binary file posted as base64 with its name and type; the answer without the file. */
	async upload(resource, action) {
		const content = Buffer.from('invoice body');
		const { requests, output } = await runNode({
			parameters: {
				resource: resource.value,
				operation: action.value,
				ticket_id: byId('12'),
				binaryPropertyName: 'data',
				options: { action_id: 3 },
			},
			items: [
				{
					json: {},
					binary: {
						data: {
							data: content.toString('base64'),
							fileName: 'invoice.pdf',
							mimeType: 'application/pdf',
						},
					},
				},
			],
			respond: ({ body }) => recordsOf(body).map((r) => ({ ...r, id: 77 })),
		});
		const sent = {
			ticket_id: 12,
			action_id: 3,
			filename: 'invoice.pdf',
			content_type: 'application/pdf',
			data_base64: content.toString('base64'),
		};
		assert.equal(requests.length, 1);
		assertRequest(requests[0], { method: 'POST', path: `/api${action.path}`, body: [sent] });
		const { data_base64: _file, ...withoutFile } = sent;
		assert.deepEqual(output, [paired({ ...withoutFile, id: 77 })]);
	},
	/** Download: Halo's file into the binary field named, with its name and type from the headers. */
	async download(resource, action) {
		const content = Buffer.from('%PDF-1.7 body');
		const { requests, output } = await runNode({
			parameters: {
				resource: resource.value,
				operation: action.value,
				[`${resource.value}Id`]: byId('9'),
				binaryPropertyName: 'file',
			},
			respond: () =>
				new FullResponse(Readable.from([content]), {
					'content-type': 'application/pdf',
					'content-disposition': 'attachment; filename="report.pdf"',
				}),
		});
		assert.equal(requests.length, 1);
		assertRequest(requests[0], { method: 'GET', path: `/api${action.path.replace('{id}', '9')}` });
		assert.equal(output.length, 1);
		assert.deepEqual(output[0].json, {
			id: 9,
			filename: 'report.pdf',
			content_type: 'application/pdf',
			filesize: content.length,
		});
		assert.equal(output[0].binary?.file?.data, content.toString('base64'));
		assert.equal(output[0].binary?.file?.fileName, 'report.pdf');
	},
	/** Run: the saved report with loadreport and the options as query; its rows, one item each. */
	async runReport(resource, action) {
		const rows = [{ Faultid: 1 }, { Faultid: 2 }];
		const { requests, output } = await runNode({
			parameters: {
				resource: resource.value,
				operation: action.value,
				[`${resource.value}Id`]: byId('31'),
				options: { client_id: 4, reportingperiodstartdate: '2026-01-01T00:00:00Z' },
			},
			respond: () => ({ report: { rows } }),
		});
		assert.equal(requests.length, 1);
		assertRequest(requests[0], {
			method: 'GET',
			path: '/api/Report/31',
			qs: { client_id: 4, reportingperiodstartdate: '2026-01-01T00:00:00Z', loadreport: true },
		});
		assert.deepEqual(output, rows.map(paired));
	},
	/** Run SQL: one read-only query posted to the report engine; a write is refused before any request. */
	async runSql(resource, action) {
		const rows = [{ n: 1 }];
		const sql = 'SELECT Faultid, Symptom FROM Faults WHERE Status = 1';
		const { requests, output } = await runNode({
			parameters: { resource: resource.value, operation: action.value, sql: `  ${sql}\n` },
			respond: () => ({ report: { rows } }),
		});
		assert.equal(requests.length, 1);
		assertRequest(requests[0], {
			method: 'POST',
			path: '/api/Report',
			body: [{ _loadreportonly: true, sql }],
		});
		assert.deepEqual(output, rows.map(paired));
		const refused = runNode({
			parameters: { resource: resource.value, operation: action.value, sql: 'DELETE FROM Faults' },
			respond: () => assert.fail('a refused query reached HaloPSA'),
		});
		await assert.rejects(refused, /The query was not sent/);
	},
	/** Make a Request: the method, path, query and JSON body as given, below /api on the credential's host. */
	async customApiCall(resource, action) {
		const { requests, output } = await runNode({
			parameters: {
				resource: resource.value,
				operation: action.value,
				method: 'POST',
				path: '/KBArticle',
				query: { parameter: [{ name: 'dry', value: 'no' }] },
				body: '[{"name": "New name"}]',
			},
			respond: () => [{ id: 3, name: 'New name' }],
		});
		assert.equal(requests.length, 1);
		assertRequest(requests[0], {
			method: 'POST',
			path: '/api/KBArticle',
			qs: { dry: 'no' },
			body: [{ name: 'New name' }],
		});
		assert.deepEqual(output, [paired({ id: 3, name: 'New name' })]);
	},
};

const STANDARD_OPERATIONS: OperationKey[] = ['create', 'delete', 'get', 'getMany', 'update'];

/** What a definition says the form offers: its standard operations, Create or Update, its extra actions. */
function definedOperations(resource: ResourceDefinition): string[] {
	const standard = STANDARD_OPERATIONS.filter((key) => resource[key] !== undefined);
	const upsert = resource.upsert && resource.create ? ['upsert'] : [];
	const extra = (resource.extraActions ?? []).map((action) => action.value);
	return [...standard, ...upsert, ...extra].sort();
}

describe('every resource × operation, against a mocked request function', () => {
	for (const resource of RESOURCES) {
		describe(resource.value, () => {
			test('the form offers exactly the operations of the definition', () => {
				assert.deepEqual([...formOperations(resource)].sort(), definedOperations(resource));
			});
			for (const operation of formOperations(resource)) {
				const action = resource.extraActions?.find((candidate) => candidate.value === operation);
				test(operation, async () => {
					if (action?.kind) {
						const check = KIND_CHECKS[action.kind];
						assert.ok(check, `no check for actions of kind "${action.kind}"`);
						return check(resource, action);
					}
					if (action) return checkExtraAction(resource, action);
					const check = STANDARD[operation];
					assert.ok(check, `no check for operation "${operation}"`);
					return check(resource);
				});
			}
		});
	}
});
