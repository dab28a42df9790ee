// The form pinned: parameter names, types, defaults, option values and display conditions are
// an API (saved workflows hold them, and n8n saves only what differs from a default). Any
// difference from the committed snapshot fails here, listed per parameter path.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { HaloPsaComplete } from '../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
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
