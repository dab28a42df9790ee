import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { DEFAULT_NODE_VERSION, NODE_VERSIONS, nodeProperties } from './description';
import { executeResources } from './router';
import { editorMethods } from './methods';
import { DEFAULT_RESOURCE, RESOURCES } from './resources';
import { CREDENTIAL_TYPE } from './transport';

const RESOURCES_BY_VALUE = new Map(RESOURCES.map((resource) => [resource.value, resource]));

export class HaloPsaComplete implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Complete',
		name: 'haloPsaComplete',
		icon: { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: DEFAULT_NODE_VERSION,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with HaloPSA clients, tickets, assets, invoices and more',
		defaults: { name: 'HaloPSA Complete' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: nodeProperties(RESOURCES, DEFAULT_RESOURCE),
	};

	methods = editorMethods(RESOURCES, DEFAULT_RESOURCE);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeResources.call(this, RESOURCES_BY_VALUE);
	}
}
