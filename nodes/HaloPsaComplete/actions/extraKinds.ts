import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryProperties, downloadFile, uploadFile } from './binary';
import { customApiCall, customApiCallProperties } from './customApiCall';
import { runReport, runSql } from './report';
import type { ExtraAction, ExtraActionKind, ResourceDefinition } from '../helpers/types';
import type { HaloClient } from '../transport';

type KindRunner = (
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
	id?: string | number,
) => Promise<INodeExecutionData[]>;

interface Kind {
	/** Parameters beyond the action's Halo fields (binary field names, a method and path…). */
	properties?: (resource: ResourceDefinition, action: ExtraAction) => INodeProperties[];
	run: KindRunner;
}

/** The engine modules that run extra actions of each kind (types.ts, ExtraActionKind). */
const KINDS: Record<ExtraActionKind, Kind> = {
	upload: { properties: binaryProperties, run: uploadFile },
	download: { properties: binaryProperties, run: downloadFile },
	runReport: { run: runReport },
	runSql: { run: runSql },
	customApiCall: { properties: customApiCallProperties, run: customApiCall },
};

export function extraKindProperties(
	resource: ResourceDefinition,
	action: ExtraAction,
): INodeProperties[] {
	return action.kind ? (KINDS[action.kind].properties?.(resource, action) ?? []) : [];
}

/** Runs an extra action of a kind; `id` is the record picked when the action needs one. */
export async function runExtraKind(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
	id?: string | number,
): Promise<INodeExecutionData[]> {
	return KINDS[action.kind!].run(client, resource, action, itemIndex, id);
}
