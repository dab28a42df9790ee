import { NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import type { FileAnswer } from '../transport/fileAnswer';
import { actionValues } from './extraActions';
import { asRecords, notFound } from './records';
import type { ExtraAction, FileKeys, ResourceDefinition } from '../helpers/types';
import type { HaloClient } from '../transport';

/**
 * Files between n8n's binary data and HaloPSA. Halo takes a file as base64 in JSON, so an upload
 * is held in memory once; a download is streamed into n8n's binary data store when Halo sends the
 * file itself with its length. Either way a file over Max File Size is refused with its size, and
 * a download that ends short of its announced length fails: nothing is ever silently truncated.
 */

export const DEFAULT_MAX_FILE_MB = 50;
const MB = 1024 * 1024;
const DEFAULT_FILE_KEYS: FileKeys = { data: 'data_base64', name: 'filename', type: 'content_type' };
/** JSON around the base64 of a file answered as JSON: room for Halo's other attachment fields. */
const JSON_OVERHEAD_BYTES = 256 * 1024;

type ByteSource = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

function fileKeys(action: ExtraAction): FileKeys {
	return action.file ?? DEFAULT_FILE_KEYS;
}

function show(
	resource: ResourceDefinition,
	action: ExtraAction,
): INodeProperties['displayOptions'] {
	return { show: { resource: [resource.value], operation: [action.value] } };
}

export function binaryProperties(
	resource: ResourceDefinition,
	action: ExtraAction,
): INodeProperties[] {
	const upload = action.kind === 'upload';
	return [
		{
			displayName: upload ? 'Input Binary Field' : 'Output Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: upload
				? 'The name of the input binary field containing the file to be uploaded'
				: 'The name of the output binary field to put the file in',
			displayOptions: show(resource, action),
		},
		{
			displayName: 'Max File Size (MB)',
			name: 'maxFileSizeMb',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 3 },
			default: DEFAULT_MAX_FILE_MB,
			description: upload
				? 'Largest file to send. A larger one fails its item before anything is sent, rather than being cut short.'
				: 'Largest file to accept. A larger one fails its item, rather than being cut short.',
			displayOptions: show(resource, action),
		},
	];
}

function maxBytes(this: IExecuteFunctions, itemIndex: number): number {
	const mb = this.getNodeParameter('maxFileSizeMb', itemIndex, DEFAULT_MAX_FILE_MB) as number;
	return Math.floor((typeof mb === 'number' && mb >= 0 ? mb : DEFAULT_MAX_FILE_MB) * MB);
}

