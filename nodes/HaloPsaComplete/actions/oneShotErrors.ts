import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { unknownOutcomeReason } from '../transport/errors';
import { oneShotWords } from '../helpers/oneShot';
import type { FoundOneShot } from '../helpers/oneShot';

/**
 * A one-shot request's failure as its item tells it: after a lost or unreadable answer, what Halo
 * may have done and what to check (helpers/oneShot.ts); any other failure as it was (Halo did
 * nothing, so its own words stand).
 */
export function oneShotFailure(
	node: INode,
	error: unknown,
	oneShot: FoundOneShot | undefined,
	record: string,
	itemIndex: number,
	created = false,
): unknown {
	const reason = oneShot ? unknownOutcomeReason(error) : undefined;
	if (oneShot === undefined || reason === undefined) return error;
	const cause = error as NodeApiError;
	const message = oneShotWords(oneShot, record, reason, created);
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		description: cause.description ?? undefined,
		httpCode: cause.httpCode ?? undefined,
		itemIndex,
	});
}
