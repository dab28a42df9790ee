// The Run SQL guard (issue 18), pure: the rules over a corpus of known bypass shapes, over report
// queries in the shape of Halo's that must pass, and over generated queries (fast-check). The
// tokenizer under it is in sqlTokens.test.mts. Run SQL in real n8n is in
// test/report-api-request.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import fc from 'fast-check';

import { MAX_SQL_LENGTH, sqlProblem } from '../../../nodes/HaloPsaComplete/guards/sqlGuard.ts';

const runs = { seed: 20261204, numRuns: 500 };

// --- Bypass shapes: each is refused, naming what was found and where -------------------------
/** [query, what the refusal must say (what and where)] */
const bypasses = [
	// second statements without a semicolon
	['SELECT 1 DELETE FROM Faults', '"DELETE" at line 1, column 10'],
	['SELECT 1 UPDATE Faults SET Status = 9', '"UPDATE" at line 1, column 10'],
	["SELECT 1 INSERT Faults (Symptom) VALUES ('x')", '"INSERT" at line 1, column 10'],
	['SELECT 1 TRUNCATE TABLE Faults', '"TRUNCATE" at line 1, column 10'],
	['SELECT 1 DROP TABLE Faults', '"DROP" at line 1, column 10'],
	["SELECT 1 ALTER LOGIN sa WITH PASSWORD = 'x'", '"ALTER" at line 1, column 10'],
	["SELECT 1 CREATE LOGIN eve WITH PASSWORD = 'x'", '"CREATE" at line 1, column 10'],
	['SELECT 1 GRANT CONTROL TO public', '"GRANT" at line 1, column 10'],
	['SELECT 1 DENY SELECT ON Faults TO public', '"DENY" at line 1, column 10'],
	['SELECT 1 REVERT', '"REVERT" at line 1, column 10'],
	["SELECT 1 SETUSER 'dbo'", '"SETUSER" at line 1, column 10'],
	['SELECT 1 SET ROWCOUNT 0', '"SET" at line 1, column 10'],
	['SELECT 1 USE master', '"USE" at line 1, column 10'],
	['SELECT 1 GO DROP TABLE Faults', '"GO" at line 1, column 10'],
	[
		'SELECT f.Faultid FROM Faults f UPDATE f SET Status = 9 FROM Faults f JOIN Area a ON a.Aarea = f.Areaint',
		'"UPDATE" at line 1, column 32',
	],
	[
		'SELECT 1 MERGE Faults AS t USING Area AS s ON 1 = 0 WHEN NOT MATCHED BY SOURCE THEN DELETE',
		'"MERGE" at line 1, column 10',
	],
	["SELECT 1 BULK INSERT Faults FROM 'c:\\x.csv'", '"BULK" at line 1, column 10'],
	['SELECT 1 WHILE 1 = 1 SELECT 2', '"WHILE" at line 1, column 10'],
	['SELECT 1 IF 1 = 1 DROP TABLE Faults', '"IF" at line 1, column 10'],
	['SELECT 1 GOTO done', '"GOTO" at line 1, column 10'],
	['SELECT 1 RETURN', '"RETURN" at line 1, column 10'],
	["SELECT 1 WAITFOR DELAY '00:00:10'", '"WAITFOR" at line 1, column 10'],
	["SELECT 1 RAISERROR('x', 16, 1)", '"RAISERROR" at line 1, column 10'],
	["SELECT 1 THROW 50000, 'x', 1", '"THROW" at line 1, column 10'],
	["SELECT 1 PRINT 'x'", '"PRINT" at line 1, column 10'],
	// transactions
	['SELECT 1 BEGIN TRAN DELETE FROM Faults ROLLBACK', '"BEGIN" at line 1, column 10'],
	['SELECT 1 COMMIT', '"COMMIT" at line 1, column 10'],
	['SELECT 1 SAVE TRANSACTION s', '"SAVE" at line 1, column 10'],
	// Service Broker
	['SELECT 1 RECEIVE TOP (1) * FROM ExpenseQueue', '"RECEIVE" at line 1, column 10'],
	["SELECT 1 SEND ON CONVERSATION @h ('x')", '"SEND" at line 1, column 10'],
	['SELECT 1 MOVE CONVERSATION @h TO @g', '"MOVE" at line 1, column 10'],
	['SELECT 1 END CONVERSATION @h WITH CLEANUP', '"CONVERSATION" at line 1, column 14'],
	['SELECT 1 GET CONVERSATION GROUP @g FROM ExpenseQueue', '"CONVERSATION" at line 1, column 14'],
	["SELECT 1 BEGIN DIALOG @h FROM SERVICE a TO SERVICE 'b'", '"BEGIN" at line 1, column 10'],
	// sequences, keys, signatures, cursors
	['SELECT NEXT VALUE FOR dbo.TicketNumbers', '"NEXT" at line 1, column 8'],
	["SELECT 1 OPEN MASTER KEY DECRYPTION BY PASSWORD = 'x'", '"OPEN" at line 1, column 10'],
	['SELECT 1 OPEN SYMMETRIC KEY k DECRYPTION BY CERTIFICATE c', '"OPEN" at line 1, column 10'],
	['SELECT 1 CLOSE MASTER KEY', '"CLOSE" at line 1, column 10'],
	['SELECT 1 ADD SIGNATURE TO dbo.p BY CERTIFICATE c', '"ADD" at line 1, column 10'],
	['SELECT 1 FETCH NEXT FROM c', '"FETCH" at line 1, column 10'],
	['SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT FROM c', '"FETCH" at line 1, column 42'],
	['SELECT 1 DEALLOCATE c', '"DEALLOCATE" at line 1, column 10'],
	["SELECT 1 WRITETEXT Faults.Symptom @p 'x'", '"WRITETEXT" at line 1, column 10'],
	// the server
	['SELECT 1 SHUTDOWN WITH NOWAIT', '"SHUTDOWN" at line 1, column 10'],
	['SELECT 1 DBCC CHECKDB', '"DBCC" at line 1, column 10'],
	['SELECT 1 KILL 52', '"KILL" at line 1, column 10'],
	['SELECT 1 RECONFIGURE', '"RECONFIGURE" at line 1, column 10'],
	['SELECT 1 CHECKPOINT', '"CHECKPOINT" at line 1, column 10'],
	["SELECT 1 BACKUP DATABASE Halo TO DISK = 'c:\\x.bak'", '"BACKUP" at line 1, column 10'],
	["SELECT 1 RESTORE DATABASE Halo FROM DISK = 'x'", '"RESTORE" at line 1, column 10'],
	['SELECT 1 DISABLE TRIGGER ALL ON Faults', '"DISABLE" at line 1, column 10'],
	['SELECT 1 ENABLE TRIGGER t ON Faults', '"ENABLE" at line 1, column 10'],
	// building and running other code
	[
		'SELECT 1 DECLARE @q NVARCHAR(99) = CHAR(68) + CHAR(82) + CHAR(79) + CHAR(80) EXEC (@q)',
		'"DECLARE" at line 1, column 10',
	],
	["SELECT CHAR(68) + CHAR(82) EXEC('DR' + 'OP TABLE Faults')", '"EXEC" at line 1, column 28'],
	["SELECT 1 EXECUTE sp_executesql N'DROP TABLE Faults'", '"EXECUTE" at line 1, column 10'],
	['SELECT 1 declare@q int', '"DECLARE" at line 1, column 10 (inside "declare@q")'],
	['SELECT dbo.sp_helpfile()', '"SP_HELPFILE" at line 1, column 12 is a stored procedure'],
	['SELECT * FROM master..xp_dirtree', '"XP_DIRTREE" at line 1, column 23 is a stored procedure'],
	// external data
	[
		"SELECT * FROM OPENROWSET('SQLNCLI', 'Server=x;', 'SELECT 1')",
		'"OPENROWSET" at line 1, column 15',
	],
	["SELECT * FROM OPENROWSET(BULK 'c:\\x', SINGLE_CLOB) AS f", '"OPENROWSET" at line 1, column 15'],
	["SELECT * FROM OPENQUERY(LinkedHalo, 'DELETE FROM Faults')", '"OPENQUERY" at line 1, column 15'],
	[
		"SELECT * FROM OPENDATASOURCE('SQLNCLI', 'Data Source=x').db.dbo.t",
		'"OPENDATASOURCE" at line 1, column 15',
	],
	["SELECT * FROM OPENXML(@h, '/root')", '"OPENXML" at line 1, column 15'],
	// INTO
	['SELECT * INTO FaultsCopy FROM Faults', '"INTO" at line 1, column 10 writes rows into a table'],
	['SELECT Faultid INTO #copy FROM Faults', '"INTO" at line 1, column 16'],
	// numbers glued to words
	['SELECT 1e0drop TABLE Faults', '("1e0drop") at line 1, column 8'],
	['SELECT 1e0DROP TABLE Faults', '("1e0DROP") at line 1, column 8'],
	['SELECT 1drop TABLE Faults', '("1drop") at line 1, column 8'],
	['SELECT 0x1Fdrop TABLE Faults', '("0x1Fdrop") at line 1, column 8'],
	['SELECT 1.e0drop TABLE Faults', '("1.e0drop") at line 1, column 8'],
	['SELECT .5e1delete FROM Faults', '(".5e1delete") at line 1, column 8'],
	['SELECT $1drop TABLE Faults', '("$1drop") at line 1, column 8'],
	// comments
	['SELECT 1 -- harmless?\nDELETE FROM Faults', 'a comment ("--") at line 1, column 10'],
	['SELECT 1 /* ; */ DROP TABLE Faults', 'a comment ("/*") at line 1, column 10'],
	['SELECT 1 /* /* */ DROP TABLE Faults */', 'a comment ("/*") at line 1, column 10'],
	['SELECT 1/**/DELETE FROM Faults', 'a comment ("/*") at line 1, column 9'],
	['SELECT 1 /* never closed', 'a comment ("/*") at line 1, column 10'],
	// look-alike spaces and other characters
	['SELECT 1\u00a0DELETE FROM Faults', 'U+00A0 at line 1, column 9'],
	['SELECT 1\u2003DELETE FROM Faults', 'U+2003 at line 1, column 9'],
	['SELECT\u200bDELETE FROM Faults', 'U+200B at line 1, column 7'],
	['SELECT 1\u3000DELETE FROM Faults', 'U+3000 at line 1, column 9'],
	['SELECT 1\ufeffDELETE FROM Faults', 'U+FEFF at line 1, column 9'],
	['SELECT 1\fDELETE FROM Faults', 'U+000C at line 1, column 9'],
	['SELECT {fn USER()}', '"{" U+007B at line 1, column 8'],
	['SELECT 1 :r evil.sql', '":" U+003A at line 1, column 10'],
	['SELECT `x`', '"`" U+0060 at line 1, column 8'],
	// spacing and gluing that hide nothing
	['select 1 dElEtE from Faults', '"DELETE" at line 1, column 10'],
	['SELECT 1\tDELETE\nFROM Faults', '"DELETE" at line 1, column 10'],
	['SELECT 1\r\n\r\n  DELETE FROM Faults', '"DELETE" at line 3, column 3'],
	["SELECT 'x'DELETE FROM Faults", '"DELETE" at line 1, column 11'],
	['SELECT [x]DELETE FROM Faults', '"DELETE" at line 1, column 11'],
	['SELECT (1)DELETE FROM Faults', '"DELETE" at line 1, column 11'],
	// statements and their shape
	['SELECT 1; DELETE FROM Faults', '"DELETE" at line 1, column 11'],
	['SELECT 1; SELECT 2', 'a ";" at line 1, column 9'],
	['SELECT 1 SELECT 2', 'a second statement ("SELECT" at line 1, column 10)'],
	['SELECT (SELECT 1) SELECT 2', 'a second statement ("SELECT" at line 1, column 19)'],
	[
		'SELECT 1 WITH x AS (SELECT 2) SELECT * FROM x',
		'a second statement ("WITH" at line 1, column 10)',
	],
	["INSERT INTO Faults (Symptom) VALUES ('x')", '"INSERT" at line 1, column 1'],
	["EXEC xp_cmdshell 'dir'", '"EXEC" at line 1, column 1'],
	['sp_who', '"SP_WHO" at line 1, column 1 is a stored procedure'],
	['VALUES (1), (2)', 'it starts with "VALUES" at line 1, column 1, not SELECT or WITH'],
	['(TABLE Faults)', 'it starts with "TABLE" at line 1, column 2, not SELECT or WITH'],
	['WITH x AS (SELECT 1 AS a) DELETE FROM Faults', '"DELETE" at line 1, column 27'],
	['WITH x AS (SELECT 1 AS a) VALUES (1)', '"VALUES" stands at line 1, column 27'],
	['WITH x AS (VALUES (1)) SELECT * FROM x', '"VALUES" stands at line 1, column 12'],
	['WITH x AS (SELECT 1 SELECT * FROM x', 'the "(" at line 1, column 11 is never closed'],
	// unfinished literals and names
	["SELECT * FROM Faults WHERE Symptom = 'unfinished", 'quoted text opened at line 1, column 38'],
	["SELECT N'x' + 'y", 'quoted text opened at line 1, column 15'],
	['SELECT [Faults FROM x', 'quoted name opened at line 1, column 8'],
	// lock hints (issue 26): only NOLOCK and READUNCOMMITTED, in WITH (…) and the old (…) form
	['SELECT * FROM Faults WITH (TABLOCKX)', '"TABLOCKX" at line 1, column 28 holds locks'],
	['SELECT * FROM Faults WITH (HOLDLOCK)', '"HOLDLOCK" at line 1, column 28'],
	['SELECT * FROM Faults WITH (XLOCK, ROWLOCK)', '"XLOCK" at line 1, column 28'],
	['SELECT * FROM Faults f WITH (UPDLOCK) WHERE Faultid = 1', '"UPDLOCK" at line 1, column 30'],
	['SELECT * FROM Faults (TABLOCKX)', '"TABLOCKX" at line 1, column 23'],
	['SELECT * FROM Faults (NOLOCK, tablockx)', '"TABLOCKX" at line 1, column 31'],
	['SELECT * FROM Faults WITH (NOLOCK, SERIALIZABLE)', '"SERIALIZABLE" at line 1, column 36'],
	['SELECT * FROM Faults WITH (PAGLOCK)', '"PAGLOCK" at line 1, column 28'],
	['SELECT * FROM Faults WITH (READPAST)', '"READPAST" at line 1, column 28'],
	['SELECT * FROM Faults f OPTION (TABLE HINT (f, TABLOCKX))', '"TABLOCKX" at line 1, column 47'],
	[
		'SELECT * FROM Faults WITH (INDEX(0), FORCESEEK)',
		'the table hint at line 1, column 22 may hold only NOLOCK or READUNCOMMITTED',
	],
	// SQL Server's own functions and views: the server's files, sessions and other databases
	[
		"SELECT * FROM sys.fn_get_audit_file('\\\\evil\\share\\*.sqlaudit', DEFAULT, DEFAULT)",
		'SYS.FN_GET_AUDIT_FILE at line 1, column 15 is one of SQL Server',
	],
	[
		"SELECT * FROM sys.fn_xe_file_target_read_file('C:\\x\\*.xel', NULL, NULL, NULL)",
		'SYS.FN_XE_FILE_TARGET_READ_FILE at line 1, column 15',
	],
	[
		"SELECT * FROM fn_trace_gettable('\\\\evil\\share\\x.trc', DEFAULT)",
		'FN_TRACE_GETTABLE( at line 1, column 15 calls a function that is not one of the built-in',
	],
	["SELECT * FROM ::fn_trace_gettable('c:\\x.trc', 1)", '"::" at line 1, column 15'],
	[
		"SELECT * FROM [sys].[fn_get_audit_file]('x', 1, 1)",
		'SYS.FN_GET_AUDIT_FILE at line 1, column 15',
	],
	['SELECT * FROM sys . dm_exec_sessions', 'SYS.DM_EXEC_SESSIONS at line 1, column 15'],
	[
		'SELECT session_id, text FROM sys.dm_exec_requests',
		'SYS.DM_EXEC_REQUESTS at line 1, column 30',
	],
	['SELECT * FROM sys.databases', 'SYS.DATABASES at line 1, column 15'],
	['SELECT * FROM sys.sql_logins', 'SYS.SQL_LOGINS at line 1, column 15'],
	['SELECT * FROM sysprocesses', 'SYSPROCESSES at line 1, column 15'],
	['SELECT * FROM dbo.sysobjects', 'DBO.SYSOBJECTS at line 1, column 15'],
	['SELECT name FROM [syslogins]', 'SYSLOGINS at line 1, column 18'],
	['SELECT * FROM INFORMATION_SCHEMA.ROUTINES', 'INFORMATION_SCHEMA.ROUTINES at line 1, column 15'],
	["SELECT SERVERPROPERTY('MachineName')", 'SERVERPROPERTY( at line 1, column 8'],
	['SELECT HOST_NAME(), SUSER_SNAME()', 'HOST_NAME( at line 1, column 8'],
	['SELECT DB_NAME(), FILE_NAME(1)', 'DB_NAME( at line 1, column 8'],
	["SELECT OBJECT_DEFINITION(OBJECT_ID('x'))", 'OBJECT_DEFINITION( at line 1, column 8'],
	['SELECT * FROM fn_dblog(NULL, NULL)', 'FN_DBLOG( at line 1, column 15'],
	['SELECT @@SERVERNAME', '@@SERVERNAME at line 1, column 8 tells about the server'],
	['SELECT @@SPID, @@CONNECTIONS', '@@SPID at line 1, column 8'],
	// other databases and linked servers: no three- or four-part names
	['SELECT * FROM master.sys.sql_logins', 'the name at line 1, column 15 has 3 parts'],
	['SELECT * FROM master..syslogins', 'the name at line 1, column 15 has 3 parts'],
	['SELECT * FROM OtherDb.dbo.Faults', 'the name at line 1, column 15 has 3 parts'],
	['SELECT * FROM LinkedHalo.HaloDb.dbo.Faults', 'the name at line 1, column 15 has 4 parts'],
	['SELECT * FROM [Linked].[Db]..[Faults]', 'the name at line 1, column 15 has 4 parts'],
	['SELECT dbo.Faults.Symptom FROM dbo.Faults', 'the name at line 1, column 8 has 3 parts'],
	[
		'SELECT f.Faultid FROM Faults f JOIN tempdb.dbo.x t ON t.id = f.Faultid',
		'column 37 has 3 parts',
	],
	// length
	[`SELECT ${'1,'.repeat(MAX_SQL_LENGTH / 2)}1`, `sends at most ${MAX_SQL_LENGTH}`],
	['  \n ', 'the query is empty'],
];

