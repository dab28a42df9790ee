import { NodeOperationError } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { maskSecrets } from '../helpers/secrets';
import type { FieldDefinition, ResourceDefinition } from '../helpers/types';
import { readForEditor } from './referenceLoaders';
import type { EditorOptions } from './referenceLoaders';
import type { HaloClient } from '../transport';

/**
 * A resource's custom field definitions (GET /FieldInfo with its `typeid`): listed in the editor by
 * label, and read by the run to check each value (actions/customFields.ts).
 */
/** FieldInfo `type` numbers, in words for the editor and for errors. */
const FIELD_TYPES: Record<number, string> = {
	0: 'text',
	1: 'memo',
	2: 'single selection',
	3: 'multiple selection',
	4: 'date',
	5: 'time',
	6: 'checkbox',
	10: 'rich text',
};

export function fieldTypeName(definition: FieldDefinition): string {
	return FIELD_TYPES[definition.type ?? 0] ?? `type ${String(definition.type)}`;
}

export async function readDefinitions(
	client: HaloClient,
	typeid: number,
	interactive: boolean,
	itemIndex?: number,
): Promise<FieldDefinition[]> {
	const qs = { typeid, includevalues: true };
	const answer = interactive
		? await readForEditor(client, '/FieldInfo', qs)
		: await haloApiRequest(client, { method: 'GET', path: '/FieldInfo', qs, itemIndex });
	if (!Array.isArray(answer)) {
		throw new NodeOperationError(
			client.context.getNode(),
			`HaloPSA did not answer GET /api/FieldInfo with a list: ${JSON.stringify(maskSecrets(answer ?? null)).slice(0, 200)}`,
			{
				itemIndex,
			},
		);
	}
	return (answer as FieldDefinition[]).filter((row) => typeof row.id === 'number');
}

/** The editor's list of the chosen resource's custom fields, by label. */
export function customFieldOptionsMethod(resources: ResourceDefinition[]): EditorOptions {
	const byValue = new Map(resources.map((resource) => [resource.value, resource]));
	return async function (client) {
		const resource = byValue.get(String(client.context.getCurrentNodeParameter('resource')));
		if (resource?.customFieldsType === undefined) return [];
		const definitions = await readDefinitions(client, resource.customFieldsType, true);
		return definitions
			.map((definition) => ({
				name: definition.label || definition.name || `#${definition.id}`,
				value: definition.id,
				description: `${fieldTypeName(definition)}${definition.name ? ` (${definition.name})` : ''}`,
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	};
}
