// The node's form. Pinned: parameter names, types, defaults, option values and display conditions
// are an API (saved workflows hold them, and n8n saves only what differs from a default), so any
// difference from the committed snapshot fails here, listed per parameter path. Each resource's
// form whole though shared parameters are said once; the form's size; the loaders it names; and
// every display condition naming a parameter that exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { HaloPsaCompleteOAuth2Api } from '../../credentials/HaloPsaCompleteOAuth2Api.credentials.ts';
import { HaloPsaComplete } from '../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { HaloPsaCompletePollingTrigger } from '../../nodes/HaloPsaComplete/HaloPsaCompletePollingTrigger.node.ts';
import { HaloPsaCompleteTrigger } from '../../nodes/HaloPsaComplete/HaloPsaCompleteTrigger.node.ts';
import { resourceProperties } from '../../nodes/HaloPsaComplete/description.ts';
import { RESOURCES } from '../../nodes/HaloPsaComplete/resources/index.ts';
import { isGroup, isProperty } from './support/form.mts';
import {
	currentSnapshot,
	differences,
	readSnapshot,
	UPDATE_COMMAND,
} from './support/formSnapshot.mts';

test('the form matches test/unit/form.snapshot.json', () => {
	const changes = differences(readSnapshot(), currentSnapshot());
	assert.ok(
		changes.length === 0,
		`${changes.length} parameter(s) differ from the snapshot:\n${changes.join('\n')}\n\n` +
			`A rename breaks saved workflows. If the change is meant, run \`${UPDATE_COMMAND}\` and commit the snapshot's diff.`,
	);
});

test('the snapshot holds every resource × operation, both triggers and the credential', () => {
	const keys = Object.keys(readSnapshot());
	for (const prefix of [
		'haloPsaComplete client/create name',
		'haloPsaComplete ticket/getMany limit {"returnAll":[false]}',
		'haloPsaCompleteTrigger events',
		'haloPsaCompletePollingTrigger resource',
		'credential haloPsaCompleteOAuth2Api url',
	])
		assert.ok(keys.includes(prefix), `${prefix} is not in the snapshot`);
	for (const resource of RESOURCES)
		assert.ok(keys.includes(`haloPsaComplete ${resource.value}/* operation`), resource.value);
});

// ---- Issue 29: each thing said once ------------------------------------------------------------

const node = new HaloPsaComplete();
const { properties } = node.description;

/** The parameters the node shows for one resource, as that resource's own form words them. */
function shownFor(resource: string): INodeProperties[] {
	return properties.flatMap((property) => {
		const show = property.displayOptions?.show;
		if (!show?.resource?.includes(resource)) return [];
		return [
			{
				...property,
				displayOptions: { ...property.displayOptions, show: { ...show, resource: [resource] } },
			},
		];
	});
}

test('Said once, shown the same: every resource shows its own form whole, in its order, labels and hints included', () => {
	for (const resource of RESOURCES)
		assert.deepEqual(shownFor(resource.value), resourceProperties(resource), resource.value);
	const shared = properties.filter(
		(property) => (property.displayOptions?.show?.resource?.length ?? 0) > 1,
	);
	assert.ok(shared.length > 0, 'no parameter is shared');
});

test('The form stays light: at most 700 top-level parameters and under 1 MB of JSON', () => {
	const bytes = Buffer.byteLength(JSON.stringify(new HaloPsaComplete().description));
	assert.ok(properties.length <= 700, `${properties.length} top-level parameters`);
	assert.ok(bytes < 1_000_000, `${bytes} bytes`);
});

/** A loader a parameter names: its kind, its name, and the parameter (with the locator mode). */
type NamedLoader = ['loadOptions' | 'listSearch', string, string];

/** Each loader a parameter names (at any depth: collections, groups, locator modes). */
function loaderNames(level: INodeProperties[], found: NamedLoader[] = []): NamedLoader[] {
	for (const property of level) {
		const { loadOptionsMethod, searchListMethod } = property.typeOptions ?? {};
		if (loadOptionsMethod) found.push(['loadOptions', loadOptionsMethod, property.name]);
		if (searchListMethod) found.push(['listSearch', searchListMethod, property.name]);
		for (const mode of property.modes ?? []) {
			const search = mode.typeOptions?.searchListMethod;
			if (search) found.push(['listSearch', search, `${property.name} (${mode.name})`]);
		}
		for (const child of property.options ?? []) {
			if (isProperty(child)) loaderNames([child], found);
			else if (isGroup(child)) loaderNames(child.values, found);
		}
	}
	return found;
}

