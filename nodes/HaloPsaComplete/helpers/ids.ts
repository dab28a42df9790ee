/**
 * Record ids as Halo takes them. Halo reads id 0 in a POST body as "new record", so an id that is
 * not ≥ 1 would turn an update into a create; and a GUID that is not a GUID can change the path
 * (`.` makes `/Webhook/.` read as `/Webhook/`, the whole list). Both are refused before any request.
 */
export const GUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const POSITIVE_INTEGER_PATTERN = '^\\s*0*[1-9][0-9]*\\s*$';

const GUID = new RegExp(GUID_PATTERN);
const POSITIVE_INTEGER = new RegExp(POSITIVE_INTEGER_PATTERN);

export type IdType = 'number' | 'string';

export type ParsedId = { id: number | string } | { problem: string };

/** A record id typed, picked or computed by an expression, checked; `label` names it in the problem. */
export function parseRecordId(idType: IdType, raw: unknown, label: string): ParsedId {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (text === '') return { problem: `${label} is required` };
	if (idType === 'string') {
		return GUID.test(text)
			? { id: text }
			: {
					problem: `${label} must be a GUID like 3f2b8c1e-6a4d-4e0b-9d1a-2c5e7f9a0b12, not "${text}"`,
				};
	}
	if (!POSITIVE_INTEGER.test(text) || !Number.isSafeInteger(Number(text))) {
		return { problem: `${label} must be a whole number of 1 or more, not "${text}"` };
	}
	return { id: Number(text) };
}

export function isPositiveId(value: unknown): boolean {
	return 'id' in parseRecordId('number', value, '');
}