test(`${bypasses.length} known bypass shapes are refused, each naming what was found and where`, () => {
	assert.ok(bypasses.length >= 50);
	for (const [sql, expected] of bypasses) {
		const problem = sqlProblem(sql);
		assert.ok(problem, `not refused: ${JSON.stringify(sql)}`);
		assert.ok(
			problem.includes(expected),
			`${JSON.stringify(sql)}\n  said: ${problem}\n  expected it to say: ${expected}`,
		);
	}
});

// --- Report queries that must pass -------------------------------------------------------------
const reads = [
	'SELECT Faultid, Symptom, Status FROM Faults WHERE FDeleted = 0',
	'SELECT f.Faultid AS [Ticket ID], a.Aareadesc AS [Client], s.Sdesc AS [Site], f.Symptom AS [Summary] FROM Faults f JOIN Area a ON a.Aarea = f.Areaint JOIN Site s ON s.Ssitenum = f.Sitenumber WHERE f.Status <> 9',
	'SELECT Uname.Uname AS [Agent], COUNT(*) AS [Closed] FROM Faults JOIN Uname ON Uname.Unum = Faults.Clearwhoint WHERE Faults.datecleared >= DATEADD(day, -7, GETDATE()) GROUP BY Uname.Uname ORDER BY [Closed] DESC',
	'SELECT TOP 10 a.Aareadesc, SUM(ac.timetaken) AS hours FROM Actions ac JOIN Faults f ON f.Faultid = ac.Faultid JOIN Area a ON a.Aarea = f.Areaint WHERE ac.actiondatecreated BETWEEN @startdate AND @enddate GROUP BY a.Aareadesc ORDER BY hours DESC',
	`WITH opened AS (
	SELECT Areaint, COUNT(*) AS n FROM Faults WHERE dateoccured >= DATEADD(month, -1, GETDATE()) GROUP BY Areaint
), closed AS (
	SELECT Areaint, COUNT(*) AS n FROM Faults WHERE datecleared >= DATEADD(month, -1, GETDATE()) GROUP BY Areaint
)
SELECT a.Aareadesc, ISNULL(o.n, 0) AS opened, ISNULL(c.n, 0) AS closed
FROM Area a
LEFT JOIN opened o ON o.Areaint = a.Aarea
LEFT JOIN closed c ON c.Areaint = a.Aarea`,
	"SELECT Faultid, CASE WHEN Status = 9 THEN 'Closed' WHEN Status = 1 THEN 'New' ELSE 'Open' END AS [State] FROM Faults",
	'SELECT Faultid, ROW_NUMBER() OVER (PARTITION BY Areaint ORDER BY dateoccured DESC) AS rn FROM Faults',
	'SELECT * FROM (SELECT Faultid, Areaint, ROW_NUMBER() OVER (PARTITION BY Areaint ORDER BY dateoccured DESC) AS rn FROM Faults) latest WHERE rn = 1',
	"SELECT Uusername, Uemail FROM Users WHERE Uemail LIKE '%@acme.com' AND Uinactive = 0",
	'SELECT [Delete], [Update], [Drop Date], [Exec;Into] FROM [Faults]',
	'SELECT "Insert", "Exec", "Set" FROM "Faults"',
	"SELECT Symptom FROM Faults WHERE Symptom LIKE '%DROP TABLE%' OR Symptom = N'Can''t EXEC; DELETE -- /* me */'",
	'SELECT COUNT(DISTINCT Areaint) FROM Faults WHERE Requesttype IN (1, 3, 5)',
	"SELECT Faultid FROM Faults WHERE Areaint IN (SELECT Aarea FROM Area WHERE Aareadesc LIKE 'Acme%')",
	'SELECT a.Aareadesc FROM Area a WHERE EXISTS (SELECT 1 FROM Faults f WHERE f.Areaint = a.Aarea AND f.Status <> 9)',
	'SELECT Faultid FROM Faults WHERE Status = 1 UNION ALL SELECT Faultid FROM Faults WHERE Status = 2',
	'SELECT Faultid FROM Faults EXCEPT SELECT Faultid FROM Actions INTERSECT SELECT Faultid FROM Faults',
	"SELECT Faultid, DATEDIFF(hour, dateoccured, datecleared) AS hours_open, FORMAT(dateoccured, 'yyyy-MM') AS [month] FROM Faults WHERE datecleared IS NOT NULL",
	'SELECT CONVERT(varchar(10), dateoccured, 120) AS day, COUNT(*) AS n FROM Faults GROUP BY CONVERT(varchar(10), dateoccured, 120) HAVING COUNT(*) > 5',
	'SELECT Faultid, LAG(dateoccured) OVER (ORDER BY dateoccured) AS previous FROM Faults',
	'SELECT Faultid, SUM(timetaken) OVER (PARTITION BY Faultid ORDER BY actionnumber ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM Actions',
	'SELECT Faultid FROM Faults ORDER BY dateoccured DESC OFFSET 0 ROWS FETCH NEXT 50 ROWS ONLY',
	'SELECT Faultid FROM Faults ORDER BY Faultid OFFSET @skip ROWS FETCH FIRST (@take) ROWS ONLY',
	'SELECT TOP (5) WITH TIES Areaint, COUNT(*) AS n FROM Faults GROUP BY Areaint ORDER BY n DESC',
	'SELECT f.Faultid FROM Faults f WITH (NOLOCK) INNER JOIN Actions ac WITH (NOLOCK) ON ac.Faultid = f.Faultid',
	'SELECT Areaint, Status, COUNT(*) FROM Faults GROUP BY Areaint, Status WITH ROLLUP',
	'SELECT 1.5 * timetaken, .5, 1., 1e3, 1.5E-3, 0x1F, $12.50, -3 FROM Actions',
	'SELECT @@VERSION AS version, @@ROWCOUNT AS n',
	'SELECT d.DInvNo AS [Asset tag], x.Xdesc AS [Type], s.Sdesc AS [Site] FROM Device d JOIN Xtype x ON x.Xnum = d.DXtype JOIN Site s ON s.Ssitenum = d.Dsite',
	'SELECT t.tstatusdesc, COUNT(f.Faultid) FROM TStatus t LEFT JOIN Faults f ON f.Status = t.Tstatus GROUP BY t.tstatusdesc',
	';WITH cte AS (SELECT Faultid FROM Faults) SELECT * FROM cte;',
	"SELECT IIF(Status = 9, 'closed', 'open') AS state, COALESCE(Symptom, '') FROM Faults",
	"SELECT STRING_AGG(Uusername, ', ') WITHIN GROUP (ORDER BY Uusername) FROM Users",
	"SELECT Faultid FROM Faults WHERE dateoccured >= '2026-01-01T00:00:00' AND Symptom NOT LIKE '%[[]test]%'",
	'SELECT\r\n\tf.Faultid,\r\n\tf.Symptom\r\nFROM\r\n\tFaults f\r\nWHERE\r\n\tf.Status = 1\r\n',
	"SELECT a.Aareadesc + ' - ' + s.Sdesc AS [Client / Site] FROM Area a CROSS APPLY (SELECT TOP 1 Sdesc FROM Site WHERE SArea = a.Aarea) s",
	"SELECT * FROM OPENJSON(N'[1,2]') WITH (n int '$')",
	'SELECT Faultid, CAST(Symptom AS nvarchar(200)) AS s FROM Faults WHERE Faultid BETWEEN 100 AND 200',
	"SELECT a.Aareadesc FROM Area a INNER MERGE JOIN Faults f ON f.Areaint = a.Aarea OPTION (MAXRECURSION 0, USE HINT ('DISABLE_PARAMETER_SNIFFING'))",
	'WITH numbers (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < 10) SELECT n FROM numbers OPTION (MAXRECURSION 10)',
	"SELECT Faultid FROM Faults WHERE Symptom = 'Reset password: SELECT INTO; UPDATE me, then EXEC the DROP'",
	'SELECT Faultid AS [Ticket] FROM Faults FOR JSON PATH',
	'SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY timetaken) OVER () AS median FROM Actions',
	'SELECT Faultid, Symptom FROM Faults WHERE Symptom = \'He said "drop it"\'',
	'(SELECT Faultid FROM Faults) UNION (SELECT Faultid FROM Actions)',
	'select f.faultid, u.uusername from faults f left outer join users u on u.uid = f.userid where f.status not in (8, 9)',
	'SELECT [Next], [Value], [For], [Open], [Add] FROM [Faults] WHERE [Into] = 1',
	// hints that take no locks, Halo's own objects with their schema, the database's own catalogue
	'SELECT Faultid FROM Faults (NOLOCK)',
	'SELECT f.Faultid FROM dbo.Faults f WITH (NOLOCK, READUNCOMMITTED) JOIN [dbo].[Area] a (nolock) ON a.Aarea = f.Areaint',
	"SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'Faults'",
	'SELECT t.name, c.name FROM sys.tables t JOIN sys.columns c ON c.object_id = t.object_id',
	'SELECT dbo.HaloWorkingHours(dateoccured, datecleared) AS hours FROM Faults',
	'SELECT v.n FROM (VALUES (1), (2)) v (n)',
	"SELECT [sys], [Master], [fn_trace_gettable], 'sys.fn_get_audit_file' FROM Faults",
	'SELECT Faultid, @@DATEFIRST FROM Faults TABLESAMPLE (10 PERCENT)',
];