test('Every loader a parameter names is one the node has (some are spelled out for the scanner)', () => {
	const found = loaderNames(node.description.properties);
	assert.ok(found.some(([, name]) => name === 'apiRequestMethods'));
	const missing = found.filter(
		([kind, name]) => typeof node.methods?.[kind]?.[name] !== 'function',
	);
	assert.deepEqual(missing, []);
});

// ---- Display conditions ------------------------------------------------------------------------
// Every display condition names a parameter that exists at its level. n8n 1.x orders a form's
// parameters by their display conditions (`getParameterResolveOrder` in n8n-workflow) and, on a
// condition naming a parameter missing from that level, loops until it gives up: "Could not resolve
// parameter dependencies. Max iterations reached!", for every workflow holding the node. n8n 2.x
// skips such a condition, so only these tests (and the compatibility run, `npm run test:compat`)
// see it.

/** The special conditions both n8n lines know (`@feature` is 2.x only: 1.x reads it as false). */
const SPECIAL_CONDITIONS = new Set(['@version', '@tool']);

/** What the check reads of a parameter: its name, type, conditions, and what it holds. */
type ConditionedParameter = Pick<
	INodeProperties,
	'name' | 'type' | 'default' | 'displayOptions'
> & {
	options?: Array<
		| ConditionedParameter
		| INodePropertyOptions
		| (Pick<INodePropertyCollection, 'name'> & { values: ConditionedParameter[] })
	>;
};

/** The levels below a parameter: a collection's options, each fixedCollection group's values. */
function childLevels(property: ConditionedParameter): ConditionedParameter[][] {
	const children = property.options ?? [];
	if (property.type === 'collection')
		return [children.flatMap((child) => ('type' in child ? [child] : []))];
	if (property.type === 'fixedCollection')
		return children.flatMap((group) => ('values' in group ? [group.values] : []));
	return [];
}

function conditionNames(property: ConditionedParameter): string[] {
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	return [...new Set([...Object.keys(show), ...Object.keys(hide)])];
}

/** Each condition that names no parameter at its own level ("/name" names one at the root). */
function danglingConditions(form: ConditionedParameter[], where: string): string[] {
	const rootNames = new Set(form.map((property) => property.name));
	const problems: string[] = [];
	const visit = (level: ConditionedParameter[], path: string) => {
		const names = new Set(level.map((property) => property.name));
		for (const property of level) {
			for (const name of conditionNames(property)) {
				const known = name.startsWith('@')
					? SPECIAL_CONDITIONS.has(name)
					: name.startsWith('/')
						? rootNames.has(name.slice(1).split('.')[0])
						: names.has(name);
				if (!known) problems.push(`${where} ${path}${property.name}: condition on "${name}"`);
			}
			for (const child of childLevels(property)) visit(child, `${path}${property.name}.`);
		}
	};
	visit(form, '');
	return [...new Set(problems)];
}

const FORMS: Array<[string, INodeProperties[]]> = [
	['action node', properties],
	['webhook trigger', new HaloPsaCompleteTrigger().description.properties],
	['polling trigger', new HaloPsaCompletePollingTrigger().description.properties],
	['credential', new HaloPsaCompleteOAuth2Api().properties],
];

for (const [where, form] of FORMS) {
	test(`Every display condition of the ${where} names a parameter at its level`, () => {
		const problems = danglingConditions(form, where);
		assert.deepEqual(problems, [], problems.slice(0, 20).join('\n'));
	});
}

test('The check finds a condition on a missing parameter, at the top and inside a collection', () => {
	const form: ConditionedParameter[] = [
		{ name: 'resource', type: 'options', options: [], default: '' },
		{ name: 'limit', type: 'number', default: 50, displayOptions: { show: { descrType: ['x'] } } },
		{ name: 'tool', type: 'number', default: 1, displayOptions: { hide: { '@tool': [true] } } },
		{ name: 'odd', type: 'number', default: 1, displayOptions: { show: { '@feature': ['x'] } } },
		{
			name: 'options',
			type: 'collection',
			default: {},
			options: [
				{ name: 'a', type: 'string', default: '' },
				{ name: 'b', type: 'string', default: '', displayOptions: { show: { a: ['x'] } } },
				{ name: 'c', type: 'string', default: '', displayOptions: { show: { resource: ['x'] } } },
				{
					name: 'd',
					type: 'string',
					default: '',
					displayOptions: { show: { '/resource': ['x'] } },
				},
			],
		},
	];
	assert.deepEqual(danglingConditions(form, 'form'), [
		'form limit: condition on "descrType"',
		'form odd: condition on "@feature"',
		'form options.c: condition on "resource"',
	]);
});
