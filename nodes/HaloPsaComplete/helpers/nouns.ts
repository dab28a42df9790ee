import type { ResourceDefinition } from './types';

/** The record in running text: "ticket status". */
export function singularNoun(resource: ResourceDefinition): string {
	return resource.singular ?? resource.displayName.toLowerCase();
}

/** More than one record in running text: "ticket statuses", "field info records". */
export function pluralNoun(resource: ResourceDefinition): string {
	if (resource.plural) return resource.plural;
	const one = singularNoun(resource);
	if (/(s|x|z|ch|sh)$/.test(one)) return `${one}es`;
	if (/[^aeiou]y$/.test(one)) return `${one.slice(0, -1)}ies`;
	return `${one}s`;
}

/** "a client", "an invoice": the article follows the sound of the first letter. */
export function withArticle(noun: string): string {
	return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "ticket status" → "Ticket status": the start of a placeholder or sentence. */
export function capitalised(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