test(`${reads.length} report queries in the shape of Halo's pass, keywords in strings and brackets included`, () => {
	assert.ok(reads.length >= 30);
	for (const sql of reads) assert.equal(sqlProblem(sql), undefined, sql);
});

// --- Properties ---------------------------------------------------------------------------------
const spaceArb = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', ' \n\t');
/** A keyword as a person might type it. */
const keyword = (word: string): fc.Arbitrary<string> =>
	fc
		.array(fc.boolean(), { minLength: word.length, maxLength: word.length })
		.map((flags) => [...word].map((c, i) => (flags[i] ? c.toLowerCase() : c)).join(''));
const columnArb = fc.oneof(
	fc.constantFrom(
		'Faultid',
		'Symptom',
		'Status',
		'Areaint',
		'f.Faultid',
		'a.Aareadesc',
		'timetaken',
	),
	fc
		.string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
		.map((name) => `[${name.replaceAll(']', ']]')}]`),
	fc
		.string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
		.map((name) => `"${name.replaceAll('"', '""')}"`),
);
/** Text a model or person might put in a literal: anything, keywords and quote marks most of all. */
const textArb = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.constantFrom(
		"'; DROP TABLE Faults --",
		'/* x */',
		'EXEC xp_cmdshell',
		"it's",
		'1e0drop',
		'\u00a0DELETE',
	),
);
const literalArb = fc.oneof(
	textArb.map((text) => `'${text.replaceAll("'", "''")}'`),
	textArb.map((text) => `N'${text.replaceAll("'", "''")}'`),
	fc.constantFrom(
		'1',
		'42',
		'1.5',
		'.5',
		'1.',
		'1e0',
		'2.5E-3',
		'0x1F',
		'$12.50',
		'@startdate',
		'@@ROWCOUNT',
	),
);
const operandArb = fc.oneof(columnArb, literalArb);
/** One SELECT as a list of tokens; they are joined by spaces later. */
const selectArb = fc
	.record({
		select: keyword('SELECT'),
		top: fc.option(fc.constantFrom(['TOP', '10'], ['TOP', '(', '5', ')', 'WITH', 'TIES'])),
		columns: fc.array(
			fc.record({
				value: fc.oneof(
					operandArb.map((a) => [a]),
					fc.tuple(operandArb, fc.constantFrom('+', '-', '*', '%'), operandArb),
					fc
						.tuple(fc.constantFrom('ISNULL', 'COALESCE', 'DATEADD'), operandArb, operandArb)
						.map(([fn, a, b]) => [fn, '(', a, ',', b, ')']),
					fc
						.tuple(operandArb, literalArb, literalArb)
						.map(([a, b, c]) => ['CASE', 'WHEN', a, '=', b, 'THEN', c, 'ELSE', 'NULL', 'END']),
					fc.constant([
						'ROW_NUMBER',
						'(',
						')',
						'OVER',
						'(',
						'PARTITION',
						'BY',
						'Areaint',
						'ORDER',
						'BY',
						'Faultid',
						')',
					]),
				),
				alias: fc.option(columnArb),
			}),
			{ minLength: 1, maxLength: 4 },
		),
		from: fc.constantFrom(
			['Faults', 'f'],
			['Area', 'a'],
			['[Users]', 'u'],
			['Faults', 'f', 'WITH', '(', 'NOLOCK', ')'],
		),
		join: fc.option(
			fc.constantFrom(
				['JOIN', 'Area', 'a', 'ON', 'a.Aarea', '=', 'f.Areaint'],
				['LEFT', 'JOIN', 'Actions', 'ac', 'ON', 'ac.Faultid', '=', 'f.Faultid'],
			),
		),
		where: fc.option(
			fc.tuple(columnArb, fc.constantFrom('=', '<>', '>=', 'LIKE', '!='), literalArb),
		),
		exists: fc.boolean(),
		order: fc.option(
			fc.constantFrom(
				['ORDER', 'BY', 'Faultid', 'DESC'],
				['ORDER', 'BY', '1', 'OFFSET', '0', 'ROWS', 'FETCH', 'NEXT', '5', 'ROWS', 'ONLY'],
			),
		),
	})
	.map(({ select, top, columns, from, join, where, exists, order }) => [
		select,
		...(top ?? []),
		...columns.flatMap(({ value, alias }, index) => [
			...(index ? [','] : []),
			...value,
			...(alias ? ['AS', alias] : []),
		]),
		'FROM',
		...from,
		...(join ?? []),
		...(where ? ['WHERE', ...where] : []),
		...(exists ? [where ? 'AND' : 'WHERE', 'EXISTS', '(', 'SELECT', '1', 'FROM', 'Site', ')'] : []),
		...(order ?? []),
	]);
