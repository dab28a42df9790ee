import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A request whose answer may be a file (an attachment download): it comes back as a stream with
 * its headers and status, so the caller can check the size before reading it and keep the file
 * out of memory. Accept any type: Halo chooses between the file itself and JSON.
 */
export function fileAnswerOptions(): Partial<IHttpRequestOptions> {
	// A new headers object each time: signing a request adds its token to the headers object.
	return { json: false, encoding: 'stream', returnFullResponse: true, headers: { Accept: '*/*' } };
}

/** What a file-answer request resolves to. */
export interface FileAnswer {
	body: AsyncIterable<unknown> & { destroy?: (error?: Error) => void };
	headers: IDataObject;
	statusCode: number;
}

/** Most of an error answer read as its words; the rest of a long one is dropped. */
const ERROR_BODY_LIMIT = 64 * 1024;

interface StreamedFailure {
	response?: { data?: unknown };
	cause?: unknown;
}

function isStream(value: unknown): value is AsyncIterable<unknown> {
	return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * A failed file-answer request carries its error body as a stream; read it into text so the
 * error mapping can quote Halo's words, as it does for every other request.
 */
export async function readStreamedErrorBody(error: unknown): Promise<void> {
	for (
		let layer = error as StreamedFailure | undefined, depth = 0;
		layer && depth < 5;
		layer = layer.cause as StreamedFailure, depth++
	) {
		const response = layer.response;
		if (!response || !isStream(response.data)) continue;
		const chunks: Buffer[] = [];
		let length = 0;
		try {
			for await (const chunk of response.data) {
				const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
				chunks.push(bytes);
				length += bytes.length;
				if (length >= ERROR_BODY_LIMIT) break;
			}
		} catch {
			// The body could not be read to the end: what arrived is still Halo's words.
		}
		response.data = Buffer.concat(chunks).toString('utf8').slice(0, ERROR_BODY_LIMIT);
	}
}
