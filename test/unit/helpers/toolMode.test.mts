// The node as an AI tool (issue 18, point 5), from the TypeScript sources: Limit's default as n8n
// resolves it for the tool type n8n makes of the node (its description plus `descriptionType`),
// by node version, and what every operation's description says it needs. Running as a tool inside
// real n8n is test/ai-agent.test.mjs and test/mcp-server.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { NodeHelpers } from '../support/n8nWorkflow.mts';
import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';

import { HaloPsaComplete } from '../../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import {
	isToolNode,
	missingRecordHint,
	moreRecordsNote,
} from '../../../nodes/HaloPsaComplete/helpers/toolMode.ts';
import { RESOURCES } from '../../../nodes/HaloPsaComplete/resources/index.ts';
import { choicesOf, operationSelector } from '../support/form.mts';

const node = new HaloPsaComplete();
const description = node.description;
/** What n8n's convertNodeToAiTool (n8n/dist/tool-generation/ai-tools.js) puts first in a tool's form. */
const DESCRIPTION_TYPE: INodeProperties = {
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

/** The node in a workflow, as n8n hands it over, under the type given. */
function workflowNode(type: string, typeVersion = 1.2, parameters: INodeParameters = {}): INode {
	return { id: 'unit-node', name: 'Halo', type, typeVersion, position: [0, 0], parameters };
}

function resolvedLimit(typeVersion: number, asTool: boolean, parameters: INodeParameters = {}) {
	const properties = asTool
		? [DESCRIPTION_TYPE, ...description.properties]
		: description.properties;
	const halo = workflowNode(
		asTool ? 'CUSTOM.haloPsaCompleteTool' : 'CUSTOM.haloPsaComplete',
		typeVersion,
		{ resource: 'ticket', operation: 'getMany', ...parameters },
	);
	// n8n names the tool type after the node, "Tool" appended: the `@tool` condition reads that.
	const resolved = NodeHelpers.getNodeParameters(properties, halo.parameters, true, false, halo, {
		...description,
		name: asTool ? `${description.name}Tool` : description.name,
		version: typeVersion,
	});
	assert.ok(resolved, 'n8n resolved no parameters');
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
	assert.equal(isToolNode(workflowNode('CUSTOM.haloPsaCompleteTool')), true);
	assert.equal(isToolNode(workflowNode('n8n-nodes-halopsa-complete.haloPsaCompleteTool')), true);
	assert.equal(isToolNode(workflowNode('n8n-nodes-halopsa-complete.haloPsaComplete')), false);
});

test("A tool's notes: how to see more records, and where to find an ID", () => {
	const ticket = RESOURCES.find((resource) => resource.value === 'ticket');
	assert.ok(ticket, 'no ticket resource');
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
	const resourceOf = (selector: INodeProperties) => selector.displayOptions?.show?.resource?.[0];
	for (const selector of operations) {
		for (const option of choicesOf(selector)) {
			const where = `${resourceOf(selector)} › ${option.name}`;
			assert.ok((option.description?.length ?? 0) > 20, `${where} has no description`);
			// Create or Update says what it matches on in its own words; every other one lists its needs.
			if (option.value !== 'upsert')
				assert.match(
					option.description ?? '',
					/\. Needs [^.]+$/,
					`${where}: ${option.description}`,
				);
		}
	}
	const ticketSelector = operations.find((selector) => resourceOf(selector) === 'ticket');
	assert.ok(ticketSelector, 'no Operation parameter for ticket');
	const byValue = Object.fromEntries(
		choicesOf(ticketSelector).map((option) => [option.value, option.description ?? '']),
	);
	assert.match(byValue.addNote, /Needs the ticket's ID \(Ticket ID\), Outcome and Note$/);
	assert.match(byValue.assign, /one of Agent ID, Team ID or Team Name$/);
	assert.match(byValue.update, /at least one field in Update Fields$/);
});

/**
 * What an agent reads, pinned per resource × operation: n8n's automatic tool description (its own
 * getToolDescriptionForNode, from the operation's action) and the operation's description. Issue
 * 29 reshaped the form; neither may change with it. A meant change: regenerate the file.
 */
test('The AI tool descriptions are unchanged (test/unit/tool-descriptions.snapshot.json)', () => {
	const pinned: unknown = JSON.parse(
		readFileSync(
			join(dirname(fileURLToPath(import.meta.url)), '..', 'tool-descriptions.snapshot.json'),
			'utf8',
		),
	);
	const current: Record<string, { tool: string; operation: string | undefined }> = {};
	const resources = description.properties.find((property) => property.name === 'resource');
	assert.ok(resources, 'no Resource parameter');
	for (const resource of choicesOf(resources)) {
		const selector = operationSelector(description.properties, String(resource.value));
		for (const option of choicesOf(selector)) {
			const tool = workflowNode('CUSTOM.haloPsaCompleteTool', 1.2, {
				descriptionType: 'auto',
				resource: resource.value,
				operation: option.value,
			});
			current[`${resource.value}/${option.value}`] = {
				tool: NodeHelpers.getToolDescriptionForNode(tool, node),
				operation: option.description,
			};
		}
	}
	assert.deepEqual(current, pinned);
});
