import { sqlPosition } from './sqlTokens';
import type { SqlToken } from './sqlTokens';

/**
 * What a read-only SELECT may reach: Halo's own data, without holding locks on it. Halo runs a
 * query on the database its other users share, with the API application's rights, so the guard
 * (sqlGuard.ts) refuses, on top of anything that writes:
 *
 * - lock hints other than NOLOCK and READUNCOMMITTED, in `WITH (…)` and the old `(…)` form;
 * - system functions and views unless on an allow-list (SQL Server's own functions reach the
 *   server's files, sessions and other databases: `sys.fn_get_audit_file`, `fn_trace_gettable`,
 *   `sys.dm_exec_sessions`, `sysprocesses`, `SERVERPROPERTY`…); a bare function call must be one
 *   of the built-in functions below, a two-part one Halo's own (any schema but `sys`);
 * - three- and four-part names (another database, a linked server; the node cannot know the
 *   current database's name, so none is allowed) and `::` calls.
 *
 * Pure: no n8n, no I/O. Works on the code tokens of one statement (no spaces or comments).
 */

/** The only table hints allowed: both read without taking locks. */
const ALLOWED_HINTS = new Set(['NOLOCK', 'READUNCOMMITTED']);

/** Lock and isolation hints, named in the refusal wherever they stand (OPTION (TABLE HINT …) too). */
const LOCK_HINTS = new Set([
	'TABLOCK',
	'TABLOCKX',
	'HOLDLOCK',
	'XLOCK',
	'UPDLOCK',
	'ROWLOCK',
	'PAGLOCK',
	'SERIALIZABLE',
	'REPEATABLEREAD',
	'READCOMMITTED',
	'READCOMMITTEDLOCK',
	'READPAST',
	'NOWAIT',
]);

/** Built-in functions a report may call bare: they compute on the values of the query only. */
const BUILT_IN_FUNCTIONS = new Set([
	// aggregates and windows
	'AVG',
	'CHECKSUM_AGG',
	'COUNT',
	'COUNT_BIG',
	'GROUPING',
	'GROUPING_ID',
	'MAX',
	'MIN',
	'STDEV',
	'STDEVP',
	'STRING_AGG',
	'SUM',
	'VAR',
	'VARP',
	'APPROX_COUNT_DISTINCT',
	'ROW_NUMBER',
	'RANK',
	'DENSE_RANK',
	'NTILE',
	'LAG',
	'LEAD',
	'FIRST_VALUE',
	'LAST_VALUE',
	'CUME_DIST',
	'PERCENT_RANK',
	'PERCENTILE_CONT',
	'PERCENTILE_DISC',
	// dates
	'GETDATE',
	'GETUTCDATE',
	'SYSDATETIME',
	'SYSUTCDATETIME',
	'SYSDATETIMEOFFSET',
	'DATEADD',
	'DATEDIFF',
	'DATEDIFF_BIG',
	'DATENAME',
	'DATEPART',
	'DATETRUNC',
	'DATE_BUCKET',
	'DAY',
	'MONTH',
	'YEAR',
	'EOMONTH',
	'DATEFROMPARTS',
	'DATETIMEFROMPARTS',
	'DATETIME2FROMPARTS',
	'SMALLDATETIMEFROMPARTS',
	'TIMEFROMPARTS',
	'DATETIMEOFFSETFROMPARTS',
	'ISDATE',
	'SWITCHOFFSET',
	'TODATETIMEOFFSET',
	// text
	'ASCII',
	'CHAR',
	'CHARINDEX',
	'CONCAT',
	'CONCAT_WS',
	'DATALENGTH',
	'DIFFERENCE',
	'FORMAT',
	'LEFT',
	'LEN',
	'LOWER',
	'LTRIM',
	'NCHAR',
	'PATINDEX',
	'QUOTENAME',
	'REPLACE',
	'REPLICATE',
	'REVERSE',
	'RIGHT',
	'RTRIM',
	'SOUNDEX',
	'SPACE',
	'STR',
	'STRING_ESCAPE',
	'STRING_SPLIT',
	'STUFF',
	'SUBSTRING',
	'TRANSLATE',
	'TRIM',
	'UNICODE',
	'UPPER',
	// numbers
	'ABS',
	'ACOS',
	'ASIN',
	'ATAN',
	'ATN2',
	'CEILING',
	'COS',
	'COT',
	'DEGREES',
	'EXP',
	'FLOOR',
	'LOG',
	'LOG10',
	'PI',
	'POWER',
	'RADIANS',
	'RAND',
	'ROUND',
	'SIGN',
	'SIN',
	'SQRT',
	'SQUARE',
	'TAN',
	'GREATEST',
	'LEAST',
	// conversion and logic
	'CAST',
	'CONVERT',
	'TRY_CAST',
	'TRY_CONVERT',
	'PARSE',
	'TRY_PARSE',
	'IIF',
	'CHOOSE',
	'ISNULL',
	'COALESCE',
	'NULLIF',
	'ISNUMERIC',
	'NEWID',
	'CHECKSUM',
	'BINARY_CHECKSUM',
	// JSON and full-text search of the query's own values and tables
	'OPENJSON',
	'JSON_VALUE',
	'JSON_QUERY',
	'JSON_MODIFY',
	'ISJSON',
	'JSON_OBJECT',
	'JSON_ARRAY',
	'JSON_PATH_EXISTS',
	'CONTAINS',
	'FREETEXT',
	'CONTAINSTABLE',
	'FREETEXTTABLE',
	'GENERATE_SERIES',
	// types with a length or precision: varchar(10) in CAST and CONVERT
	'VARCHAR',
	'NVARCHAR',
	'NCHAR',
	'DECIMAL',
	'NUMERIC',
	'VARBINARY',
	'BINARY',
	'FLOAT',
	'DATETIME2',
	'DATETIMEOFFSET',
	'TIME',
]);

