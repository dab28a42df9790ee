import type { INodeProperties } from 'n8n-workflow';

/**
 * Says each thing once. Every resource's form is built on its own (its parameters all shown for
 * that resource alone); a parameter that is the same for several resources in everything but that
 * condition (Return All, Simplify, More Filters, the write options…) is then kept once, shown for
 * all of them. n8n reads `show.resource` as "any of these", so each resource × operation shows
 * exactly what it showed before, while the editor downloads, parses and checks far fewer
 * parameters. Other conditions (operation, `@version`, …) are part of what must be the
 * same: a parameter shown for different operations on different resources is kept once per
 * operation set.
 *
 * Order matters twice: the panel lists a resource's parameters in the description's order, and of
 * parameters with the same name n8n uses the first one shown. So each resource's parameters keep
 * their order: a parameter is shared only with one placed after the resource's previous parameter,
 * and one that is not shared is placed just before the resource's next shared one.
 */
export function shareAcrossResources(forms: INodeProperties[][]): INodeProperties[] {
	const placed: Placed[] = [];
	for (const form of forms) {
		let last = -1;
		let waiting: Placed[] = [];
		for (const property of form) {
			const own = placedOnce(property);
			const at =
				own.key === undefined
					? -1
					: placed.findIndex((entry, index) => index > last && entry.key === own.key);
			if (at === -1) {
				waiting.push(own);
				continue;
			}
			placed.splice(at, 0, ...waiting);
			last = at + waiting.length;
			waiting = [];
			placed[last].resources.push(...own.resources);
		}
		placed.push(...waiting);
	}
	return placed.map(shownFor);
}

interface Placed {
	/** The parameter with its resource condition left out; undefined: never shared. */
	key: string | undefined;
	property: INodeProperties;
	resources: string[];
}

function placedOnce(property: INodeProperties): Placed {
	const show = property.displayOptions?.show;
	const resources = show?.resource;
	if (!show || !Array.isArray(resources)) return { key: undefined, property, resources: [] };
	const rest = { ...show };
	delete rest.resource;
	const key = JSON.stringify({
		...property,
		displayOptions: { ...property.displayOptions, show: rest },
	});
	return { key, property, resources: resources.map(String) };
}

function shownFor({ key, property, resources }: Placed): INodeProperties {
	if (key === undefined) return property;
	const displayOptions = property.displayOptions ?? {};
	// Spread then set: `resource` keeps its place among the conditions.
	return {
		...property,
		displayOptions: { ...displayOptions, show: { ...displayOptions.show, resource: resources } },
	};
}
