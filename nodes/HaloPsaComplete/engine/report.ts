import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { haloApiRequest } from '../transport';
import { collectQueryValues } from './fields';
import { readRequired } from './required';
import type { ExtraAction, ResourceDefinition } from './types';

/**
 * Reports as items: Run reads a saved report's rows; Run SQL sends a query through Halo's report
 * engine (`POST /Report` with `_loadreportonly`). Halo runs that SQL against its database with the
 * API application's rights, so the node sends only what reads: one SELECT (or WITH … SELECT)
 * statement, checked here before any request.
 */

/** Words that change data, schema, rights or the server, or run other code: never in a sent query. */
// T-SQL needs no ";" between statements ("SELECT 1 DELETE FROM Faults" is two), so a second
// statement is found by its first word wherever it stands.
const FORBIDDEN = [
	'insert',
	'update',
	'delete',
	'merge',
	'truncate',
	'drop',
	'alter',
	'create',
	'grant',
	'revoke',
	'deny',
	'exec',
	'execute',
	'into',
	'backup',
	'restore',
	'dbcc',
	'shutdown',
	'kill',
	'reconfigure',
	'bulk',
	'openrowset',
	'opendatasource',
	'openquery',
	'openxml',
	'waitfor',
	'declare',
	'set',
	'use',
	'go',
	'begin',
	'commit',
	'rollback',
	'save',
	'transaction',
	'checkpoint',
	'readtext',
	'writetext',
	'updatetext',
	'disable',
	'enable',
	'revert',
	'setuser',
];
const FORBIDDEN_WORDS = new Set(FORBIDDEN);
/** System procedures and extended procedures (xp_cmdshell and the like). */
const PROCEDURE_PREFIX = /^(sp|xp)_/i;

interface Scan {
	/** The query with string literals and quoted names blanked, comments marked. */
	code: string;
	problem?: string;
}

/** Quote characters SQL Server reads as the start of a literal or a quoted name, and their ends. */
const CLOSERS: Record<string, string> = { "'": "'", '"': '"', '[': ']' };

/**
 * Blanks literals and quoted names (their text is data, not code), so only the code is checked.
 * Comments are refused outright: the checker and SQL Server could read a nested or unfinished
 * one differently, and that difference is where a second statement would hide.
 */
function scan(sql: string): Scan {
	let code = '';
	for (let index = 0; index < sql.length; index++) {
		const char = sql[index];
		const pair = sql.slice(index, index + 2);
		if (pair === '--' || pair === '/*')
			return {
				code,
				problem: 'it contains a comment (-- or /* */); remove comments before running',
			};
		const closer = CLOSERS[char];
		if (closer === undefined) {
			code += char;
			continue;
		}
		// A doubled closer inside is an escaped one ('it''s', [a]]b]); anything else ends the literal.
		let end = index + 1;
		for (;;) {
			end = sql.indexOf(closer, end);
			if (end === -1)
				return {
					code,
					problem: `it has a ${char === '[' ? 'bracketed name' : 'quoted text'} that is never closed`,
				};
			if (sql[end + 1] === closer) {
				end += 2;
				continue;
			}
			break;
		}
		code += ` ${char === "'" ? "''" : 'x'} `;
		index = end;
	}
	return { code };
}

/**
 * Why a query may not be sent, or undefined when it is a single read-only SELECT or WITH
 * statement. Checked on the query's code only: text in quotes never counts.
 */
export function sqlProblem(sql: string): string | undefined {
	if (sql.trim() === '') return 'the query is empty';
	const { code, problem } = scan(sql);
	if (problem) return problem;
	const body = code.trim().replace(/;\s*$/, '');
	if (body.includes(';'))
		return 'it holds more than one statement (a ";" inside); send one statement';
	const words = body.toLowerCase().match(/[a-z_@#][\w@#$]*/g) ?? [];
	if (words[0] !== 'select' && words[0] !== 'with') {
		return `it starts with ${words[0] ? `"${words[0].toUpperCase()}"` : 'no statement'}, not SELECT or WITH`;
	}
	const forbidden = words.find((word) => FORBIDDEN_WORDS.has(word) || PROCEDURE_PREFIX.test(word));
	if (forbidden) return `it contains "${forbidden.toUpperCase()}", which does more than read`;
	return undefined;
}

/** The rows of a report answer: `report.rows` (Halo's AnalyzerProfile), `rows`, or a bare array. */
function reportRows(
	ctx: IExecuteFunctions,
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
		throw new NodeOperationError(ctx.getNode(), `HaloPSA could not run ${what}: ${error}`, {
			itemIndex,
		});
	}
	const rows = report.rows ?? profile.rows;
	if (!Array.isArray(rows)) {
		throw new NodeOperationError(ctx.getNode(), `HaloPSA answered ${what} without rows`, {
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
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
	id?: string | number,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { values, problem } = collectQueryValues(action.options ?? [], options);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	const answer = await haloApiRequest.call(this, {
		method: action.method,
		path: action.path.replace('{id}', encodeURIComponent(String(id ?? ''))),
		qs: { ...values, ...action.fixedQuery },
		itemIndex,
		access: { effect: 'read' },
		notFound: `No ${resource.displayName} with ID ${id} exists in HaloPSA`,
	});
	return asItems(reportRows(this, answer, `report ${id}`, itemIndex));
}

/** Run SQL: one read-only query through Halo's report engine, refused before any request otherwise. */
export async function runSql(
	this: IExecuteFunctions,
	resource: ResourceDefinition,
	action: ExtraAction,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { sql } = readRequired(this, action.parameters, itemIndex);
	const problem = sqlProblem(String(sql));
	if (problem) {
		throw new NodeOperationError(this.getNode(), `The query was not sent: ${problem}`, {
			itemIndex,
			description:
				'Run SQL sends only a single read-only SELECT (or WITH … SELECT) statement, without comments.',
		});
	}
	const answer = await haloApiRequest.call(this, {
		method: action.method,
		path: action.path,
		body: [{ ...action.fixedBody, sql: String(sql).trim() }],
		itemIndex,
		// A POST, but it reads: the query was checked to be a single SELECT above.
		access: { effect: 'read' },
	});
	return asItems(reportRows(this, answer, 'the query', itemIndex));
}
