// The Run SQL guard, by its public function only: a single read-only SELECT (or WITH … SELECT)
// passes; anything that could write, run code or hide a second statement is refused in words.
// The wording is left to the guard; Run SQL through the node is in operations.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { sqlProblem } from '../../nodes/HaloPsaComplete/engine/report.ts';

test('read-only queries pass, words in quotes or brackets included', () => {
	for (const sql of [
		'SELECT Faultid, Symptom FROM Faults WHERE Status = 1',
		'  select top 10 * from Faults order by dateoccured desc;  ',
		'WITH open_tickets AS (SELECT Faultid FROM Faults WHERE Status <> 9) SELECT COUNT(*) FROM open_tickets',
		"SELECT 'drop table x; delete' AS note, [update] FROM Faults",
		"SELECT 'it''s' AS quoted",
	])
		assert.equal(sqlProblem(sql), undefined, sql);
});

test('writes, code, second statements, comments and broken quotes are refused, in words', () => {
	for (const sql of [
		'',
		'   ',
		'DELETE FROM Faults',
		'UPDATE Faults SET Status = 9',
		'SELECT 1; DROP TABLE Faults',
		'SELECT 1 DELETE FROM Faults',
		'SELECT * INTO Copy FROM Faults',
		'SELECT 1 -- a comment',
		'SELECT /* hidden */ 1',
		"SELECT 'never closed",
		'SELECT [never closed',
		"EXEC xp_cmdshell 'dir'",
		'SELECT 1 EXEC sp_configure',
		'WITH x AS (SELECT 1) DELETE FROM Faults',
		"SELECT 1 WAITFOR DELAY '00:00:10'",
	]) {
		const problem = sqlProblem(sql);
		assert.equal(typeof problem, 'string', `not refused: ${sql}`);
		assert.ok(problem.length > 10, `refused without words: ${sql}`);
	}
});
