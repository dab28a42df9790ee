import { reachProblem } from './sqlReach';
import { sqlPosition, tokenizeSql } from './sqlTokens';
import type { SqlToken } from './sqlTokens';

/**
 * The Run SQL guard: Halo runs a report query against its database with the API application's
 * rights, so the node sends only what reads. It works on tokens (sqlTokens.ts), never on the raw
 * text: a keyword inside quotes or brackets is data and never counts, and a keyword outside them
 * always does, however it is spaced or glued. Pure: no n8n, no I/O.
 */

/** Longer than any report query we have seen; a bound on what a model can make us send. */
export const MAX_SQL_LENGTH = 20_000;

/**
 * Words that begin (or are) a statement other than SELECT. T-SQL needs no ";" between statements
 * ("SELECT 1 DELETE FROM Faults" is two), so a second statement is found by its first word
 * wherever it stands. None of these has a place in a single SELECT.
 */
const STATEMENT_WORDS = [
	// data and schema
	'INSERT',
	'UPDATE',
	'DELETE',
	'MERGE',
	'TRUNCATE',
	'DROP',
	'ALTER',
	'CREATE',
	'BULK',
	'READTEXT',
	'WRITETEXT',
	'UPDATETEXT',
	'ENABLE',
	'DISABLE',
	// rights and identity
	'GRANT',
	'REVOKE',
	'DENY',
	'REVERT',
	'SETUSER',
	'ADD',
	// code and control flow
	'EXEC',
	'EXECUTE',
	'DECLARE',
	'SET',
	'USE',
	'GO',
	'BEGIN',
	'IF',
	'WHILE',
	'BREAK',
	'CONTINUE',
	'GOTO',
	'RETURN',
	'WAITFOR',
	'PRINT',
	'RAISERROR',
	'THROW',
	// transactions
	'COMMIT',
	'ROLLBACK',
	'SAVE',
	'TRAN',
	'TRANSACTION',
	// cursors, keys, Service Broker
	'OPEN',
	'CLOSE',
	'DEALLOCATE',
	'FETCH',
	'RECEIVE',
	'SEND',
	'MOVE',
	'CONVERSATION',
	// the server
	'BACKUP',
	'RESTORE',
	'DUMP',
	'LOAD',
	'DBCC',
	'CHECKPOINT',
	'RECONFIGURE',
	'SHUTDOWN',
	'KILL',
	'LINENO',
];
const STATEMENT_WORD_SET = new Set(STATEMENT_WORDS);
/** Functions that reach outside the database (other servers, files, XML documents in memory). */
const EXTERNAL_FUNCTIONS = new Set(['OPENROWSET', 'OPENQUERY', 'OPENDATASOURCE', 'OPENXML']);
/** Words that may not hide inside a longer word either. */
const FORBIDDEN_PARTS = new Set([...STATEMENT_WORDS, ...EXTERNAL_FUNCTIONS, 'INTO']);
/** System and extended stored procedures (sp_executesql, xp_cmdshell …). */
const PROCEDURE_NAME = /^(sp|xp)_/i;
/** Words that may stand right before a SELECT that is part of the same statement. */
const SET_OPERATORS = new Set(['UNION', 'ALL', 'EXCEPT', 'INTERSECT']);
/** What may follow a WITH that does not begin a query: a table hint, TOP … WITH TIES, GROUP BY … WITH ROLLUP/CUBE. */
const WITH_CLAUSES = new Set(['TIES', 'ROLLUP', 'CUBE']);

/** A refusal: what was found and where, in words for the item's error. */
class Refusal {
	constructor(readonly message: string) {}
}

function where(sql: string, token: SqlToken): string {
	const { line, column } = sqlPosition(sql, token.start);
	return `at line ${line}, column ${column}`;
}

const upper = (token: SqlToken | undefined): string =>
	token?.kind === 'word' ? token.text.toUpperCase() : '';

const isPunctuation = (token: SqlToken | undefined, text: string): boolean =>
	token?.kind === 'punctuation' && token.text === text;

function describe(token: SqlToken): string {
	return token.kind === 'word' ? `"${token.text.toUpperCase()}"` : `"${token.text}"`;
}

