import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption } from './common';
import { REF } from './references';

/** Survey response fields, with their HaloPSA (`Feedback`) names: what a user answered about a ticket. */
const feedbackFields: HaloField[] = [
	{
		key: 'ticket_id',
		label: 'Ticket ID',
		kind: 'number',
		ref: REF.ticket,
		hint: 'ID of the ticket the response is about',
	},
	{ key: 'score', kind: 'number', hint: 'Score the user gave, on the survey’s scale' },
	{ key: 'comment', kind: 'text', hint: 'What the user wrote' },
	{ key: 'date', kind: 'dateTime', hint: 'When the user answered' },
];

export const feedback: ResourceDefinition = {
	value: 'feedback',
	displayName: 'Feedback',
	singular: 'survey response',
	plural: 'survey responses',
	description: 'Users’ satisfaction survey responses about tickets',
	schemaEntity: 'Feedback',
	path: '/Feedback',
	owner: { kind: 'parent', parents: [{ field: 'ticket_id', resource: 'ticket' }] },
	idType: 'number',
	nameField: 'comment',
	pages: false,
	create: createFrom(feedbackFields, ['ticket_id', 'score']),
	get: { options: [includeDetailsOption] },
	// Halo's document gives the list no parameters.
	getMany: { filters: [] },
	update: { fields: feedbackFields },
	delete: {},
};
