import { bodyEntries, isSet } from './bodyFlags';
import { ONE_SHOT_FLAGS, REPEATABLE_FLAGS } from './oneShotFlags';
import type { HaloField, OneShot, ResourceDefinition } from './types';

/**
 * One-shot requests (docs/one-shot.md): a request that makes Halo do something once (convert,
 * email, run, approve, create a child record) must never be sent again automatically, since a
 * lost answer does not say whether Halo did it. The rule, pure so that the transport and the
 * tests read the same thing: a request is one-shot when its operation is marked so in the
 * resource definitions, or when anything it posts sets a field marked so, or a flag of Halo's:
 * a `_`-prefixed or `send*` property, unless docs/one-shot.md reviewed it as safe to send twice.
 */

/** Halo reads JSON names without regard to case, so the reviewed lists are compared in lower case. */
const lowerKeys = (list: Readonly<Record<string, string>>) =>
	new Map(Object.entries(list).map(([key, words]) => [key.toLowerCase(), words]));
const ONE_SHOT = lowerKeys(ONE_SHOT_FLAGS);
const REPEATABLE = lowerKeys(REPEATABLE_FLAGS);

/** What to check after a flag the reviewed list has no words for. */
const GENERIC_CHECK = '{record} in HaloPSA';

/** Nested records are judged too (an order's lines carry `_create_ticket`), this deep. */
const MAX_DEPTH = 6;

/** A name Halo gives its instructions rather than its values: `_create_so`, `sendwelcomeemail`. */
export function isFlagShaped(key: string): boolean {
	return key.startsWith('_') || key.toLowerCase().startsWith('send');
}

/** Whether a value sets a flag: one rule with the delete flags' (./bodyFlags.ts says why). */
export { isSet } from './bodyFlags';

/** What a flag of Halo's makes it do once, or undefined when it is safe to send twice. */
export function flagOneShot(key: string): OneShot | undefined {
	if (!isFlagShaped(key)) return undefined;
	const name = key.toLowerCase();
	if (REPEATABLE.has(name)) return undefined;
	return {
		done:
			ONE_SHOT.get(name) ??
			`acted on ${key} for {record} (a flag docs/one-shot.md does not know, so it counts as one-shot)`,
		check: GENERIC_CHECK,
	};
}

/** A one-shot found in a request: the property that makes it one (absent for a marked operation). */
export interface FoundOneShot extends OneShot {
	key?: string;
	/** The record posted (the element of a POST array) that carries the property. */
	element?: Record<string, unknown>;
}

function fieldsOf(resource: ResourceDefinition): HaloField[] {
	return [
		...(resource.create?.required ?? []),
		...(resource.create?.fields ?? []),
		...(resource.update?.fields ?? []),
		...(resource.extraActions ?? []).flatMap((action) => [
			...(action.parameters ?? []),
			...(action.options ?? []),
		]),
	];
}

const markedCache = new WeakMap<ResourceDefinition, Map<string, OneShot>>();

/** The fields a resource's definition marks one-shot, by Halo's name in lower case. */
function markedFields(resource: ResourceDefinition | undefined): Map<string, OneShot> {
	if (!resource) return new Map();
	let marked = markedCache.get(resource);
	if (!marked) {
		marked = new Map(
			fieldsOf(resource)
				.filter((field) => field.oneShot !== undefined)
				.map((field) => [field.key.toLowerCase(), field.oneShot!]),
		);
		markedCache.set(resource, marked);
	}
	return marked;
}

/** The first one-shot in a posted element, walked as the delete flags are (./bodyFlags.ts). */
function search(element: unknown, marked: Map<string, OneShot>): FoundOneShot | undefined {
	for (const { key, value } of bodyEntries(element, MAX_DEPTH)) {
		if (!isSet(value)) continue;
		const oneShot = marked.get(key.toLowerCase()) ?? flagOneShot(key);
		if (oneShot) return { ...oneShot, key };
	}
	return undefined;
}

/**
 * The first one-shot a request body carries (an element, or a record nested in one), judged by
 * the resource's marked fields when the resource is known and by the flag rule always.
 */
export function bodyOneShot(
	body: unknown,
	resource?: ResourceDefinition,
): FoundOneShot | undefined {
	const marked = markedFields(resource);
	for (const element of Array.isArray(body) ? body : [body]) {
		const found = search(element, marked);
		if (found)
			return typeof element === 'object' && element !== null && !Array.isArray(element)
				? { ...found, element: element as Record<string, unknown> }
				: found;
	}
	return undefined;
}

/** The resources whose path a request below /api goes to: `/Quotation/5` → Quotation. */
export function resourcesAtPath(
	resources: Iterable<ResourceDefinition>,
	path: string,
): ResourceDefinition[] {
	const first = (text: string) => text.replace(/^\/+/, '').split('/')[0].toLowerCase();
	const wanted = first(path);
	if (wanted === '') return [];
	return [...resources].filter((resource) => first(resource.path) === wanted);
}

/** The first one-shot of a body posted to a path, judged by every resource at that path. */
export function pathBodyOneShot(
	resources: Iterable<ResourceDefinition>,
	path: string,
	body: unknown,
): FoundOneShot | undefined {
	const at = resourcesAtPath(resources, path);
	for (const resource of at) {
		const found = bodyOneShot(body, resource);
		if (found) return found;
	}
	return at.length === 0 ? bodyOneShot(body) : undefined;
}

/**
 * An item's words when a one-shot request's answer was lost (`reason` follows "but"): what Halo
 * may have done, that it was not sent again, and what to check before running the item again.
 */
export function oneShotWords(
	oneShot: FoundOneShot,
	record: string,
	reason: string,
	created = false,
): string {
	const fill = (text: string) => text.split('{record}').join(record);
	const flag =
		oneShot.key === undefined || oneShot.done.includes(oneShot.key) ? '' : ` (${oneShot.key})`;
	const done = `${created ? `created ${record} and ` : ''}${fill(oneShot.done)}${flag}`;
	const check = !created
		? fill(oneShot.check)
		: oneShot.check === GENERIC_CHECK
			? `HaloPSA for ${record}`
			: `HaloPSA for ${record}, and ${fill(oneShot.check)}`;
	return (
		`HaloPSA may have ${done}, but ${reason}. ` +
		`It was not sent again, so that this is not done twice: check ${check} before running this item again`
	);
}
