/**
 * A T-SQL tokenizer, as much of one as a guard needs: it reads a query the way SQL Server's lexer
 * does, so that what the guard calls code is what SQL Server runs, and what it calls data (text in
 * quotes, names in brackets) is what SQL Server reads as data. Pure: no n8n, no I/O.
 *
 * It never throws. What it cannot read becomes a token the guard refuses: an `unknown` character,
 * a literal, name or comment that is never closed (`unclosed`), a number that runs straight into a
 * word (`glued`).
 */

export type SqlTokenKind =
	/** Spaces, tabs and line breaks: the only characters taken as word separators. */
	| 'space'
	/** A bare word: a keyword, a name, a temporary table (#t), a pseudo column ($action). */
	| 'word'
	/** A `[bracketed]` or `"quoted"` name: data, whatever it spells. */
	| 'quotedName'
	/** A `'text'` or `N'text'` literal: data, whatever it spells. */
	| 'string'
	/** 12, 1.5, .5, 1., 1e0, 1.5E-3, 0x1F, $12.50 */
	| 'number'
	/** @name or @@name */
	| 'variable'
	| 'operator'
	/** ( ) , . ; */
	| 'punctuation'
	/** -- to the end of the line, or a (nested) block comment. */
	| 'comment'
	/** Any character SQL Server might read differently from this tokenizer. */
	| 'unknown';

export interface SqlToken {
	kind: SqlTokenKind;
	text: string;
	/** Offset of the first character in the query. */
	start: number;
	/** A literal, quoted name or block comment without its end. */
	unclosed?: boolean;
	/** A number followed at once by a letter, digit, `.` or name character (`1e0drop`, `0x1Fdrop`). */
	glued?: boolean;
}