/** Characters that are not code: named by their code point, since many look like a space. */
function unknownCharacter(sql: string, token: SqlToken): Refusal {
	const code = (token.text.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
	const shown = /^[\x21-\x7e]$/.test(token.text) ? `"${token.text}" ` : '';
	return new Refusal(
		`it has the character ${shown}U+${code} ${where(sql, token)} outside quotes; only plain spaces, tabs and line breaks may separate words`,
	);
}

/** What the tokenizer could not read the way SQL Server does: the first such token, if any. */
function lexicalRefusal(sql: string, tokens: SqlToken[]): Refusal | undefined {
	for (const token of tokens) {
		if (token.kind === 'comment')
			return new Refusal(
				`it has a comment ("${token.text.slice(0, 2)}") ${where(sql, token)}; remove comments before running`,
			);
		if (token.unclosed) {
			const what = token.kind === 'string' ? 'quoted text' : 'quoted name';
			return new Refusal(`it has ${what} opened ${where(sql, token)} that is never closed`);
		}
		if (token.kind === 'unknown') return unknownCharacter(sql, token);
		if (token.glued) {
			const glued = sql.slice(token.start).match(/^[\w@#$.]+/)?.[0] ?? token.text;
			return new Refusal(
				`a number runs straight into a word ("${glued}") ${where(sql, token)}; put a space between them`,
			);
		}
	}
	return undefined;
}

/** The code tokens of the one statement: a leading ";WITH" and a final ";" allowed. */
function statementTokens(sql: string, code: SqlToken[]): SqlToken[] {
	let first = 0;
	while (isPunctuation(code[first], ';')) first++;
	let end = code.length;
	if (end > first && isPunctuation(code[end - 1], ';')) end--;
	const statement = code.slice(first, end);
	const separator = statement.find((token) => isPunctuation(token, ';'));
	if (separator)
		throw new Refusal(
			`it holds more than one statement (a ";" ${where(sql, separator)}); send one statement`,
		);
	return statement;
}

/** Why one word may not be sent, or undefined. */
function wordProblem(statement: SqlToken[], index: number): string | undefined {
	const token = statement[index];
	const word = upper(token);
	const next = upper(statement[index + 1]);
	if (word === 'INTO') return 'writes rows into a table';
	if (EXTERNAL_FUNCTIONS.has(word)) return 'reads from outside the database';
	if (word === 'NEXT' && next === 'VALUE') return 'advances a sequence (NEXT VALUE FOR)';
	// Join and union hints are reads: INNER MERGE JOIN, OPTION (MERGE UNION).
	if (word === 'MERGE' && (next === 'JOIN' || next === 'UNION')) return undefined;
	// Query hints: OPTION (USE HINT (…)), OPTION (USE PLAN N'…'); a USE statement is never in parentheses.
	if (word === 'USE' && (next === 'HINT' || next === 'PLAN') && depthAt(statement, index) > 0)
		return undefined;
	// OFFSET … ROWS FETCH NEXT 10 ROWS ONLY, unlike a cursor's FETCH NEXT FROM.
	if (word === 'FETCH' && offsetFetch(statement, index)) return undefined;
	if (STATEMENT_WORD_SET.has(word)) return 'does more than read (a statement keyword)';
	return undefined;
}

function depthAt(statement: SqlToken[], index: number): number {
	let depth = 0;
	for (const token of statement.slice(0, index)) {
		if (isPunctuation(token, '(')) depth++;
		if (isPunctuation(token, ')')) depth--;
	}
	return depth;
}

function offsetFetch(statement: SqlToken[], index: number): boolean {
	const before = upper(statement[index - 1]);
	const direction = upper(statement[index + 1]);
	const count = statement[index + 2];
	return (
		(before === 'ROWS' || before === 'ROW') &&
		(direction === 'NEXT' || direction === 'FIRST') &&
		count !== undefined &&
		(count.kind === 'number' || count.kind === 'variable' || isPunctuation(count, '('))
	);
}

/** A word may hide a keyword behind "@", "#" or "$" (SQL Server reads "select@@version" as two). */
function wordParts(token: SqlToken): SqlToken[] {
	const parts: SqlToken[] = [];
	for (const match of token.text.matchAll(/[A-Za-z_0-9]+/g)) {
		parts.push({ kind: 'word', text: match[0], start: token.start + (match.index ?? 0) });
	}
	return parts;
}

function keywordRefusal(sql: string, statement: SqlToken[]): Refusal | undefined {
	for (let index = 0; index < statement.length; index++) {
		const token = statement[index];
		const isName = token.kind === 'word' || token.kind === 'quotedName';
		const bareName = token.kind === 'quotedName' ? token.text.slice(1, -1) : token.text;
		if (isName && PROCEDURE_NAME.test(bareName))
			return new Refusal(`${describe(token)} ${where(sql, token)} is a stored procedure`);
		if (token.kind === 'word') {
			const problem = wordProblem(statement, index);
			if (problem) return new Refusal(`${describe(token)} ${where(sql, token)} ${problem}`);
		}
		if (token.kind !== 'word' && token.kind !== 'variable') continue;
		const parts = wordParts(token);
		if (parts.length < 2) continue;
		const hidden = parts.find((part) => FORBIDDEN_PARTS.has(upper(part)));
		if (hidden)
			return new Refusal(
				`${describe(hidden)} ${where(sql, hidden)} (inside "${token.text}") does more than read (a statement keyword)`,
			);
	}
	return undefined;
}

/** The index after the parenthesis that closes the one at `open`. */
function afterClosing(sql: string, statement: SqlToken[], open: number): number {
	let depth = 0;
	for (let index = open; index < statement.length; index++) {
		if (isPunctuation(statement[index], '(')) depth++;
		if (isPunctuation(statement[index], ')') && --depth === 0) return index + 1;
	}
	throw new Refusal(`the "(" ${where(sql, statement[open])} is never closed`);
}

/** The SELECT that begins a query at `index`, past any opening parentheses. */
function selectAt(sql: string, statement: SqlToken[], index: number, what: string): number {
	let at = index;
	while (isPunctuation(statement[at], '(')) at++;
	const token = statement[at];
	if (upper(token) === 'SELECT') return at;
	throw new Refusal(
		token
			? `${what} must be a SELECT, but ${describe(token)} stands ${where(sql, token)}`
			: `${what} is missing: the query ends too early`,
	);
}

/**
 * A WITH: every named query (CTE) a SELECT in parentheses, then the final SELECT. Returns the
 * index of that final SELECT.
 */
function withQueries(sql: string, statement: SqlToken[], start: number): number {
	let index = start + 1;
	for (;;) {
		const name = statement[index];
		if (name?.kind !== 'word' && name?.kind !== 'quotedName')
			throw new Refusal(
				name
					? `WITH must be followed by the name of a query, but ${describe(name)} stands ${where(sql, name)}`
					: 'WITH must be followed by the name of a query',
			);
		index++;
		if (isPunctuation(statement[index], '(')) index = afterClosing(sql, statement, index);
		if (upper(statement[index]) !== 'AS' || !isPunctuation(statement[index + 1], '('))
			throw new Refusal(
				`the query named ${name.text} ${where(sql, name)} must be written as ${name.text} AS (SELECT …)`,
			);
		selectAt(sql, statement, index + 2, `the query named ${name.text}`);
		index = afterClosing(sql, statement, index + 1);
		if (!isPunctuation(statement[index], ',')) break;
		index++;
	}
	return selectAt(sql, statement, index, 'the statement after the WITH queries');
}

/** The index of the statement's first word, past opening parentheses: SELECT or WITH. */
function headOf(sql: string, statement: SqlToken[]): number {
	let first = 0;
	while (isPunctuation(statement[first], '(')) first++;
	const head = statement[first];
	if (upper(head) === 'SELECT' || upper(head) === 'WITH') return first;
	throw new Refusal(
		head
			? `it starts with ${describe(head)} ${where(sql, head)}, not SELECT or WITH`
			: 'it holds no statement',
	);
}

/** Exactly one statement, a SELECT or a WITH of SELECTs: every other SELECT or WITH is part of it. */
function shapeRefusal(sql: string, statement: SqlToken[], first: number): Refusal | undefined {
	const head = statement[first];
	const main = upper(head) === 'WITH' ? withQueries(sql, statement, first) : first;
	for (let index = first + 1; index < statement.length; index++) {
		const token = statement[index];
		const word = upper(token);
		const before = statement[index - 1];
		const secondSelect =
			word === 'SELECT' &&
			index !== main &&
			!isPunctuation(before, '(') &&
			!SET_OPERATORS.has(upper(before));
		const next = statement[index + 1];
		const secondWith =
			word === 'WITH' && !isPunctuation(next, '(') && !WITH_CLAUSES.has(upper(next));
		if (secondSelect || secondWith)
			return new Refusal(
				`it holds a second statement (${describe(token)} ${where(sql, token)}); send one statement`,
			);
	}
	return undefined;
}

/**
 * Why a query may not be sent, or undefined when it is one read-only SELECT (or WITH … SELECT)
 * statement of Halo's own data that holds no locks (sqlReach.ts). The reason names what was
 * found and where (line and column).
 */
export function sqlProblem(sql: string): string | undefined {
	if (sql.trim() === '') return 'the query is empty';
	if (sql.length > MAX_SQL_LENGTH)
		return `it is ${sql.length} characters long; Run SQL sends at most ${MAX_SQL_LENGTH}`;
	const tokens = tokenizeSql(sql);
	try {
		const lexical = lexicalRefusal(sql, tokens);
		if (lexical) return lexical.message;
		// Keywords first: wherever a second statement hides, its own word is the clearest reason.
		const code = tokens.filter((token) => token.kind !== 'space');
		const keyword = keywordRefusal(sql, code);
		if (keyword) return keyword.message;
		const statement = statementTokens(sql, code);
		const shape = shapeRefusal(sql, statement, headOf(sql, statement));
		return shape ? shape.message : reachProblem(sql, statement);
	} catch (error) {
		// A guard fails closed: a query it could not read to the end is not sent.
		return error instanceof Refusal ? error.message : 'the guard could not read it to the end';
	}
}
