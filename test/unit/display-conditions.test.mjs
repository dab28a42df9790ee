// Every display condition names a parameter that exists at its level. n8n 1.x orders a form's
// parameters by their display conditions (`getParameterResolveOrder` in n8n-workflow) and, on a
// condition naming a parameter missing from that level, loops until it gives up: "Could not resolve
// parameter dependencies. Max iterations reached!", for every workflow holding the node. n8n 2.x
// skips such a condition, so only this test (and the compatibility run, `npm run test:compat`)
// sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { HaloPsaCompleteOAuth2Api } from '../../credentials/HaloPsaCompleteOAuth2Api.credentials.ts';
import { HaloPsaComplete } from '../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { HaloPsaCompletePollingTrigger } from '../../nodes/HaloPsaComplete/HaloPsaCompletePollingTrigger.node.ts';
import { HaloPsaCompleteTrigger } from '../../nodes/HaloPsaComplete/HaloPsaCompleteTrigger.node.ts';

/** The special conditions both n8n lines know (`@feature` is 2.x only: 1.x reads it as false). */
const SPECIAL_CONDITIONS = new Set(['@version', '@tool']);

function isProperty(child) {
	return 'type' in child;
}

/** The levels below a parameter: a collection's options, each fixedCollection group's values. */
function childLevels(property) {
	if (property.type === 'collection') return [property.options.filter(isProperty)];
	if (property.type === 'fixedCollection')
		return property.options.filter((group) => 'values' in group).map((group) => group.values);
	return [];
}

function conditionNames(property) {
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	return [...new Set([...Object.keys(show), ...Object.keys(hide)])];
}

/** Each condition that names no parameter at its own level ("/name" names one at the root). */
export function danglingConditions(properties, where) {
	const rootNames = new Set(properties.map((property) => property.name));
	const problems = [];
	const visit = (level, path) => {
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
	visit(properties, '');
	return [...new Set(problems)];
}

const FORMS = [
	['action node', new HaloPsaComplete().description.properties],
	['webhook trigger', new HaloPsaCompleteTrigger().description.properties],
	['polling trigger', new HaloPsaCompletePollingTrigger().description.properties],
	['credential', new HaloPsaCompleteOAuth2Api().properties],
];

for (const [where, properties] of FORMS) {
	test(`Every display condition of the ${where} names a parameter at its level`, () => {
		const problems = danglingConditions(properties, where);
		assert.deepEqual(problems, [], problems.slice(0, 20).join('\n'));
	});
}

test('The check finds a condition on a missing parameter, at the top and inside a collection', () => {
	const form = [
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
