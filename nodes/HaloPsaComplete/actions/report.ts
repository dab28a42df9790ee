import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { collectQueryValues } from '../descriptions/fields';
import { notFound } from './records';
import { readRequired } from './required';
import { sqlProblem } from '../guards/sqlGuard';
import type { ExtraAction, ResourceDefinition } from '../helpers/types';
import type { HaloClient } from '../transport';

/**
 * Reports as items: Run reads a saved report's rows; Run SQL sends a query through Halo's report
 * engine (`POST /Report` with `_loadreportonly`). Halo runs that SQL against its database with the
 * API application's rights, so the node sends only what reads: one SELECT (or WITH … SELECT)
 * statement, checked by the guard (sqlGuard.ts) before any request.
 */

/** The rows of a report answer: `report.rows` (Halo's AnalyzerProfile), `rows`, or a bare array. */
function reportRows(
	this: IExecuteFunctions,
	answer: unknown,
	what: string,
	itemIndex: number,
): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	const profile = (typeof answer === 'object' && answer !== null ? answer : {}) as IDataObject;
	const report = (
		typeof profile.report === 'object' && profile.report !== null ? profile.report : profile
	) as IDataObject;
	const error = report.load_error ?? profile.load_error;
	if (typeof error === 'string' && error.trim() !== '') {
		throw new NodeOperationError(this.getNode(), `HaloPSA could not run ${what}: ${error}`, {
			itemIndex,
		});
	}
	const rows = report.rows ?? profile.rows;
	if (!Array.isArray(rows)) {
		throw new NodeOperationError(this.getNode(), `HaloPSA answered ${what} without rows`, {
			itemIndex,
			description:
				'The answer had no "report.rows" or "rows" list. Check the report runs in HaloPSA.',
		});
	}
	return rows as IDataObject[];
}

const asItems = (rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

/** Run: a saved report's rows, one item each. */
export async function runReport(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
	id?: string | number,
): Promise<INodeExecutionData[]> {
	const options = client.context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { values, problem } = collectQueryValues(action.options ?? [], options);
	if (problem) throw new NodeOperationError(client.context.getNode(), problem, { itemIndex });
	const answer = await haloApiRequest(client, {
		method: action.method,
		path: action.path.replace('{id}', encodeURIComponent(String(id ?? ''))),
		qs: { ...values, ...action.fixedQuery },
		itemIndex,
		access: { effect: 'read' },
		notFound: notFound(resource, id),
	});
	return asItems(reportRows.call(client.context, answer, `report ${id}`, itemIndex));
}

/** Run SQL: one read-only query through Halo's report engine, refused before any request otherwise. */
export async function runSql(
	client: HaloClient<IExecuteFunctions>,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { sql } = readRequired.call(client.context, action.parameters, itemIndex);
	const problem = sqlProblem(String(sql));
	if (problem) {
		throw new NodeOperationError(client.context.getNode(), `The query was not sent: ${problem}`, {
			itemIndex,
			description:
				'Run SQL sends only a single read-only SELECT (or WITH … SELECT) statement, without comments.',
		});
	}
	const answer = await haloApiRequest(client, {
		method: action.method,
		path: action.path,
		body: [{ ...action.fixedBody, sql: String(sql).trim() }],
		itemIndex,
		// A POST, but it reads: the query was checked to be a single SELECT above.
		access: { effect: 'read' },
	});
	return asItems(reportRows.call(client.context, answer, 'the query', itemIndex));
}
