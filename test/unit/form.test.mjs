// The form pinned: parameter names, types, defaults, option values and display conditions are
// an API (saved workflows hold them, and n8n saves only what differs from a default). Any
// difference from the committed snapshot fails here, listed per parameter path.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { HaloPsaComplete } from '../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { resourceProperties } from '../../nodes/HaloPsaComplete/description.ts';
import { shareAcrossResources } from '../../nodes/HaloPsaComplete/descriptions/shareProperties.ts';
import { RESOURCES } from '../../nodes/HaloPsaComplete/resources/index.ts';
import {
	currentSnapshot,
	differences,
	readSnapshot,
	UPDATE_COMMAND,
} from './support/formSnapshot.mjs';

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

const { properties } = new HaloPsaComplete().description;

/** The parameters the node shows for one resource, as that resource's own form words them. */
function shownFor(resource) {
	return properties
		.filter((property) => property.displayOptions?.show?.resource?.includes(resource))
		.map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { ...property.displayOptions.show, resource: [resource] },
			},
		}));
}

test('Said once, shown the same: every resource shows its own form whole, in its order, labels and hints included', () => {
	for (const resource of RESOURCES)
		assert.deepEqual(shownFor(resource.value), resourceProperties(resource), resource.value);
	const shared = properties.filter(
		(property) => property.displayOptions?.show?.resource?.length > 1,
	);
	assert.ok(shared.length > 0, 'no parameter is shared');
});

test('The form stays light: at most 700 top-level parameters and under 1 MB of JSON', () => {
	const bytes = Buffer.byteLength(JSON.stringify(new HaloPsaComplete().description));
	assert.ok(properties.length <= 700, `${properties.length} top-level parameters`);
	assert.ok(bytes < 1_000_000, `${bytes} bytes`);
});

test('A parameter is shared only where each resource keeps its order; different ones stay apart', () => {
	const parameter = (name, resource, more = {}) => ({
		displayName: name,
		name,
		type: 'string',
		default: '',
		displayOptions: { show: { resource: [resource], operation: ['get'] } },
		...more,
	});
	const shared = shareAcrossResources([
		[parameter('x', 'a'), parameter('y', 'a')],
		[parameter('y', 'b'), parameter('x', 'b')],
		[parameter('x', 'c'), parameter('z', 'c'), parameter('y', 'c')],
		[parameter('x', 'd', { default: 'other' })],
	]);
	const order = (resource) =>
		shared
			.filter((property) => property.displayOptions.show.resource.includes(resource))
			.map((property) => property.name);
	assert.deepEqual(order('a'), ['x', 'y']);
	assert.deepEqual(order('b'), ['y', 'x']);
	assert.deepEqual(order('c'), ['x', 'z', 'y']);
	assert.deepEqual(order('d'), ['x']);
	assert.deepEqual(
		shared.map((property) => [property.name, property.displayOptions.show.resource]),
		[
			['x', ['a', 'c']],
			['z', ['c']],
			['y', ['a', 'b', 'c']],
			['x', ['b']],
			['x', ['d']],
		],
	);
});

/** Each loader a parameter names (at any depth: collections, groups, locator modes). */
function loaderNames(properties, found = []) {
	for (const property of properties) {
		const { loadOptionsMethod, searchListMethod } = property.typeOptions ?? {};
		if (loadOptionsMethod) found.push(['loadOptions', loadOptionsMethod, property.name]);
		if (searchListMethod) found.push(['listSearch', searchListMethod, property.name]);
		for (const mode of property.modes ?? []) {
			const search = mode.typeOptions?.searchListMethod;
			if (search) found.push(['listSearch', search, `${property.name} (${mode.name})`]);
		}
		for (const child of property.options ?? []) {
			if ('type' in child) loaderNames([child], found);
			else if ('values' in child) loaderNames(child.values, found);
		}
	}
	return found;
}

test('Every loader a parameter names is one the node has (some are spelled out for the scanner)', () => {
	const node = new HaloPsaComplete();
	const found = loaderNames(node.description.properties);
	assert.ok(found.some(([, name]) => name === 'apiRequestMethods'));
	const missing = found.filter(([kind, name]) => typeof node.methods[kind]?.[name] !== 'function');
	assert.deepEqual(missing, []);
});
