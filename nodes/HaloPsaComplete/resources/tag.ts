import type { HaloField, ResourceDefinition } from '../helpers/types';
import { includeDetailsOption } from './common';
import { REF } from './references';

/** Tag fields, with their HaloPSA (`Tag`) names. */
const tagText: HaloField = { key: 'text', label: 'Tag', kind: 'string', hint: 'Text of the tag' };
const tagFields: HaloField[] = [
	{
		key: 'add_to_kbid',
		label: 'Add to Article ID',
		kind: 'number',
		ref: REF.kbArticle,
		hint: 'ID of a knowledge base article to put the tag on',
	},
];

export const tag: ResourceDefinition = {
	value: 'tag',
	displayName: 'Tag',
	description: 'Tags put on knowledge base articles and other records',
	schemaEntity: 'Tag',
	path: '/Tags',
	owner: { kind: 'reference' },
	idType: 'number',
	nameField: 'text',
	pages: false,
	create: { required: [tagText], fields: tagFields },
	get: { options: [includeDetailsOption] },
	// Halo's document gives the list no parameters.
	getMany: { filters: [] },
	update: { fields: [tagText, ...tagFields] },
	delete: {},
};
