// The form as saved workflows depend on it: every parameter's name (as a path), type, default,
// option values and display conditions, for the action node per resource × operation, both
// triggers and the credential. Labels and descriptions are left out: they may change freely.
// One line per parameter, sorted, so that a change reads as a short diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
	ICredentialType,
	IDisplayOptions,
	INodeProperties,
	INodeType,
	NodeParameterValueType,
} from 'n8n-workflow';

import { HaloPsaCompleteOAuth2Api } from '../../../credentials/HaloPsaCompleteOAuth2Api.credentials.ts';
import { HaloPsaComplete } from '../../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { HaloPsaCompletePollingTrigger } from '../../../nodes/HaloPsaComplete/HaloPsaCompletePollingTrigger.node.ts';
import { HaloPsaCompleteTrigger } from '../../../nodes/HaloPsaComplete/HaloPsaCompleteTrigger.node.ts';
import { isChoice, isGroup, isProperty } from './form.mts';

export const SNAPSHOT_FILE = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'form.snapshot.json',
);
export const UPDATE_COMMAND = 'npm run snapshot:update';

type Show = IDisplayOptions['show'];

/** What the snapshot holds of one parameter, or `{ type: 'group' }` for a fixedCollection's group. */
export interface PinnedParameter {
	type: string;
	default?: NodeParameterValueType;
	options?: Array<string | number | boolean | undefined>;
	modes?: string[];
	multipleValues?: true;
	show?: Show;
	hide?: IDisplayOptions['hide'];
}

/** Parameter paths ("haloPsaComplete client/create name") and what each holds. */
export type FormSnapshot = Record<string, PinnedParameter>;

function optionValues(property: INodeProperties): PinnedParameter['options'] {
	if (property.type !== 'options' && property.type !== 'multiOptions') return undefined;
	return property.options?.map((option) => (isChoice(option) ? option.value : undefined));
}

/**
 * What a saved workflow depends on in one parameter: its type, default, option values (not their
 * labels), locator modes, whether it holds several values, and its display conditions (for the
 * action node, those besides resource and operation, which are in the path).
 */
function entryFor(property: INodeProperties, show: Show): PinnedParameter {
	const entry: PinnedParameter = { type: property.type, default: property.default };
	const options = optionValues(property);
	if (options) entry.options = options;
	if (property.modes) entry.modes = property.modes.map((mode) => mode.name);
	if (property.typeOptions?.multipleValues) entry.multipleValues = true;
	if (show && Object.keys(show).length) entry.show = show;
	if (property.displayOptions?.hide) entry.hide = property.displayOptions.hide;
	return entry;
}

/** A parameter and what it holds (collection options, fixedCollection groups), as paths. */
function addProperty(
	snapshot: FormSnapshot,
	prefix: string,
	property: INodeProperties,
	show: Show,
): void {
	if (property.type === 'notice') return;
	const path = `${prefix}${property.name}`;
	if (snapshot[path] !== undefined) throw new Error(`two parameters at ${path}`);
	snapshot[path] = entryFor(property, show);
	if (property.type !== 'collection' && property.type !== 'fixedCollection') return;
	for (const child of property.options ?? []) {
		if (isProperty(child)) {
			addProperty(snapshot, `${path}.`, child, child.displayOptions?.show);
		} else if (isGroup(child)) {
			snapshot[`${path}.${child.name}`] = { type: 'group' };
			for (const value of child.values)
				addProperty(snapshot, `${path}.${child.name}.`, value, value.displayOptions?.show);
		}
	}
}

/** A condition other than resource and operation goes into the path, so both variants are kept apart. */
function otherConditions(show: Show): Show {
	const rest = Object.fromEntries(
		Object.entries(show ?? {}).filter(([key]) => key !== 'resource' && key !== 'operation'),
	);
	return Object.keys(rest).length ? rest : undefined;
}

/** The action node: each parameter under every resource × operation that shows it. */
function actionNode(snapshot: FormSnapshot, node: INodeType): void {
	const name = node.description.name;
	for (const property of node.description.properties) {
		const show = property.displayOptions?.show;
		const resources = show?.resource ?? ['*'];
		const operations = show?.operation ?? ['*'];
		const others = otherConditions(show);
		const suffix = others ? ` ${JSON.stringify(others)}` : '';
		for (const resource of resources) {
			for (const operation of operations) {
				const scope = resource === '*' ? `${name} ` : `${name} ${resource}/${operation} `;
				addProperty(snapshot, scope, { ...property, name: `${property.name}${suffix}` }, undefined);
			}
		}
	}
}

function plainNode(snapshot: FormSnapshot, node: INodeType): void {
	for (const property of node.description.properties)
		addProperty(snapshot, `${node.description.name} `, property, property.displayOptions?.show);
}

function credential(snapshot: FormSnapshot, type: ICredentialType): void {
	for (const property of type.properties)
		addProperty(snapshot, `credential ${type.name} `, property, property.displayOptions?.show);
}

/** The form as the code builds it now. */
export function currentSnapshot(): FormSnapshot {
	const snapshot: FormSnapshot = {};
	actionNode(snapshot, new HaloPsaComplete());
	plainNode(snapshot, new HaloPsaCompleteTrigger());
	plainNode(snapshot, new HaloPsaCompletePollingTrigger());
	credential(snapshot, new HaloPsaCompleteOAuth2Api());
	return snapshot;
}

/** One parameter per line, keys sorted: JSON that diffs line by line. */
export function serialize(snapshot: FormSnapshot): string {
	const lines = Object.keys(snapshot)
		.sort()
		.map((key) => `\t${JSON.stringify(key)}: ${JSON.stringify(snapshot[key])}`);
	return `{\n${lines.join(',\n')}\n}\n`;
}

export function readSnapshot(): FormSnapshot {
	return JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8'));
}

export function writeSnapshot(snapshot: FormSnapshot): void {
	writeFileSync(SNAPSHOT_FILE, serialize(snapshot));
}

/** Every difference, per parameter path: what the snapshot holds and what the code builds now. */
export function differences(pinned: FormSnapshot, current: FormSnapshot): string[] {
	const keys = [...new Set([...Object.keys(pinned), ...Object.keys(current)])].sort();
	const lines: string[] = [];
	for (const key of keys) {
		const old = pinned[key] === undefined ? undefined : JSON.stringify(pinned[key]);
		const now = current[key] === undefined ? undefined : JSON.stringify(current[key]);
		if (old === now) continue;
		if (old === undefined) lines.push(`+ ${key}\n    new: ${now}`);
		else if (now === undefined) lines.push(`- ${key}\n    was: ${old}`);
		else lines.push(`~ ${key}\n    was: ${old}\n    now: ${now}`);
	}
	return lines;
}