/** Characters SQL Server allows inside a regular identifier after its first. */
const NAME_PART = /[A-Za-z0-9_@#$]/;
const NAME_START = /[A-Za-z_#]/;
const DIGIT = /[0-9]/;
const HEX_DIGIT = /[0-9A-Fa-f]/;
/** Only the ASCII separators: other (Unicode) spaces are `unknown`, never silently a separator. */
const SPACE = /[ \t\r\n]/;

/** Longest first, so that `<>` is one operator and not `<` then `>`. */
const OPERATORS = [
	'<>',
	'!=',
	'!<',
	'!>',
	'<=',
	'>=',
	'::',
	'||',
	'+=',
	'-=',
	'*=',
	'/=',
	'%=',
	'&=',
	'|=',
	'^=',
	'=',
	'<',
	'>',
	'+',
	'-',
	'*',
	'/',
	'%',
	'&',
	'|',
	'^',
	'~',
];
const PUNCTUATION = new Set(['(', ')', ',', '.', ';']);

type Reader = (sql: string, start: number) => SqlToken | undefined;

function at(sql: string, index: number, pattern: RegExp): boolean {
	return index < sql.length && pattern.test(sql[index]);
}

function whileMatching(sql: string, index: number, pattern: RegExp): number {
	let end = index;
	while (at(sql, end, pattern)) end++;
	return end;
}

const readSpace: Reader = (sql, start) => {
	const end = whileMatching(sql, start, SPACE);
	return end > start ? { kind: 'space', text: sql.slice(start, end), start } : undefined;
};

/** A line comment ends at a line break; block comments nest, as SQL Server's do. */
const readComment: Reader = (sql, start) => {
	const opener = sql.slice(start, start + 2);
	if (opener === '--') {
		const lineEnd = sql.slice(start).search(/[\r\n]/);
		const end = lineEnd === -1 ? sql.length : start + lineEnd;
		return { kind: 'comment', text: sql.slice(start, end), start };
	}
	if (opener !== '/*') return undefined;
	let depth = 0;
	for (let index = start; index < sql.length - 1; index++) {
		const pair = sql.slice(index, index + 2);
		if (pair === '/*') {
			depth++;
			index++;
		} else if (pair === '*/') {
			depth--;
			index++;
			if (depth === 0) return { kind: 'comment', text: sql.slice(start, index + 1), start };
		}
	}
	return { kind: 'comment', text: sql.slice(start), start, unclosed: true };
};

/** From `open` to its `close`; a doubled `close` inside is an escaped one ('it''s', [a]]b]). */
function readQuoted(
	sql: string,
	start: number,
	bodyStart: number,
	close: string,
	kind: SqlTokenKind,
): SqlToken {
	let index = bodyStart;
	for (;;) {
		const end = sql.indexOf(close, index);
		if (end === -1) return { kind, text: sql.slice(start), start, unclosed: true };
		if (sql[end + 1] === close) {
			index = end + 2;
			continue;
		}
		return { kind, text: sql.slice(start, end + 1), start };
	}
}

const readString: Reader = (sql, start) => {
	if (sql[start] === "'") return readQuoted(sql, start, start + 1, "'", 'string');
	if ((sql[start] === 'N' || sql[start] === 'n') && sql[start + 1] === "'")
		return readQuoted(sql, start, start + 2, "'", 'string');
	return undefined;
};

const readQuotedName: Reader = (sql, start) => {
	if (sql[start] === '[') return readQuoted(sql, start, start + 1, ']', 'quotedName');
	if (sql[start] === '"') return readQuoted(sql, start, start + 1, '"', 'quotedName');
	return undefined;
};

/** Where a decimal number (digits, point, exponent) that starts at `start` ends, or `start`. */
function decimalEnd(sql: string, start: number): number {
	let end = whileMatching(sql, start, DIGIT);
	const hasDigits = end > start;
	if (sql[end] === '.') {
		const fractionEnd = whileMatching(sql, end + 1, DIGIT);
		if (!hasDigits && fractionEnd === end + 1) return start;
		end = fractionEnd;
	} else if (!hasDigits) return start;
	// An exponent only when digits follow: "1e" is left for the glued check to refuse.
	if (sql[end] === 'e' || sql[end] === 'E') {
		const sign = sql[end + 1] === '+' || sql[end + 1] === '-' ? 1 : 0;
		const exponentEnd = whileMatching(sql, end + 1 + sign, DIGIT);
		if (exponentEnd > end + 1 + sign) end = exponentEnd;
	}
	return end;
}

function numberToken(sql: string, start: number, end: number): SqlToken {
	const token: SqlToken = { kind: 'number', text: sql.slice(start, end), start };
	if (at(sql, end, NAME_PART) || sql[end] === '.') token.glued = true;
	return token;
}

const readNumber: Reader = (sql, start) => {
	if (sql[start] === '0' && (sql[start + 1] === 'x' || sql[start + 1] === 'X')) {
		return numberToken(sql, start, whileMatching(sql, start + 2, HEX_DIGIT));
	}
	// Money: "$12.50" (a "$" before a name is a pseudo column such as $action, read as a word).
	if (sql[start] === '$' && !at(sql, start + 1, NAME_START)) {
		return numberToken(sql, start, Math.max(start + 1, decimalEnd(sql, start + 1)));
	}
	const end = decimalEnd(sql, start);
	return end > start ? numberToken(sql, start, end) : undefined;
};

const readVariable: Reader = (sql, start) => {
	if (sql[start] !== '@') return undefined;
	const end = whileMatching(sql, start + 1, NAME_PART);
	return { kind: 'variable', text: sql.slice(start, end), start };
};

const readWord: Reader = (sql, start) => {
	const first = sql[start];
	if (!NAME_START.test(first) && !(first === '$' && at(sql, start + 1, NAME_START)))
		return undefined;
	const end = whileMatching(sql, start + 1, NAME_PART);
	return { kind: 'word', text: sql.slice(start, end), start };
};

const readOperator: Reader = (sql, start) => {
	const operator = OPERATORS.find((candidate) => sql.startsWith(candidate, start));
	return operator ? { kind: 'operator', text: operator, start } : undefined;
};

const readPunctuation: Reader = (sql, start) =>
	PUNCTUATION.has(sql[start]) ? { kind: 'punctuation', text: sql[start], start } : undefined;

/** Tried in this order: comments before operators (--, /*), strings before words (N'…'), numbers before punctuation (.5). */
const READERS: Reader[] = [
	readSpace,
	readComment,
	readString,
	readQuotedName,
	readNumber,
	readVariable,
	readWord,
	readOperator,
	readPunctuation,
];

/** The query as tokens, in order; their texts joined give the query back exactly. */
export function tokenizeSql(sql: string): SqlToken[] {
	const tokens: SqlToken[] = [];
	let index = 0;
	while (index < sql.length) {
		let token: SqlToken | undefined;
		for (const read of READERS) {
			token = read(sql, index);
			if (token) break;
		}
		// One whole code point, so that a character outside the BMP is named as itself.
		token ??= {
			kind: 'unknown',
			text: String.fromCodePoint(sql.codePointAt(index) ?? 0),
			start: index,
		};
		tokens.push(token);
		index += token.text.length;
	}
	return tokens;
}

/** Line and column (both from 1) of an offset, for messages a person can find in their query. */
export function sqlPosition(sql: string, offset: number): { line: number; column: number } {
	const before = sql.slice(0, offset);
	const lines = before.split(/\r\n|\r|\n/);
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
