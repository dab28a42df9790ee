import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Knowledge base article fields, with their HaloPSA (`KBEntry`) names. */
const kbArticleFields: HaloField[] = [
	{ key: 'name', label: 'Title', kind: 'string', hint: 'Title of the article' },
	{ key: 'description', kind: 'text', hint: 'The problem or question the article answers' },
	{ key: 'resolution', kind: 'text', hint: 'The answer or fix' },
	{ key: 'description_html', label: 'Description (HTML)', kind: 'text', hint: 'The description as HTML, instead of plain Description' },
	{ key: 'resolution_html', label: 'Resolution (HTML)', kind: 'text', hint: 'The resolution as HTML, instead of plain Resolution' },
	{ key: 'internalmemoagent', label: 'Agent Note', kind: 'text', hint: 'Internal note shown to agents only' },
	{ key: 'type', label: 'Article Type', kind: 'number', hint: 'Number of the article type, as set up in Halo' },
	{ key: 'tag_string', label: 'Tags', kind: 'string', placeholder: 'e.g. vpn,remote', hint: 'Comma-separated tags' },
	{ key: 'link', kind: 'string', placeholder: 'e.g. https://docs.example.com/vpn', hint: 'Link to more about the topic' },
	{ key: 'ticket_id', label: 'Ticket ID', kind: 'number', ref: REF.ticket, hint: 'ID of the ticket the article was written from' },
	{ key: 'inactive', kind: 'boolean', hint: 'Whether the article is inactive (hidden)' },
	{ key: 'showforall', label: 'Show for All', kind: 'boolean', hint: 'Whether every user may read the article' },
	{ key: 'next_review_date', label: 'Next Review Date', kind: 'dateTime', hint: 'When the article is next due for review' },
	{ key: 'limit_start_date', label: 'Visible From', kind: 'dateTime', hint: 'First day the article is shown' },
	{ key: 'limit_end_date', label: 'Visible Until', kind: 'dateTime', hint: 'Last day the article is shown' },
	{
		key: 'faqlists',
		label: 'FAQ Lists (JSON)',
		kind: 'json',
		jsonShape: 'array',
		elementIdKeys: ['id'],
		default: '[]',
		hint: 'FAQ lists the article is filed in, as Halo takes them: [{"id": 3}]',
	},
];

export const kbArticle: ResourceDefinition = {
	value: 'kbArticle',
	displayName: 'Knowledge Base Article',
	description: 'Articles of the knowledge base that agents and users read',
	schemaEntity: 'KBEntry',
	path: '/KBArticle',
	listKey: 'articles',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'name', 'description', 'resolution', 'type', 'tag_string', 'inactive', 'date_created', 'date_edited', 'next_review_date'],
	create: createFrom(kbArticleFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search the articles for' },
			{ key: 'type', label: 'Article Type', kind: 'number', hint: 'Only articles of this type' },
			{ key: 'faqlists', label: 'FAQ List IDs', kind: 'idList', hint: 'Only articles in these FAQ lists' },
			{ key: 'client_id', label: 'Client ID', kind: 'number', ref: REF.client, hint: 'Only articles this client may read' },
			{ key: 'site_id', label: 'Site ID', kind: 'number', ref: REF.site, hint: 'Only articles this site may read' },
			{ key: 'related_to_ticket', label: 'Related to Ticket ID', kind: 'number', ref: REF.ticket, hint: 'Only articles related to this ticket' },
			{ key: 'includeinactive', label: 'Include Inactive', kind: 'boolean', hint: 'Whether to include inactive articles' },
			...orderFilters,
		],
	},
	update: { fields: kbArticleFields },
	delete: {},
};
