import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { INCLUDE_SECRETS_OPTION, maskSecrets } from './helpers/secrets';
import { governTrigger } from './guards/triggerAccess';
import { CREDENTIAL_TYPE } from './transport';
import type { HaloClient } from './transport';
import {
	DEFAULT_MAX_RECORDS_PER_POLL,
	highestId,
	readChanges,
	sample,
	startState,
	takeChanges,
	wanted,
} from './triggers/polling/reader';
import type { PollState, Read, TriggerOn } from './triggers/polling/reader';
import { POLL_SOURCES } from './triggers/polling/sources';
import type { PollSource } from './triggers/polling/sources';

const DEFAULT_OVERLAP_MINUTES = 5;

/**
 * Polls of a node under way in this process. A poll that is due while the one before it still
 * runs (a long first page, a rate limit wait) is skipped: two polls from the same watermark would
 * emit the same changes twice. (n8n runs a workflow's polls in one process.)
 */
const running = new Set<string>();

function chosenSource(this: IPollFunctions): PollSource {
	const value = this.getNodeParameter('resource') as string;
	const source = POLL_SOURCES.find((candidate) => candidate.value === value);
	if (!source)
		throw new NodeOperationError(this.getNode(), `The polling trigger cannot watch "${value}"`);
	return source;
}

function backfillTime(this: IPollFunctions, raw: unknown): number | undefined {
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	const time = Date.parse(String(raw));
	if (Number.isNaN(time))
		throw new NodeOperationError(
			this.getNode(),
			`Backfill From must be a date like 2026-03-31 or 2026-03-31T09:00:00Z, not "${String(raw)}"`,
		);
	return time;
}

function isState(value: unknown): value is PollState {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as PollState).from === 'string' &&
		typeof (value as PollState).seen === 'object'
	);
}

/** A record as the trigger outputs it: Halo's secrets masked unless Include Secrets is on. */
function outputOf(this: IPollFunctions, row: IDataObject): IDataObject {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return options.includeSecrets === true ? row : maskSecrets(row);
}

/** The state after a read: its watermark and, where the read stopped early, where to go on. */
function afterRead(
	state: PollState,
	source: PollSource,
	read: Read,
	backfillSince: number | undefined,
): ReturnType<typeof takeChanges> {
	const taken = takeChanges(state, source, read.rows, read.from, backfillSince);
	if (read.resume) taken.next.resume = read.resume;
	// A backfill read over several polls keeps telling new from updated by its date.
	if (read.truncated && backfillSince !== undefined) taken.next.backfillSince = backfillSince;
	return taken;
}

/** One poll: the changes since the watermark, or null; the new watermark goes to the static data. */
async function pollChanges(
	client: HaloClient<IPollFunctions>,
	source: PollSource,
): Promise<INodeExecutionData[][] | null> {
	const on = client.context.getNodeParameter('event') as TriggerOn;
	const options = client.context.getNodeParameter('options', {}) as IDataObject;
	const overlapMs = Math.max(1, Number(options.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES)) * 60_000;
	const maxRows = Math.max(
		1,
		Math.floor(Number(options.maxRecordsPerPoll ?? DEFAULT_MAX_RECORDS_PER_POLL)) || 1,
	);
	const backfillFrom = String(options.backfillFrom ?? '');
	const backfill = backfillTime.call(client.context, backfillFrom);
	const staticData = client.context.getWorkflowStaticData('node');
	const pollStart = Date.now();
	const stored = staticData.pollState;
	const fresh =
		!isState(stored) || stored.source !== source.value || stored.backfillFrom !== backfillFrom;
	const limits = (state: PollState) => ({
		from: Date.parse(state.from),
		resume: state.resume,
		maxRows,
		caughtUpFrom: pollStart - overlapMs,
		pollStart,
		seen: state.seen,
	});

	let state: PollState;
	let backfillSince: number | undefined;
	if (!fresh) {
		state = stored;
		backfillSince = stored.backfillSince;
	} else if (backfill !== undefined) {
		state = startState(source.value, backfill, await highestId(client, source), backfillFrom);
		backfillSince = backfill;
	} else {
		// First poll: what changed lately is the past. It is remembered, not emitted.
		const baseline = startState(
			source.value,
			pollStart - overlapMs,
			await highestId(client, source),
			backfillFrom,
		);
		const read = await readChanges(client, source, limits(baseline));
		staticData.pollState = afterRead(baseline, source, read, undefined)
			.next as unknown as IDataObject;
		return null;
	}

	const read = await readChanges(client, source, limits(state));
	const { changes, next } = afterRead(state, source, read, backfillSince);
	staticData.pollState = next as unknown as IDataObject;
	const items = changes
		.filter((change) => wanted(change, on))
		.map((change) => ({ json: outputOf.call(client.context, change.row) }));
	return items.length === 0 ? null : [items];
}

export class HaloPsaCompletePollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Complete Polling Trigger',
		name: 'haloPsaCompletePollingTrigger',
		icon: { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] + ": " + $parameter["resource"]}}',
		description: 'Starts the workflow when HaloPSA records are added or changed (n8n asks HaloPSA)',
		defaults: { name: 'HaloPSA Complete Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: POLL_SOURCES.map((source) => ({ name: source.name, value: source.value })),
				default: 'tickets',
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New or Updated',
						value: 'newOrUpdated',
						description: 'Records added or changed since the last poll',
					},
					{ name: 'New', value: 'new', description: 'Records added since the last poll' },
					{
						name: 'Updated',
						value: 'updated',
						description: 'Records that existed before and changed since the last poll',
					},
				],
				default: 'newOrUpdated',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Backfill From',
						name: 'backfillFrom',
						type: 'dateTime',
						default: '',
						description:
							'When the workflow is activated, first emit the records changed since this date. Empty: start from the moment of activation.',
					},
					{
						displayName: 'Overlap (Minutes)',
						name: 'overlapMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_OVERLAP_MINUTES,
						description:
							'Each poll reads this far back before the previous one, so that records changed while it ran, or with HaloPSA’s clock behind n8n’s, are not missed. Records read twice are emitted once.',
					},
					INCLUDE_SECRETS_OPTION,
					{
						displayName: 'Max Records per Poll',
						name: 'maxRecordsPerPoll',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_RECORDS_PER_POLL,
						description:
							'Most records one poll reads (100 per request). When more changes wait, the oldest are emitted and the rest follow at the next polls, oldest first. The default, 10 requests a poll, is sized for polling every minute: 50 of the 300 requests per 5 minutes HaloPSA allows (the lowest published limit), leaving the rest to your workflows. Polling less often, you may raise it in proportion.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = chosenSource.call(this);
		const { client, refused } = await governTrigger(this, {
			label: `HaloPSA Complete Polling Trigger (${source.name})`,
			watched: [source.resource],
			effect: 'read',
		});
		if (refused) throw refused;
		if (this.getMode() === 'manual') {
			const rows = await sample(client, source);
			return rows.length === 0 ? null : [rows.map((json) => ({ json: outputOf.call(this, json) }))];
		}
		const scope = `${this.getWorkflow().id ?? ''}|${this.getNode().id}`;
		if (running.has(scope)) return null;
		running.add(scope);
		try {
			return await pollChanges(client, source);
		} finally {
			running.delete(scope);
		}
	}
}
