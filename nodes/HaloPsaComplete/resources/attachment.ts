import type { HaloField, ResourceDefinition } from '../helpers/types';
import { orderFilters } from './common';
import { REF } from './references';

const ticketId: HaloField = {
	key: 'ticket_id',
	label: 'Ticket ID',
	kind: 'number',
	ref: REF.ticket,
	hint: 'ID of the ticket the attachment belongs to',
};

/** Files on tickets and actions, with their HaloPSA (`Attachment`) names. */
export const attachment: ResourceDefinition = {
	value: 'attachment',
	displayName: 'Attachment',
	description: 'Files attached to tickets and actions',
	schemaEntity: 'Attachment',
	path: '/Attachment',
	owner: {
		kind: 'parent',
		parents: [{ field: 'ticket_id', resource: 'ticket' }],
		// GET /Attachment/{id} answers the file; its details (with ticket_id) come with includedetails.
		detailsQuery: { includedetails: true },
	},
	listKey: 'attachments',
	idType: 'number',
	nameField: 'filename',
	pages: false,
	getMany: {
		required: [ticketId],
		filters: [
			{
				key: 'action_id',
				label: 'Action ID',
				kind: 'number',
				hint: 'Only the attachments of this action of the ticket',
			},
			{ key: 'type', kind: 'number', hint: 'Only attachments of this Halo attachment type' },
			{
				key: 'filetype',
				label: 'File Type',
				kind: 'string',
				placeholder: 'e.g. pdf',
				hint: 'Only attachments of this file type',
			},
			...orderFilters,
		],
	},
	// Halo's GET /Attachment/{id} answers the file itself: that is Download.
	delete: {},
	extraActions: [
		{
			value: 'upload',
			name: 'Upload',
			action: 'Upload an attachment',
			description: 'Attach a file from n8n binary data to a ticket or one of its actions',
			kind: 'upload',
			method: 'POST',
			path: '/Attachment',
			needsId: false,
			parameters: [ticketId],
			options: [
				{
					key: 'action_id',
					label: 'Action ID',
					kind: 'number',
					hint: 'ID of the ticket’s action to attach the file to; none attaches it to the ticket',
				},
				{
					key: 'filename',
					label: 'File Name',
					kind: 'string',
					placeholder: 'e.g. invoice.pdf',
					hint: 'Name to give the file in Halo; the binary file’s own name by default',
				},
				{
					key: 'content_type',
					label: 'Content Type',
					kind: 'string',
					placeholder: 'e.g. application/pdf',
					hint: 'MIME type to give the file; the binary file’s own type by default',
				},
				{ key: 'note', kind: 'string', hint: 'Note shown with the attachment' },
				{
					key: 'desc',
					label: 'Description',
					kind: 'string',
					hint: 'Description of the attachment',
				},
				{
					key: 'isimage',
					label: 'Is Image',
					kind: 'boolean',
					hint: 'Whether the file is an image shown inline',
				},
			],
		},
		{
			value: 'download',
			name: 'Download',
			action: 'Download an attachment',
			description: 'Get the file of an attachment into a binary field, with its name and type',
			kind: 'download',
			method: 'GET',
			path: '/Attachment/{id}',
			needsId: true,
		},
	],
};
