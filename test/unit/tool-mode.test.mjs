// The node as an AI tool (issue 18, point 5), from the TypeScript sources: Limit's default as n8n
// resolves it for the tool type n8n makes of the node (its description plus `descriptionType`),
// by node version, and what every operation's description says it needs. Running as a tool inside
// real n8n is test/ai-agent.test.mjs and test/mcp-server.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeHelpers } from 'n8n-workflow';

import { HaloPsaComplete } from '../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import {
	isToolNode,
	missingRecordHint,
	moreRecordsNote,
} from '../../nodes/HaloPsaComplete/helpers/toolMode.ts';
import { RESOURCES } from '../../nodes/HaloPsaComplete/resources/index.ts';

const description = new HaloPsaComplete().description;
/** What n8n's convertNodeToAiTool (n8n/dist/tool-generation/ai-tools.js) puts first in a tool's form. */
const DESCRIPTION_TYPE = {
	displayName: 'Tool Description',
	name: 'descriptionType',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Set Automatically', value: 'auto' },
		{ name: 'Set Manually', value: 'manual' },
	],
	default: 'auto',
};

function resolvedLimit(typeVersion, asTool, parameters = {}) {
	const properties = asTool
		? [DESCRIPTION_TYPE, ...description.properties]
		: description.properties;
	const node = {
		name: 'Halo',
		type: asTool ? 'CUSTOM.haloPsaCompleteTool' : 'CUSTOM.haloPsaComplete',
		typeVersion,
		position: [0, 0],
		parameters: { resource: 'ticket', operation: 'getMany', ...parameters },
	};
	// n8n names the tool type after the node, "Tool" appended: the `@tool` condition reads that.
	const resolved = NodeHelpers.getNodeParameters(properties, node.parameters, true, false, node, {
		...description,
		name: asTool ? `${description.name}Tool` : description.name,
		version: typeVersion,
	});
	return resolved.limit;
}

test('Get Many lists 10 as a tool from version 1.2; 50 everywhere else, so saved nodes keep theirs', () => {
	assert.equal(resolvedLimit(1.2, true), 10);
	assert.equal(resolvedLimit(1.2, true, { descriptionType: 'manual' }), 10);
	assert.equal(resolvedLimit(1.1, true), 50);
	assert.equal(resolvedLimit(1, true), 50);
	assert.equal(resolvedLimit(1.2, false), 50);
	assert.equal(resolvedLimit(1.1, false), 50);
	assert.equal(resolvedLimit(1.2, true, { limit: 25 }), 25, 'a Limit set in the node wins');
	assert.equal(resolvedLimit(1.2, true, { returnAll: true }), undefined);
	assert.equal(description.defaultVersion, 1.2);
});

test('A tool is told apart by the type n8n gives it', () => {
	assert.equal(isToolNode({ type: 'CUSTOM.haloPsaCompleteTool' }), true);
	assert.equal(isToolNode({ type: 'n8n-nodes-halopsa-complete.haloPsaCompleteTool' }), true);
	assert.equal(isToolNode({ type: 'n8n-nodes-halopsa-complete.haloPsaComplete' }), false);
});

test("A tool's notes: how to see more records, and where to find an ID", () => {
	const ticket = RESOURCES.find((resource) => resource.value === 'ticket');
	assert.equal(
		moreRecordsNote(ticket, 10),
		'More tickets may match than the 10 returned: narrow the search with the filters, or ask for a higher limit.',
	);
	assert.equal(missingRecordHint(ticket), 'use Ticket › Get Many to find the ID');
	const withoutList = RESOURCES.find((resource) => !resource.getMany);
	if (withoutList) assert.equal(missingRecordHint(withoutList), undefined);
});

test('Every operation of every resource says what it does and what it needs', () => {
	const operations = description.properties.filter((property) => property.name === 'operation');
	assert.equal(operations.length, RESOURCES.length);
	for (const selector of operations) {
		for (const option of selector.options) {
			const where = `${selector.displayOptions.show.resource[0]} › ${option.name}`;
			assert.ok(option.description?.length > 20, `${where} has no description`);
			// Create or Update says what it matches on in its own words; every other one lists its needs.
			if (option.value !== 'upsert')
				assert.match(option.description, /\. Needs [^.]+$/, `${where}: ${option.description}`);
		}
	}
	const ticketOperations = operations.find(
		(selector) => selector.displayOptions.show.resource[0] === 'ticket',
	).options;
	const byValue = Object.fromEntries(ticketOperations.map((option) => [option.value, option]));
	assert.match(
		byValue.addNote.description,
		/Needs the ticket's ID \(Ticket ID\), Outcome and Note$/,
	);
	assert.match(byValue.assign.description, /one of Agent ID, Team ID or Team Name$/);
	assert.match(byValue.update.description, /at least one field in Update Fields$/);
});

/**
 * What an agent reads, pinned per resource × operation: n8n's automatic tool description (its own
 * getToolDescriptionForNode, from the operation's action) and the operation's description. Issue
 * 29 reshaped the form; neither may change with it. A meant change: regenerate the file.
 */
test('The AI tool descriptions are unchanged (test/unit/tool-descriptions.snapshot.json)', () => {
	const pinned = JSON.parse(
		readFileSync(join(import.meta.dirname, 'tool-descriptions.snapshot.json'), 'utf8'),
	);
	const current = {};
	const resources = description.properties.find((property) => property.name === 'resource');
	for (const resource of resources.options) {
		const selector = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		for (const option of selector.options) {
			const node = {
				name: 'Halo',
				type: 'CUSTOM.haloPsaCompleteTool',
				typeVersion: 1.2,
				position: [0, 0],
				parameters: { descriptionType: 'auto', resource: resource.value, operation: option.value },
			};
			current[`${resource.value}/${option.value}`] = {
				tool: NodeHelpers.getToolDescriptionForNode(node, { description }),
				operation: option.description,
			};
		}
	}
	assert.deepEqual(current, pinned);
});
