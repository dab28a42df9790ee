import type { INode } from 'n8n-workflow';

import { pluralNoun } from './nouns';
import type { ResourceDefinition } from './types';

/**
 * The node as an AI tool. n8n offers a `usableAsTool` node under a second type, its name with
 * "Tool" appended (CUSTOM.haloPsaCompleteTool), with a `descriptionType` parameter of its own; the
 * same `execute` runs. `isToolExecution()` is no sign in n8n 2.39: it is true when the MCP Server
 * Trigger runs a tool inside its own step, but the AI Agent (version 3) asks the engine to run its
 * tools as ordinary steps (execution-engine/requests-response.js), where it is false. The type's
 * name is the same on both paths.
 */
export function isToolNode(node: INode): boolean {
	return node.type.endsWith('Tool');
}

/** From this node version a tool's Get Many returns this many records unless Limit says otherwise. */
export const TOOL_LIST_LIMIT = 10;
export const TOOL_DEFAULTS_VERSION = 1.2;

/** Whether the node runs as a tool with the tool defaults of version 1.2 (saved tools keep theirs). */
export function hasToolDefaults(node: INode): boolean {
	return isToolNode(node) && node.typeVersion >= TOOL_DEFAULTS_VERSION;
}

/** The last item of a tool's list that filled its Limit: what to do to see the rest. */
export function moreRecordsNote(resource: ResourceDefinition, limit: number): string {
	return `More ${pluralNoun(resource)} may match than the ${limit} returned: narrow the search with the filters, or ask for a higher limit.`;
}

/** What an agent can do about a record it named by an ID that does not exist. */
export function missingRecordHint(resource: ResourceDefinition): string | undefined {
	return resource.getMany ? `use ${resource.displayName} › Get Many to find the ID` : undefined;
}