/** Keywords that may stand right before "(" without calling anything. */
const KEYWORDS_BEFORE_PARENTHESIS = new Set([
	'SELECT',
	'FROM',
	'JOIN',
	'APPLY',
	'ON',
	'WHERE',
	'AND',
	'OR',
	'NOT',
	'IN',
	'EXISTS',
	'AS',
	'OVER',
	'GROUP',
	'BY',
	'HAVING',
	'TOP',
	'UNION',
	'ALL',
	'EXCEPT',
	'INTERSECT',
	'ANY',
	'SOME',
	'WHEN',
	'THEN',
	'ELSE',
	'CASE',
	'BETWEEN',
	'LIKE',
	'IS',
	'DISTINCT',
	'OPTION',
	'HINT',
	'FIRST',
	'NEXT',
	'VALUES',
	'PIVOT',
	'UNPIVOT',
	'FOR',
	'TABLESAMPLE',
	'PATH',
	'ROOT',
	'RAW',
	'WITH',
]);

/** Schemas of SQL Server's own objects: nothing in them is Halo's data. */
const SYSTEM_SCHEMAS = new Set(['SYS', 'INFORMATION_SCHEMA']);

/** System views that describe only this database's own tables and columns. */
const ALLOWED_SYSTEM_VIEWS = new Set([
	'INFORMATION_SCHEMA.TABLES',
	'INFORMATION_SCHEMA.COLUMNS',
	'INFORMATION_SCHEMA.VIEWS',
	'SYS.TABLES',
	'SYS.COLUMNS',
	'SYS.VIEWS',
	'SYS.OBJECTS',
	'SYS.SCHEMAS',
	'SYS.TYPES',
	'SYS.INDEXES',
	'SYS.FOREIGN_KEYS',
]);

/**
 * SQL Server's compatibility views, which resolve without a schema (`FROM sysprocesses`): the
 * server's sessions, logins, files and other databases. None is on the allow-list.
 */
const COMPATIBILITY_VIEWS = new Set([
	'SYSALTFILES',
	'SYSCACHEOBJECTS',
	'SYSCHARSETS',
	'SYSCOLUMNS',
	'SYSCOMMENTS',
	'SYSCONFIGURES',
	'SYSCONSTRAINTS',
	'SYSCURCONFIGS',
	'SYSDATABASES',
	'SYSDEPENDS',
	'SYSDEVICES',
	'SYSFILEGROUPS',
	'SYSFILES',
	'SYSFOREIGNKEYS',
	'SYSFULLTEXTCATALOGS',
	'SYSINDEXES',
	'SYSINDEXKEYS',
	'SYSLANGUAGES',
	'SYSLOCKINFO',
	'SYSLOGINS',
	'SYSMEMBERS',
	'SYSMESSAGES',
	'SYSOBJECTS',
	'SYSOLEDBUSERS',
	'SYSPERFINFO',
	'SYSPERMISSIONS',
	'SYSPROCESSES',
	'SYSPROTECTS',
	'SYSREFERENCES',
	'SYSREMOTELOGINS',
	'SYSSERVERS',
	'SYSTYPES',
	'SYSUSERS',
]);