const queryArb = fc.oneof(
	selectArb,
	fc
		.tuple(selectArb, selectArb)
		.map(([a, b]) => [...a.filter((t) => t !== 'ORDER'), 'UNION', 'ALL', ...b]),
	fc.tuple(selectArb, selectArb).map(([a, b]) => ['WITH', 'recent', 'AS', '(', ...a, ')', ...b]),
	fc
		.tuple(selectArb, selectArb)
		.map(([a, b]) => [
			';',
			'WITH',
			'x',
			'(',
			'n',
			')',
			'AS',
			'(',
			...a,
			')',
			',',
			'y',
			'AS',
			'(',
			...b,
			')',
			'SELECT',
			'*',
			'FROM',
			'y',
			';',
		]),
);
/** Tokens joined by any mix of spaces, tabs and line breaks. */
const joinedArb = queryArb.chain((tokens) =>
	fc.array(spaceArb, { minLength: tokens.length, maxLength: tokens.length }).map((spaces) => ({
		tokens,
		spaces,
		sql: tokens.map((token, index) => (index ? spaces[index] : '') + token).join(''),
	})),
);

test('A generated read-only query is never refused (property)', () => {
	fc.assert(
		fc.property(joinedArb, ({ sql }) => {
			assert.equal(sqlProblem(sql), undefined, sql);
		}),
		runs,
	);
});

