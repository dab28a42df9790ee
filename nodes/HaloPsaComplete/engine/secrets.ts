import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { isSecretField } from './secretFields';
import type { HaloField, ResourceDefinition } from './types';

export const MASK = '********';

export function passwordKeys(resource: ResourceDefinition): Set<string> {
	const fields: HaloField[] = [
		...(resource.create?.required ?? []),
		...(resource.create?.fields ?? []),
		...(resource.update?.fields ?? []),
	];
	return new Set(fields.filter((field) => field.kind === 'password').map((field) => field.key));
}

function maskParameters(value: unknown, keys: Set<string>): unknown {
	if (Array.isArray(value)) return value.map((entry) => maskParameters(entry, keys));
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, child]) => [
			key,
			keys.has(key) && typeof child === 'string' && child !== ''
				? MASK
				: maskParameters(child, keys),
		]),
	);
}

/**
 * n8n copies the node, with its parameters, into every error it stores and hands to error
 * workflows; the copy in an error of ours carries no secret the user typed.
 */
export function maskSecretParameters(node: INode, resources: Iterable<ResourceDefinition>): INode {
	const keys = new Set<string>();
	for (const resource of resources) for (const key of passwordKeys(resource)) keys.add(key);
	if (keys.size === 0) return node;
	return { ...node, parameters: maskParameters(node.parameters, keys) as INode['parameters'] };
}

const NO_KEYS: ReadonlySet<string> = new Set();

function isMaskable(value: unknown): boolean {
	return typeof value === 'string' && value !== '';
}

/**
 * The one place Halo's secrets are masked, for every output of every node: each non-empty string
 * under a secret-bearing name (secretFields.ts, documented in docs/secrets.md), at any depth, and
 * under `extraKeys` (fields a resource declares as passwords), becomes `********`. The input is not
 * changed; objects without a secret are returned as they are.
 */
export function maskSecrets<T>(value: T, extraKeys: ReadonlySet<string> = NO_KEYS): T {
	if (Array.isArray(value)) {
		const masked = value.map((entry: unknown) => maskSecrets(entry, extraKeys));
		return (masked.some((entry, index) => entry !== value[index]) ? masked : value) as T;
	}
	if (typeof value !== 'object' || value === null) return value;
	let copy: IDataObject | undefined;
	for (const [key, child] of Object.entries(value as IDataObject)) {
		const secret = isMaskable(child) && (extraKeys.has(key) || isSecretField(key));
		const next = secret ? MASK : maskSecrets(child, extraKeys);
		if (next === child) continue;
		copy ??= { ...(value as IDataObject) };
		copy[key] = next as IDataObject[string];
	}
	return (copy ?? value) as T;
}

/** The option that shows Halo's secrets in the output (off by default), on every node that has them. */
export const INCLUDE_SECRETS_OPTION: INodeProperties = {
	displayName: 'Include Secrets',
	name: 'includeSecrets',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the passwords, tokens, client secrets and keys HaloPSA returns (mailbox and integration passwords, access and refresh tokens…) as they are. Off: they are replaced by ********, so that no later node, AI agent or execution log sees them.',
};