/** Server variables a report may read: they describe the query's own session settings. */
const ALLOWED_SERVER_VARIABLES = new Set(['@@VERSION', '@@ROWCOUNT', '@@DATEFIRST', '@@LANGUAGE']);

class ReachRefusal {
	constructor(readonly message: string) {}
}

const upper = (token: SqlToken | undefined): string =>
	token?.kind === 'word' ? token.text.toUpperCase() : '';

const isPunctuation = (token: SqlToken | undefined, text: string): boolean =>
	token?.kind === 'punctuation' && token.text === text;

const isName = (token: SqlToken | undefined): boolean =>
	token?.kind === 'word' || token?.kind === 'quotedName';

/** A name as SQL Server resolves it: `[sys]`, `"sys"` and `sys` are one name. */
function bareName(token: SqlToken): string {
	const text = token.kind === 'quotedName' ? token.text.slice(1, -1) : token.text;
	return text.toUpperCase();
}

function where(sql: string, token: SqlToken): string {
	const { line, column } = sqlPosition(sql, token.start);
	return `at line ${line}, column ${column}`;
}

/** The index of the ")" that closes the "(" at `open`, or the statement's length. */
function closing(statement: SqlToken[], open: number): number {
	let depth = 0;
	for (let index = open; index < statement.length; index++) {
		if (isPunctuation(statement[index], '(')) depth++;
		if (isPunctuation(statement[index], ')') && --depth === 0) return index;
	}
	return statement.length;
}

/** Whether the parentheses at `open` hold only allowed hints: `(NOLOCK)`, `(NOLOCK, READUNCOMMITTED)`. */
function onlyAllowedHints(statement: SqlToken[], open: number): boolean {
	const inside = statement.slice(open + 1, closing(statement, open));
	return (
		inside.length > 0 &&
		inside.every((token) => isPunctuation(token, ',') || ALLOWED_HINTS.has(upper(token)))
	);
}

function lockHintRefusal(sql: string, statement: SqlToken[]): ReachRefusal | undefined {
	for (const token of statement) {
		if (token.kind === 'word' && LOCK_HINTS.has(upper(token)))
			return new ReachRefusal(
				`"${upper(token)}" ${where(sql, token)} holds locks on Halo's database (a lock hint); only NOLOCK and READUNCOMMITTED may be used`,
			);
	}
	return undefined;
}

/** `WITH (…)` after a table is a table hint, unless it is OPENJSON's schema: `OPENJSON(…) WITH (…)`. */
function tableHintRefusal(sql: string, statement: SqlToken[]): ReachRefusal | undefined {
	for (let index = 0; index < statement.length; index++) {
		if (upper(statement[index]) !== 'WITH' || !isPunctuation(statement[index + 1], '(')) continue;
		if (isPunctuation(statement[index - 1], ')') && openedBy(statement, index - 1) === 'OPENJSON')
			continue;
		if (!onlyAllowedHints(statement, index + 1))
			return new ReachRefusal(
				`the table hint ${where(sql, statement[index])} may hold only NOLOCK or READUNCOMMITTED`,
			);
	}
	return undefined;
}

/** The word before the "(" that the ")" at `close` closes. */
function openedBy(statement: SqlToken[], close: number): string {
	let depth = 0;
	for (let index = close; index >= 0; index--) {
		if (isPunctuation(statement[index], ')')) depth++;
		if (isPunctuation(statement[index], '(') && --depth === 0) return upper(statement[index - 1]);
	}
	return '';
}

/** The name chain that ends at `index`: `a.b.c` → its parts' tokens and its dots. */
function chainAt(statement: SqlToken[], start: number): { parts: SqlToken[]; end: number } {
	const parts: SqlToken[] = [];
	let index = start;
	for (;;) {
		if (isName(statement[index])) parts.push(statement[index++]);
		if (!isPunctuation(statement[index], '.')) break;
		parts.push(statement[index++]);
	}
	return { parts, end: index };
}