/**
 * Statement heads to splice. The test's own list (not the
 * guard's): every T-SQL statement that is not a SELECT, and the functions and clauses that write.
 */
const heads = [
	'INSERT',
	'UPDATE',
	'DELETE',
	'TRUNCATE TABLE',
	'DROP',
	'ALTER',
	'CREATE',
	'GRANT',
	'REVOKE',
	'DENY',
	'EXEC',
	'EXECUTE',
	'BULK INSERT',
	'DBCC',
	'SHUTDOWN',
	'WAITFOR',
	'DECLARE',
	'SET',
	'USE master',
	'BEGIN',
	'OPEN MASTER KEY',
	'CLOSE',
	'DEALLOCATE',
	'FETCH',
	'FETCH NEXT FROM c',
	'RECEIVE',
	'SEND ON',
	'MOVE CONVERSATION',
	'KILL',
	'RECONFIGURE',
	'REVERT',
	'SETUSER',
	'READTEXT',
	'WRITETEXT',
	'UPDATETEXT',
	'PRINT',
	'RAISERROR',
	'THROW',
	'RETURN',
	'GOTO',
	'BREAK',
	'CONTINUE',
	'WHILE',
	'IF',
	'SAVE',
	'COMMIT',
	'ROLLBACK',
	'CHECKPOINT',
	'BACKUP',
	'RESTORE',
	'ADD SIGNATURE',
	'NEXT VALUE FOR',
	'INTO',
	'OPENROWSET',
	'OPENQUERY',
	'OPENDATASOURCE',
	'OPENXML',
	'MERGE INTO',
	'ENABLE TRIGGER',
	'DISABLE TRIGGER',
	'GO',
	'END CONVERSATION',
	'GET CONVERSATION GROUP',
];
/** A name character: a splice glued to one would be part of a longer name, not a keyword. */
const NAME_CHAR = /[A-Za-z0-9_@#$]/;

test('Splicing any statement keyword into a read-only query, anywhere outside a string, is always refused, naming it and where (property)', () => {
	fc.assert(
		fc.property(
			joinedArb,
			fc.nat(),
			fc.constantFrom(...heads),
			fc.constantFrom('', ' ', '\n', '\t'),
			fc.constantFrom('', ' ', '\r\n'),
			({ tokens, spaces, sql: original }, at, head, before, after) => {
				const boundary = at % (tokens.length + 1);
				const prefix = tokens
					.slice(0, boundary)
					.map((token, index) => (index ? spaces[index] : '') + token)
					.join('');
				const suffix = tokens
					.slice(boundary)
					.map((token, index) => (index || boundary ? spaces[boundary + index] : '') + token)
					.join('');
				assert.equal(prefix + suffix, original);
				// Glued only where SQL Server too would read the keyword as a word of its own.
				const left = before === '' && /[A-Za-z0-9_@#$.]$/.test(prefix) ? ' ' : before;
				const right = after === '' && NAME_CHAR.test(suffix.trimStart()[0] ?? '') ? ' ' : after;
				const spliced = `${prefix}${left}${head}${right}${suffix}`;
				const problem = sqlProblem(spliced);
				assert.ok(problem, `not refused: ${JSON.stringify(spliced)}`);
				const [, named, line, column] =
					problem.match(/"([^"]+)" at line (\d+), column (\d+)/) ?? [];
				const offset = prefix.length + left.length + head.indexOf(named);
				const lines = spliced.slice(0, offset).split(/\r\n|\r|\n/);
				const where = [lines.length, lines[lines.length - 1].length + 1];
				// Named where the splice put it …
				if (head.split(' ').includes(named) && `${where}` === `${line},${column}`) return;
				// … or the splice broke the query's own OFFSET … ROWS FETCH NEXT 5 ROWS ONLY, whose FETCH is named.
				assert.equal(named, 'FETCH', `${JSON.stringify(spliced)}\n  said: ${problem}`);
				assert.ok(tokens.includes('FETCH'));
			},
		),
		runs,
	);
});

test('Every refusal over arbitrary text says where, or is about the whole query (property)', () => {
	fc.assert(
		fc.property(
			fc.string({ unit: 'grapheme', maxLength: 60 }).map((tail) => `SELECT ${tail}`),
			(sql) => {
				const problem = sqlProblem(sql);
				if (problem === undefined) return;
				assert.match(
					problem,
					/at line \d+, column \d+|the query is empty|holds no statement|ends too early|must be followed by the name of a query/,
					problem,
				);
			},
		),
		runs,
	);
});

/**
 * Table expressions that reach beyond Halo's own data or hold locks (issue 26), each with the
 * word its refusal must name. The test's own list, not the guard's.
 */
const reaches = [
	['Faults WITH (TABLOCKX)', 'TABLOCKX'],
	['Faults WITH (NOLOCK, HOLDLOCK)', 'HOLDLOCK'],
	['Faults (XLOCK)', 'XLOCK'],
	['Faults (UPDLOCK)', 'UPDLOCK'],
	['Faults WITH (INDEX(0))', 'table hint'],
	['master.sys.sql_logins', '3 parts'],
	['OtherDb..Faults', '3 parts'],
	['LinkedHalo.HaloDb.dbo.Faults', '4 parts'],
	['[Linked].[Db].[dbo].[Faults]', '4 parts'],
	['sys.dm_exec_sessions', 'SYS.DM_EXEC_SESSIONS'],
	['sysprocesses', 'SYSPROCESSES'],
	[
		"sys.fn_get_audit_file('\\\\evil\\share\\*.sqlaudit', DEFAULT, DEFAULT)",
		'SYS.FN_GET_AUDIT_FILE',
	],
	[
		"sys.fn_xe_file_target_read_file('C:\\x\\*.xel', NULL, NULL, NULL)",
		'SYS.FN_XE_FILE_TARGET_READ_FILE',
	],
	["fn_trace_gettable('\\\\evil\\share\\x.trc', DEFAULT)", 'FN_TRACE_GETTABLE('],
	["::fn_trace_gettable('x.trc', 1)", '::'],
	['INFORMATION_SCHEMA.ROUTINES', 'INFORMATION_SCHEMA.ROUTINES'],
];

test('Putting a lock hint, a system object or another database in place of a generated query’s table is always refused, naming it (property)', () => {
	fc.assert(
		fc.property(
			joinedArb,
			fc.constantFrom(...reaches),
			fc.boolean(),
			({ tokens, spaces }, [reach, named], lower) => {
				const at = tokens.indexOf('FROM') + 1;
				const table = lower ? reach.toLowerCase() : reach;
				const spliced = tokens
					.map((token, index) => (index ? spaces[index] : '') + (index === at ? table : token))
					.join('');
				const problem = sqlProblem(spliced);
				assert.ok(problem, `not refused: ${JSON.stringify(spliced)}`);
				assert.ok(problem.includes(named), `${JSON.stringify(spliced)}\n  said: ${problem}`);
			},
		),
		runs,
	);
});
