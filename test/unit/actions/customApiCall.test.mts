// API Request's POST arrays: when Halo refuses one part-way (or its answer is lost), the error says
// which elements it may have saved, which it did not, and which were never sent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INode } from 'n8n-workflow';

import { partialSaveNote } from '../../../nodes/HaloPsaComplete/actions/customApiCall.ts';
import { toNodeApiError } from '../../../nodes/HaloPsaComplete/transport/errors.ts';
import type { FailureContext } from '../../../nodes/HaloPsaComplete/transport/errors.ts';

describe('API Request: a POST array refused part-way says which elements were saved', () => {
	const node: INode = {
		id: 'halo',
		name: 'Halo',
		type: 'halo',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const context: FailureContext = { method: 'POST', path: '/api/Thing' };
	const refusedAt = (position: number) =>
		toNodeApiError(
			node,
			{ status: 400, body: { [`[${position}].name`]: ['Taken'] }, message: '' },
			context,
		);
	test('refused at [2] of 5: [0]–[1] may be saved, [3]–[4] were not', () => {
		assert.equal(
			partialSaveNote(refusedAt(2), 0, 5, 5),
			'HaloPSA refused element [2]. HaloPSA may have saved elements [0]–[1]: check HaloPSA before sending them again, and leave what it saved out of a resend, or it is created twice. It saves an array element by element up to the one it refuses (unless it rolled them back). Elements [3]–[4] were not saved.',
		);
	});
	test('refused at [24] of the second batch of 50 in 120: [0]–[49] saved, [50]–[73] may be, [75]–[99] not saved, [100]–[119] not sent', () => {
		const note = partialSaveNote(refusedAt(24), 50, 50, 120);
		assert.match(
			note,
			/^Elements \[0\]–\[49\] were saved \(HaloPSA answered them\)\. HaloPSA refused element \[74\]\. HaloPSA may have saved elements \[50\]–\[73\]/,
		);
		assert.match(
			note,
			/Elements \[75\]–\[99\] were not saved\. Elements \[100\]–\[119\] were not sent\.$/,
		);
	});
	test('a 403 naming no element, and a lost answer', () => {
		const forbidden = toNodeApiError(node, { status: 403, body: '', message: '' }, context);
		assert.match(
			partialSaveNote(forbidden, 0, 3, 3),
			/^HaloPSA refused one of elements \[0\]–\[2\] without saying which\. HaloPSA may have saved elements \[0\]–\[1\]/,
		);
		const lost = toNodeApiError(
			node,
			{ code: 'ECONNRESET', message: 'socket hang up' },
			{ ...context, outcomeUnknown: true },
		);
		assert.equal(
			partialSaveNote(lost, 0, 3, 3),
			'HaloPSA may have saved elements [0]–[2] (no answer came (connection closed)): check HaloPSA before sending them again, and leave what it saved out of a resend, or it is created twice.',
		);
	});
});