/** Three- and four-part names (`db.dbo.t`, `db..t`, `server.db.dbo.t`): other databases. */
function partsRefusal(sql: string, chain: SqlToken[]): ReachRefusal | undefined {
	const dots = chain.filter((token) => isPunctuation(token, '.')).length;
	if (dots < 2) return undefined;
	const first = chain[0];
	return new ReachRefusal(
		`the name ${where(sql, first)} has ${dots + 1} parts; a query may name only Halo's own tables, as table or schema.table (no database or server)`,
	);
}

/** A system view or function outside the allow-list, named by its chain of parts. */
function systemRefusal(sql: string, chain: SqlToken[]): ReachRefusal | undefined {
	const names = chain.filter(isName);
	const last = names.at(-1);
	if (last === undefined) return undefined;
	const schema = names.length > 1 ? bareName(names[names.length - 2]) : undefined;
	const full = names.map(bareName).join('.');
	const system =
		(schema !== undefined && SYSTEM_SCHEMAS.has(schema)) || COMPATIBILITY_VIEWS.has(bareName(last));
	if (!system || ALLOWED_SYSTEM_VIEWS.has(full)) return undefined;
	return new ReachRefusal(
		`${full} ${where(sql, names[0])} is one of SQL Server's own objects, not Halo's data; only ${[...ALLOWED_SYSTEM_VIEWS].join(', ')} may be read`,
	);
}

/** A call `name(`: a built-in function bare, or Halo's own function with its schema. */
function callRefusal(
	sql: string,
	statement: SqlToken[],
	chain: SqlToken[],
	start: number,
	end: number,
): ReachRefusal | undefined {
	if (!isPunctuation(statement[end], '(')) return undefined;
	const names = chain.filter(isName);
	if (names.length !== 1) return undefined; // schema.function: checked as a system object above
	const [name] = names;
	const word = bareName(name);
	const before = statement[start - 1];
	// An alias's or a named query's column list: `) v (n)`, `AS v (n)`, `WITH cte (n) AS (…)`.
	if (isPunctuation(before, ')') || upper(before) === 'AS') return undefined;
	if (upper(statement[closing(statement, end) + 1]) === 'AS') return undefined;
	// The old form of a table hint: `FROM Faults (NOLOCK)`.
	if (onlyAllowedHints(statement, end)) return undefined;
	if (
		name.kind === 'word' &&
		(BUILT_IN_FUNCTIONS.has(word) || KEYWORDS_BEFORE_PARENTHESIS.has(word))
	)
		return undefined;
	return new ReachRefusal(
		`${word}( ${where(sql, name)} calls a function that is not one of the built-in functions a report may use; Halo's own functions are called with their schema (dbo.name)`,
	);
}

function nameRefusal(sql: string, statement: SqlToken[]): ReachRefusal | undefined {
	for (let index = 0; index < statement.length; index++) {
		const token = statement[index];
		if (token.kind === 'operator' && token.text === '::')
			return new ReachRefusal(`"::" ${where(sql, token)} calls a system function`);
		if (token.kind === 'variable' && token.text.startsWith('@@')) {
			if (!ALLOWED_SERVER_VARIABLES.has(token.text.toUpperCase()))
				return new ReachRefusal(
					`${token.text.toUpperCase()} ${where(sql, token)} tells about the server; only ${[...ALLOWED_SERVER_VARIABLES].join(', ')} may be read`,
				);
			continue;
		}
		if (!isName(token)) continue;
		const { parts, end } = chainAt(statement, index);
		const refusal =
			partsRefusal(sql, parts) ??
			systemRefusal(sql, parts) ??
			callRefusal(sql, statement, parts, index, end);
		if (refusal) return refusal;
		index = end - 1;
	}
	return undefined;
}

/** Why a single SELECT statement reaches beyond Halo's own data or holds locks, or undefined. */
export function reachProblem(sql: string, statement: SqlToken[]): string | undefined {
	return (
		lockHintRefusal(sql, statement) ??
		tableHintRefusal(sql, statement) ??
		nameRefusal(sql, statement)
	)?.message;
}
