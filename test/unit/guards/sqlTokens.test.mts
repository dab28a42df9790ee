// The Run SQL guard's T-SQL tokenizer (issue 18), pure: each kind of token, the characters that
// only look like spaces, and generated text (fast-check). The rules over it are in sqlGuard.test.mts.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import fc from 'fast-check';

import { tokenizeSql } from '../../../nodes/HaloPsaComplete/guards/sqlTokens.ts';

const runs = { seed: 20261204, numRuns: 500 };
const kinds = (sql: string): Array<[string, string]> =>
	tokenizeSql(sql).map((token) => [token.kind, token.text]);
const code = (sql: string): Array<[string, string]> =>
	kinds(sql).filter(([kind]) => kind !== 'space');

test('Strings: plain and N-prefixed, with doubled quotes inside, are one token each', () => {
	assert.deepEqual(code("SELECT 'it''s', N'naïve ''x''', n'y'"), [
		['word', 'SELECT'],
		['string', "'it''s'"],
		['punctuation', ','],
		['string', "N'naïve ''x'''"],
		['punctuation', ','],
		['string', "n'y'"],
	]);
	assert.deepEqual(code("xN'a'"), [
		['word', 'xN'],
		['string', "'a'"],
	]);
	const [, , unclosed] = tokenizeSql("SELECT 'it''s");
	assert.equal(unclosed.unclosed, true);
});

test('Bracketed and quoted names, with doubled closers inside, are one token each', () => {
	assert.deepEqual(code('SELECT [a]]b], "c""d", [it\'s]'), [
		['word', 'SELECT'],
		['quotedName', '[a]]b]'],
		['punctuation', ','],
		['quotedName', '"c""d"'],
		['punctuation', ','],
		['quotedName', "[it's]"],
	]);
});

test('Numbers in every form T-SQL reads, and a number glued to a word is marked', () => {
	for (const number of [
		'12',
		'1.5',
		'.5',
		'1.',
		'1e0',
		'1E+10',
		'1.5e-3',
		'.5e2',
		'0x1F',
		'0x',
		'$12.50',
		'$5',
		'$.5',
	]) {
		const tokens = tokenizeSql(`SELECT ${number} AS n`).filter((token) => token.kind === 'number');
		assert.deepEqual(
			tokens.map((token) => [token.text, token.glued]),
			[[number, undefined]],
			number,
		);
	}
	for (const [sql, number] of [
		['1e0drop', '1e0'],
		['1drop', '1'],
		['0x1Fdrop', '0x1Fd'],
		['1.e0x', '1.e0'],
		['1e', '1'],
		['1.5.3', '1.5'],
	]) {
		const [token] = tokenizeSql(sql);
		assert.deepEqual([token.kind, token.text, token.glued], ['number', number, true], sql);
	}
});

test('Variables, operators, punctuation, pseudo columns and temporary tables', () => {
	assert.deepEqual(code('@x+@@ROWCOUNT<>1!=2::$action#t'), [
		['variable', '@x'],
		['operator', '+'],
		['variable', '@@ROWCOUNT'],
		['operator', '<>'],
		['number', '1'],
		['operator', '!='],
		['number', '2'],
		['operator', '::'],
		['word', '$action#t'],
	]);
	assert.deepEqual(code('a.b(c,d);'), [
		['word', 'a'],
		['punctuation', '.'],
		['word', 'b'],
		['punctuation', '('],
		['word', 'c'],
		['punctuation', ','],
		['word', 'd'],
		['punctuation', ')'],
		['punctuation', ';'],
	]);
});

test('Comments: -- to the end of the line, block comments nest as in SQL Server', () => {
	assert.deepEqual(code('a -- b /* c\nd'), [
		['word', 'a'],
		['comment', '-- b /* c'],
		['word', 'd'],
	]);
	assert.deepEqual(code('a /* x /* y */ DROP */ b'), [
		['word', 'a'],
		['comment', '/* x /* y */ DROP */'],
		['word', 'b'],
	]);
	const [comment] = tokenizeSql('/* /* */');
	assert.equal(comment.unclosed, true);
});

test('Characters that only look like spaces are unknown, never separators', () => {
	for (const char of ['\u00a0', '\u2003', '\u200b', '\u3000', '\ufeff', '\f', '\v', '\u0085']) {
		assert.deepEqual(code(`a${char}b`)[1], ['unknown', char], JSON.stringify(char));
	}
	assert.deepEqual(code('a\u{1F600}b')[1], ['unknown', '\u{1F600}']);
});

test('Any text tokenizes back into itself, position by position (property)', () => {
	fc.assert(
		fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (sql) => {
			const tokens = tokenizeSql(sql);
			assert.equal(tokens.map((token) => token.text).join(''), sql);
			let offset = 0;
			for (const token of tokens) {
				assert.equal(token.start, offset);
				assert.ok(token.text.length > 0);
				offset += token.text.length;
			}
		}),
		runs,
	);
});