function inWords(bytes: number): string {
	if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${bytes} bytes`;
}

/** A file over the limit; `bytes` is its size when known (a streamed answer may only say "over"). */
function tooLarge(
	this: IExecuteFunctions,
	what: string,
	bytes: number | undefined,
	limit: number,
	itemIndex: number,
	download: boolean,
): NodeOperationError {
	const size = bytes === undefined ? 'is' : `is ${inWords(bytes)},`;
	return new NodeOperationError(
		this.getNode(),
		`${what} ${size} over the Max File Size of ${inWords(limit)}: ${download ? 'it was not downloaded' : 'nothing was sent'}`,
		{
			itemIndex,
			description: download
				? 'Raise Max File Size to download it, or leave it in HaloPSA.'
				: 'Raise Max File Size (the node holds an upload in memory to send it as base64), or use a smaller file.',
		},
	);
}

/** Size of an input file without reading it: n8n's stored metadata, or the length of its base64. */
async function inputSize(
	this: IExecuteFunctions,
	binary: IBinaryData,
): Promise<number | undefined> {
	if (binary.id) return (await this.helpers.getBinaryMetadata(binary.id)).fileSize;
	if (typeof binary.data === 'string' && binary.data !== '')
		return Buffer.byteLength(binary.data, 'base64');
	return undefined;
}

/** The fields of Halo's answer worth an item: the base64 copy of the file is left out. */
function withoutFileData(record: IDataObject, keys: FileKeys): IDataObject {
	return Object.fromEntries(
		Object.entries(record).filter(([key]) => key !== keys.data && key !== 'data'),
	);
}

/** Upload: the item's binary file, as base64 with its name and MIME type, posted to Halo. */
export async function uploadFile(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const property = client.context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const limit = maxBytes.call(client.context, itemIndex);
	const binary = client.context.helpers.assertBinaryData(itemIndex, property);
	const values = actionValues.call(client.context, action, itemIndex);
	const keys = fileKeys(action);
	const name = String(
		values[keys.name] ||
			binary.fileName ||
			`file${binary.fileExtension ? `.${binary.fileExtension}` : ''}`,
	);
	const what = `The file "${name}" in "${property}"`;
	const announced = await inputSize.call(client.context, binary);
	if (announced !== undefined && announced > limit)
		throw tooLarge.call(client.context, what, announced, limit, itemIndex, false);
	const content = await client.context.helpers.getBinaryDataBuffer(itemIndex, property);
	if (content.length > limit)
		throw tooLarge.call(client.context, what, content.length, limit, itemIndex, false);
	const record: IDataObject = {
		...values,
		[keys.name]: name,
		[keys.type]: values[keys.type] || binary.mimeType || 'application/octet-stream',
		[keys.data]: content.toString('base64'),
	};
	const answer = await haloApiRequest(client, {
		method: action.method,
		path: action.path,
		body: [record],
		itemIndex,
	});
	const records = asRecords(answer).map((saved) => withoutFileData(saved, keys));
	return (records.length > 0 ? records : [{ success: true }]).map((json) => ({ json }));
}

function header(headers: IDataObject, name: string): string | undefined {
	const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	return found === undefined || found[1] === undefined || found[1] === null
		? undefined
		: String(found[1]);
}

/** The file name a Content-Disposition header gives (RFC 6266: `filename*` first), without any folder. */
export function dispositionFileName(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
	let name: string | undefined;
	if (extended) {
		try {
			name = decodeURIComponent(extended[2].trim());
		} catch {
			name = undefined;
		}
	}
	if (!name)
		name = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(disposition)?.[1]?.replace(/\\(.)/g, '$1');
	if (!name) name = /filename\s*=\s*([^;]+)/i.exec(disposition)?.[1]?.trim();
	return name === undefined ? undefined : baseName(name);
}

/** A file name without any folder part Halo or a header may carry. */
function baseName(name: string): string | undefined {
	const base = name.split(/[\\/]/).pop()?.trim();
	return base ? base : undefined;
}

/** Reads a whole answer, failing once it passes `limit` bytes (the rest is never read). */
async function readAll(
	body: FileAnswer['body'],
	limit: number,
	onTooLarge: (bytes: number) => Error,
): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of body) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		length += bytes.length;
		if (length > limit) {
			body.destroy?.();
			throw onTooLarge(length);
		}
		chunks.push(bytes);
	}
	return Buffer.concat(chunks);
}

function isJsonType(contentType: string | undefined): boolean {
	return /^(application|text)\/([\w.+-]+\+)?json\b/i.test(contentType ?? '');
}

function binarySize(stored: IBinaryData, fallback: number): number {
	if (typeof stored.data === 'string' && stored.data !== '' && !stored.id)
		return Buffer.byteLength(stored.data, 'base64');
	return fallback;
}

interface Downloaded {
	json: IDataObject;
	binary: IBinaryData;
}

/** Halo answered JSON: the file is its base64 field, with its name and type beside it. */
async function fromJsonAnswer(
	this: IExecuteFunctions,
	answer: FileAnswer,
	keys: FileKeys,
	id: string | number,
	limit: number,
	itemIndex: number,
): Promise<Downloaded> {
	const what = `Attachment ${id}`;
	const text = await readAll(answer.body, Math.ceil((limit * 4) / 3) + JSON_OVERHEAD_BYTES, () =>
		tooLarge.call(this, what, undefined, limit, itemIndex, true),
	);
	let record: IDataObject;
	try {
		record = JSON.parse(text.toString('utf8')) as IDataObject;
	} catch {
		throw new NodeOperationError(
			this.getNode(),
			`HaloPSA answered ${what} with JSON that does not parse`,
			{ itemIndex },
		);
	}
	if (Array.isArray(record)) record = (record[0] ?? {}) as IDataObject;
	const base64 = record[keys.data] ?? record.data;
	if (typeof base64 !== 'string') {
		throw new NodeOperationError(
			this.getNode(),
			`HaloPSA answered ${what} without its file: no "${keys.data}" in the answer`,
			{ itemIndex },
		);
	}
	const content = Buffer.from(base64, 'base64');
	if (content.length > limit)
		throw tooLarge.call(this, what, content.length, limit, itemIndex, true);
	const name =
		typeof record[keys.name] === 'string' ? baseName(String(record[keys.name])) : undefined;
	const type =
		typeof record[keys.type] === 'string' && record[keys.type] !== ''
			? String(record[keys.type])
			: undefined;
	const binary = await this.helpers.prepareBinaryData(content, name ?? `attachment-${id}`, type);
	return { json: withoutFileData(record, keys), binary };
}

/** Halo answered with the file itself: stream it into n8n's store and check it all arrived. */
async function fromFileAnswer(
	this: IExecuteFunctions,
	answer: FileAnswer,
	keys: FileKeys,
	id: string | number,
	limit: number,
	itemIndex: number,
): Promise<Downloaded> {
	const what = `Attachment ${id}`;
	const lengthHeader = header(answer.headers, 'content-length');
	const announced = lengthHeader === undefined ? undefined : Number(lengthHeader);
	const encoded = !/^(identity)?$/i.test(header(answer.headers, 'content-encoding') ?? '');
	if (announced !== undefined && !encoded && announced > limit) {
		answer.body.destroy?.();
		throw tooLarge.call(this, what, announced, limit, itemIndex, true);
	}
	const name =
		dispositionFileName(header(answer.headers, 'content-disposition')) ?? `attachment-${id}`;
	const type = header(answer.headers, 'content-type')?.split(';')[0].trim() || undefined;
	let binary: IBinaryData;
	let received: number;
	if (announced !== undefined && !encoded) {
		// A known length within the limit: stream it straight into n8n's binary data store.
		try {
			binary = await this.helpers.prepareBinaryData(
				answer.body as unknown as ByteSource,
				name,
				type,
			);
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`${what} did not arrive whole: the download broke off (${(error as Error).message})`,
				{
					itemIndex,
					description: 'Nothing was output for this item. Run it again.',
				},
			);
		}
		received = binary.id
			? (await this.helpers.getBinaryMetadata(binary.id)).fileSize
			: binarySize(binary, announced);
		if (received !== announced) {
			throw new NodeOperationError(
				this.getNode(),
				`${what} arrived incomplete: ${received} of ${announced} bytes`,
				{
					itemIndex,
					description:
						'The connection ended before the whole file arrived; nothing was output for this item. Run it again.',
				},
			);
		}
	} else {
		// No length to check against: read it with a running count, so a large file stops at the limit.
		const content = await readAll(answer.body, limit, () =>
			tooLarge.call(this, what, undefined, limit, itemIndex, true),
		);
		received = content.length;
		binary = await this.helpers.prepareBinaryData(content, name, type);
	}
	return {
		json: {
			id,
			[keys.name]: binary.fileName ?? name,
			[keys.type]: binary.mimeType,
			filesize: received,
		},
		binary,
	};
}

/** Download: the file Halo answers (the file itself, or JSON with it in base64) into a binary field. */
export async function downloadFile(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
	id?: string | number,
): Promise<INodeExecutionData[]> {
	const property = client.context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const limit = maxBytes.call(client.context, itemIndex);
	const keys = fileKeys(action);
	const recordId = id ?? '';
	const answer = (await haloApiRequest(client, {
		method: action.method,
		path: action.path.replace('{id}', encodeURIComponent(String(recordId))),
		itemIndex,
		notFound: notFound(resource, recordId),
		fileAnswer: true,
	})) as FileAnswer;
	// JSON that names no file is Halo's record with the file inside; a .json file comes with a disposition.
	const json =
		isJsonType(header(answer.headers, 'content-type')) &&
		header(answer.headers, 'content-disposition') === undefined;
	const { json: record, binary } = await (json ? fromJsonAnswer : fromFileAnswer).call(
		client.context,
		answer,
		keys,
		recordId,
		limit,
		itemIndex,
	);
	return [{ json: record, binary: { [property]: binary } }];
}
